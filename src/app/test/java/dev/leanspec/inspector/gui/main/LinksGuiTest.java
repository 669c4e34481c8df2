package dev.leanspec.inspector.gui.main;

import static dev.leanspec.inspector.testing.Windows.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.runners.Runner;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;
import dev.leanspec.inspector.testing.Windows;

import java.nio.file.Path;
import java.util.Map;

import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Links in the window, on the leanspec.db LeanSpec 0.2.28 wrote: a session's spec link narrows
 * the list (said by the Spec button, which clears it), its runner link opens the Runners tab on
 * that runner, and Alt+Left comes back.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class LinksGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"));
    }

    @Test
    void clickASpecThenTheRunnerThenGoBack(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        Map<String, String> before = FileBytes.folder(file.getParent());
        Windows.open(robot, model, file, "tab-sessions");
        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == 8);

        // The session LeanSpec ran on two specs: its Details tab links both, its runner and its project.
        int twoSpecs = sessions.getItems().stream().map(Session::id).toList().indexOf("b1a63c17-1474-4527-a1ec-8f2c6a6159bd");
        robot.interact(() -> sessions.getSelectionModel().clearAndSelect(twoSpecs));
        TabPane tabs = Windows.present(robot, "#session-tabs");
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getId().equals("tab-details")).findFirst().orElseThrow()));
        waitUntil(() -> robot.lookup("#link-spec-1").tryQuery().isPresent());
        robot.clickOn("#link-spec-1");
        Button spec = Windows.visible(robot, "#spec-filter");
        waitUntil(() -> sessions.getItems().size() == 1 && spec.getText().startsWith("Spec: 002-second"));

        // The row stays selected (it is the spec's one session): its runner opens in Runners.
        waitUntil(() -> sessions.getSelectionModel().getSelectedItem() != null);
        robot.clickOn("#link-runner");
        TableView<Runner> runners = Windows.visible(robot, "#runners-table");
        waitUntil(() -> runners.getSelectionModel().getSelectedItem() != null
                && runners.getSelectionModel().getSelectedItem().id().equals("ok-runner"));

        // Alt+Left: back to the spec's sessions, on the Sessions tab.
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        waitUntil(() -> robot.lookup("#sessions-table").tryQuery().map(n -> n.isVisible()).orElse(false)
                && sessions.getItems().size() == 1 && spec.isVisible());

        // The Spec button clears the spec: all eight again.
        robot.clickOn("#spec-filter");
        waitUntil(() -> sessions.getItems().size() == 8 && !spec.isVisible());

        robot.interact(() -> model.closeAll());
        waitUntil(() -> {
            try {
                return FileBytes.folder(file.getParent()).equals(before);
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }
}
