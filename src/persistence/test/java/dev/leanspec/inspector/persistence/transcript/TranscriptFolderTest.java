package dev.leanspec.inspector.persistence.transcript;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.chat.MessageParts;
import dev.leanspec.inspector.persistence.chat.Part;
import dev.leanspec.inspector.persistence.sessions.LogLevel;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.transcript.Entry.Lifecycle;
import dev.leanspec.inspector.persistence.transcript.Entry.ModeChange;
import dev.leanspec.inspector.persistence.transcript.Entry.PermissionRequest;
import dev.leanspec.inspector.persistence.transcript.Entry.Plan;
import dev.leanspec.inspector.persistence.transcript.Entry.Raw;
import dev.leanspec.inspector.persistence.transcript.Entry.Thought;
import dev.leanspec.inspector.persistence.transcript.Entry.ToolCall;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LeanSpec's folding rules, one test each, on the payloads of the reference (LeanSpec's own
 * simplified shape and ACP v1's) and on the ACP sessions the real LeanSpec 0.2.28 stored.
 */
class TranscriptFolderTest {

    @TempDir
    Path dir;

    private long id;

    @Test
    void theRealAcpSessionOf028ReadsAsAConversation() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            Session acp = store.list(SessionQuery.all().withRunners(java.util.Set.of("acp-agent"))
                    .withStatuses(java.util.Set.of(new SessionStatus("completed"))), PageRequest.first(5)).items().getFirst();
            Transcript transcript = TranscriptFolder.read(store, acp.id());

