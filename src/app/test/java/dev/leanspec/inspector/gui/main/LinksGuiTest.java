package dev.leanspec.inspector.gui.main;

import static dev.leanspec.inspector.testing.Windows.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.chat.ConversationsViewModel;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.sessions.SessionListViewModel;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.runners.Runner;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;
import dev.leanspec.inspector.testing.Windows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
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
 * Links in the window, on the files LeanSpec 0.2.24 and 0.2.28 wrote: a session's spec link narrows
 * the list (said by the Spec button, which clears it), its runner link opens the Runners tab on
 * that runner, its project's chats and a chat's project's sessions go between sessions.db and
 * chat.db, and Alt+Left comes back.
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
        Windows.waitUntilUnchanged(file.getParent(), before);
    }

    @Test
    void aSessionsProjectListsItsChatsInTheOpenChatDbAndAChatsProjectItsSessions(FxRobot robot) throws Exception {
        // LeanSpec 0.2.24's own pair where it keeps them, and its registry naming the sessions' folder lean-spec.
        Path home = dir.resolve("home-0.2.24");
        Path sessionsDb = RealFixtures.copy("leanspec-0.2.24/sessions.db", home.resolve(".lean-spec"));
        Path chatDb = RealFixtures.copy("leanspec-0.2.24/chat.db", home.resolve(".local/share/lean-spec"));
        String folder = "/tmp/tmp.6fUldfHhtU/home-0.2.24/proj";
        Files.writeString(home.resolve(".lean-spec/projects.json"), "{\"projects\": [{\"id\": \"lean-spec\", \"name\": \"proj\", \"path\": \""
                + folder + "\", \"specsDir\": \"" + folder + "/specs\"}]}");
        Map<String, String> before = FileBytes.folder(sessionsDb.getParent());
        Map<String, String> chatBefore = FileBytes.folder(chatDb.getParent());
        robot.interact(() -> model.openAtStart(List.of(), LeanSpecPaths.of(home, Map.of("HOME", home.toString()), "Linux")));
        waitUntil(() -> model.files().size() == 2);
        OpenFileViewModel sessionsFile = model.files().stream().filter(f -> f.location().equals(Location.of(sessionsDb))).findFirst().orElseThrow();
        OpenFileViewModel chatFile = model.files().stream().filter(f -> f.location().equals(Location.of(chatDb))).findFirst().orElseThrow();
        waitUntil(() -> sessionsFile.browsableProperty().get() && chatFile.browsableProperty().get());

        // A session's Details: "its chats" goes to chat.db's Chats tab, narrowed to lean-spec.
        robot.interact(() -> model.follow(new Link.Session(sessionsFile.location(), "a42e72f6-2d44-4d18-8c46-73ef4ce9967f")));
        TabPane tabs = Windows.visible(robot, "#session-tabs");
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getId().equals("tab-details")).findFirst().orElseThrow()));
        Windows.visible(robot, "#link-project-chats");
        robot.clickOn("#link-project-chats");
        waitUntil(() -> model.selectedProperty().get() == chatFile);
        TableView<Conversation> chats = Windows.visible(robot, "#conversations-table");
        ConversationsViewModel conversations = chatFile.conversations().orElseThrow();
        waitUntil(() -> "lean-spec".equals(conversations.projectProperty().get()) && chats.getItems().size() == 2
                && chats.getItems().stream().allMatch(c -> c.projectId().equals("lean-spec")));

        // A chat's "Project: lean-spec" goes back to sessions.db, narrowed to the registry's folder.
        robot.interact(() -> chats.getSelectionModel().clearAndSelect(0));
        Hyperlink project = Windows.visible(robot, "#link-conversation-project");
        waitUntil(() -> project.getText().equals("Project: lean-spec"));
        robot.clickOn(project);
        waitUntil(() -> model.selectedProperty().get() == sessionsFile);
        SessionListViewModel list = sessionsFile.sessions().orElseThrow().list();
        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> folder.equals(list.projectProperty().get()) && sessions.getItems().size() == 6);

        // Alt+Left: back to the chats, twice: the session's Details.
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        waitUntil(() -> model.selectedProperty().get() == chatFile);

        robot.interact(() -> model.closeAll());
        Windows.waitUntilUnchanged(sessionsDb.getParent(), before);
        Windows.waitUntilUnchanged(chatDb.getParent(), chatBefore);
    }
}
