package dev.leanspec.inspector.gui.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.export.TranscriptFormat;
import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.DirectTaskRunner;
import dev.leanspec.inspector.gui.common.QueuedTaskRunner;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionSort;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.persistence.transcript.TranscriptFolder;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsViewModelTest {

    @TempDir
    Path dir;

    private Path file;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private SessionsViewModel model;

    @BeforeEach
    void demoFile() {
        // 450 sessions: more than two pages.
        file = DemoDatabases.write(dir, 7L, 450).sessions();
        MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption());
        model = new SessionsViewModel(new Location.File(file), new DirectTaskRunner(), dialogs, link -> { });
    }

    /**
     * Export writes the selected session whole (a 150,000-character line the window shows cut),
     * in the format of the name chosen; Copy as Markdown hands over the same Markdown; a session
     * deleted since it was listed is said so.
     */
    @Test
    void exportWritesTheSelectedSessionWholeInTheFormatAsked() throws Exception {
        Path real = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("real"));
        String acp = "d7843e56-8aaa-433b-a73d-9c4ced26ced6";
        String longOutput = "x".repeat(150_000) + " the end";
        // As LeanSpec wrote its logs: a plain INSERT, the file left in its shape.
        sql(real, "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + acp + "', '2026-12-01T10:01:46Z', 'info', "
                + "'{\"__acp_method\":\"session/update\",\"params\":{\"update\":{\"sessionUpdate\":\"tool_call\",\"toolCallId\":\"t9\","
                + "\"title\":\"run_shell\",\"status\":\"completed\",\"rawOutput\":\"" + longOutput + "\"}}}')");
        SessionsViewModel sessions = new SessionsViewModel(new Location.File(real), new DirectTaskRunner(), dialogs, link -> { });
        sessions.start();
        assertThat(sessions.export().selectedProperty().get()).isNull();
        sessions.select(sessions.list().sessions().stream().filter(s -> s != null && s.id().equals(acp)).findFirst().orElseThrow());

        dialogs.fileToSave = dir.resolve("out/chosen.html");
        Files.createDirectories(dialogs.fileToSave.getParent());
        sessions.export().saveChosen(TranscriptFormat.HTML);
        assertThat(dialogs.suggestedNames).containsExactly("session-d7843e56.html");
        assertThat(Files.readString(dialogs.fileToSave)).startsWith("<!DOCTYPE html>").contains(longOutput);
        sessions.export().save(dir.resolve("out/session.md"));
        String markdown = Files.readString(dir.resolve("out/session.md"));
        assertThat(markdown).startsWith("# Session d7843e56").contains(longOutput);
        String[] pasted = {null};
        sessions.export().copyAsMarkdown(text -> pasted[0] = text);
        assertThat(pasted[0]).isEqualTo(markdown);
        assertThat(dialogs.notices).anyMatch(n -> n.contains("on the clipboard as Markdown"));
        assertThat(dialogs.errors).isEmpty();

        sql(real, "DELETE FROM sessions WHERE id = '" + acp + "'");
        sessions.export().save(dir.resolve("out/gone.md"));
        assertThat(dir.resolve("out/gone.md")).doesNotExist();
        assertThat(dialogs.errors).anyMatch(e -> e.contains("is no longer in the file"));
        sessions.close();
    }

    private static void sql(Path file, String statement) throws Exception {
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var run = db.createStatement()) {
            run.executeUpdate(statement);
        }
    }

    /** A search's hit in a session's output opens its Logs at that line, on LeanSpec 0.2.28's own file; after another one, from its first line. */
    @Test
    void aHitInTheOutputStartsTheLogsAtItsLine() {
        Path real = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("real"));
        SessionsViewModel sessions = new SessionsViewModel(new Location.File(real), new DirectTaskRunner(), dialogs, link -> { });
        sessions.start();
        String slow = "18d51f78-c9ac-49d9-9ed2-eb5c3a53d3d1"; // slow-runner: "tick 0" … "tick 9" on stdout, lines 20–31
        Session other = sessions.list().sessions().stream().filter(s -> s != null && !s.id().equals(slow)).findFirst().orElseThrow();
        sessions.reveal(slow, 27, "output", List.of());
        Session row = sessions.list().sessions().stream().filter(s -> s != null && s.id().equals(slow)).findFirst().orElseThrow();
        sessions.select(row);

        assertThat(sessions.logs().focusProperty().get()).isEqualTo(27);
        assertThat(sessions.logs().logs()).extracting(SessionLog::id).startsWith(27L, 28L, 29L).endsWith(82L);
        assertThat(sessions.logs().logs().getFirst().message()).isEqualTo("tick 6");

        // The list's reload selects it again through no selection: still at the hit.
        sessions.select(null);
        sessions.select(row);
        assertThat(sessions.logs().logs().getFirst().id()).isEqualTo(27);
        // Another session, then this one again: from its first line.
        sessions.select(other);
        sessions.select(row);
        assertThat(sessions.logs().focusProperty().get()).isEqualTo(-1);
        assertThat(sessions.logs().logs().getFirst().id()).isEqualTo(19);
        sessions.close();
    }

    /** The index keeps an output block's first line; the Logs tab focuses the line the words are on, highlighted. */
    @Test
    void aHitInAnOutputBlockFocusesTheLineItsWordsAreOn() {
        Path real = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("real"));
        dev.leanspec.inspector.persistence.search.SearchQuery query = dev.leanspec.inspector.persistence.search.SearchQuery.of("Tick 7");
        dev.leanspec.inspector.persistence.search.SearchHit hit;
        try (var index = dev.leanspec.inspector.persistence.LeanSpecDatabase.at(real).search(dir.resolve("cache"))) {
            hit = index.find(query).hits().getFirst();
        }
        String slow = "18d51f78-c9ac-49d9-9ed2-eb5c3a53d3d1"; // "tick 7" is its line 29, in the block of output from line 19
        assertThat(hit.id()).isEqualTo(slow);
        assertThat(hit.where()).isEqualTo("output");
        assertThat(hit.logId()).isLessThan(29);

        SessionsViewModel sessions = new SessionsViewModel(new Location.File(real), new DirectTaskRunner(), dialogs, link -> { });
        sessions.start();
        sessions.reveal(hit.id(), hit.logId(), hit.where(), query.terms());
        sessions.select(sessions.list().sessions().stream().filter(s -> s != null && s.id().equals(slow)).findFirst().orElseThrow());

        assertThat(sessions.logs().focusProperty().get()).isEqualTo(29);
        assertThat(sessions.logs().highlightProperty().get()).isEqualTo("tick");
        assertThat(sessions.logs().logs().getFirst().id()).isEqualTo(hit.logId());
        sessions.close();
    }

    @Test
    void startLoadsTheFirstPageTheChoicesAndTheCount() {
        model.start();

        // Once counted, the list has every row; only the first page is read so far.
        assertThat(model.list().totalProperty().get()).isEqualTo("450 sessions");
        assertThat(model.list().sessions()).hasSize(450);
        assertThat(model.list().sessions().subList(0, SessionListViewModel.PAGE)).doesNotContainNull();
        assertThat(model.list().sessions().get(SessionListViewModel.PAGE)).isNull();
        assertThat(model.list().pages().hasMore()).isFalse();
        assertThat(model.list().runnerChoices()).containsExactly("claude", "codex", "copilot", "opencode");
        assertThat(model.list().projectChoices()).hasSize(4);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void scrollingLoadsPagesUntilTheEndWithoutRepeats() {
        model.start();
        for (int i = 0; i < model.list().sessions().size(); i++) {
            model.list().pages().show(i);
        }
        assertThat(model.list().sessions()).hasSize(450).doesNotContainNull();
        assertThat(model.list().sessions().stream().map(Session::id).distinct()).hasSize(450);
    }

    @Test
    void aJumpReadsThePageAtThatPositionWithoutTheOnesBefore() {
        model.start();
        List<String> inOrder = new java.util.ArrayList<>();
        for (int i = 0; i < model.list().sessions().size(); i++) {
            model.list().pages().show(i);
            inOrder.add(model.list().sessions().get(i).id());
        }

        SessionsViewModel jumper = new SessionsViewModel(new Location.File(file), new DirectTaskRunner(), dialogs, link -> { });
        jumper.start();
        jumper.list().pages().show(430);
        assertThat(jumper.list().sessions().get(430).id()).isEqualTo(inOrder.get(430));
        assertThat(jumper.list().sessions().get(449).id()).isEqualTo(inOrder.get(449));
        assertThat(jumper.list().sessions().get(SessionListViewModel.PAGE)).isNull();  // the page in between was never read
        assertThat(jumper.list().pages().indexOfLoaded(row -> row.id().equals(inOrder.get(440)))).isEqualTo(440);
        assertThat(jumper.list().pages().indexOfLoaded(row -> row.id().equals(inOrder.get(300)))).isEqualTo(-1);
        jumper.close();
    }

    @Test
    void aListLongerThanItsPagesHoldsOnlyThePagesNearTheScreen() throws Exception {
        Path big = dev.leanspec.inspector.demo.GeneratedDatabases.write(dir.resolve("big"),
                new dev.leanspec.inspector.demo.GeneratedDatabases.Volumes(6_000, 0, 0, 1, 0), 3, line -> { }).sessions();
        MigrationService.of(Location.of(big), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption());
        SessionsViewModel many = new SessionsViewModel(new Location.File(big), new DirectTaskRunner(), dialogs, link -> { });
        many.start();
        for (int i = 0; i < 6_000; i += 50) {
            many.list().pages().show(i);
        }
        long held = many.list().sessions().stream().filter(java.util.Objects::nonNull).count();
        assertThat(held).isLessThanOrEqualTo(26L * SessionListViewModel.PAGE).isGreaterThan(SessionListViewModel.PAGE);
        assertThat(many.list().sessions().get(5_999)).isNotNull();
        assertThat(many.list().sessions().get(0)).isNull();  // scrolled far away: let go
        many.list().pages().show(0);
        assertThat(many.list().sessions().get(0)).isNotNull();
        many.close();
    }

    @Test
    void filtersNarrowTheListAndTheCount() {
        model.start();
        model.list().statusFilter().setAll("failed", "cancelled");
        model.list().runnerFilter().setAll("codex");
        model.reload();

        assertThat(model.list().sessions()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.status().value()).isIn("failed", "cancelled");
            assertThat(s.runner()).isEqualTo("codex");
        });
        assertThat(model.list().totalProperty().get()).isEqualTo(model.list().sessions().size() + " sessions");

        model.list().statusFilter().clear();
        model.list().runnerFilter().clear();
        model.list().textProperty().set("no such text anywhere");
        model.reload();
        assertThat(model.list().sessions()).isEmpty();
        assertThat(model.list().totalProperty().get()).isEqualTo("0 sessions");
    }

    @Test
    void sortingAsksTheDatabase() {
        model.start();
        model.list().sortProperty().set(new SessionSort(SessionSort.Column.RUNNER, false));
        model.reload();
        assertThat(model.list().sessions().get(0).runner()).isEqualTo("claude");
        model.list().pages().show(model.list().sessions().size() - 1);
        assertThat(model.list().sessions().get(model.list().sessions().size() - 1).runner()).isEqualTo("opencode");
    }

    @Test
    void selectingShowsDetailEventsAndLogsWithFilters() {
        model.start();
        Session first = model.list().sessions().get(0);

        model.select(first);

        assertThat(model.details().detailProperty().get().session()).isEqualTo(first);
        assertThat(model.events().events()).isNotEmpty().first().extracting(e -> e.type().value()).isEqualTo("created");
        assertThat(model.logs().logs()).isNotEmpty();
        int all = model.logs().logs().size();
        model.logs().levelFilter().setAll("stderr");
        model.logs().reload();
        assertThat(model.logs().logs()).hasSizeLessThan(all).allSatisfy(l -> assertThat(l.level().value()).isEqualTo("stderr"));
        model.logs().levelFilter().clear();
        model.logs().jumpToEnd();
        assertThat(model.logs().logs()).hasSize(all);
        assertThat(DetailsTab.describe(model.details().detailProperty().get())).contains(first.id()).contains("metadata:");
    }

    @Test
    void eventsPageOnAndSayHowManyAreShownOfHowMany() throws Exception {
        Path many = dir.resolve("events.db");
        Timestamp now = Timestamp.of(java.time.Instant.parse("2026-03-01T00:00:00Z"));
        try (var store = SessionStore.open(Location.of(many))) {
            store.insert(SessionDetail.of(new Session("busy", "/p", null, "claude",
                    new SessionMode("guided"), new SessionStatus("running"),
                    null, now, null, null, null, now, now, null)));
        }
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + many);
             var insert = db.prepareStatement("INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES ('busy', 'log', NULL, ?)")) {
            db.setAutoCommit(false);
            for (int i = 0; i < 2_499; i++) {
                insert.setString(1, now.text());
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        }
        SessionsViewModel events = new SessionsViewModel(new Location.File(many), new DirectTaskRunner(), dialogs, link -> { });
        events.start();
        events.select(events.list().sessions().get(0));
        assertThat(events.events().events()).hasSize(1_000);
        assertThat(events.events().shownProperty().get()).isEqualTo("1,000 of 2,500 events");
        assertThat(events.events().moreProperty().get()).isTrue();
        events.events().loadMore();
        events.events().loadMore();
        assertThat(events.events().events()).hasSize(2_500);
        assertThat(events.events().events()).extracting(e -> e.id()).doesNotHaveDuplicates();
        assertThat(events.events().moreProperty().get()).isFalse();
        assertThat(events.events().shownProperty().get()).isEqualTo("2,500 events");
        events.close();
    }

    @Test
    void aConversationShowsItsFirstScreenThenTheRestAndAnotherClickStopsTheFold() throws Exception {
        Path acp = dir.resolve("acp").resolve("leanspec.db");
        java.nio.file.Files.createDirectories(acp.getParent());
        var now = Timestamp.of(java.time.Instant.parse("2026-03-01T00:00:00Z"));
        try (var store = SessionStore.open(Location.of(acp))) {
            for (String id : List.of("a", "b")) {
                store.insert(SessionDetail.of(new Session(id, "/p", null, "acp-agent",
                        new SessionMode("autonomous"),
                        new SessionStatus("completed"), null, now, now, null, null, now, now, "go")));
            }
        }
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + acp);
             var insert = db.prepareStatement("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES (?, 't', 'info', ?)")) {
            db.setAutoCommit(false);
            for (String id : List.of("a", "b")) {
                for (int i = 0; i < 3_000; i++) { // a message of 100 chunks, thirty times
                    String done = i % 100 == 99 ? ",\"done\":true" : "";
                    insert.setString(1, id);
                    insert.setString(2, "{\"__acp_method\":\"session/update\",\"params\":{\"update\":{\"content\":{\"text\":\"w" + i
                            + " \"}" + done + ",\"sessionUpdate\":\"agent_message_chunk\"}}}");
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            db.commit();
        }
        QueuedTaskRunner tasks = new QueuedTaskRunner();
        SessionsViewModel conversation = new SessionsViewModel(new Location.File(acp), tasks, dialogs, link -> { });
        conversation.start();
        tasks.runAll();
        Session a = conversation.list().sessions().stream().filter(s -> s.id().equals("a")).findFirst().orElseThrow();
        Session b = conversation.list().sessions().stream().filter(s -> s.id().equals("b")).findFirst().orElseThrow();

        conversation.select(a);
        tasks.runNext(); // the detail
        tasks.runNext(); // the first screen: 250 lines, three entries, the third still streaming
        assertThat(conversation.conversation().transcript()).hasSize(3);
        assertThat(conversation.conversation().summaryProperty().get())
                .isEqualTo("Reading the conversation… 3 entries from the first 250 log lines");
        tasks.runAll();
        try (var store = SessionStore.openReadOnly(Location.of(acp))) {
            assertThat(conversation.conversation().transcript())
                    .containsExactlyElementsOf(TranscriptFolder.read(store, "a").conversation());
        }
        assertThat(conversation.conversation().summaryProperty().get()).startsWith("30 entries from 3,000 log lines");

        conversation.select(b);
        tasks.runNext();
        tasks.runNext();
        conversation.select(a); // before b's rest was read: it is cancelled, not left queued ahead of a
        assertThat(tasks.cancelled).isEqualTo(1);
        tasks.runAll();
        assertThat(conversation.conversation().transcript()).hasSize(30);
        assertThat(((Entry.Message) conversation.conversation().transcript().getFirst()).text())
                .startsWith("w0 ");
        assertThat(dialogs.errors).isEmpty();
        conversation.close();
    }
}
