package dev.leanspec.inspector.persistence.query;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The read-only console on real LeanSpec files: what it runs, pages, stops, and refuses. */
class SqlConsoleTest {

    @TempDir
    Path dir;

    @Test
    void aSelectComesPageByPageWithTheSameRowsAsJdbcAndACount() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        List<List<Object>> expected = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rows = db.createStatement().executeQuery("SELECT id, status, exit_code FROM sessions ORDER BY id")) {
            while (rows.next()) {
                expected.add(java.util.Arrays.asList(rows.getObject(1), rows.getObject(2), rows.getObject(3)));
            }
        }
        assertThat(expected).hasSizeGreaterThan(3);
        try (SqlConsole console = SqlConsole.openReadOnly(Location.of(file))) {
            String sql = "SELECT id, status, exit_code FROM sessions ORDER BY id";
            List<List<Object>> read = new ArrayList<>();
            PageRequest request = PageRequest.first(3);
            QueryPage page;
            do {
                page = console.run(sql, request);
                assertThat(page.columns()).containsExactly("id", "status", "exit_code");
                read.addAll(page.rows());
                request = page.nextRequest(3).orElse(null);
            } while (request != null);
            assertThat(read).isEqualTo(expected);
            assertThat(console.count(sql)).isEqualTo(expected.size());
        }
    }

    @Test
    void duplicateColumnNamesValuesAndQuotedSemicolonsAreOneStatement() {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        try (SqlConsole console = SqlConsole.openReadOnly(Location.of(file))) {
            QueryPage page = console.run("SELECT 1 AS a, 'x;y' AS a -- a comment; with a semicolon\n;", PageRequest.first(10));
            assertThat(page.columns()).containsExactly("a", "a");
            assertThat(page.rows()).containsExactly(List.of(1, "x;y"));
            assertThat(console.run("VALUES (1), (2), (3)", PageRequest.first(2)).rows()).hasSize(2);
            assertThat(console.run("PRAGMA table_info(sessions)", PageRequest.first(100)).rows()).isNotEmpty();
            assertThat(console.run("PRAGMA main.user_version", PageRequest.first(1)).rows()).hasSize(1);
            assertThat(console.run("EXPLAIN QUERY PLAN SELECT * FROM sessions", PageRequest.first(10)).rows()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO sessions (id) VALUES ('x')", "UPDATE sessions SET status = 'x'", "DELETE FROM sessions",
            "DROP TABLE sessions", "CREATE TABLE t (a)", "ALTER TABLE sessions ADD COLUMN x", "REPLACE INTO runners VALUES (1)",
            "VACUUM", "REINDEX", "ANALYZE", "BEGIN", "SAVEPOINT a", "ATTACH 'other.db' AS other", "DETACH other",
            "SELECT load_extension('/tmp/evil')", "SELECT * FROM sessions; DELETE FROM sessions",
            "WITH x AS (SELECT 1) DELETE FROM sessions", "WITH x AS (SELECT 1) INSERT INTO session_logs (session_id) SELECT 1",
            "EXPLAIN DELETE FROM sessions", "PRAGMA user_version = 5", "PRAGMA journal_mode=delete", "PRAGMA query_only = 0",
            "PRAGMA writable_schema", "PRAGMA main.user_version = 7", "PRAGMA foreign_keys = OFF", "   ", "-- only a comment"})
    void anythingThatWritesOrIsNotOneReadingStatementIsRefusedWithASentenceAndTheFileStaysAsItWas(String sql) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        String before = digest(file);
        try (SqlConsole console = SqlConsole.openReadOnly(Location.of(file))) {
            assertThat(console.refusal(sql)).isPresent().get().asString().isNotBlank().doesNotContain("Exception");
            assertThatThrownBy(() -> console.run(sql, PageRequest.first(10))).isInstanceOfSatisfying(PersistenceException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
            assertThatThrownBy(() -> console.count(sql)).isInstanceOf(PersistenceException.class);
        }
        assertThat(digest(file)).isEqualTo(before);
        assertThat(dir.resolve("other.db")).doesNotExist();
    }

    @Test
    void anSqlErrorIsSQLitesOwnSentenceNamingTheFile() {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        try (SqlConsole console = SqlConsole.openReadOnly(Location.of(file))) {
            assertThatThrownBy(() -> console.run("SELECT * FORM sessions", PageRequest.first(1)))
                    .hasMessageContaining("leanspec.db").hasMessageContaining("syntax error");
            assertThatThrownBy(() -> console.run("SELECT * FROM no_such_table", PageRequest.first(1)))
                    .hasMessageContaining("no such table: no_such_table");
        }
    }

    @Test
    void aRunawayQueryStopsOnCancelAndAtTheTimeLimit() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        String endless = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r";
        try (SqlConsole console = SqlConsole.openReadOnly(Location.of(file))) {
            CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
                sleep(300);
                console.cancel();
            });
            assertThatThrownBy(() -> console.run(endless, PageRequest.first(1))).isInstanceOfSatisfying(PersistenceException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
            stopper.join();

            console.setTimeLimit(Duration.ofMillis(300));
            long started = System.nanoTime();
            assertThatThrownBy(() -> console.count(endless)).isInstanceOfSatisfying(PersistenceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.CANCELLED);
                assertThat(e.getMessage()).contains("time limit of 300 ms");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            // The next statement runs as usual.
            assertThat(console.run("SELECT 1", PageRequest.first(1)).rows()).containsExactly(List.of(1));
        }
    }

    @Test
    void longTextAndBlobsArePreviewsCutBySqlite() throws Exception {
        Path file = dir.resolve("big.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            db.createStatement().execute("CREATE TABLE t (a TEXT, b BLOB)");
            db.createStatement().execute("INSERT INTO t VALUES (printf('%.*c', 100000, 'x'), zeroblob(5000))");
        }
        try (SqlConsole console = SqlConsole.openReadOnly(Location.of(file))) {
            List<Object> row = console.run("SELECT a, b, length(a) FROM t", PageRequest.first(1)).rows().getFirst();
            assertThat((String) row.get(0)).hasSize(dev.leanspec.inspector.persistence.raw.RawDatabase.PREVIEW_CHARS + "… (90000 more characters)".length())
                    .endsWith("… (90000 more characters)");
            assertThat(row.get(1)).isEqualTo("<BLOB 5000 bytes>");
            assertThat(row.get(2)).isEqualTo(100_000);
        }
    }

    @Test
    void noLockIsHeldBetweenPagesSoLeanSpecCanWriteARollbackJournalFile() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir);
        try (Connection probe = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet mode = probe.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.getString(1)).isEqualTo("delete");
        }
        try (SqlConsole console = SqlConsole.openReadOnly(Location.of(file));
             Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            QueryPage first = console.run("SELECT * FROM session_logs", PageRequest.first(2));
            assertThat(first.next()).isNotNull();
            writer.createStatement().execute("PRAGMA busy_timeout = 0");
            writer.createStatement().execute("BEGIN IMMEDIATE");
            writer.createStatement().execute("DELETE FROM session_logs WHERE id = (SELECT max(id) FROM session_logs)");
            writer.createStatement().execute("COMMIT");
        }
    }

    @Test
    void thePlanIsATree() {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        try (SqlConsole console = SqlConsole.openReadOnly(Location.of(file))) {
            List<PlanStep> plan = console.plan("SELECT * FROM sessions WHERE id IN (SELECT session_id FROM session_logs) ORDER BY runner");
            assertThat(plan).isNotEmpty();
            assertThat(plan).anySatisfy(step -> assertThat(step.children()).isNotEmpty());
            assertThat(plan.toString()).contains("sessions").contains("session_logs");
        }
    }

    @Test
    void statementsSplitByTheLexerAndTheCaretFindsItsStatement() {
        String text = "SELECT 'a;b' AS \"c;d\";\n/* x; */ SELECT [e;f] FROM t -- g;\n;  \nPRAGMA page_size";
        List<SqlStatement> statements = SqlStatement.split(text);
        assertThat(statements).extracting(SqlStatement::keyword).containsExactly("SELECT", "SELECT", "PRAGMA");
        assertThat(statements.get(1).text()).isEqualTo("SELECT [e;f] FROM t -- g;");
        assertThat(SqlStatement.at(text, text.indexOf("[e;f]")).orElseThrow().text()).startsWith("SELECT [e;f]");
        assertThat(SqlStatement.at(text, text.length()).orElseThrow().keyword()).isEqualTo("PRAGMA");
        assertThat(SqlStatement.at(text, 0).orElseThrow().text()).isEqualTo("SELECT 'a;b' AS \"c;d\"");
        assertThat(SqlStatement.split("  -- nothing\n ; ;")).isEmpty();
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
