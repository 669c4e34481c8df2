package dev.leanspec.inspector.gui.tables;

import static dev.leanspec.inspector.testing.Windows.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.export.RowFormats;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;
import dev.leanspec.inspector.gui.tables.TablesViewModel.Row;
import dev.leanspec.inspector.persistence.raw.TableInfo;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Tables tab on a real leanspec.db: sort by SQLite, a column's filter, the cell viewer's JSON, copy and export. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TablesGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"));
    }

    @Test
    void sortFilterViewCopyAndExportWithoutChangingTheFile(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/as-left/leanspec.db", dir.resolve("files"));
        Map<String, String> before = FileBytes.folder(file.getParent());
        Windows.Opened opened = Windows.open(robot, model, file, "tab-tables");
        OpenFileViewModel open = opened.file();
        TablesViewModel tables = open.tables();
        waitUntil(() -> tables.tables().stream().anyMatch(t -> t.name().equals("runners")));

        ListView<TableInfo> list = Windows.visible(robot, "#table-list");
        TableView<Row> empty = Windows.visible(robot, "#raw-table");
        eventually(() -> assertThat(((Label) empty.getPlaceholder()).getText()).isEqualTo("Select a table on the left to see its rows."));
        robot.interact(() -> list.getSelectionModel().select(tables.tables().stream().filter(t -> t.name().equals("runners")).findFirst().orElseThrow()));
        TableView<Row> grid = Windows.visible(robot, "#raw-table");
        waitUntil(() -> tables.totalProperty().get().equals("5 rows"));

        // A header's sort is SQLite's: descending by id.
        TableColumn<Row, ?> id = grid.getColumns().stream().filter(c -> c.getUserData().equals(tables.selectedProperty().get().columns().indexOf("runner_id")))
                .findFirst().orElseThrow();
        robot.interact(() -> {
            id.setSortType(TableColumn.SortType.DESCENDING);
            grid.getSortOrder().setAll(id);
        });
        waitUntil(() -> tables.queryProperty().get().sortColumn() != null && grid.getItems().size() == 5 && grid.getItems().getFirst() != null);
        int idIndex = tables.selectedProperty().get().columns().indexOf("runner_id");
        eventually(() -> assertThat(grid.getItems()).doesNotContainNull()
                .extracting(r -> (String) r.values().get(idIndex)).isSortedAccordingTo(Comparator.reverseOrder()));

        // The filter under a header narrows the rows as you type.
        waitUntil(() -> runnerIdFilter(robot).isPresent());
        TextField filter = runnerIdFilter(robot).orElseThrow();
        robot.interact(() -> filter.setText("acp"));
        waitUntil(() -> tables.totalProperty().get().equals("1 row"));

        // The cell viewer reads the whole value: a runner's config is JSON, pretty and as a tree.
        int config = tables.selectedProperty().get().columns().indexOf("config_json");
        waitUntil(() -> grid.getItems().size() == 1 && grid.getItems().getFirst() != null);
        robot.interact(() -> tables.view(grid.getItems().getFirst(), config));
        waitUntil(() -> tables.cellProperty().get() != null);
        TextArea json = Windows.visible(robot, "#cell-json");
        eventually(() -> assertThat(json.getText()).contains("\"protocol\" : \"acp\""));

        // A filter that leaves the row out empties the viewer; clearing it shows the rows again.
        robot.interact(() -> filter.setText("no such runner"));
        waitUntil(() -> tables.totalProperty().get().equals("0 rows"));
        eventually(() -> assertThat(tables.cellProperty().get()).isNull());
        robot.interact(() -> filter.setText("acp"));
        waitUntil(() -> tables.totalProperty().get().equals("1 row") && grid.getItems().size() == 1 && grid.getItems().getFirst() != null);

        // Copy of the row, whole, as CSV.
        String[] copied = new String[1];
        robot.interact(() -> tables.copy(grid.getItems(), RowFormats.Format.CSV, text -> copied[0] = text));
        waitUntil(() -> copied[0] != null);
        assertThat(copied[0]).startsWith(String.join(",", tables.selectedProperty().get().columns())).contains("acp-agent");

        // Export of what the filters match: an SQL dump.
        Path dump = dir.resolve("runners.sql");
        robot.interact(() -> tables.export(dump));
        eventually(() -> assertThat(dump).exists());
        eventually(() -> assertThat(Files.readString(dump)).contains("CREATE TABLE IF NOT EXISTS").contains("INSERT INTO \"runners\"").endsWith("COMMIT;\n")
                .containsOnlyOnce("INSERT INTO"));

        robot.interact(() -> model.close(open));
        waitUntil(() -> model.files().isEmpty());
        eventually(() -> assertThat(FileBytes.folder(file.getParent())).isEqualTo(before));
    }

    private static Optional<TextField> runnerIdFilter(FxRobot robot) {
        return robot.lookup(".column-filter").queryAllAs(TextField.class).stream()
                .filter(f -> f.getParent().getChildrenUnmodifiable().getFirst() instanceof Label l && l.getText().equals("runner_id"))
                .findFirst();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        Windows.waitUntil(condition);
    }
}
