package dev.leanspec.inspector.gui.console;

import static dev.leanspec.inspector.testing.Windows.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;
import dev.leanspec.inspector.gui.main.Settings;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The SQL tab on a real leanspec.db, driven by the keyboard: Ctrl+Enter runs the statement at the
 * caret, a write is refused in red before it runs, Stop cancels a runaway query, the statements
 * are remembered, and no byte of the file changes.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ConsoleGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;
    private final Settings settings = Settings.inMemory();

    @Start
    void start(Stage stage) {
        model = new MainViewModel(FxTaskRunner::new, new FxDialogService(stage), settings, dir.resolve("data"));
        stage.setScene(dev.leanspec.inspector.gui.InspectorApp.scene(model, stage::close));
        stage.show();
    }

    @Test
    void runsReadsRefusesWritesStopsAndRemembers(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/as-left/leanspec.db", dir.resolve("files"));
        Map<String, String> before = FileBytes.folder(file.getParent());
        Windows.Opened opened = Windows.open(robot, model, file, "tab-sql");
        OpenFileViewModel open = opened.file();
        CodeArea editor = Windows.visible(robot, "#sql-editor");
        TableView<?> notRun = Windows.present(robot, "#console-result");
        assertThat(((Label) notRun.getPlaceholder()).getText()).isEqualTo("Run a statement (Ctrl+Enter) to see its rows here.");
        ConsoleViewModel console = open.console();

        // Two statements; the caret in the second runs the second.
        String text = "SELECT count(*) AS n FROM session_logs;\nSELECT id, runner FROM sessions ORDER BY id";
        robot.interact(() -> {
            editor.replaceText(text);
            editor.moveTo(text.length());
            // Ctrl+Enter as the editor receives it (a headless stage need not have the keyboard focus).
            editor.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER,
                    false, true, false, false));
        });
        TableView<List<Object>> result = Windows.visible(robot, "#console-result");
        waitUntil(() -> result.getItems().size() == 8);
        eventually(() -> assertThat(result.getColumns()).extracting(c -> c.getText()).containsExactly("id", "runner"));
        waitUntil(() -> console.totalProperty().get().equals("8 rows"));
        eventually(() -> assertThat(console.messageProperty().get()).matches("8 rows in \\d+ ms\\."));

        // A write is refused before it runs, in red, with why.
        robot.interact(() -> editor.replaceText("DELETE FROM sessions"));
        press(robot, "#console-run");
        Label message = Windows.present(robot, "#console-message");
        waitUntil(() -> console.failedProperty().get());
        eventually(() -> {
            assertThat(message.getText()).contains("DELETE").contains("read-only");
            assertThat(message.getStyleClass()).contains("console-error");
        });

        // A runaway query stops on Stop.
        robot.interact(() -> editor.replaceText("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"));
        press(robot, "#console-run");
        waitUntil(() -> console.runningProperty().get());
        Thread.sleep(300);
        press(robot, "#console-stop");
        waitUntil(() -> !console.runningProperty().get());
        eventually(() -> assertThat(console.messageProperty().get()).isEqualTo("Stopped."));
        // The console is usable again at once.
        robot.interact(() -> editor.replaceText("SELECT 42 AS answer"));
        press(robot, "#console-run");
        waitUntil(() -> result.getItems().size() == 1 && result.getItems().getFirst() != null
                && result.getItems().getFirst().getFirst().equals(42));

        // The statements that ran are remembered (newest first), the refused one is not.
        eventually(() -> assertThat(settings.queryHistory()).first().isEqualTo("SELECT 42 AS answer"));
        assertThat(settings.queryHistory()).contains("SELECT id, runner FROM sessions ORDER BY id").doesNotContain("DELETE FROM sessions");

        robot.interact(() -> model.close(open));
        waitUntil(() -> model.files().isEmpty());
        eventually(() -> assertThat(FileBytes.folder(file.getParent())).isEqualTo(before));
    }

    /** Presses a button as a click does (a headless stage's pointer is not what is tested here). */
    private static void press(FxRobot robot, String id) {
        javafx.scene.control.Button button = robot.lookup(id).queryButton();
        assertThat(button.isDisabled()).as(id + " enabled").isFalse();
        robot.interact(button::fire);
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        Windows.waitUntil(condition);
    }
}
