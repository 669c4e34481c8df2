package dev.leanspec.inspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 36: {@code doctor} on a home folder as LeanSpec's binaries left it — 0.2.28's leanspec.db,
 * 0.2.24's chat.db in the data folder its import never looked in, runners.json renamed after its
 * import, a {@code (postgres)} file in a project folder — plus what a dead server and another
 * SQLite build leave (a session still running, an orphan log line, planted with sqlite3).
 */
class DoctorCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void findsWhatLeanSpecLeftAndChangesNoByte() throws Exception {
        Path home = dir.resolve("home");
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", home.resolve(".lean-spec"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", home.resolve(".local/share/lean-spec"));
        Files.writeString(home.resolve(".lean-spec/runners.json.migrated"),
                "{\"runners\":{\"test-echo\":{\"command\":\"echo\"},\"my-claude\":{\"command\":\"claude\"}},\"default\":\"test-echo\"}");
        Path project = Files.createDirectories(dir.resolve("work/app"));
        Files.writeString(home.resolve(".lean-spec/projects.json"), "{\"projects\":{\"app\":{\"id\":\"app\",\"name\":\"app\",\"path\":\""
                + project + "\"}}}");
        Files.copy(leanspec, project.resolve("(postgres)"));
        sql(leanspec, "UPDATE sessions SET status = 'running', ended_at = NULL WHERE id = (SELECT id FROM sessions WHERE status = 'failed' "
                + "ORDER BY id LIMIT 1)");
        sql(leanspec, "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('gone', '2026-01-01T00:00:00Z', 'stdout', 'x')");
        Map<Path, Map<String, String>> before = bytes(home.resolve(".lean-spec"), home.resolve(".local/share/lean-spec"), project);

        CliRun text = CliRun.in(dir, "doctor");
        CliRun json = CliRun.in(dir, "doctor", "--json");

        assertThat(text.code()).as(text.err()).isEqualTo(3);
        assertThat(json.code()).isEqualTo(3);
        Map<String, JsonNode> byCode = new HashMap<>();
        List<String> codes = new ArrayList<>();
        for (JsonNode finding : JSON.readTree(json.out()).get("findings")) {
            codes.add(finding.get("code").asText());
            byCode.putIfAbsent(finding.get("code").asText(), finding);
            assertThat(finding.get("message").asText()).isNotBlank();
            assertThat(finding.get("repair").asText()).isNotBlank();
        }
        assertThat(codes).contains("stuck-session", "orphan-rows", "chat-not-imported", "runners-lost", "postgres-placeholder-file",
                "acp-metadata-missing", "token-count-not-recorded");
        assertThat(byCode.get("stuck-session").get("count").asLong()).isEqualTo(1);
        assertThat(byCode.get("stuck-session").get("severity").asText()).isEqualTo("warning");
        assertThat(byCode.get("stuck-session").get("file").asText()).isEqualTo(leanspec.toString());
        assertThat(byCode.get("chat-not-imported").get("count").asLong()).isEqualTo(3);
        assertThat(byCode.get("chat-not-imported").get("ids")).hasSize(3);
        assertThat(byCode.get("chat-not-imported").get("message").asText()).contains("None of the 3 conversations here is in " + leanspec);
        assertThat(byCode.get("runners-lost").get("ids").toString()).isEqualTo("[\"my-claude\",\"test-echo\"]");
        // Not written back: 0.2.28 would import and rename it again at its next start (its state.rs).
        assertThat(byCode.get("runners-lost").get("repair").asText()).contains("at every start and renames it again")
                .contains("a project's .lean-spec/runners.json");
        assertThat(byCode.get("postgres-placeholder-file").get("file").asText()).isEqualTo(project.resolve("(postgres)").toString());
        assertThat(byCode.get("orphan-rows").get("message").asText()).startsWith("1 row of session_logs points at 1 missing row of sessions");
        // No id names them: the query that lists them, as the Health tab runs it in the SQL tab.
        String orphanQuery = byCode.get("orphan-rows").get("query").asText();
        // Immutable: this test's own read must leave no -wal or -shm beside the file it checks.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + leanspec + "?immutable=1", "", "");
             Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(orphanQuery)) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("message")).isEqualTo("x");
            assertThat(rows.next()).isFalse();
        }
        assertThat(byCode.get("stuck-session").has("query")).isFalse();
        // 0.2.28 lost the agent's session id of one of its two ACP sessions (the fixture as LeanSpec wrote it).
        assertThat(byCode.get("acp-metadata-missing").get("count").asLong()).isEqualTo(1);
        assertThat(byCode.get("acp-metadata-missing").get("message").asText()).contains("'acp_session_id'");
        assertThat(byCode.get("token-count-not-recorded").get("severity").asText()).isEqualTo("note");
        // Warnings first; the text says the same, with what to do.
        assertThat(codes.indexOf("token-count-not-recorded")).isGreaterThan(codes.indexOf("postgres-placeholder-file"));
        assertThat(text.out()).contains("warning  stuck-session  " + leanspec).contains("→ Close each as LeanSpec's cleanup would have")
                .contains("findings to act on");
        assertThat(bytes(home.resolve(".lean-spec"), home.resolve(".local/share/lean-spec"), project)).isEqualTo(before);

        // --repair alone says what it would do and changes nothing; with --yes it closes the stuck session.
        CliRun asked = CliRun.in(dir, "doctor", "--repair");
        assertThat(asked.out()).contains("would    " + leanspec + ": close 1 session as LeanSpec's cleanup would have")
                .contains("would    " + chat + ": merge 3 conversations into " + leanspec + " (ids kept, every value checked), then rename "
                        + "chat.db to chat.db.migrated as LeanSpec does")
                .contains("by hand  runners-lost").contains("kept     orphan-rows").contains("Nothing was changed: add --yes to repair.");
        assertThat(bytes(home.resolve(".lean-spec"), home.resolve(".local/share/lean-spec"), project)).isEqualTo(before);
        // These two homes' files were made apart and share message ids: the merge refuses them and
        // changes nothing, after the stuck session was closed.
        Map<String, String> chatBefore = FileBytes.folder(chat.getParent());
        CliRun repaired = CliRun.in(dir, "doctor", "--repair", "--yes");
        assertThat(repaired.out()).as(repaired.err()).contains("repaired " + leanspec + ": closed 1 session (backup, checked: ");
        assertThat(repaired.code()).isEqualTo(1);
        assertThat(repaired.err()).contains("messages in " + chat + " have the ids of different rows already written")
                .contains("Nothing was changed");
        assertThat(FileBytes.folder(chat.getParent())).isEqualTo(chatBefore);
        List<String> left = new ArrayList<>();
        JSON.readTree(CliRun.in(dir, "doctor", "--json").out()).get("findings").forEach(f -> left.add(f.get("code").asText()));
        assertThat(left).doesNotContain("stuck-session").contains("chat-not-imported", "runners-lost");
        String stuck = byCode.get("stuck-session").get("ids").get(0).asText();
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + leanspec); var sql = db.createStatement();
             var row = sql.executeQuery("SELECT status, ended_at IS NOT NULL, duration_ms > 0, (SELECT event_type || ' ' || data FROM "
                     + "session_events WHERE session_id = s.id ORDER BY id DESC LIMIT 1) FROM sessions s WHERE id = '" + stuck + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("failed");
            assertThat(row.getBoolean(2)).isTrue();
            assertThat(row.getBoolean(3)).isTrue();
            assertThat(row.getString(4)).isEqualTo("failed Process disappeared");
        }
        try (var backups = Files.list(leanspec.getParent())) {
            // The closing's; the refused merge's was removed with nothing changed.
            assertThat(backups.filter(p -> p.getFileName().toString().startsWith("leanspec.db.backup-")).count()).isEqualTo(1);
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + leanspec + "?mode=ro", "", ""); Statement sql = db.createStatement();
             ResultSet none = sql.executeQuery("SELECT count(*) FROM conversations WHERE id = '3483bd17-cdb2-4fe9-ad0c-66f7bbd6f10c'")) {
            none.next();
            assertThat(none.getLong(1)).isZero();
        }

    }

    @Test
    void onAnUpgradedHomeTheMergesDoctorNamesBringEverythingIntoLeanspecDb() throws Exception {
        // What a 0.2.24 user who starts 0.2.28 has: its leanspec.db beside the sessions.db it failed to
        // import, and chat.db in the data folder its import never looked in.
        Path home = dir.resolve("home");
        RealFixtures.copy("leanspec-0.2.28-upgrade/leanspec.db", home.resolve(".lean-spec"));
        RealFixtures.copy("leanspec-0.2.28-upgrade/sessions.db", home.resolve(".lean-spec"));
        RealFixtures.copy("leanspec-0.2.24/chat.db", home.resolve(".local/share/lean-spec"));
        Map<String, String> repairs = new HashMap<>();
        JSON.readTree(CliRun.in(dir, "doctor", "--json").out()).get("findings").forEach(f -> repairs.put(f.get("code").asText(),
                f.get("repair").asText()));
        assertThat(repairs).containsKeys("sessions-not-imported", "chat-not-imported");

        // Each repair as the finding words it.
        for (String code : List.of("sessions-not-imported", "chat-not-imported")) {
            String repair = repairs.get(code);
            CliRun run = CliRun.in(dir, repair.substring(repair.indexOf("consolidate "), repair.indexOf(" (ids kept")).split(" "));
            assertThat(run.code()).as(code + ": " + run.out() + run.err()).isZero();
        }

        CliRun after = CliRun.in(dir, "doctor", "--json");
        List<String> codes = new ArrayList<>();
        JSON.readTree(after.out()).get("findings").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).doesNotContain("sessions-not-imported", "chat-not-imported").contains("leftover-migrated");
        assertThat(after.code()).isZero();
    }

    @Test
    void doctorRepairMergesWhatTheUpgradeNeverImportedAndClosesTheStuckSessionFirst() throws Exception {
        Path home = dir.resolve("home");
        Path leanspec = RealFixtures.copy("leanspec-0.2.28-upgrade/leanspec.db", home.resolve(".lean-spec"));
        Path sessions = RealFixtures.copy("leanspec-0.2.28-upgrade/sessions.db", home.resolve(".lean-spec"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", home.resolve(".local/share/lean-spec"));
        sql(sessions, "UPDATE sessions SET status = 'running', ended_at = NULL WHERE id = (SELECT id FROM sessions WHERE status <> 'running' "
                + "ORDER BY id LIMIT 1)");
        long sessionRows = ((Number) dev.leanspec.inspector.testing.Databases.scalar(sessions, "SELECT count(*) FROM sessions")).longValue();

        CliRun repaired = CliRun.in(dir, "doctor", "--repair", "--yes");

        assertThat(repaired.out()).as(repaired.err())
                .contains("repaired " + sessions + ": closed 1 session")
                .contains("repaired " + leanspec + ": merged " + sessions + ", renamed .migrated")
                .contains("repaired " + leanspec + ": merged " + chat + ", renamed .migrated");
        assertThat(repaired.out().indexOf(": closed 1 session")).isLessThan(repaired.out().indexOf(": merged " + sessions));
        assertThat(sessions).doesNotExist();
        assertThat(chat).doesNotExist();
        assertThat(((Number) dev.leanspec.inspector.testing.Databases.scalar(leanspec, "SELECT count(*) FROM sessions")).longValue())
                .isEqualTo(sessionRows);
        assertThat(dev.leanspec.inspector.testing.Databases.scalar(leanspec, "SELECT count(*) FROM sessions WHERE status = 'running'"))
                .isEqualTo(0);
        assertThat(((Number) dev.leanspec.inspector.testing.Databases.scalar(leanspec, "SELECT count(*) FROM conversations")).longValue())
                .isEqualTo(3);
        List<String> left = new ArrayList<>();
        CliRun after = CliRun.in(dir, "doctor", "--json");
        JSON.readTree(after.out()).get("findings").forEach(f -> left.add(f.get("code").asText()));
        assertThat(left).doesNotContain("stuck-session", "sessions-not-imported", "chat-not-imported").contains("leftover-migrated");
    }

    @Test
    void sessionsWhoseRowsAStartOf028CopiedWithoutTheirHistoryAreNotImportedAndGetMerged() throws Exception {
        // 0.2.28's start fails at a different step each time (it attaches sessions.db on one pooled connection and
        // queries it on another); once it copied the sessions' rows and died before their logs and events. Its own
        // statement (rust/leanspec-core/src/sessions/database.rs at v0.2.28), run as it would on this file.
        Path home = dir.resolve("home");
        Path leanspec = RealFixtures.copy("leanspec-0.2.28-upgrade/leanspec.db", home.resolve(".lean-spec"));
        Path sessions = RealFixtures.copy("leanspec-0.2.28-upgrade/sessions.db", home.resolve(".lean-spec"));
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + leanspec); var run = db.createStatement()) {
            run.execute("ATTACH DATABASE '" + sessions + "' AS legacy_sessions");
            run.executeUpdate("INSERT OR IGNORE INTO sessions (id, project_path, prompt, runner, mode, status, exit_code, started_at, ended_at, "
                    + "duration_ms, token_count, created_at, updated_at) SELECT id, project_path, NULL, runner, mode, status, exit_code, "
                    + "started_at, ended_at, duration_ms, token_count, created_at, updated_at FROM legacy_sessions.sessions");
            run.execute("DETACH DATABASE legacy_sessions");
        }
        long logs = ((Number) Databases.scalar(sessions, "SELECT count(*) FROM session_logs")).longValue();

        JsonNode found = null;
        for (JsonNode finding : JSON.readTree(CliRun.in(dir, "doctor", "--json").out()).get("findings")) {
            if (finding.get("code").asText().equals("sessions-not-imported")) {
                found = finding;
            }
        }
        assertThat(found).as("the sessions are there, their log lines and events are not").isNotNull();
        assertThat(found.get("count").asLong()).isEqualTo(((Number) Databases.scalar(sessions,
                "SELECT count(DISTINCT session_id) FROM (SELECT session_id FROM session_logs UNION ALL SELECT session_id FROM session_events)"))
                .longValue());
        assertThat(found.get("message").asText()).contains("here is whole in " + leanspec).contains("without their log lines and events");

        CliRun repaired = CliRun.in(dir, "doctor", "--repair", "--yes");

        assertThat(repaired.out()).as(repaired.err()).contains("repaired " + leanspec + ": merged " + sessions + ", renamed .migrated");
        assertThat(((Number) Databases.scalar(leanspec, "SELECT count(*) FROM session_logs")).longValue()).isEqualTo(logs);
        assertThat(sessions).doesNotExist();
    }

    @Test
    void deleteOrphansSavesEveryOrphanRowBesideTheBackupThenDeletesExactlyThose() throws Exception {
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        // What a session or conversation deleted under LeanSpec's foreign keys off left (planted as sqlite3 writes).
        sql(leanspec, "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('gone', '2026-01-01T00:00:00Z', 'stdout', "
                + "'line \"quoted\" 中文')");
        sql(leanspec, "INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES ('gone', 'started', NULL, "
                + "'2026-01-01T00:00:00Z')");
        sql(leanspec, "INSERT INTO messages (id, conversation_id, project_id, role, content, timestamp, parts) VALUES ('m-gone', 'c-gone', 'p', "
                + "'user', 'hello', 1767225600000, '[]')");
        Map<String, Long> rowsBefore = rowCounts(leanspec);
        Map<String, String> before = FileBytes.data(leanspec.getParent());

        CliRun asked = CliRun.in(dir, "doctor", "--db", leanspec.toString(), "--repair", "--delete-orphans");
        assertThat(asked.out()).as(asked.err()).contains("would    " + leanspec + ": delete 3 orphan rows");
        assertThat(asked.out()).doesNotContain("kept     orphan-rows");
        assertThat(FileBytes.data(leanspec.getParent())).isEqualTo(before);
        assertThat(CliRun.in(dir, "doctor", "--db", leanspec.toString(), "--delete-orphans").code()).isEqualTo(2);

        CliRun repaired = CliRun.in(dir, "doctor", "--db", leanspec.toString(), "--repair", "--delete-orphans", "--yes");

        assertThat(repaired.out()).as(repaired.err()).contains("repaired " + leanspec + ": deleted the orphan rows of session_logs, "
                + "session_events, messages, every one saved in ");
        Path backup;
        Path saved;
        try (var files = Files.list(leanspec.getParent())) {
            List<Path> all = files.toList();
            backup = all.stream().filter(p -> p.getFileName().toString().startsWith("leanspec.db.backup-")
                    && p.getFileName().toString().endsWith(".db")).findFirst().orElseThrow();
            saved = all.stream().filter(p -> p.getFileName().toString().endsWith(".orphans.json")).findFirst().orElseThrow();
        }
        assertThat(saved.getFileName().toString()).isEqualTo(backup.getFileName() + ".orphans.json");
        // The backup is the file as it was; the JSON holds every orphan row, every column.
        assertThat(FileBytes.sha256(backup)).isEqualTo(before.get("leanspec.db"));
        JsonNode tables = JSON.readTree(saved.toFile()).get("tables");
        assertThat(tables.get("session_logs")).hasSize(1);
        assertThat(tables.get("session_logs").get(0).get("message").asText()).isEqualTo("line \"quoted\" 中文");
        assertThat(tables.get("session_logs").get(0).get("session_id").asText()).isEqualTo("gone");
        assertThat(tables.get("session_events").get(0).get("data").isNull()).isTrue();
        assertThat(tables.get("messages").get(0).get("timestamp").asLong()).isEqualTo(1767225600000L);
        assertThat(JSON.readTree(saved.toFile()).get("file").asText()).isEqualTo(leanspec.toString());
        // Exactly those rows went; nothing else changed.
        Map<String, Long> rowsAfter = rowCounts(leanspec);
        Map<String, Long> expected = new HashMap<>(rowsBefore);
        expected.merge("session_logs", -1L, Long::sum);
        expected.merge("session_events", -1L, Long::sum);
        expected.merge("messages", -1L, Long::sum);
        assertThat(rowsAfter).isEqualTo(expected);
        assertThat(Databases.scalar(leanspec, "SELECT count(*) FROM session_logs WHERE session_id = 'gone'")).isEqualTo(0);
        List<String> left = new ArrayList<>();
        JSON.readTree(CliRun.in(dir, "doctor", "--db", leanspec.toString(), "--json").out()).get("findings")
                .forEach(f -> left.add(f.get("code").asText()));
        assertThat(left).doesNotContain("orphan-rows").contains("acp-metadata-missing");
    }

    /** {@return every table's row count} */
    private static Map<String, Long> rowCounts(Path file) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro", "", ""); Statement sql = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = sql.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet count = sql.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        }
        return counts;
    }

    @Test
    void aFileWithNothingToRepairExitsZeroWithItsNotes() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("files"));

        CliRun doctor = CliRun.in(dir, "doctor", "--db", file.toString());

        assertThat(doctor.code()).as(doctor.out() + doctor.err()).isZero();
        assertThat(doctor.out()).contains("note     token-count-not-recorded").contains("Nothing to repair in 1 file (1 note above).");
        assertThat(CliRun.in(dir, "doctor", "--db", dir.resolve("nope.db").toString()).code()).isEqualTo(1);
    }

    private static Map<Path, Map<String, String>> bytes(Path... folders) throws Exception {
        Map<Path, Map<String, String>> all = new HashMap<>();
        for (Path folder : folders) {
            all.put(folder, FileBytes.folder(folder));
        }
        return all;
    }

    private static void sql(Path file, String statement) throws Exception {
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var run = db.createStatement()) {
            run.executeUpdate(statement);
        }
    }
}
