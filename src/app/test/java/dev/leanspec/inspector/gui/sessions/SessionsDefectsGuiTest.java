package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.persistence.Location;
import static dev.leanspec.inspector.testing.Windows.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The defects a new user hit in the Sessions tab, each as it was seen: a free-text filter applies
 * as you type (no Enter), "All projects" reads as such, and Find in the logs highlights every
 * match with "n of m" and moves between them.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SessionsDefectsGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"));
    }

    @Test
    void filtersApplyAsTypedAllProjectsReadsAsSuchAndFindHighlightsMatches(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        robot.interact(() -> model.open(file));
        waitUntil(() -> model.files().size() == 1);
        OpenFileViewModel open = model.files().getFirst();
        waitUntil(() -> open.browsableProperty().get());
        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == 8);

        // Typed, not entered: the list narrows once typing pauses. (The filter bar is laid out after
        // the table fills: until then its fields may sit in the toolbar's overflow.)
        TextField search = Windows.present(robot, "#session-search");
        robot.interact(() -> search.setText("acp-agent"));
        waitUntil(() -> open.sessions().orElseThrow().list().totalProperty().get().equals("2 sessions") && sessions.getItems().size() == 2);
        robot.interact(() -> search.setText(""));
        waitUntil(() -> sessions.getItems().size() == 8);

        // The empty project choice reads "All projects", in the list and once chosen.
        ComboBox<String> project = Windows.present(robot, "#project-filter");
        waitUntil(() -> project.getItems().size() > 1);
        robot.interact(() -> project.setValue(""));
        eventually(() -> assertThat(project.getButtonCell().getText()).isEqualTo("All projects"));

        // Find in the logs: every match highlighted, "1 of n", next moves on.
        Session chatty = sessions.getItems().stream().filter(s -> s.runner().equals("ok-runner") && s.status().value().equals("completed"))
                .findFirst().orElseThrow();
        robot.interact(() -> sessions.getSelectionModel().select(chatty));
        waitUntil(() -> !open.sessions().orElseThrow().logs().logs().isEmpty());
        long expected = open.sessions().orElseThrow().logs().logs().stream().filter(l -> l.message().toLowerCase().contains("ss")).count();
        assertThat(expected).isGreaterThan(1);
        showTab(robot, "tab-logs"); // a tab's content joins the window when the tab is first shown
        TextField find = Windows.present(robot, "#log-find");
        robot.interact(() -> find.setText("SS"));
        Label matches = Windows.present(robot, "#log-matches");
        waitUntil(() -> matches.getText().equals("1 of " + expected));
        ListView<?> console = Windows.present(robot, "#session-logs");
        int first = console.getSelectionModel().getSelectedIndex();
        robot.interact(() -> robot.lookup(".button").queryAllAs(javafx.scene.control.Button.class).stream()
                .filter(b -> "↓".equals(b.getText())).findFirst().orElseThrow().fire());
        waitUntil(() -> matches.getText().equals("2 of " + expected));
        eventually(() -> assertThat(console.getSelectionModel().getSelectedIndex()).isGreaterThan(first));
        assertThat(open.sessions().orElseThrow().logs().logs()).hasSizeGreaterThan((int) expected); // Find highlights; it does not filter
    }

    @Test
    void eventsPageOnWithAButtonAndSayHowManyAreShown(FxRobot robot) throws Exception {
        Path file = dir.resolve("events.db");
        dev.leanspec.inspector.persistence.Timestamp now = dev.leanspec.inspector.persistence.Timestamp.of(java.time.Instant.parse("2026-03-01T00:00:00Z"));
        try (var store = dev.leanspec.inspector.persistence.sessions.SessionStore.open(Location.of(file))) {
            store.insert(dev.leanspec.inspector.persistence.sessions.SessionDetail.of(new Session("busy", "/p", null, "claude",
                    new dev.leanspec.inspector.persistence.sessions.SessionMode("guided"),
                    new dev.leanspec.inspector.persistence.sessions.SessionStatus("running"), null, now, null, null, null, now, now, null)));
        }
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var insert = db.prepareStatement("INSERT INTO session_events (session_id, event_type, timestamp) VALUES ('busy', 'log', ?)")) {
            db.setAutoCommit(false);
            for (int i = 0; i < 1_499; i++) {
                insert.setString(1, now.text());
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        }
        robot.interact(() -> model.open(file));
        waitUntil(() -> model.files().stream().anyMatch(f -> f.file().map(p -> p.getFileName().toString()).filter("events.db"::equals).isPresent()));
        OpenFileViewModel open = model.files().stream().filter(f -> f.file().map(p -> p.getFileName().toString()).filter("events.db"::equals).isPresent()).findFirst().orElseThrow();
        waitUntil(() -> open.browsableProperty().get() && !open.sessions().orElseThrow().list().sessions().isEmpty() && open.sessions().orElseThrow().list().sessions().getFirst() != null);
        robot.interact(() -> open.sessions().orElseThrow().select(open.sessions().orElseThrow().list().sessions().getFirst()));
        showTab(robot, "tab-events");
        waitUntil(() -> robot.lookup("#events-shown").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().equals("1,000 of 1,500 events")));
        javafx.scene.control.Button more = robot.lookup("#events-more").queryAllAs(javafx.scene.control.Button.class).stream()
                .filter(javafx.scene.Node::isVisible).findFirst().orElseThrow();
        robot.interact(more::fire);
        waitUntil(() -> open.sessions().orElseThrow().events().events().size() == 1_500);
        waitUntil(() -> robot.lookup("#events-shown").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().equals("1,500 events")));
    }

    @Test
    void theUsersTabIsKeptWhenASessionsLogTurnsOutToBeAConversation(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("tabs"));
        robot.interact(() -> model.open(file));
        waitUntil(() -> model.files().size() == 1 && model.files().getFirst().browsableProperty().get());
        OpenFileViewModel open = model.files().getFirst();
        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == 8 && !sessions.getItems().contains(null));
        TabPane tabs = Windows.present(robot, "#session-tabs");

        // The user reads a session's log, then picks an ACP session: its log is folded into a
        // conversation a moment later, and the user stays on Logs, under the same tab names.
        Session shell = sessions.getItems().stream().filter(s -> s.runner().equals("ok-runner")).findFirst().orElseThrow();
        robot.interact(() -> sessions.getSelectionModel().select(shell));
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getId().equals("tab-logs")).findFirst().orElseThrow()));
        Session acp = sessions.getItems().stream().filter(s -> s.runner().equals("acp-agent")).findFirst().orElseThrow();
        robot.interact(() -> sessions.getSelectionModel().select(acp));
        waitUntil(() -> open.sessions().orElseThrow().conversation().acpProperty().get() && open.sessions().orElseThrow().conversation().summaryProperty().get().contains("entries from"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-logs");
        assertThat(tabs.getTabs()).extracting(Tab::getText).containsExactly("Details", "Conversation", "Events", "Logs");
    }

    @Test
    void atTheSmallestWidthTheSearchBoxWrapsInsteadOfHiding(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("narrow"));
        robot.interact(() -> {
            Stage stage = (Stage) robot.listTargetWindows().stream().filter(w -> w instanceof Stage).findFirst().orElseThrow();
            stage.setWidth(1024);
            stage.setHeight(768);
            model.open(file);
        });
        TextField search = Windows.visible(robot, "#session-search");
        eventually(() -> {
            Bounds box = search.localToScene(search.getLayoutBounds());
            assertThat(box.getWidth()).isGreaterThan(150);
            assertThat(box.getMaxX()).isLessThanOrEqualTo(search.getScene().getWidth());
            assertThat(search.getPromptText()).isEqualTo("Find sessions (Ctrl+F)");
        });
    }

    @Test
    void togglingThoughtsKeepsThePlaceInTheConversation(FxRobot robot) throws Exception {
        // LeanSpec 0.2.28's ACP session with 120 more lines: a thought and an answer, by turns.
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("long"));
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var insert = db.prepareStatement("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES "
                     + "('d7843e56-8aaa-433b-a73d-9c4ced26ced6', '2026-12-01T10:01:46+00:00', 'info', ?)")) {
            for (int i = 0; i < 120; i++) {
                String kind = i % 2 == 0 ? "agent_thought_chunk" : "agent_message_chunk";
                insert.setString(1, "{\"__acp_method\":\"session/update\",\"params\":{\"sessionId\":\"fixture-acp-1\",\"update\":"
                        + "{\"content\":{\"text\":\"step " + i + "\",\"type\":\"text\"},\"done\":true,\"sessionUpdate\":\"" + kind + "\"}}}");
                insert.executeUpdate();
            }
        }
        robot.interact(() -> model.open(file));
        waitUntil(() -> model.files().size() == 1 && model.files().getFirst().browsableProperty().get());
        SessionsViewModel browser = model.files().getFirst().sessions().orElseThrow();
        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == 8 && !sessions.getItems().contains(null));
        Session acp = sessions.getItems().stream().filter(s -> s.id().startsWith("d7843e56")).findFirst().orElseThrow();
        robot.interact(() -> sessions.getSelectionModel().select(acp));
        waitUntil(() -> browser.conversation().summaryProperty().get().contains("entries from"));
        TabPane tabs = Windows.present(robot, "#session-tabs");
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getId().equals("tab-conversation")).findFirst().orElseThrow()));
        ListView<Entry> conversation = Windows.visible(robot, "#session-conversation");
        Entry middle = browser.conversation().transcript().stream()
                .filter(e -> e instanceof Entry.Message m && m.text().equals("step 61")).findFirst().orElseThrow();
        robot.interact(() -> conversation.scrollTo(middle));
        eventually(() -> assertThat(firstShown(conversation)).isNotNull()
                .satisfies(e -> assertThat(e.logId()).isBetween(middle.logId() - 2, middle.logId())));
        WaitForAsyncUtils.waitForFxEvents();
        Entry top = WaitForAsyncUtils.asyncFx(() -> firstShown(conversation)).get();
        // With the thoughts hidden, the same place: that entry, or the answer right after a thought.
        long expected = top instanceof Entry.Thought ? top.logId() + 1 : top.logId();

        robot.interact(() -> browser.conversation().showThoughtsProperty().set(false));

        eventually(() -> assertThat(firstShown(conversation).logId()).isEqualTo(expected));
        assertThat(browser.conversation().summaryProperty().get()).matches("\\d+ of \\d+ entries from .*");
    }

    private static Entry firstShown(ListView<Entry> list) {
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        IndexedCell<?> first = flow.getFirstVisibleCell();
        return first == null ? null : (Entry) first.getItem();
    }

    @Test
    void columnsAreAsWideAsWhatTheyShow(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("widths"));
        Windows.Opened opened = Windows.open(robot, model, file, "tab-sessions");
        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == 8 && !sessions.getItems().contains(null));
        // "autonomous", "chatty-runner", "completed", whole; every header whole.
        waitUntil(() -> !sessions.lookupAll(".table-row-cell .text").isEmpty());
        eventually(() -> assertThat(cutTexts(sessions)).isEmpty());

        robot.interact(() -> opened.tabs().getSelectionModel().select(opened.tabs().getTabs().stream()
                .filter(t -> "tab-runners".equals(t.getId())).findFirst().orElseThrow()));
        TableView<?> runners = Windows.visible(robot, "#runners-table");
        waitUntil(() -> runners.getItems().size() == 5);
        eventually(() -> assertThat(cutTexts(runners)).isEmpty());
    }

    /** The texts drawn cut short ("Defa…") in a table's visible cells and headers. */
    private static List<String> cutTexts(TableView<?> table) {
        List<String> cut = new ArrayList<>();
        Bounds view = table.localToScene(table.getLayoutBounds());
        for (Node node : table.lookupAll(".text")) {
            if (node instanceof Text drawn && drawn.getParent() instanceof Labeled owner && owner.isVisible()
                    && view.contains(drawn.localToScene(drawn.getLayoutBounds()).getMinX(), drawn.localToScene(drawn.getLayoutBounds()).getMinY())
                    && drawn.localToScene(drawn.getLayoutBounds()).getMaxX() < view.getMaxX() - 20
                    && owner.getText() != null && !owner.getText().equals(drawn.getText())
                    && drawn.getText().endsWith(owner.getEllipsisString())) {
                cut.add(owner.getText() + " drawn as " + drawn.getText());
            }
        }
        return cut;
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        dev.leanspec.inspector.testing.Windows.waitUntil(condition);
    }

    /** The Protocol column was measured while it read "…": LeanSpec 0.2.24's "subprocess" showed as "subproc…". */
    @Test
    void theProtocolColumnFitsItsValuesOnceTheyArrive(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("protocol"));
        robot.interact(() -> model.open(file));
        waitUntil(() -> model.files().stream().anyMatch(f -> f.file().map(p -> p.getFileName().toString()).filter("sessions.db"::equals).isPresent()));
        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == 6);
        // Every cell of the column drawn whole once the summaries are in: none cut with "…".
        waitUntil(() -> {
            List<javafx.scene.text.Text> shown = robot.lookup("#sessions-table .table-cell").queryAllAs(javafx.scene.control.TableCell.class)
                    .stream().filter(cell -> cell.isVisible() && "subprocess".equals(cell.getText()))
                    .flatMap(cell -> cell.getChildrenUnmodifiable().stream()).filter(javafx.scene.text.Text.class::isInstance)
                    .map(javafx.scene.text.Text.class::cast).toList();
            return !shown.isEmpty() && shown.stream().allMatch(text -> text.getText().equals("subprocess"));
        });
    }

    /** Selects a tab of the selected session, as a click on it does. */
    private static void showTab(FxRobot robot, String id) {
        robot.interact(() -> robot.lookup("#session-tabs").queryAllAs(javafx.scene.control.TabPane.class).stream()
                .filter(javafx.scene.Node::isVisible).forEach(tabs -> tabs.getTabs().stream().filter(t -> t.getId().equals(id))
                        .findFirst().ifPresent(t -> tabs.getSelectionModel().select(t))));
    }
}
