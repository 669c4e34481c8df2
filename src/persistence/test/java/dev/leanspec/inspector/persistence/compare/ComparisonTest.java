package dev.leanspec.inspector.persistence.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.compare.Difference.SchemaChange;
import dev.leanspec.inspector.persistence.compare.Difference.TableDifference;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.LegacyFiles;
import dev.leanspec.inspector.testing.RealFixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 37: two files compared, on files LeanSpec's own binaries wrote, with changes planted as
 * another writer would make them; and against {@code sqldiff}, SQLite's own comparison, on random
 * changes.
 */
class ComparisonTest {

    @TempDir
    Path dir;

    private Path[] pair(String fixture) {
        return new Path[] {RealFixtures.copy(fixture, dir.resolve("a")), RealFixtures.copy(fixture, dir.resolve("b"))};
    }

    private static Difference compare(Path a, Path b) throws IOException {
        return compare(a, b, Comparison.Options.all());
    }

    private static Difference compare(Path a, Path b, Comparison.Options options) throws IOException {
        String before = FileBytes.sha256(a) + FileBytes.sha256(b);
        List<String> beside = beside(a, b);
        try {
            return Comparison.run(Location.of(a), Location.of(b), options, (table, rows) -> { }, () -> false);
        } finally {
            assertThat(FileBytes.sha256(a) + FileBytes.sha256(b)).as("neither file changes a byte").isEqualTo(before);
            assertThat(beside(a, b)).as("nothing left beside them").isEqualTo(beside);
        }
    }