            assertThat(transcript.acp()).isTrue();
            List<Entry> conversation = transcript.conversation();
            assertThat(conversation.getFirst()).isInstanceOfSatisfying(Entry.Message.class, prompt -> {
                assertThat(prompt.role()).isEqualTo("user");
                assertThat(prompt.text()).isEqualTo("Update the README");
            });
            assertThat(conversation).filteredOn(Thought.class::isInstance).singleElement()
                    .satisfies(t -> assertThat(((Thought) t).text()).isEqualTo("Reading the spec first. Then the README."));
            assertThat(conversation).filteredOn(ToolCall.class::isInstance).singleElement().satisfies(entry -> {
                ToolCall call = (ToolCall) entry;
                assertThat(call.title()).isEqualTo("read_file");
                assertThat(call.kind()).isEqualTo("read");
                assertThat(call.status()).isEqualTo("completed");
                assertThat(call.input()).isEqualTo("{\"path\":\"README.md\"}");
                assertThat(call.output()).isEqualTo("# Demo\nHello 👋 世界");
                assertThat(call.locations()).containsExactly("README.md");
            });
            assertThat(transcript.plan()).hasValueSatisfying(plan -> assertThat(plan.progress()).isEqualTo("1/3"));
            assertThat(conversation).filteredOn(PermissionRequest.class::isInstance).singleElement().satisfies(entry -> {
                PermissionRequest request = (PermissionRequest) entry;
                assertThat(request.tool()).isEqualTo("delete_file");
                assertThat(request.options()).extracting(Entry.PermissionOption::name).containsExactly("Allow once", "Reject");
            });
            assertThat(conversation).filteredOn(ModeChange.class::isInstance).singleElement()
                    .satisfies(m -> assertThat(((ModeChange) m).mode()).isEqualTo("code"));
            assertThat(conversation).filteredOn(e -> e instanceof Entry.Message m && m.role().equals("agent")).singleElement()
                    .satisfies(m -> assertThat(((Entry.Message) m).text())
                            .isEqualTo("I updated **README.md**:\n\n- added a `Usage` section\n- fixed a link\n"));
            assertThat(conversation).filteredOn(Lifecycle.class::isInstance)
                    .extracting(e -> ((Lifecycle) e).text()).contains("ACP session completed (agent turn ended)");
            assertThat(transcript.entries()).filteredOn(Raw.class::isInstance).extracting(e -> ((Raw) e).level())
                    .contains("stdout", "stderr");
            assertThat(transcript.activeToolCall()).isEmpty();
        }
    }

    @Test
    void messageChunksOfOneRoleJoinAcrossThoughtsAndToolsUntilDone() {
        Transcript t = fold(
                acp("{\"content\":{\"text\":\"Hel\"},\"done\":false,\"sessionUpdate\":\"agent_message_chunk\"}"),
                acp("{\"content\":{\"text\":\"thinking\"},\"sessionUpdate\":\"agent_thought_chunk\"}"),
                acp("{\"rawInput\":{},\"sessionUpdate\":\"tool_call\",\"status\":\"running\",\"title\":\"x\",\"toolCallId\":\"t\"}"),
                acp("{\"content\":{\"text\":\"lo\"},\"done\":true,\"sessionUpdate\":\"agent_message_chunk\"}"),
                acp("{\"content\":{\"text\":\"Next\"},\"sessionUpdate\":\"agent_message_chunk\"}"));
        assertThat(t.entries()).filteredOn(Entry.Message.class::isInstance).extracting(e -> ((Entry.Message) e).text())
                .containsExactly("Hello", "Next");
    }

    @Test
    void thoughtChunksJoinUntilAMessageOrAFinishedToolCall() {
        Transcript t = fold(
                acp("{\"content\":[{\"text\":\"Line 1\",\"type\":\"text\"},{\"text\":\"Line 2\",\"type\":\"text\"}],\"done\":true,\"sessionUpdate\":\"agent_thought_chunk\"}"),
                acp("{\"content\":{\"text\":\" more\"},\"sessionUpdate\":\"agent_thought_chunk\"}"),
                acp("{\"result\":{\"text\":\"hello\"},\"sessionUpdate\":\"tool_call\",\"status\":\"completed\",\"toolCallId\":\"call-4\",\"toolName\":\"view_spec\"}"),
                acp("{\"content\":{\"text\":\"after the tool\"},\"sessionUpdate\":\"agent_thought_chunk\"}"));
        assertThat(t.entries()).filteredOn(Thought.class::isInstance).extracting(e -> ((Thought) e).text())
                .containsExactly("Line 1\nLine 2 more", "after the tool");
        assertThat(t.entries()).filteredOn(ToolCall.class::isInstance).singleElement().satisfies(e -> {
            assertThat(((ToolCall) e).title()).isEqualTo("view_spec");
            assertThat(((ToolCall) e).output()).isEqualTo("{\"text\":\"hello\"}");
        });
    }

    @Test
    void toolCallsMergeByIdNonEmptyInputAndOutputWinAndTheLastOpenOneIsActive() {
        Transcript t = fold(
                acp("{\"rawInput\":{\"path\":\"README.md\"},\"sessionUpdate\":\"tool_call\",\"status\":\"running\",\"title\":\"read_file\",\"toolCallId\":\"tool-1\"}"),
                acp("{\"rawInput\":{},\"sessionUpdate\":\"tool_call_update\",\"status\":\"completed\",\"toolCallId\":\"tool-1\",\"rawOutput\":{\"ok\":true}}"),
                acp("{\"kind\":\"edit\",\"sessionUpdate\":\"tool_call\",\"status\":\"pending\",\"title\":\"write\",\"toolCallId\":\"tool-2\"}"));
        assertThat(t.entries()).filteredOn(ToolCall.class::isInstance).hasSize(2).first().satisfies(e -> {
            ToolCall call = (ToolCall) e;
            assertThat(call.input()).isEqualTo("{\"path\":\"README.md\"}");
            assertThat(call.output()).isEqualTo("{\"ok\":true}");
            assertThat(call.status()).isEqualTo("completed");
        });
        assertThat(t.activeToolCall()).hasValueSatisfying(call -> assertThat(call.title()).isEqualTo("write"));
    }

    @Test
    void theLatestPlanReplacesThePreviousInPlaceInBothShapes() {
        Transcript t = fold(
                acp("{\"entries\":[{\"id\":\"1\",\"status\":\"completed\",\"title\":\"Step 1\"},{\"id\":\"2\",\"status\":\"in_progress\",\"title\":\"Step 2\"}],\"sessionUpdate\":\"plan\"}"),
                acp("{\"content\":{\"text\":\"ok\"},\"sessionUpdate\":\"agent_message_chunk\"}"),
                acp("{\"entries\":[{\"content\":\"Step 1\",\"priority\":\"high\",\"status\":\"completed\"},{\"content\":\"Step 2\",\"priority\":\"low\",\"status\":\"completed\"},{\"content\":\"Step 3\",\"priority\":\"low\",\"status\":\"pending\"}],\"sessionUpdate\":\"plan\"}"));
        assertThat(t.entries()).filteredOn(Plan.class::isInstance).singleElement();
        assertThat(t.entries().getFirst()).isInstanceOf(Plan.class);
        assertThat(t.plan()).hasValueSatisfying(plan -> {
            assertThat(plan.progress()).isEqualTo("2/3");
            assertThat(plan.entries()).extracting(Entry.PlanStep::title).containsExactly("Step 1", "Step 2", "Step 3");
        });
    }

    @Test
    void permissionOptionsAreStringsInLeanSpecsShapeAndObjectsInAcps() {
        Transcript t = fold(
                log("info", "{\"__acp_method\":\"session/request_permission\",\"params\":{\"args\":{\"path\":\"tmp.txt\"},\"id\":\"perm-1\",\"options\":[\"allow_once\",\"deny_once\"],\"tool\":\"delete_file\"}}"),
                log("info", "{\"__acp_method\":\"session/request_permission\",\"params\":{\"options\":[{\"kind\":\"allow_always\",\"name\":\"Always\",\"optionId\":\"a\"}],\"sessionId\":\"s\",\"toolCall\":{\"rawInput\":{\"cmd\":\"ls\"},\"title\":\"shell\",\"toolCallId\":\"c\"}}}"));
        assertThat(t.entries()).extracting(e -> ((PermissionRequest) e).tool()).containsExactly("delete_file", "shell");
        assertThat(((PermissionRequest) t.entries().get(0)).options()).extracting(Entry.PermissionOption::name)
                .containsExactly("allow_once", "deny_once");
        assertThat(((PermissionRequest) t.entries().get(0)).input()).isEqualTo("{\"path\":\"tmp.txt\"}");
        assertThat(((PermissionRequest) t.entries().get(1)).options()).singleElement()
                .isEqualTo(new Entry.PermissionOption("a", "Always", "allow_always"));
    }

    @Test
    void lifecycleLinesHeartbeatsAndEverythingElse() {
        Transcript t = fold(log("info", "Session started (runner: copilot)"), log("info", "Session still running (elapsed: 30s)"),
                log("stdout", "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"sessionId\":\"x\"}}"), log("stdout", "plain output"),
                log("info", "{\"__acp_method\":\"session/update\",\"params\":{\"update\":{\"available_commands\":[],\"sessionUpdate\":\"available_commands_update\"}}}"),
                log("error", "{\"__acp_method\":\"session/update\",\"params\":{\"update\":{\"content\":{\"te"));
        assertThat(t.entries()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Lifecycle", "Lifecycle", "Raw", "Raw", "Raw", "Raw");
        assertThat(t.conversation()).singleElement().isInstanceOf(Lifecycle.class);
    }

    @Test
    void theListsSummaryReadFromToolAndPlanLinesEqualsFoldingEveryLineOnEveryRealSession() throws Exception {
        int acpSessions = 0;
        for (String fixture : List.of("leanspec-0.2.28/leanspec.db", "leanspec-0.2.24/sessions.db", "leanspec-0.2.28-upgrade/leanspec.db")) {
            Path file = RealFixtures.copy(fixture, dir.resolve(fixture.replace('/', '-')));
            try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
                for (Session session : dev.leanspec.inspector.persistence.Page.all(100, page -> store.list(SessionQuery.all(), page))) {
                    java.util.Map<String, String> metadata = store.get(session.id()).orElseThrow().metadata();
                    SessionSummary whole = SessionSummary.of(TranscriptFolder.read(store, session.id()), metadata);
                    assertThat(SessionSummary.read(store, session.id(), metadata)).as(fixture + " " + session.id()).isEqualTo(whole);
                    acpSessions += whole.protocol().equals("acp") ? 1 : 0;
                }
            }
        }
        assertThat(acpSessions).isPositive();
    }

    @Test
    void theSummaryFindsATaskStillRunningAmongMessagesAndAPlanInTheMiddle() throws Exception {
        Path file = dir.resolve("summary.db");
        try (SessionStore store = SessionStore.open(Location.of(file))) {
            Timestamp now = Timestamp.of(java.time.Instant.parse("2026-03-01T00:00:00Z"));
            store.insert(SessionDetail.of(new Session("s", "/p", null, "acp-agent", new SessionMode("autonomous"),
                    new SessionStatus("running"), null, now, null, null, null, now, now, "go")));
            for (String update : List.of(
                    "{\"entries\":[{\"content\":\"Read\",\"status\":\"completed\"},{\"content\":\"Write\",\"status\":\"in_progress\"}],\"sessionUpdate\":\"plan\"}",
                    "{\"content\":{\"text\":\"working\"},\"sessionUpdate\":\"agent_message_chunk\"}",
                    "{\"sessionUpdate\":\"tool_call\",\"status\":\"in_progress\",\"title\":\"write_file\",\"toolCallId\":\"t1\"}",
                    "{\"content\":{\"text\":\"still\"},\"sessionUpdate\":\"agent_thought_chunk\"}")) {
                store.insertLog("s", now, new LogLevel("info"), "{\"__acp_method\":\"session/update\",\"params\":{\"update\":" + update + "}}");
            }
        }
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            SessionSummary summary = SessionSummary.read(store, "s", java.util.Map.of());
            assertThat(summary.protocol()).isEqualTo("acp");
            assertThat(summary.planProgress()).isEqualTo("1/2");
            assertThat(summary.activeToolTitle()).isEqualTo("write_file");
            assertThat(summary).isEqualTo(SessionSummary.of(TranscriptFolder.read(store, "s"), java.util.Map.of()));
        }
    }

    @Test
    void aHundredThousandLineSessionFoldsPageByPageIntoAFewEntries() throws Exception {
        Path file = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(Location.of(file))) {
            Timestamp now = Timestamp.of(java.time.Instant.parse("2026-03-01T00:00:00Z"));
            store.insert(SessionDetail.of(new Session("big", "/p", null, "copilot", new SessionMode("autonomous"),
                    new SessionStatus("completed"), null, now, now, null, null, now, now, "go")));
        }
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var insert = db.prepareStatement("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('big', 't', 'info', ?)")) {
            db.setAutoCommit(false);
            for (int i = 0; i < 100_000; i++) {
                String update = i % 1_000 == 999
                        ? "{\"content\":{\"text\":\"w" + i + "\"},\"done\":true,\"sessionUpdate\":\"agent_message_chunk\"}"
                        : "{\"content\":{\"text\":\"w" + i + " \"},\"sessionUpdate\":\"agent_message_chunk\"}";
                insert.setString(1, "{\"__acp_method\":\"session/update\",\"params\":{\"update\":" + update + "}}");
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        }
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            Transcript transcript = TranscriptFolder.read(store, "big");
            assertThat(transcript.lines()).isEqualTo(100_000);
            assertThat(transcript.entries()).hasSize(100);
            assertThat(((Entry.Message) transcript.entries().getLast()).text()).startsWith("w99000 ").endsWith("w99999");

            // A first screen from 250 lines, then the rest: the open message goes on joining chunks.
            TranscriptFolder folder = new TranscriptFolder();
            assertThat(folder.readNext(store, "big", 250)).isTrue();
            Transcript first = folder.snapshot();
            assertThat(first.lines()).isEqualTo(250);
            assertThat(first.entries()).singleElement().satisfies(e -> assertThat(((Entry.Message) e).text()).endsWith("w249 "));
            while (folder.readNext(store, "big", 4_000)) {
                assertThat(first.entries()).hasSize(1); // a snapshot is a copy
            }
            assertThat(folder.finish()).isEqualTo(transcript);
            assertThat(folder.readNext(store, "big", 250)).isFalse();
        }
    }

    @Test
    void chatPartsOfTheRealFilesPairToolCallsWithResultsAndRecogniseLeanSpecsErrors() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.24/chat.db", dir);
        try (ChatStore chat = ChatStore.openReadOnly(Location.of(file))) {
            var conversation = chat.conversations(ConversationQuery.all().withTitleText("Specs of lean-spec"), PageRequest.first(5))
                    .items().getFirst();
            List<Message> messages = chat.messages(conversation.id(), PageRequest.first(10)).items();
            assertThat(MessageParts.of(messages.get(0))).containsExactly(new Part.Text("List the specs, please 🙂"));
            List<Part> answer = MessageParts.of(messages.get(1));
            assertThat(answer).extracting(p -> p.getClass().getSimpleName())
                    .containsExactly("Reasoning", "Text", "ToolUse", "Text", "Source", "File");
            assertThat(answer.get(2)).isEqualTo(new Part.ToolUse("call_1", "list", "{\"projectId\":\"lean-spec\"}",
                    "{\"specs\":[\"001-first\",\"002-second\"]}", false, null));
            assertThat(answer.get(5)).isEqualTo(new Part.File("file:///tmp/a.png", "image/png", "a.png"));
            assertThat(MessageParts.of(messages.get(3))).singleElement()
                    .isEqualTo(new Part.ToolUse("call_2", "delete", "{\"id\":\"002\"}", null, true, "rate limited"));
        }
        assertThat(MessageParts.of(null, "old message")).containsExactly(new Part.Text("old message"));
        assertThat(MessageParts.of("[{\"type\":\"step-start\"},{\"type\":\"data-x\",\"v\":1}]", "c"))
                .containsExactly(new Part.Unknown("data-x", "{\"type\":\"data-x\",\"v\":1}"));
        assertThat(MessageParts.of("[{\"toolCallId\":\"a\",\"toolName\":\"t\",\"type\":\"tool-call\",\"input\":{}},"
                + "{\"output\":{\"type\":\"error-text\",\"value\":\"no\"},\"toolCallId\":\"a\",\"toolName\":\"t\",\"type\":\"tool-result\"}]", ""))
                .singleElement().satisfies(p -> assertThat(((Part.ToolUse) p).error()).isTrue());
    }

    // ---- helpers ---------------------------------------------------------------------------

    private SessionLog acp(String update) {
        return log("info", "{\"__acp_method\":\"session/update\",\"params\":{\"update\":" + update + "}}");
    }

    private SessionLog log(String level, String message) {
        return new SessionLog(++id, "s", new Timestamp("2026-03-01T00:00:0" + (id % 10) + "Z"), new LogLevel(level), message);
    }

    private static Transcript fold(SessionLog... logs) {
        return TranscriptFolder.fold(new ArrayList<>(List.of(logs)));
    }
}
