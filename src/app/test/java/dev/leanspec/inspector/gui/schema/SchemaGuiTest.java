package dev.leanspec.inspector.gui.schema;

import static dev.leanspec.inspector.testing.Windows.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;
import dev.leanspec.inspector.persistence.raw.SchemaObject;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.shape.Polyline;
import javafx.stage.Stage;

import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Schema tab on a real leanspec.db: the tree with sizes, a table's DDL, columns, keys and count, the file's pragmas and check. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SchemaGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"));
    }

    @Test
    void showsTheStructureOfARealFileWithoutChangingIt(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/as-left/leanspec.db", dir.resolve("files"));
        Map<String, String> before = FileBytes.folder(file.getParent());
        Windows.Opened opened = Windows.open(robot, model, file, "tab-schema");
        OpenFileViewModel open = opened.file();

        SchemaViewModel facts = open.schema();
        waitUntil(() -> facts.objects().size() > 20 && facts.sizes().containsKey("session_logs") && facts.pragmasProperty().get() != null);
        TreeView<Object> tree = Windows.visible(robot, "#schema-tree");
        eventually(() -> assertThat(tree.getRoot().getChildren()).extracting(item -> String.valueOf(item.getValue()))
                .contains("Tables (11)").anyMatch(label -> label.startsWith("Indexes (")));
        GridPane pragmas = Windows.visible(robot, "#schema-pragmas");
        eventually(() -> assertThat(pragmas.getChildren())
                .anyMatch(node -> node instanceof Label label && label.getText().equals("wal")));
        robot.interact(() -> robot.lookup("#schema-integrity").queryButton().fire());
        waitUntil(() -> facts.integrityProperty().get().equals("ok"));

        TreeItem<Object> logs = tree.getRoot().getChildren().stream().flatMap(group -> group.getChildren().stream())
                .filter(item -> item.getValue() instanceof SchemaObject o && o.name().equals("session_logs")).findFirst().orElseThrow();
        robot.interact(() -> tree.getSelectionModel().select(logs));
        eventually(() -> {
            assertThat(robot.lookup("#schema-facts").queryAs(Label.class).getText()).contains("rows").contains("table").contains("KB on disk");
            assertThat(robot.lookup("#schema-ddl").queryAs(CodeArea.class).getText()).startsWith("CREATE TABLE session_logs");
            assertThat(robot.lookup("#schema-columns").queryAs(TableView.class).getItems()).hasSize(5);
            assertThat(robot.lookup("#schema-foreign-keys").queryAs(TableView.class).getItems()).hasSize(1);
        });

        // The diagram: a box per table, an arrow per foreign key, savable as a PNG.
        TreeItem<Object> diagramItem = tree.getRoot().getChildren().get(1);
        robot.interact(() -> tree.getSelectionModel().select(diagramItem));
        SchemaDiagram diagram = Windows.visible(robot, "#schema-diagram");
        long tablesDrawn = facts.objects().stream().filter(o -> o.type().equals("table") && !o.name().startsWith("sqlite_")).count();
        eventually(() -> assertThat(diagram.lookupAll(".schema-box")).hasSize((int) tablesDrawn));
        long keys = facts.objects().stream().mapToLong(o -> o.foreignKeys().size()).sum();
        waitUntil(() -> diagram.lookupAll(".schema-arrow").size() == keys);
        // No arrow runs through a table's box: each goes around them, through the gaps.
        eventually(() -> {
            List<Bounds> boxes = diagram.lookupAll(".schema-box").stream().map(Node::getBoundsInParent).toList();
            for (Node arrow : diagram.lookupAll(".schema-arrow")) {
                List<Double> points = ((Polyline) arrow).getPoints();
                for (int i = 0; i + 3 < points.size(); i += 2) {
                    double x1 = points.get(i), y1 = points.get(i + 1), x2 = points.get(i + 2), y2 = points.get(i + 3);
                    for (Bounds box : boxes) {
                        // Shrunk by 2 px: a line may start on or end at a box's edge.
                        boolean crosses = Math.max(x1, x2) > box.getMinX() + 2 && Math.min(x1, x2) < box.getMaxX() - 2
                                && Math.max(y1, y2) > box.getMinY() + 2 && Math.min(y1, y2) < box.getMaxY() - 2;
                        assertThat(crosses).as(arrow.getUserData() + " segment " + i / 2 + " through a box at " + box).isFalse();
                    }
                }
            }
        });
        Path png = dir.resolve("diagram.png");
        robot.interact(() -> {
            try {
                diagram.savePng(png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] header = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(png), 8);
        assertThat(header).containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);

        robot.interact(() -> model.close(open));
        waitUntil(() -> model.files().isEmpty());
        eventually(() -> assertThat(FileBytes.folder(file.getParent())).isEqualTo(before));
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        Windows.waitUntil(condition);
    }
}
