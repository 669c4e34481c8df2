package dev.leanspec.inspector.gui.search;

import static dev.leanspec.inspector.testing.Windows.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.search.SearchHit;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionEvent;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javafx.scene.control.ListView;
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
 * The window's search on the leanspec.db LeanSpec 0.2.28 wrote: type, see the hits, open one on
 * its session's Conversation tab with the matching entry marked, open another, and Back returns.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SearchGuiTest {

    private static final String ACP_SESSION = "d7843e56-8aaa-433b-a73d-9c4ced26ced6";

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"));
    }

    @Test
    void typeSeeHitsOpenOneAndGoBack(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        Map<String, String> before = FileBytes.folder(file.getParent());
        Windows.open(robot, model, file, "tab-sessions");
        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == 8);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#search-field").query().isFocused());
        robot.write("usage section");
        ListView<SearchHit> hits = Windows.visible(robot, "#search-hits");
        // The first search reads the file through while its index is built, then asks the index.
        waitUntil(() -> hits.getItems().size() == 2 && !model.search().busyProperty().get()
                && model.search().statusProperty().get().equals("2 found in 1 file"));
        assertThat(hits.getItems()).extracting(SearchHit::where).containsOnly("message");
        waitUntil(() -> !model.search().buildingProperty().get());

        // Enter opens the first hit: its session alone in the list, selected, on its Conversation, the entry marked.
        robot.type(KeyCode.ENTER);
        TabPane sessionTabs = Windows.present(robot, "#session-tabs");
        waitUntil(() -> sessions.getItems().size() == 1 && sessions.getSelectionModel().getSelectedItem() != null
                && sessions.getSelectionModel().getSelectedItem().id().equals(ACP_SESSION)
                && "tab-conversation".equals(sessionTabs.getSelectionModel().getSelectedItem().getId()));
        ListView<Entry> conversation = Windows.visible(robot, "#session-conversation");
        waitUntil(() -> conversation.getSelectionModel().getSelectedItem() instanceof Entry.Message message
                && message.text().contains("Usage") && !robot.lookup("#session-conversation .search-hit").queryAll().isEmpty());

        // Another hit of the same session, a thought; then Back returns to the message.
        robot.interact(() -> model.search().textProperty().set("Then the README"));
        robot.interact(() -> model.search().search());
        waitUntil(() -> !hits.getItems().isEmpty() && hits.getItems().getFirst().where().equals("thought") && !model.search().busyProperty().get());
        robot.interact(() -> model.search().open(hits.getItems().getFirst()));
        waitUntil(() -> conversation.getSelectionModel().getSelectedItem() instanceof Entry.Thought);
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        waitUntil(() -> conversation.getSelectionModel().getSelectedItem() instanceof Entry.Message message && message.text().contains("Usage"));

        // A chat's message: the Conversations tab, the conversation's row selected, its messages shown.
        robot.interact(() -> model.search().textProperty().set("delete the old"));
        robot.interact(() -> model.search().search());
        waitUntil(() -> hits.getItems().size() == 1 && !model.search().busyProperty().get());
        assertThat(hits.getItems().getFirst().kind()).isEqualTo(SearchHit.Kind.CONVERSATION);
        robot.interact(() -> model.search().open(hits.getItems().getFirst()));
        TableView<Conversation> chats = Windows.visible(robot, "#conversations-table");
        waitUntil(() -> chats.getSelectionModel().getSelectedItem() != null
                && chats.getSelectionModel().getSelectedItem().id().equals("d29dad05-cfcc-4ac1-8fa6-dc562f46a544"));

        // An event's data (LeanSpec 0.2.28 wrote the archived log's path there): the Events tab,
        // that event selected among its session's.
        robot.interact(() -> model.search().textProperty().set("sessions/b1a63c17"));
        robot.interact(() -> model.search().search());
        waitUntil(() -> hits.getItems().size() == 1 && !model.search().busyProperty().get());
        assertThat(hits.getItems().getFirst().where()).isEqualTo("event");
        assertThat(hits.getItems().getFirst().logId()).isEqualTo(7);
        robot.interact(() -> model.search().open(hits.getItems().getFirst()));
        waitUntil(() -> sessions.getSelectionModel().getSelectedItem() != null
                && sessions.getSelectionModel().getSelectedItem().id().startsWith("b1a63c17")
                && "tab-events".equals(sessionTabs.getSelectionModel().getSelectedItem().getId()));
        ListView<SessionEvent> events = Windows.visible(robot, "#session-events");
        waitUntil(() -> events.getItems().size() == 4 && events.getSelectionModel().getSelectedItem() != null);
        assertThat(events.getSelectionModel().getSelectedItem().id()).isEqualTo(7);

        // Words in a block of output (slow-runner's ticks, lines 20-31): the Logs tab, the line
        // that holds them selected (29), not the block's first, and the word highlighted.
        robot.interact(() -> model.search().textProperty().set("tick 7"));
        robot.interact(() -> model.search().search());
        waitUntil(() -> hits.getItems().size() == 1 && !model.search().busyProperty().get());
        robot.interact(() -> model.search().open(hits.getItems().getFirst()));
        waitUntil(() -> "tab-logs".equals(sessionTabs.getSelectionModel().getSelectedItem().getId()));
        ListView<SessionLog> logs = Windows.visible(robot, "#session-logs");
        waitUntil(() -> logs.getSelectionModel().getSelectedItem() != null && logs.getSelectionModel().getSelectedItem().id() == 29);
        assertThat(robot.lookup("#log-find").queryTextInputControl().getText()).isEqualTo("tick");

        // Nothing found says so; Escape empties the field and hides the hits.
        robot.interact(() -> model.search().textProperty().set("no-such-word-anywhere"));
        robot.interact(() -> model.search().search());
        waitUntil(() -> hits.getItems().isEmpty() && model.search().statusProperty().get().equals("Nothing matches in 1 file"));
        robot.clickOn("#search-field").type(KeyCode.ESCAPE);
        waitUntil(() -> !robot.lookup("#search-view").query().isVisible());

        // Closed, the file is as it was: its readers' -wal and -shm (SQLite's, while it is open) are gone.
        robot.interact(() -> model.closeAll());
        Windows.waitUntilUnchanged(file.getParent(), before);
        assertThat(Files.list(dir.resolve("data/cache/search"))).hasSize(1);
    }
}