    private static List<String> beside(Path a, Path b) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path folder : List.of(a.getParent(), b.getParent())) {
            try (var files = Files.list(folder)) {
                files.map(Path::toString).sorted().forEach(names::add);
            }
        }
        return names;
    }

    private static TableDifference table(Difference difference, String name) {
        return difference.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name
                + " has no differences: " + difference));
    }

    @ParameterizedTest
    @ValueSource(strings = {"leanspec-0.2.24/sessions.db", "leanspec-0.2.24/chat.db", "leanspec-0.2.28/leanspec.db"})
    void aFileAndItsCopyHoldTheSame(String fixture) throws IOException {
        Path[] files = pair(fixture);
        Difference difference = compare(files[0], files[1]);
        assertThat(difference.same()).as(difference.toString()).isTrue();
        assertThat(difference.schema()).isEmpty();
        assertThat(difference.tables()).isEmpty();
    }

    @Test
    void plantedChangesAreExactlyTheKeysAndColumnsReported() throws Exception {
        Path[] files = pair("leanspec-0.2.28/leanspec.db");
        String session;
        long log;
        String message;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + files[1]); Statement s = db.createStatement()) {
            session = first(s, "SELECT id FROM sessions WHERE status <> 'cancelled' ORDER BY id");
            log = Long.parseLong(first(s, "SELECT min(id) FROM session_logs"));
            message = first(s, "SELECT id FROM messages ORDER BY id");
        }
        LegacyFiles.run(files[1],
                "UPDATE sessions SET status = 'cancelled' WHERE id = '" + session + "';\n",
                "DELETE FROM session_logs WHERE id = " + log + ";\n",
                "INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES ('" + session + "', 'note', 'planted', "
                        + "'2026-12-07T10:00:00Z');\n",
                "UPDATE messages SET content = 'edited by hand' WHERE id = '" + message + "';\n");
        long event;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + files[1]); Statement s = db.createStatement()) {
            event = Long.parseLong(first(s, "SELECT max(id) FROM session_events"));
        }

        Difference difference = compare(files[0], files[1]);
        assertThat(difference.schema()).isEmpty();
        assertThat(difference.tables()).extracting(TableDifference::table).containsExactly("messages", "session_events", "session_logs", "sessions");

        TableDifference sessions = table(difference, "sessions");
        assertThat(sessions.key()).containsExactly("id");
        assertThat(sessions.changedRows()).singleElement().satisfies(row -> {
            assertThat(row.key()).containsExactly(session);
            assertThat(row.columns()).containsOnlyKeys("status");
            assertThat(row.columns().get("status").after()).isEqualTo("cancelled");
        });
        assertThat(sessions.added() + sessions.removed()).isZero();
        assertThat(table(difference, "session_logs").removedKeys()).containsExactly(List.of(log));
        assertThat(table(difference, "session_logs").added() + table(difference, "session_logs").changed()).isZero();
        assertThat(table(difference, "session_events").addedKeys()).containsExactly(List.of(event));
        TableDifference messages = table(difference, "messages");
        assertThat(messages.changedRows()).singleElement().satisfies(row -> {
            assertThat(row.key()).containsExactly(message);
            assertThat(row.columns()).containsOnlyKeys("content");
            assertThat(row.columns().get("content").after()).isEqualTo("edited by hand");
        });

        assertThat(Comparison.runMerging(Location.of(files[0]), Location.of(files[1]), Comparison.Options.all()).toString())
                .as("merged as a server's tables are").isEqualTo(difference.toString());
        Difference reversed = compare(files[1], files[0]);
        assertThat(table(reversed, "session_logs").addedKeys()).containsExactly(List.of(log));
        assertThat(table(reversed, "session_events").removedKeys()).containsExactly(List.of(event));

        Difference limited = compare(files[0], files[1], new Comparison.Options(Set.of("sessions", "session_logs"), false, 1));
        assertThat(limited.tables()).extracting(TableDifference::table).containsExactly("session_logs", "sessions");
        assertThat(compare(files[0], files[1], new Comparison.Options(Set.of(), true, 10)).same()).as("the schemas alone").isTrue();
    }

    @Test
    void theLimitCutsTheListsNotTheCounts() throws Exception {
        Path[] files = pair("leanspec-0.2.24/sessions.db");
        LegacyFiles.run(files[1], "DELETE FROM session_logs WHERE id IN (SELECT id FROM session_logs ORDER BY id LIMIT 5);\n");
        TableDifference logs = table(compare(files[0], files[1], new Comparison.Options(Set.of(), false, 2)), "session_logs");
        assertThat(logs.removed()).isEqualTo(5);
        assertThat(logs.removedKeys()).hasSize(2);
        assertThat(logs.cut()).isTrue();
        assertThat(table(compare(files[0], files[1]), "session_logs").removedKeys()).hasSize(5);
    }

    @Test
    void schemaAndSettingsDifferencesAreListed() throws Exception {
        Path[] files = pair("leanspec-0.2.24/sessions.db");
        LegacyFiles.run(files[1], "ALTER TABLE sessions ADD COLUMN note TEXT DEFAULT 'x';\n", "CREATE INDEX idx_status ON sessions (status);\n",
                "CREATE TABLE extra (a INTEGER PRIMARY KEY);\n", "PRAGMA user_version = 7;\n",
                "UPDATE sessions SET note = 'only here';\n");
        Difference difference = compare(files[0], files[1]);
        assertThat(difference.schema()).containsExactly(
                new SchemaChange("table extra", null, "0 rows"),
                new SchemaChange("column sessions.note", null, "TEXT DEFAULT 'x'"),
                new SchemaChange("index idx_status", null, "CREATE INDEX idx_status ON sessions (status)"),
                new SchemaChange("pragma user_version", "0", "7"),
                // LegacyFiles writes as LeanSpec does, in WAL mode.
                new SchemaChange("pragma journal_mode", "delete", "wal"));
        assertThat(difference.tables()).as("a column only one side has is a schema difference, not a row one").isEmpty();
        assertThat(difference.same()).isFalse();
    }

    @Test
    void aTableWithoutAPrimaryKeyIsAMultisetOfRows() throws Exception {
        Path[] files = pair("leanspec-0.2.24/chat.db");
        LegacyFiles.run(files[0], "CREATE TABLE notes (a TEXT, b INTEGER);\n", "INSERT INTO notes VALUES ('x', 1), ('x', 1), ('y', 2), (NULL, 3);\n");
        LegacyFiles.run(files[1], "CREATE TABLE notes (a TEXT, b INTEGER);\n", "INSERT INTO notes VALUES ('x', 1), ('y', 2), ('y', 2), (NULL, 3);\n");
        TableDifference notes = table(compare(files[0], files[1]), "notes");
        assertThat(notes.key()).containsExactly("a", "b");
        assertThat(notes.removedKeys()).containsExactly(List.of("x", 1L));
        assertThat(notes.addedKeys()).containsExactly(List.of("y", 2L));
        assertThat(notes.changed()).isZero();
    }

    @Test
    void aTableNeitherHasIsASentenceNamingBoth() {
        Path[] files = pair("leanspec-0.2.24/chat.db");
        assertThatThrownBy(() -> compare(files[0], files[1], new Comparison.Options(Set.of("nope"), false, 10)))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("nope").hasMessageContaining(files[0].toString());
        assertThatThrownBy(() -> Comparison.run(Location.of(files[0]), Location.of(dir.resolve("missing.db")), Comparison.Options.all(),
                (table, rows) -> { }, () -> false)).isInstanceOf(PersistenceException.class)
                .hasMessageContaining("missing.db");
    }

    @Test
    void textOrdersByCodePointAsSqliteDoesAboveTheBasicPlane() throws Exception {
        // U+FF5E sorts before U+1F600 in SQLite (bytes) but after it in Java's String order (UTF-16 units).
        Path[] files = pair("leanspec-0.2.24/chat.db");
        String plant = "CREATE TABLE keyed (id TEXT PRIMARY KEY, version INTEGER);\n"
                + "INSERT INTO keyed VALUES ('a\uFF5E', 1), ('a\uD83D\uDE00', 1), ('b', 1);\n";
        LegacyFiles.run(files[0], plant);
        LegacyFiles.run(files[1], plant, "UPDATE keyed SET version = 2 WHERE id = 'a\uD83D\uDE00';\n");
        TableDifference sync = table(compare(files[0], files[1]), "keyed");
        assertThat(sync.changedRows()).singleElement().satisfies(row -> assertThat(row.key()).containsExactly("a\uD83D\uDE00"));
        assertThat(sync.added() + sync.removed()).isZero();
    }

    /** The keys sqldiff's statements touch, per table, against the keys ours reports, on random changes. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void agreesWithSqldiffOnRandomChanges(long seed) throws Exception {
        Assumptions.assumeTrue(sqldiff() != null, "sqldiff is not installed (apt-get install sqlite3-tools); .ci/run installs it");
        Path[] files = pair("leanspec-0.2.24/sessions.db");
        Random random = new Random(seed);
        List<String> changes = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + files[0]); Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM sessions")) {
            while (rows.next()) {
                sessions.add(rows.getString(1));
            }
        }
        for (int i = 0; i < 60; i++) {
            String session = sessions.get(random.nextInt(sessions.size()));
            changes.add(switch (random.nextInt(8)) {
                case 0 -> "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + session + "', 't', 'stdout', 'line "
                        + random.nextInt() + "');\n";
                case 1 -> "DELETE FROM session_logs WHERE id = (SELECT id FROM session_logs ORDER BY random() LIMIT 1);\n";
                case 2 -> "UPDATE session_logs SET message = 'changed " + i + "' WHERE id = (SELECT id FROM session_logs ORDER BY random() LIMIT 1);\n";
                case 3 -> "UPDATE sessions SET status = 'status " + random.nextInt(3) + "', token_count = " + random.nextInt(5) + " WHERE id = '"
                        + session + "';\n";
                case 4 -> "INSERT OR REPLACE INTO session_metadata VALUES ('" + session + "', 'k" + random.nextInt(4) + "', 'v" + i + "');\n";
                case 5 -> "DELETE FROM session_metadata WHERE rowid = (SELECT rowid FROM session_metadata ORDER BY random() LIMIT 1);\n";
                case 6 -> "DELETE FROM session_events WHERE id = (SELECT id FROM session_events ORDER BY random() LIMIT 1);\n";
                default -> "INSERT INTO sessions (id, project_path, runner, mode, status, started_at, created_at, updated_at) VALUES ('new-"
                        + i + "', '/p', 'r', 'm', 's', 't', 't', 't');\n";
            });
        }
        LegacyFiles.run(files[1], changes.toArray(String[]::new));

        Difference joined = compare(files[0], files[1]);
        assertThat(keys(joined)).as("seed " + seed + ": " + changes).isEqualTo(sqldiffKeys(files[0], files[1]));
        // Read side by side and merged (as a PostgreSQL pair is): the same difference, value for value.
        Difference merged = Comparison.runMerging(Location.of(files[0]), Location.of(files[1]), Comparison.Options.all());
        assertThat(merged.toString()).isEqualTo(joined.toString());
    }

    private static Map<String, Set<String>> keys(Difference difference) {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (TableDifference table : difference.tables()) {
            Set<String> these = keys.computeIfAbsent(table.table(), t -> new TreeSet<>());
            table.addedKeys().forEach(key -> these.add(key.toString()));
            table.removedKeys().forEach(key -> these.add(key.toString()));
            table.changedRows().forEach(row -> these.add(row.key().toString()));
        }
        return keys;
    }

    /** Each statement of {@code sqldiff --primarykey}, as the table and the key values it touches (SQLite's own tables left out). */
    private static Map<String, Set<String>> sqldiffKeys(Path a, Path b) throws Exception {
        Process process = new ProcessBuilder(sqldiff(), "--primarykey", a.toString(), b.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, List<String>> keyColumns = Map.of("sessions", List.of("id"), "session_logs", List.of("id"), "session_events", List.of("id"),
                "session_metadata", List.of("session_id", "key"));
        Map<String, Set<String>> keys = new TreeMap<>();
        Pattern insert = Pattern.compile("INSERT INTO (\\w+)\\((.*?)\\) VALUES\\((.*)\\);");
        Pattern where = Pattern.compile("^(?:DELETE FROM|UPDATE) (\\w+) .*?WHERE (.*);$");
        for (String line : output.lines().toList()) {
            Matcher m;
            String table;
            Map<String, Object> values = new TreeMap<>();
            if ((m = insert.matcher(line)).matches()) {
                table = m.group(1);
                List<String> columns = List.of(m.group(2).replace("\"", "").split(","));
                List<Object> literals = literals(m.group(3));
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), literals.get(i));
                }
            } else if ((m = where.matcher(line)).matches()) {
                table = m.group(1);
                for (String condition : m.group(2).split(" AND ")) {
                    String[] parts = condition.split("=", 2);
                    values.put(parts[0].replace("\"", ""), literals(parts[1]).getFirst());
                }
            } else {
                throw new AssertionError("a statement this test does not read: " + line);
            }
            if (table.startsWith("sqlite_")) {
                continue;
            }
            keys.computeIfAbsent(table, t -> new TreeSet<>()).add(keyColumns.get(table).stream().map(values::get).toList().toString());
        }
        return keys;
    }

    /** SQL literals separated by commas: 'text' (quotes doubled), integers, NULL. */
    private static List<Object> literals(String text) {
        List<Object> values = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (text.charAt(i) == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        value.append('\'');
                        i += 2;
                    } else if (text.charAt(i) == '\'') {
                        i++;
                        break;
                    } else {
                        value.append(text.charAt(i++));
                    }
                }
                values.add(value.toString());
            } else {
                int end = text.indexOf(',', i);
                String word = (end < 0 ? text.substring(i) : text.substring(i, end)).trim();
                values.add(word.equals("NULL") ? null : Long.parseLong(word));
                i = end < 0 ? text.length() : end;
            }
            if (i < text.length() && text.charAt(i) == ',') {
                i++;
            }
        }
        return values;
    }

    private static String sqldiff() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, "sqldiff"))) {
                return Path.of(folder, "sqldiff").toString();
            }
        }
        return null;
    }

    private static String first(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
