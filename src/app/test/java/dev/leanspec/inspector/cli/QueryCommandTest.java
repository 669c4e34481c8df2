package dev.leanspec.inspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code query}: every row in text, JSON or CSV; writes refused with exit 1 and a sentence. */
class QueryCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsEveryRowAsTextJsonAndCsv() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        String sql = "SELECT status, count(*) AS n, 0.5 AS half FROM sessions GROUP BY status ORDER BY status";

        CliRun text = CliRun.in(dir, "query", "--db", file.toString(), sql);
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out().lines().toList()).first().isEqualTo("status|n|half");
        assertThat(text.out()).contains("completed|");
        assertThat(text.err()).containsPattern("\\d+ rows? in \\d+ ms");

        CliRun json = CliRun.in(dir, "query", "--json", "--db", file.toString(), sql);
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(rows.get(0).get("half").asDouble()).isEqualTo(0.5);
        long total = 0;
        for (JsonNode row : rows) {
            total += row.get("n").asLong();
        }
        CliRun count = CliRun.in(dir, "query", "--csv", "--db", file.toString(), "SELECT count(*) AS total FROM sessions");
        assertThat(count.out()).isEqualTo("total\r\n" + total + "\r\n");
    }

    @Test
    void aStatementSqliteCannotParseIsASyntaxErrorNotAWrite() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);

        CliRun typo = CliRun.in(dir, "query", "--db", file.toString(), "SELEC * FROM sessions");
        assertThat(typo.code()).isEqualTo(1);
        assertThat(typo.err()).contains("near \"SELEC\": syntax error").contains("leanspec.db")
                .doesNotContain("change the file").doesNotContain("SQLITE_");

        CliRun write = CliRun.in(dir, "query", "--db", file.toString(), "DELET FROM sessions");
        assertThat(write.err()).contains("near \"DELET\": syntax error");
        CliRun parsedWrite = CliRun.in(dir, "query", "--db", file.toString(), "DELETE FROM sessions");
        assertThat(parsedWrite.err()).contains("DELETE statements change the file");

        CliRun two = CliRun.in(dir, "query", "--db", file.toString(), "SELECT 1; SELECT 2");
        assertThat(two.err()).contains("2 statements").doesNotContain("caret");
    }

    @Test
    void aWriteIsRefusedWithExitOneAndASentenceAndTheFileIsUnchanged() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        byte[] before = Files.readAllBytes(file);
        for (String sql : new String[] {"DELETE FROM sessions", "ATTACH 'x.db' AS x", "PRAGMA user_version = 3",
                "SELECT load_extension('evil')"}) {
            CliRun run = CliRun.in(dir, "query", "--db", file.toString(), sql);
            assertThat(run.code()).as(sql).isEqualTo(1);
            assertThat(run.err()).as(sql).contains("leanspec.db").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(run.out()).isEmpty();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aTimeoutStopsARunawayQueryWithASentence() {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        CliRun run = CliRun.in(dir, "query", "--timeout", "0.5", "--db", file.toString(),
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("time limit of 500 ms");
    }
}
