package dev.leanspec.inspector.persistence.raw;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema view's facts, read from a real 0.2.28 leanspec.db without changing a byte. */
class SchemaTest {

    @TempDir
    Path dir;

    @Test
    void tablesViewsIndexesTriggersWithColumnsKeysSizesAndPragmas() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/as-left/leanspec.db", dir);
        Map<String, String> before = FileBytes.folder(dir);
        try (RawDatabase db = RawDatabase.openReadOnly(Location.of(file))) {
            List<SchemaObject> schema = db.schema();
            SchemaObject sessions = schema.stream().filter(o -> o.name().equals("sessions")).findFirst().orElseThrow();
            assertThat(sessions.type()).isEqualTo("table");
            assertThat(sessions.sql()).startsWith("CREATE TABLE");
            assertThat(sessions.columns()).filteredOn(c -> c.name().equals("id")).singleElement()
                    .satisfies(id -> assertThat(id.primaryKey()).isEqualTo(1));
            assertThat(sessions.columns()).filteredOn(c -> c.name().equals("status")).singleElement()
                    .satisfies(status -> assertThat(status.notNull()).isTrue());

            SchemaObject logs = schema.stream().filter(o -> o.name().equals("session_logs")).findFirst().orElseThrow();
            assertThat(logs.foreignKeys()).singleElement().satisfies(key -> {
                assertThat(key.from()).containsExactly("session_id");
                assertThat(key.table()).isEqualTo("sessions");
                assertThat(key.onDelete()).isEqualTo("CASCADE");
            });
            assertThat(schema).filteredOn(o -> o.type().equals("index")).isNotEmpty()
                    .allSatisfy(index -> assertThat(index.columns()).isNotEmpty());
            // Tables first, then views, indexes, triggers; SQLite's own tables last among tables.
            List<String> types = schema.stream().map(SchemaObject::type).toList();
            assertThat(types.indexOf("index")).isGreaterThan(types.lastIndexOf("table"));
            assertThat(schema.stream().filter(o -> o.type().equals("table")).map(SchemaObject::name).toList().getLast())
                    .startsWith("sqlite_").isNotEqualTo("sessions");

            Map<String, Long> sizes = db.sizes().orElseThrow();
            assertThat(sizes).containsKeys("sessions", "session_logs");
            FilePragmas pragmas = db.pragmas();
            // Every page is in a table or index, or free (pages still in the -wal count: it is the file as read).
            assertThat(sizes.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo((pragmas.pageCount() - pragmas.freelistCount()) * pragmas.pageSize());
            assertThat(pragmas.journalMode()).isEqualTo("wal");
            assertThat(pragmas.pageSize()).isEqualTo(4096);
            assertThat(pragmas.encoding()).isEqualTo("UTF-8");
            assertThat(pragmas.autoVacuum()).isEqualTo("none");
            assertThat(pragmas.sqliteVersion()).matches("3\\.\\d+\\.\\d+");
            assertThat(db.integrityCheck()).containsExactly("ok");
            assertThat(db.count("sessions")).isEqualTo(8);
        }
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }
}
