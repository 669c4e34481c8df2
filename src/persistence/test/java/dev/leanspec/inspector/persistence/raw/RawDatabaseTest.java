package dev.leanspec.inspector.persistence.raw;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void browsesAnyTableViewAndWithoutRowidTableInPagesWithPreviews() throws Exception {
        Path file = LegacyFiles.run(dir.resolve("odd.db"), """
                CREATE TABLE "we""ird" (id INTEGER PRIMARY KEY, "a b" TEXT, data BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
                  INSERT INTO "we""ird" ("a b", data) SELECT 'row ' || i, zeroblob(i) FROM n;
                INSERT INTO "we""ird" ("a b") VALUES (printf('%.20000c', 'x'));
                CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
                INSERT INTO kv VALUES ('a', '1'), ('b', NULL), ('c', '3');
                CREATE VIEW odd_rows AS SELECT * FROM "we""ird" WHERE id % 2 = 1;
                """);
        String before = FileBytes.sha256(file);

        try (RawDatabase db = RawDatabase.openReadOnly(Location.of(file))) {
            List<TableInfo> tables = db.tables();
            assertThat(tables).extracting(TableInfo::name).containsExactly("kv", "odd_rows", "we\"ird", "sqlite_schema");
            TableInfo weird = tables.get(2);
            assertThat(weird.columns()).containsExactly("id", "a b", "data");
            assertThat(weird.hasRowid()).isTrue();
            assertThat(tables.get(0).hasRowid()).isFalse();
            assertThat(tables.get(1).type()).isEqualTo("view");

            List<List<Object>> all = new ArrayList<>();
            PageRequest request = PageRequest.first(10);
            while (request != null) {
                RawPage page = db.rows(weird, request);
                all.addAll(page.rows());
                request = page.nextRequest(10);
            }
            assertThat(all).hasSize(26);
            assertThat(all.get(2)).containsExactly(3, "row 3", "<BLOB 3 bytes>");
            String big = (String) all.get(25).get(1);
            assertThat(big).hasSizeLessThan(10_100).startsWith("xxxx").endsWith("(10000 more characters)");
            assertThat(all.get(25).get(2)).isNull();

            assertThat(db.rows(tables.get(0), PageRequest.first(2)).rows()).containsExactly(List.of("a", "1"), java.util.Arrays.asList("b", null));
            RawPage second = db.rows(tables.get(0), db.rows(tables.get(0), PageRequest.first(2)).nextRequest(2));
            assertThat(second.rows()).containsExactly(List.of("c", "3"));
            assertThat(second.next()).isNull();
            assertThat(db.count(tables.get(1))).isEqualTo(13);
        }
        assertThat(FileBytes.sha256(file)).isEqualTo(before);
    }
}
