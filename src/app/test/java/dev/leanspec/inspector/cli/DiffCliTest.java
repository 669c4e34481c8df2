package dev.leanspec.inspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 37: {@code diff} as a user runs it, on files LeanSpec's binaries wrote: a file and its
 * copy, the copy with rows changed by another writer, a file and its migrated copy.
 */
class DiffCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCopyIsTheSameAndChangedRowsAreListedByKey() throws Exception {
        Path a = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("a"));
        Path b = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("b"));
        CliRun same = CliRun.in(dir, "diff", a.toString(), b.toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("hold the same");

        String session = value(b, "SELECT id FROM sessions WHERE status <> 'cancelled' ORDER BY id LIMIT 1");
        String status = value(b, "SELECT status FROM sessions WHERE id = '" + session + "'");
        String log = value(b, "SELECT min(id) FROM session_logs");
        sql(b, "UPDATE sessions SET status = 'cancelled' WHERE id = '" + session + "'");
        sql(b, "DELETE FROM session_logs WHERE id = " + log);
        String before = FileBytes.sha256(a) + FileBytes.sha256(b);

        CliRun text = CliRun.in(dir, "diff", a.toString(), b.toString());
        assertThat(text.code()).as(text.err()).isEqualTo(DiffCommand.DIFFERENT);
        assertThat(text.out()).contains("--- " + a).contains("+++ " + b)
                .containsPattern("session_logs +0 +1 +0").containsPattern("sessions +0 +0 +1")
                .contains("  - " + log).contains("  ~ '" + session + "'").contains("status: '" + status + "' → 'cancelled'")
                .contains("differ: 2 tables with different rows.");

        CliRun json = CliRun.in(dir, "diff", "--json", a.toString(), b.toString());
        assertThat(json.code()).isEqualTo(DiffCommand.DIFFERENT);
        JsonNode result = JSON.readTree(json.out());
        assertThat(result.get("same").asBoolean()).isFalse();
        assertThat(result.get("schema")).isEmpty();
        List<String> tables = new ArrayList<>();
        result.get("tables").forEach(t -> tables.add(t.get("table").asText()));
        assertThat(tables).containsExactly("session_logs", "sessions");
        JsonNode sessions = result.get("tables").get(1);
        assertThat(sessions.get("changed").get(0).get("key").asText()).isEqualTo(session);
        assertThat(sessions.get("changed").get(0).get("columns").get("status").get(1).asText()).isEqualTo("cancelled");
        assertThat(result.get("tables").get(0).get("removed").get(0).asLong()).isEqualTo(Long.parseLong(log));
        assertThat(result.get("tables").get(0).get("counts").get("removed").asLong()).isEqualTo(1);

        // A long value is cut, saying how much more there is, and its line breaks are shown; --json gives it whole.
        String last = value(b, "SELECT max(id) FROM session_logs");
        sql(b, "UPDATE session_logs SET message = 'first line' || char(10) || printf('%.300c', 'x') WHERE id = " + last);
        CliRun cut = CliRun.in(dir, "diff", "--table", "session_logs", a.toString(), b.toString());
        assertThat(cut.out()).contains("→ 'first line\\nxxx").contains("… (151 more characters)");
        JsonNode whole = JSON.readTree(CliRun.in(dir, "diff", "--json", "--table", "session_logs", a.toString(), b.toString()).out());
        assertThat(whole.get("tables").get(0).get("changed").get(0).get("columns").get("message").get(1).asText()).hasSize(311);
        before = FileBytes.sha256(a) + FileBytes.sha256(b);

        CliRun one = CliRun.in(dir, "diff", "--table", "sessions", a.toString(), b.toString());
        assertThat(one.out()).doesNotContain("session_logs").contains("1 table with different rows");
        assertThat(FileBytes.sha256(a) + FileBytes.sha256(b)).as("diff changes no byte").isEqualTo(before);
    }

    @Test
    void aFileAndItsMigratedCopyHoldTheSameRows() throws Exception {
        Path original = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("a"));
        Path migrated = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("b"));
        assertThat(CliRun.in(dir, "migrate", "--sessions", migrated.toString(), "--yes").code()).isZero();
        CliRun json = CliRun.in(dir, "diff", "--json", original.toString(), migrated.toString());
        assertThat(json.code()).as("the shapes differ").isEqualTo(DiffCommand.DIFFERENT);
        JsonNode result = JSON.readTree(json.out());
        assertThat(result.get("tables")).as("no row of a table both have differs").isEmpty();
        List<String> schema = new ArrayList<>();
        result.get("schema").forEach(change -> schema.add(change.get("what").asText()));
        assertThat(schema).contains("table flyway_schema_history", "column sessions.prompt", "pragma user_version");
    }

    @Test
    void badInputGetsASentenceAndItsExitCode() throws Exception {
        Path a = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("a"));
        CliRun missing = CliRun.in(dir, "diff", a.toString(), dir.resolve("nope.db").toString());
        assertThat(missing.code()).isEqualTo(Cli.FAILED);
        assertThat(missing.err()).contains("nope.db").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(CliRun.in(dir, "diff", "--limit", "0", a.toString(), a.toString()).code()).isEqualTo(2);
        assertThat(CliRun.in(dir, "diff", a.toString()).code()).isEqualTo(2);
        CliRun table = CliRun.in(dir, "diff", "--table", "nope", a.toString(), a.toString());
        assertThat(table.code()).isEqualTo(Cli.FAILED);
        assertThat(table.err()).contains("has a table named nope");
    }

    private static String value(Path file, String query) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var rows = db.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void sql(Path file, String statement) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var run = db.createStatement()) {
            run.executeUpdate(statement);
        }
    }
}
