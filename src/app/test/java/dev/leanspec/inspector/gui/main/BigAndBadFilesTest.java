package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.persistence.Location;
import static dev.leanspec.inspector.testing.Windows.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.gui.common.WindowedTable;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.FileBytes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window on a big table (paged as it scrolls), on a file that is no database, and on raw tables. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class BigAndBadFilesTest {

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"));
    }

    @Test
    void aBigSessionsTableLoadsPagesAsItScrollsAndCountsInTheBackground(FxRobot robot) throws Exception {
        TableView<Session> table = openSessions(robot, "big", 11L, 1_200);
        // Counted in the background: then the table has every row, and reads the pages it draws.
        waitUntil(() -> "1,200 sessions".equals(model.files().get(0).sessions().orElseThrow().list().totalProperty().get()));
        waitUntil(() -> table.getItems().size() == 1_200 && table.getItems().get(0) != null);
        // The rows are drawn, not just loaded: a file opened already migrated once showed a blank table.
        String firstId = dev.leanspec.inspector.gui.common.Formats.shortId(table.getItems().get(0).id());
        waitUntil(() -> robot.lookup(".table-cell").match(Node::isVisible)
                .match(org.testfx.matcher.control.LabeledMatchers.hasText(firstId)).tryQuery().isPresent());

        // A jump to the end reads the last page only; scrolling back through reads the rest.
        robot.interact(() -> table.scrollTo(1_199));
        waitUntil(() -> table.getItems().get(1_199) != null);
        assertThat(table.getItems().get(600)).isNull();
        for (int row = 1_199; row >= 0; row -= 20) {
            int target = row;
            robot.interact(() -> table.scrollTo(target));
        }
        waitUntil(() -> table.getItems().stream().allMatch(java.util.Objects::nonNull));
        assertThat(table.getItems().stream().map(Session::id).distinct()).hasSize(1_200);

        // The Tables tab reads the same file raw.
        robot.interact(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).forEach(pane -> pane.getTabs().stream()
                .filter(tab -> "tab-tables".equals(tab.getId())).forEach(tab -> pane.getSelectionModel().select(tab))));
        waitUntil(() -> !model.files().get(0).tables().tables().isEmpty());
        robot.interact(() -> model.files().get(0).tables().select(model.files().get(0).tables().tables().stream()
                .filter(t -> t.name().equals("session_logs")).findFirst().orElseThrow()));
        waitUntil(() -> model.files().get(0).tables().rows().size() > 500 && model.files().get(0).tables().rows().get(0) != null);
    }

    @Test
    void theSelectedSessionStaysSelectedWhileTheTableScrollsFarFromIt(FxRobot robot) throws Exception {
        // More rows than the list holds (24 pages of 200) and than the table holds at once (its
        // window): the selected row's page goes, and the window moves past it, as the table
        // scrolls away; neither must take the selection or the detail pane with it.
        TableView<Session> table = openSessions(robot, "longer", 12L, 6_000);
        WindowedTable<?> rows = (WindowedTable<?>) robot.lookup("#sessions-rows").query();
        var sessions = model.files().get(0).sessions().orElseThrow();
        List<Session> all = sessions.list().sessions();
        waitUntil(() -> "6,000 sessions".equals(sessions.list().totalProperty().get()) && all.size() == 6_000);
        assertThat(table.getItems()).as("the table holds a window of the rows").hasSize(WindowedTable.WINDOW);
        robot.interact(() -> table.getSelectionModel().select(0));
        String selected = all.get(0).id();
        waitUntil(() -> sessions.details().detailProperty().get() != null);

        for (int row = 0; row < 6_000; row += 150) {
            int target = row;
            robot.interact(() -> rows.scrollTo(target));
            waitUntil(() -> all.get(target) != null);
        }
        assertThat(all.get(0)).as("the first page was let go").isNull();
        assertThat(table.getItems().getLast()).as("the window moved to the end").isSameAs(all.getLast());

        assertThat(rows.selectedIndex()).isZero();
        var detail = sessions.details().detailProperty().get();
        assertThat(detail).as("the detail pane still shows it").isNotNull();
        assertThat(detail.session().id()).isEqualTo(selected);

        // Back at the top its row is selected again, and the detail pane is not read again.
        robot.interact(() -> rows.scrollTo(0));
        waitUntil(() -> table.getSelectionModel().getSelectedItem() != null);
        assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo(selected);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(sessions.details().detailProperty().get()).isSameAs(detail);

        // End selects the list's last session, not the window's.
        robot.interact(table::requestFocus);
        robot.type(javafx.scene.input.KeyCode.END);
        waitUntil(() -> rows.selectedIndex() == 5_999 && table.getSelectionModel().getSelectedItem() != null);
        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(all.get(5_999));
        waitUntil(() -> sessions.details().detailProperty().get().session().id().equals(all.get(5_999).id()));
    }

    @Test
    void aFileThatIsNoDatabaseGivesADialogNamingItAndIsNotChanged(FxRobot robot) throws Exception {
        Path junk = Files.writeString(dir.resolve("notes.db"), "just some text, certainly not SQLite ".repeat(20));
        String before = FileBytes.sha256(junk);

        robot.interact(() -> model.open(junk));

        waitUntil(() -> robot.lookup("#error-dialog").match(Node::isVisible).tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        String text = (String) dialog.getContent().getUserData();
        assertThat(text).contains(junk.toString()).contains("not a SQLite database");
        assertThat(model.files()).isEmpty();
        assertThat(FileBytes.sha256(junk)).isEqualTo(before);
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    }

    @Test
    void aFileWhoseRowsCannotBeReadOpensOnItsMigrationsWhichSayWhy(FxRobot robot) throws Exception {
        // A sessions table of no shape this build knows: the file opens on its Sessions tab (built
        // first, so that its rows show at once when they can), then turns to Migrations.
        Path file = dev.leanspec.inspector.testing.LegacyFiles.run(Files.createDirectories(dir.resolve("odd")).resolve("sessions.db"),
                "CREATE TABLE sessions (id TEXT);\n");
        String before = FileBytes.sha256(file);

        robot.interact(() -> model.open(file));

        waitUntil(() -> !model.files().isEmpty() && model.files().get(0).migrations().orElseThrow().statusProperty().get() != null);
        waitUntil(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .anyMatch(p -> p.getTabs().stream().anyMatch(t -> "tab-migrations".equals(t.getId()))));
        TabPane tabs = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(p -> p.getTabs().stream().anyMatch(t -> "tab-migrations".equals(t.getId()))).findFirst().orElseThrow();
        waitUntil(() -> "tab-migrations".equals(tabs.getSelectionModel().getSelectedItem().getId()));
        waitUntil(() -> robot.lookup("#migrations-table").match(Node::isVisible).tryQuery().isPresent());
        eventually(() -> assertThat(model.files().get(0).migrations().orElseThrow().problems()).anyMatch(problem -> problem.contains("no column")));

        // Its Sessions tab says why it shows no rows.
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "tab-sessions".equals(t.getId())).findFirst().orElseThrow()));
        Label locked = (Label) visible(robot, "#browse-locked");
        eventually(() -> assertThat(locked.getText()).contains("not one this build can read as sessions"));
        assertThat(FileBytes.sha256(file)).isEqualTo(before);
        robot.interact(() -> model.close(model.files().get(0)));
    }

    /** A migrated demo sessions.db of {@code count} sessions, opened in the window: its sessions table. */
    private TableView<Session> openSessions(FxRobot robot, String folder, long seed, int count) throws Exception {
        Path file = DemoDatabases.write(dir.resolve(folder), seed, count).sessions();
        MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption());
        robot.interact(() -> model.open(file));
        waitUntil(() -> !model.files().isEmpty() && model.files().get(0).browsableProperty().get());
        @SuppressWarnings("unchecked")
        TableView<Session> table = (TableView<Session>) visible(robot, "#sessions-table");
        return table;
    }

    private static Node visible(FxRobot robot, String query) throws TimeoutException {
        waitUntil(() -> robot.lookup(query).match(Node::isVisible).tryQuery().isPresent());
        return robot.lookup(query).match(Node::isVisible).query();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        dev.leanspec.inspector.testing.Windows.waitUntil(condition);
    }

}
