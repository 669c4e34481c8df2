package dev.leanspec.inspector.persistence.raw;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.export.RowFormats;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.testing.RealFixtures;
import dev.leanspec.inspector.testing.Sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Tables tab's queries on a real leanspec.db: sort, filters, whole values, and an SQL dump that loads back. */
class TableQueryTest {

    @TempDir
    Path dir;

    @Test
    void sortedAndFilteredPagesMatchPlainSqlAcrossPageBoundaries() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        try (RawDatabase db = RawDatabase.openReadOnly(Location.of(file)); Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            TableInfo logs = db.tables().stream().filter(t -> t.name().equals("session_logs")).findFirst().orElseThrow();
            TableQuery query = new TableQuery(logs, "level", true, Map.of("message", "A"), "o");
            List<List<Object>> read = new ArrayList<>();
            List<Long> rowids = new ArrayList<>();
            PageRequest request = PageRequest.first(4);
            while (request != null) {
                RawPage page = db.rows(query, request);
                read.addAll(page.rows());
                rowids.addAll(page.rowids());
                request = page.nextRequest(4);
            }
            List<List<Object>> expected = Sql.rows(jdbc, "SELECT id, session_id, timestamp, level, message FROM session_logs "
                    + "WHERE instr(lower(message), 'a') > 0 AND (instr(lower(CAST(id AS TEXT)), 'o') > 0 OR instr(lower(session_id), 'o') > 0 "
                    + "OR instr(lower(timestamp), 'o') > 0 OR instr(lower(level), 'o') > 0 OR instr(lower(message), 'o') > 0) "
                    + "ORDER BY level DESC, rowid DESC");
            assertThat(expected).hasSizeGreaterThan(8);
            assertThat(read).isEqualTo(expected);
            assertThat(rowids).isEqualTo(expected.stream().map(r -> ((Number) r.getFirst()).longValue()).toList());
            assertThat(db.count(query)).isEqualTo(expected.size());
            // A jump to any position, then pages on from there.
            assertThat(db.rows(query, new PageRequest(3, db.keyBefore(query, 5))).rows()).isEqualTo(expected.subList(5, 8));

            List<List<Object>> streamed = new ArrayList<>();
            assertThat(db.forEach(query, streamed::add)).isEqualTo(expected.size());
            assertThat(streamed).isEqualTo(expected);
            assertThat(db.value(logs, "message", rowids.getFirst())).isEqualTo(expected.getFirst().get(4));
            // A filter of SQL's wildcards is literal text.
            assertThat(db.count(new TableQuery(logs, null, false, Map.of("message", "%"), null)))
                    .isEqualTo(Sql.rows(jdbc, "SELECT 1 FROM session_logs WHERE instr(message, '%') > 0").size());
        }
    }

    @Test
    void copiedRowsReadInEveryFormatAndAnSqlDumpLoadsBackTheSameRows() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        List<String> columns = List.of("id", "text", "blob", "real");
        List<List<Object>> rows = List.of(Arrays.asList(1L, "tab\there, \"quoted\"\nline", new byte[] {1, 2, (byte) 0xff}, 0.5),
                Arrays.asList(2L, null, null, null));
        assertThat(RowFormats.format(RowFormats.Format.TSV, "t", columns, rows))
                .isEqualTo("id\ttext\tblob\treal\n1\ttab here, \"quoted\" line\t0102ff\t0.5\n2\t\t\t\n");
        assertThat(RowFormats.format(RowFormats.Format.CSV, "t", columns, rows))
                .startsWith("id,text,blob,real\r\n1,\"tab\there, \"\"quoted\"\"\nline\",0102ff,0.5\r\n");
        assertThat(RowFormats.format(RowFormats.Format.JSON, "t", columns, rows)).contains("\"real\" : 0.5").contains("\"text\" : null");
        assertThat(RowFormats.format(RowFormats.Format.SQL, "we\"ird", columns, rows))
                .contains("INSERT INTO \"we\"\"ird\" (\"id\", \"text\", \"blob\", \"real\") VALUES (1, 'tab\there, \"quoted\"\nline', X'0102ff', 0.5);");

        // A dump of real rows loads into an empty SQLite file as the very same rows.
        try (RawDatabase db = RawDatabase.openReadOnly(Location.of(file))) {
            TableInfo sessions = db.tables().stream().filter(t -> t.name().equals("sessions")).findFirst().orElseThrow();
            String ddl = db.schema().stream().filter(o -> o.name().equals("sessions")).findFirst().orElseThrow().sql();
            StringBuilder dump = new StringBuilder(ddl).append(";\n");
            db.forEach(TableQuery.all(sessions), row -> dump.append(RowFormats.insert("sessions", sessions.columns(), row)).append('\n'));
            Path copy = dir.resolve("copy.db");
            try (Connection target = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
                target.createStatement().executeUpdate(dump.toString());
            }
            try (Connection original = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Connection loaded = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
                String all = "SELECT * FROM sessions ORDER BY id";
                assertThat(Sql.rows(loaded, all)).isEqualTo(Sql.rows(original, all)).isNotEmpty();
            }
        }
    }
}
