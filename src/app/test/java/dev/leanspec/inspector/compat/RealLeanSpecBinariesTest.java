package dev.leanspec.inspector.compat;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.LeanSpecServer;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof against the real LeanSpec: after this project migrates a real file, the LeanSpec
 * release that wrote it starts on it, its API lists every session (with specs, events, logs) and
 * every conversation (with messages) that was there, and it can still write a new session and a
 * new conversation. And the negative: where the compatibility table says a release cannot use a
 * file, that release fails on it. The binaries come from npm ({@link LeanSpecServer}).
 */
@Tag("leanspec")
class RealLeanSpecBinariesTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void binaries() {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(LeanSpecServer.available()).as("CI must run the proof against the real LeanSpec (Linux x64, npm)").isTrue();
        }
        assumeTrue(LeanSpecServer.available(), "LeanSpec's binaries need Linux x64 and npm");
    }

    @Test
    void leanSpec024StartsOnItsMigratedFilesListsEverythingAndWritesOn() throws Exception {
        Path home = dir.resolve("home");
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", home.resolve(".lean-spec"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", home.resolve(".local/share/lean-spec"));
        Map<String, Object> before;
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.24", home)) {
            before = everything(leanSpec, "spec_id");
        }
        assertThat(sessionsOf(before)).hasSize(6);

        for (Path file : List.of(sessions, chat)) {
            MigrationService service = MigrationService.of(Location.of(file), MigrationService.detectKind(file).orElseThrow());
            assertThat(service.status().compatibility().breaks()).isEmpty();
            service.migrate(MigrateOptions.safe().withAdoption());
        }

        Files.createDirectories(home.resolve("proj")); // the runner's working folder
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.24", home)) {
            assertThat(everything(leanSpec, "spec_id")).isEqualTo(before);
            leanSpec.call("POST", "/api/runners", "{\"projectPath\":\"" + home.resolve("proj") + "\",\"scope\":\"global\","
                    + "\"runner\":{\"id\":\"echo-runner\",\"command\":\"/bin/echo\",\"args\":[\"hello from 0.2.24\"]}}");
            String id = leanSpec.call("POST", "/api/sessions", "{\"project_path\":\"" + home.resolve("proj")
                    + "\",\"spec_id\":\"099-after-migration\",\"runner\":\"echo-runner\",\"mode\":\"autonomous\"}").get("id").asText();
            leanSpec.call("POST", "/api/sessions/" + id + "/start", null);
            waitForStatus(leanSpec, id, "completed");
            String conversation = leanSpec.call("POST", "/api/chat/sessions", "{\"projectId\":\"lean-spec\"}").get("id").asText();
            leanSpec.call("PUT", "/api/chat/sessions/" + conversation + "/messages", "{\"messages\":[{\"id\":\"after-1\","
                    + "\"role\":\"user\",\"content\":\"written after the migration\",\"parts\":[{\"type\":\"text\",\"text\":\"x\"}]}]}");
            assertThat(sessionsOf(everything(leanSpec, "spec_id"))).hasSize(7);
        }

        // What 0.2.24 wrote into the migrated files reads back, its spec included.
        assertThat(MigrationService.of(Location.of(sessions), DatabaseKind.SESSIONS).status().isUpToDate()).isTrue();
        assertThat(MigrationService.of(Location.of(chat), DatabaseKind.CHAT).status().isUpToDate()).isTrue();
        try (SessionStore store = SessionStore.openReadOnly(Location.of(sessions))) {
            var written = store.list(SessionQuery.all().withSpec("099-after-migration"), PageRequest.first(5)).items();
            assertThat(written).singleElement().satisfies(s -> assertThat(s.status().value()).isEqualTo("completed"));
            assertThat(store.get(written.getFirst().id()).orElseThrow().specs()).containsExactly("099-after-migration");
            assertThat(store.countLogs(written.getFirst().id())).isPositive();
        }
        try (ChatStore store = ChatStore.openReadOnly(Location.of(chat))) {
            assertThat(store.count(ConversationQuery.all())).isEqualTo(conversationsOf(before).size() + 1);
        }
        assertThat(Databases.scalar(sessions, "PRAGMA journal_mode")).isEqualTo("delete");
    }

    @Test
    void leanSpec028StartsOnItsMigratedLeanspecDbListsEverythingAndWritesOn() throws Exception {
        Path home = dir.resolve("home");
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", home.resolve(".lean-spec"));
        writeProjectRunners(home.resolve("proj"));
        Map<String, Object> before;
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.28", home)) {
            before = everything(leanSpec, "spec_ids");
        }
        assertThat(sessionsOf(before)).hasSize(8);
        List<Map<String, Object>> sqlx = Databases.rows(file, "_sqlx_migrations", "version");

        MigrationService.of(Location.of(file), DatabaseKind.LEANSPEC).migrate(MigrateOptions.safe().withAdoption());

        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.28", home)) {
            assertThat(everything(leanSpec, "spec_ids")).isEqualTo(before);
            String id = leanSpec.call("POST", "/api/sessions", "{\"project_path\":\"" + home.resolve("proj")
                    + "\",\"spec_ids\":[\"099-after\",\"100-also\"],\"prompt\":\"after the migration\",\"runner\":\"echo-runner\","
                    + "\"mode\":\"guided\"}").get("id").asText();
            leanSpec.call("POST", "/api/sessions/" + id + "/start", null);
            waitForStatus(leanSpec, id, "completed");
            String conversation = leanSpec.call("POST", "/api/chat/sessions", "{\"projectId\":\"lean-spec\"}").get("id").asText();
            leanSpec.call("PUT", "/api/chat/sessions/" + conversation + "/messages",
                    "{\"messages\":[{\"id\":\"after-1\",\"role\":\"user\",\"content\":\"after\"}]}");
        }
        assertThat(Databases.rows(file, "_sqlx_migrations", "version")).usingRecursiveComparison().isEqualTo(sqlx);
        DatabaseStatus status = MigrationService.of(Location.of(file), DatabaseKind.LEANSPEC).status();
        assertThat(status.isUpToDate()).isTrue();
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            assertThat(store.count(SessionQuery.all())).isEqualTo(9);
            var written = store.list(SessionQuery.all().withSpec("100-also"), PageRequest.first(5)).items();
            assertThat(store.get(written.getFirst().id()).orElseThrow().specs()).containsExactly("099-after", "100-also");
        }
    }

    @Test
    void whereTheTableSaysAReleaseCannotUseAFileItCannotAndMigratingFixesIt() throws Exception {
        Path home = dir.resolve("home");
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", home.resolve(".lean-spec"));
        // The same rows as LeanSpec 0.2.22 would have them: its column was `tool`.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE sessions RENAME COLUMN runner TO tool");
            statement.execute("DROP INDEX idx_sessions_runner");
            statement.execute("CREATE INDEX idx_sessions_tool ON sessions(tool)");
        }
        DatabaseStatus status = MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status();
        assertThat(status.shape()).isEqualTo(Shape.TOOL_ERA);
        assertThat(status.compatibility().worksNow()).containsExactly("0.2.22").doesNotContain("0.2.24");
        assertThat(status.compatibility().worksAfter()).contains("0.2.24");
        assertThat(status.compatibility().breaks()).containsExactly("0.2.22");

        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.24", home)) {
            assertThat(leanSpec.send("GET", "/api/sessions", null).statusCode()).as("0.2.24 on a tool-era file").isNotEqualTo(200);
        }
        MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption());
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.24", home)) {
            assertThat(sessionsOf(everything(leanSpec, "spec_id"))).hasSize(6);
        }
    }

    @Test
    void migrateIsRefusedWhileTheRealLeanSpecHasTheFileOpenAndNamesIt() throws Exception {
        Path home = dir.resolve("home");
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", home.resolve(".lean-spec"));
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.24", home)) {
            leanSpec.call("GET", "/api/sessions", null);
            assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption()))
                    .isInstanceOf(PersistenceException.class)
                    .hasMessageContaining("leanspec-http (pid " + leanSpec.pid() + ") has sessions.db open: stop LeanSpec and retry")
                    .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.IN_USE);
        }
        assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.RUNNER_ERA);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("backup"));
        }
    }

    @Test
    void leanSpec028StartsOnAConsolidated024HomeAndListsAll024ListedOrphansIncluded() throws Exception {
        Path home = dir.resolve("home");
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", home.resolve(".lean-spec"));
        RealFixtures.copy("leanspec-0.2.24/as-left/chat.db", home.resolve(".local/share/lean-spec"));
        // A session deleted behind LeanSpec's back (foreign keys off): its logs and events stay as orphans.
        String gone;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sessions);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            try (var rows = statement.executeQuery("SELECT session_id FROM session_logs LIMIT 1")) {
                rows.next();
                gone = rows.getString(1);
            }
            statement.execute("DELETE FROM sessions WHERE id = '" + gone + "'");
        }
        Map<String, Object> before;
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.24", home)) {
            before = everything(leanSpec, "spec_id");
        }

        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.leanspec.inspector.cli.Cli.run(new String[] {"consolidate", "--rename-sources"}, new java.io.PrintWriter(out),
                new java.io.PrintWriter(err), dev.leanspec.inspector.persistence.LeanSpecPaths.of(home, Map.of(), "Linux"));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("orphans:").contains("session_logs");
        Path leanspecDb = home.resolve(".lean-spec/leanspec.db");
        long orphanLogs = ((Number) Databases.scalar(leanspecDb, "SELECT count(*) FROM session_logs WHERE session_id = '" + gone + "'")).longValue();
        assertThat(orphanLogs).isPositive();

        writeProjectRunners(home.resolve("proj"));
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.28", home)) {
            assertThat(everything(leanSpec, "spec_ids")).isEqualTo(before);
            String id = leanSpec.call("POST", "/api/sessions", "{\"project_path\":\"" + home.resolve("proj")
                    + "\",\"spec_ids\":[\"099-new\"],\"runner\":\"echo-runner\",\"mode\":\"guided\"}").get("id").asText();
            leanSpec.call("POST", "/api/sessions/" + id + "/start", null);
            waitForStatus(leanSpec, id, "completed");
            // With foreign keys on, deletes cascade; the orphans carried over trouble nothing.
            leanSpec.call("DELETE", "/api/sessions/" + id, null);
            assertThat(sessionsOf(everything(leanSpec, "spec_ids"))).isEqualTo(sessionsOf(before));
            String conversation = leanSpec.call("POST", "/api/chat/sessions", "{\"projectId\":\"lean-spec\"}").get("id").asText();
            leanSpec.call("PUT", "/api/chat/sessions/" + conversation + "/messages",
                    "{\"messages\":[{\"id\":\"after-1\",\"role\":\"user\",\"content\":\"after\"}]}");
            assertThat(leanSpec.log()).doesNotContain("legacy_sessions");
        }
        assertThat(((Number) Databases.scalar(leanspecDb, "SELECT count(*) FROM session_logs WHERE session_id = '" + gone + "'")).longValue())
                .isEqualTo(orphanLogs);
        assertThat(Databases.scalar(leanspecDb, "SELECT count(*) FROM _sqlx_migrations")).isEqualTo(1);
        assertThat(MigrationService.of(Location.of(leanspecDb), DatabaseKind.LEANSPEC).status().isUpToDate()).isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------

    @Test
    void leanSpec028ListsTheStuckSessionDoctorClosedAsItsOwnCleanupWould() throws Exception {
        Path home = dir.resolve("home");
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", home.resolve(".lean-spec"));
        writeProjectRunners(home.resolve("proj"));
        // What 0.2.28 leaves when its server dies mid-session (it never calls cleanup_stale_sessions).
        String stuck;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = db.createStatement();
             var row = sql.executeQuery("SELECT id FROM sessions WHERE status = 'completed' ORDER BY id LIMIT 1")) {
            row.next();
            stuck = row.getString(1);
            sql.executeUpdate("UPDATE sessions SET status = 'running', ended_at = NULL, duration_ms = NULL WHERE id = '" + stuck + "'");
        }
        Map<String, Object> before;
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.28", home)) {
            before = everything(leanSpec, "spec_ids");
        }

        dev.leanspec.inspector.persistence.doctor.Repair repair = dev.leanspec.inspector.persistence.doctor.Repair.closeStuckSessions(file,
                java.time.Clock.systemUTC(), false);

        assertThat(repair.ids()).containsExactly(stuck);
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.28", home)) {
            Map<String, Object> after = everything(leanSpec, "spec_ids");
            JsonNode closed = leanSpec.call("GET", "/api/sessions/" + stuck, null);
            assertThat(closed.get("status").asText()).isEqualTo("failed");
            assertThat(closed.get("ended_at").isNull()).isFalse();
            assertThat(closed.get("duration_ms").asLong()).isPositive();
            List<String> events = new ArrayList<>();
            leanSpec.call("GET", "/api/sessions/" + stuck + "/events", null).forEach(e -> events.add(e.get("event_type").asText() + " "
                    + e.path("data").asText()));
            assertThat(events).last().isEqualTo("failed Process disappeared");
            // Everything else as it was: the other sessions, every conversation.
            Map<String, Object> others = new TreeMap<>(sessionsOf(after));
            Map<String, Object> othersBefore = new TreeMap<>(sessionsOf(before));
            others.remove(stuck);
            othersBefore.remove(stuck);
            assertThat(others).hasSize(7).isEqualTo(othersBefore);
            assertThat(conversationsOf(after)).isEqualTo(conversationsOf(before));
        }
        // The backup holds the file as it was.
        assertThat(Databases.rows(repair.backup(), "sessions", "id").stream().filter(r -> stuck.equals(r.get("id"))).findFirst().orElseThrow()
                .get("status")).isEqualTo("running");
    }

    @Test
    void leanSpec028ListsWhatDoctorMergedFromTheFilesItsUpgradeNeverImported() throws Exception {
        // A 0.2.24 user who started 0.2.28: its import failed on sessions.db, and looked for chat.db
        // in ~/.lean-spec only (0.2.24 wrote it in the platform's data folder).
        Path home = dir.resolve("home");
        RealFixtures.copy("leanspec-0.2.28-upgrade/leanspec.db", home.resolve(".lean-spec"));
        Path sessions = RealFixtures.copy("leanspec-0.2.28-upgrade/sessions.db", home.resolve(".lean-spec"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", home.resolve(".local/share/lean-spec"));
        writeProjectRunners(home.resolve("proj"));
        // What 0.2.24 showed of those two files, on a home of its own (it writes its files there).
        Path old = dir.resolve("home-0.2.24");
        RealFixtures.copy("leanspec-0.2.28-upgrade/sessions.db", old.resolve(".lean-spec"));
        RealFixtures.copy("leanspec-0.2.24/chat.db", old.resolve(".local/share/lean-spec"));
        Map<String, Object> before;
        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.24", old)) {
            before = everything(leanSpec, "spec_id");
        }
        // As the user found it: 0.2.28 does not even start beside the sessions.db it cannot import. On
        // a copy: how far its import gets before it fails varies from start to start (it ATTACHes the
        // file on one connection of its pool and may query it on another; once it had copied the
        // sessions' rows before failing), and doctor must see the home as the fixtures have it.
        Path tried = dir.resolve("home-tried");
        RealFixtures.copy("leanspec-0.2.28-upgrade/leanspec.db", tried.resolve(".lean-spec"));
        RealFixtures.copy("leanspec-0.2.28-upgrade/sessions.db", tried.resolve(".lean-spec"));
        // Every start seen here failed, mostly at its first query of the attached file; a start whose every
        // query met the attaching connection would import and run, so only a failure's cause is asserted.
        try {
            LeanSpecServer.start("0.2.28", tried).close();
        } catch (IllegalStateException failed) {
            assertThat(failed.getMessage()).contains("legacy_sessions");
        }
        assertThat(sessionsOf(before)).isNotEmpty();
        assertThat(conversationsOf(before)).hasSize(3);

        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        dev.leanspec.inspector.cli.Cli.run(new String[] {"doctor", "--repair", "--yes"}, new java.io.PrintWriter(out),
                new java.io.PrintWriter(err), dev.leanspec.inspector.persistence.LeanSpecPaths.of(home, Map.of(), "Linux"));
        assertThat(out.toString()).as(err.toString()).contains(": merged " + sessions).contains(": merged " + chat);
        assertThat(chat.resolveSibling("chat.db.migrated")).exists();
        assertThat(sessions.resolveSibling("sessions.db.migrated")).exists();

        try (LeanSpecServer leanSpec = LeanSpecServer.start("0.2.28", home)) {
            assertThat(everything(leanSpec, "spec_ids")).isEqualTo(before);
            assertThat(leanSpec.log()).doesNotContain("legacy_sessions");
        }
    }

    /** Every session (fields, specs, logs, events) and conversation (with messages), as LeanSpec's API lists them. */
    private static Map<String, Object> everything(LeanSpecServer leanSpec, String specField) throws Exception {
        Map<String, Object> sessions = new TreeMap<>();
        for (JsonNode session : leanSpec.call("GET", "/api/sessions", null)) {
            String id = session.get("id").asText();
            List<String> logs = new ArrayList<>();
            leanSpec.call("GET", "/api/sessions/" + id + "/logs", null).forEach(l -> logs.add(l.get("level").asText() + " " + l.get("message").asText()));
            List<String> events = new ArrayList<>();
            leanSpec.call("GET", "/api/sessions/" + id + "/events", null).forEach(e -> events.add(e.get("event_type").asText()));
            // 0.2.24 says spec_id (one or null), 0.2.28 spec_ids (a list): both as the list of specs.
            JsonNode spec = session.get(specField);
            List<String> specs = new ArrayList<>();
            if (spec != null && spec.isArray()) {
                spec.forEach(s -> specs.add(s.asText()));
            } else if (spec != null && !spec.isNull()) {
                specs.add(spec.asText());
            }
            sessions.put(id, List.of(session.get("status").asText(), session.get("runner").asText(), specs,
                    session.get("started_at").asText(), logs, events));
        }
        Map<String, Object> conversations = new TreeMap<>();
        List<JsonNode> listed = new ArrayList<>();
        // LeanSpec lists conversations per project: the fixtures' two.
        for (String project : List.of("lean-spec", "my-app-2")) {
            leanSpec.call("GET", "/api/chat/sessions?projectId=" + project, null).forEach(listed::add);
        }
        for (JsonNode conversation : listed) {
            String id = conversation.get("id").asText();
            List<String> messages = new ArrayList<>();
            leanSpec.call("GET", "/api/chat/sessions/" + id, null).get("messages")
                    .forEach(m -> messages.add(m.get("id").asText() + " " + m.get("role").asText() + " " + m.get("content").asText()
                            + " " + m.path("parts")));
            conversations.put(id, List.of(conversation.get("title").asText(), messages));
        }
        return Map.of("sessions", sessions, "conversations", conversations);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sessionsOf(Map<String, Object> everything) {
        return (Map<String, Object>) everything.get("sessions");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> conversationsOf(Map<String, Object> everything) {
        return (Map<String, Object>) everything.get("conversations");
    }

    private static void waitForStatus(LeanSpecServer leanSpec, String id, String status) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (leanSpec.call("GET", "/api/sessions/" + id, null).get("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("session " + id + " never reached " + status + ": " + leanSpec.log());
    }

    /** 0.2.28 reads a project's runners from its .lean-spec/runners.json. */
    private static void writeProjectRunners(Path project) throws Exception {
        Files.createDirectories(project.resolve(".lean-spec"));
        Files.writeString(project.resolve(".lean-spec/runners.json"),
                "{\"runners\": {\"echo-runner\": {\"command\": \"/bin/echo\", \"args\": [\"hello from 0.2.28\"]}}, \"default\": \"echo-runner\"}");
    }
}
