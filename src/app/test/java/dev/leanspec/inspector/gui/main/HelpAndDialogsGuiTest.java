package dev.leanspec.inspector.gui.main;

import static dev.leanspec.inspector.testing.Windows.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.InspectorApp;
import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.testing.Windows;

import java.nio.file.Path;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Help ▸ User Guide, the shortcuts and the app's dialogs: what they show, where, and how they close. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class HelpAndDialogsGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;
    private Stage main;

    @Start
    void start(Stage stage) {
        main = stage;
        model = new MainViewModel(FxTaskRunner::new, new FxDialogService(stage), Settings.inMemory(), dir.resolve("data"));
        stage.setScene(InspectorApp.scene(model, stage::close));
        stage.setWidth(1024);
        stage.setHeight(768);
        stage.show();
    }

    @Test
    void theUserGuideIsTheUsersFitsTheWindowAndClosesOnEscape(FxRobot robot) throws Exception {
        robot.interact(model::userGuide);
        Node guide = Windows.visible(robot, "#document");
        Window window = guide.getScene().getWindow();
        eventually(() -> {
            String shown = texts(guide);
            assertThat(shown).contains("LeanSpec Inspector — User Guide").contains("The tabs of a file").doesNotContain("toolchain");
            assertThat(window.getWidth()).isLessThanOrEqualTo(main.getWidth());
            assertThat(window.getX()).isBetween(main.getX(), main.getX() + main.getWidth() - window.getWidth());
            // Nothing runs off the right edge: the widest text ends inside the window.
            Bounds content = guide.lookup(".scroll-pane > .viewport > *") == null ? null
                    : guide.lookup(".scroll-pane > .viewport > *").getLayoutBounds();
            assertThat(content == null || content.getWidth() <= window.getWidth()).isTrue();
        });

        robot.interact(() -> guide.requestFocus());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        Windows.waitUntil(() -> !window.isShowing());
    }

    /** Every text drawn under {@code node}, in order. */
    private static String texts(Node node) {
        StringBuilder out = new StringBuilder();
        if (node instanceof Text text) {
            out.append(text.getText()).append('\n');
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> out.append(texts(child)));
        }
        return out.toString();
    }

    @Test
    void theShortcutsAreAGridThatNamesF1AndDialogsOpenCentredOnTheWindow(FxRobot robot) throws Exception {
        robot.interact(model::shortcuts);
        GridPane grid = Windows.visible(robot, "#message-dialog .dialog-grid");
        eventually(() -> {
            List<String> firstColumn = grid.getChildren().stream().filter(n -> GridPane.getColumnIndex(n) == 0)
                    .map(n -> ((Label) n).getText()).toList();
            assertThat(firstColumn).contains("Ctrl+O", "F1", "Ctrl+Enter");
            Window dialog = grid.getScene().getWindow();
            double centre = dialog.getX() + dialog.getWidth() / 2;
            assertThat(centre).isCloseTo(main.getX() + main.getWidth() / 2, org.assertj.core.data.Offset.offset(2.0));
            assertThat(dialog.getWidth()).isLessThan(main.getWidth());
        });
        robot.interact(() -> ((Stage) grid.getScene().getWindow()).close());
    }
}
