package dev.leanspec.inspector.gui.common;

import static dev.leanspec.inspector.testing.Windows.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A table over a million rows through a window of them: what the user sees and does (the scroll
 * bar spans the list, the ends are the list's, the selection survives the window moving) on a
 * real window.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class WindowedTableTest {

    private static final int ROWS = 1_000_000;

    private final Rows rows = new Rows();
    private WindowedTable<String> windowed;
    private ScrollBar bar;
    private Scene scene;

    @Start
    void start(Stage stage) {
        windowed = new WindowedTable<>(rows);
        TableColumn<String, String> column = PagedTables.column("Row", 200, row -> row);
        windowed.table().getColumns().add(column);
        scene = new Scene(new javafx.scene.layout.StackPane(windowed), 400, 300);
        stage.setScene(scene);
        stage.show();
        bar = (ScrollBar) windowed.lookup(".windowed-bar");
    }

    @Test
    void theScrollBarSpansTheWholeListWhileTheTableHoldsAWindowOfIt(FxRobot robot) throws Exception {
        assertThat(windowed.table().getItems()).hasSize(WindowedTable.WINDOW);
        waitUntil(() -> bar.isVisible() && bar.getMax() > ROWS - 20);
        // A screen of a million rows is a hair's breadth: the thumb is made long enough to grab.
        waitUntil(() -> bar.lookup(".thumb").getLayoutBounds().getHeight() >= 20);

        robot.interact(() -> windowed.scrollTo(ROWS - 1));
        waitUntil(() -> drawn(robot, "row 999999"));
        assertThat(windowed.table().getItems().getLast()).isEqualTo("row 999999");
        assertThat(bar.getValue()).isEqualTo(bar.getMax());

        robot.interact(() -> windowed.scrollTo(500_000));
        waitUntil(() -> drawn(robot, "row 500000"));
        assertThat(windowed.table().getItems()).hasSize(WindowedTable.WINDOW).contains("row 500000");
        assertThat(bar.getValue()).isEqualTo(500_000.0);
    }

    @Test
    void draggingTheThumbToTheBottomShowsTheLastRows(FxRobot robot) throws Exception {
        waitUntil(() -> bar.isVisible() && bar.getMax() > 0);
        Node thumb = bar.lookup(".thumb");
        Bounds track = bar.lookup(".track").localToScreen(bar.lookup(".track").getLayoutBounds());
        robot.drag(thumb, MouseButton.PRIMARY).moveTo(robot.point(track.getCenterX(), track.getMaxY() + 40)).release(MouseButton.PRIMARY);
        waitUntil(() -> drawn(robot, "row 999999"));
        assertThat(bar.getValue()).isEqualTo(bar.getMax());
    }

    @Test
    void theWheelScrollsTheTableAndTheBarFollowsPastTheWindowsEnd(FxRobot robot) throws Exception {
        // A little above where the window moves (a quarter of it from its end).
        int start = WindowedTable.WINDOW * 3 / 4 - 20;
        robot.interact(() -> windowed.scrollTo(start));
        waitUntil(() -> drawn(robot, "row " + start));
        assertThat(windowed.table().getItems().getFirst()).isEqualTo("row 0");
        robot.moveTo(windowed.table());
        // TestFX's UP is the wheel turned towards the user, which scrolls down.
        robot.scroll(40, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> bar.getValue() > start + 20);
        int top = (int) bar.getValue();
        waitUntil(() -> drawn(robot, "row " + top));
        assertThat(windowed.table().getItems()).as("the window moved on").contains("row " + (WindowedTable.WINDOW + 500));
    }

    @Test
    void theSelectionStaysOnItsRowWhileTheWindowIsElsewhere(FxRobot robot) throws Exception {
        robot.interact(() -> windowed.select(10));
        assertThat(windowed.table().getSelectionModel().getSelectedItem()).isEqualTo("row 10");

        robot.interact(() -> windowed.scrollTo(700_000));
        waitUntil(() -> drawn(robot, "row 700000"));
        assertThat(windowed.selectedIndex()).isEqualTo(10);
        assertThat(windowed.table().getSelectionModel().getSelectedItem()).as("no row of the window is selected").isNull();

        // An arrow key goes on from the selection, as in a table scrolled away from it.
        robot.interact(windowed.table()::requestFocus);
        robot.type(KeyCode.DOWN);
        waitUntil(() -> windowed.selectedIndex() == 11);
        assertThat(windowed.table().getSelectionModel().getSelectedItem()).isEqualTo("row 11");
        waitUntil(() -> drawn(robot, "row 11"));
    }

    @Test
    void endAndHomeGoToTheListsEnds(FxRobot robot) throws Exception {
        robot.interact(windowed.table()::requestFocus);
        robot.type(KeyCode.END);
        waitUntil(() -> windowed.selectedIndex() == ROWS - 1);
        assertThat(windowed.table().getSelectionModel().getSelectedItem()).isEqualTo("row 999999");
        waitUntil(() -> drawn(robot, "row 999999"));

        robot.type(KeyCode.HOME);
        waitUntil(() -> windowed.selectedIndex() == 0);
        assertThat(windowed.table().getSelectionModel().getSelectedItem()).isEqualTo("row 0");
        waitUntil(() -> drawn(robot, "row 0"));
    }

    @Test
    void aListThatGrowsOrStartsOverIsFollowed(FxRobot robot) throws Exception {
        ObservableList<String> small = FXCollections.observableArrayList();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add("small " + i);
        }
        WindowedTable<String>[] table = new WindowedTable[1];
        robot.interact(() -> {
            small.setAll(first);
            table[0] = new WindowedTable<>(small);
            table[0].table().getColumns().add(PagedTables.column("Row", 200, row -> row));
            scene.setRoot(new javafx.scene.layout.StackPane(table[0]));
        });
        assertThat(table[0].table().getItems()).containsExactlyElementsOf(first);

        // Pages arriving at the end: the window is the list while it is shorter.
        robot.interact(() -> {
            for (int i = 50; i < 5_000; i++) {
                small.add("small " + i);
            }
        });
        assertThat(table[0].table().getItems()).hasSize(WindowedTable.WINDOW).startsWith("small 0");

        // Scrolled down, then a new query: the list starts over at its top.
        robot.interact(() -> table[0].scrollTo(4_990));
        assertThat(table[0].table().getItems()).contains("small 4999");
        robot.interact(() -> small.setAll("again 0", "again 1"));
        assertThat(table[0].table().getItems()).containsExactly("again 0", "again 1");
        waitUntil(() -> drawn(robot, "again 1"));
    }

    /** Whether a cell showing {@code text} is drawn inside the table's viewport. */
    private boolean drawn(FxRobot robot, String text) {
        Bounds view = scene.getRoot().localToScreen(scene.getRoot().getLayoutBounds());
        return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .anyMatch(cell -> cell.isVisible() && text.equals(cell.getText()) && cell.getParent() != null && cell.getParent().isVisible()
                        && view.contains(cell.localToScreen(cell.getLayoutBounds()).getCenterX(), cell.localToScreen(cell.getLayoutBounds()).getCenterY()));
    }

    /** A million rows, made as they are read. */
    private static final class Rows extends ObservableListBase<String> {
        @Override
        public String get(int index) {
            java.util.Objects.checkIndex(index, ROWS);
            return "row " + index;
        }

        @Override
        public int size() {
            return ROWS;
        }
    }
}
