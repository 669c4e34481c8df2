package dev.leanspec.inspector.reliability;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.TableInfo;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 6, cases 2, 4, 11 and 12: damaged, booby-trapped and mislabelled files. */
class HostileFilesTest {

    @TempDir
    Path dir;

    private CliRun cli(String... args) {
        return CliRun.in(dir, args);
    }

    @Test
    void flippedBytesInAnIndexPageLeaveTheTablesBrowsableButMigrateIsRefused() throws Exception {
        Path file = GeneratedDatabases.write(dir.resolve("gen"), new Volumes(2_000, 4_000, 4_000, 1, 0), 3, line -> { }).sessions();
        long rootPage = ((Number) Databases.scalar(file, "SELECT rootpage FROM sqlite_schema WHERE name = 'idx_sessions_status'")).longValue();
        int pageSize = ((Number) Databases.scalar(file, "PRAGMA page_size")).intValue();
        Databases.scalar(file, "PRAGMA wal_checkpoint(TRUNCATE)");
        // The first cell pointers of the index's root page now point outside the page.
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            long header = (rootPage - 1) * pageSize;
            raw.seek(header);
            int type = raw.read();
            raw.seek(header + (type == 0x02 ? 12 : 8));
            raw.write(new byte[] {(byte) 0xFF, (byte) 0xF0, (byte) 0xFF, (byte) 0xF0});
        }
        Map<String, String> before = FileBytes.folder(file.getParent());

        // Tables read through their own b-trees still browse.
        try (RawDatabase raw = RawDatabase.openReadOnly(Location.of(file))) {
            TableInfo logs = raw.tables().stream().filter(t -> t.name().equals("session_logs")).findFirst().orElseThrow();
            assertThat(raw.rows(logs, PageRequest.first(100)).rows()).hasSize(100);
            TableInfo sessions = raw.tables().stream().filter(t -> t.name().equals("sessions")).findFirst().orElseThrow();
            assertThat(raw.rows(sessions, PageRequest.first(100)).rows()).hasSize(100);
        }
        assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.TOOL_ERA);

        assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption()))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("integrity")
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.CORRUPT);
        CliRun migrate = cli("migrate", "--yes", "--sessions", file.toString());
        assertThat(migrate.code()).isEqualTo(1);
        assertThat(migrate.err()).contains(file.toString()).contains("integrity").doesNotContain("Exception");
        assertThat(FileBytes.folder(file.getParent())).isEqualTo(before);
    }

    @Test
    void aTableThatIsAnEndlessViewShowsItsFirstPageAndItsCountIsCancelled() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        LegacyFiles.run(file, """
                DROP TABLE session_logs;
                CREATE VIEW session_logs AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r)
                  SELECT i AS id, 's' AS session_id, 't' AS timestamp, 'stdout' AS level, 'line ' || i AS message FROM r;
                """);
        Map<String, String> before = FileBytes.folder(dir);
        try (RawDatabase raw = RawDatabase.openReadOnly(Location.of(file))) {
            TableInfo logs = raw.tables().stream().filter(t -> t.name().equals("session_logs")).findFirst().orElseThrow();
            assertThat(raw.rows(logs, PageRequest.first(100)).rows()).hasSize(100);
            assertThat(raw.rows(logs, new PageRequest(100, raw.keyBefore(logs, 5_000))).rows().get(0)).contains("line 5001");

            var count = java.util.concurrent.CompletableFuture.supplyAsync(() -> raw.count(logs));
            Thread.sleep(300);
            assertThat(count).isNotDone();
            long start = System.nanoTime();
            raw.cancel();
            assertThatThrownBy(() -> count.get(5, java.util.concurrent.TimeUnit.SECONDS)).cause()
                    .isInstanceOf(PersistenceException.class)
                    .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.CANCELLED);
            assertThat(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
        }
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void triggersChecksAndGeneratedColumnsPlantedInAFileNeverRunWhileBrowsing() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        LegacyFiles.run(file, """
                CREATE TABLE planted_log (what TEXT);
                CREATE TRIGGER planted_on_insert AFTER INSERT ON sessions BEGIN INSERT INTO planted_log VALUES ('insert'); END;
                CREATE TRIGGER planted_on_update AFTER UPDATE ON session_logs BEGIN INSERT INTO planted_log VALUES ('update'); END;
                CREATE TRIGGER planted_on_delete BEFORE DELETE ON session_events BEGIN SELECT RAISE(ABORT, 'planted'); END;
                CREATE TABLE planted_checked (x INTEGER CHECK (x > 0), doubled INTEGER GENERATED ALWAYS AS (x * 2) VIRTUAL,
                  shout TEXT GENERATED ALWAYS AS (upper(CAST(x AS TEXT))) STORED);
                INSERT INTO planted_checked (x) VALUES (1), (2), (3);
                CREATE VIEW planted_view AS SELECT x, doubled, shout FROM planted_checked;
                """);
        Map<String, String> before = FileBytes.folder(dir);

        assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isIn(Shape.TOOL_ERA, Shape.UNKNOWN);
        try (RawDatabase raw = RawDatabase.openReadOnly(Location.of(file))) {
            for (TableInfo table : raw.tables()) {
                raw.rows(table, PageRequest.first(50));
                raw.count(table);
            }
            TableInfo view = raw.tables().stream().filter(t -> t.name().equals("planted_view")).findFirst().orElseThrow();
            assertThat(raw.rows(view, PageRequest.first(10)).rows()).hasSize(3);
        }
        assertThat(cli("status", "--sessions", file.toString()).code()).isIn(0, 1);

        assertThat(FileBytes.folder(dir)).isEqualTo(before);
        assertThat(((Number) Databases.scalar(file, "SELECT count(*) FROM planted_log")).intValue()).isZero();
    }

    @Test
    void anotherProcessHoldingTheWriteLockLetsUsBrowseButNotMigrate() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        Process leanSpec = dev.leanspec.inspector.testing.JavaProcess.start(java.util.List.of(), LockHolder.class, file.toString());
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(leanSpec.getInputStream()));
            assertThat(out.readLine()).isEqualTo("locked");
            Map<String, String> before = FileBytes.folder(dir);

            try (RawDatabase raw = RawDatabase.openReadOnly(Location.of(file))) {
                TableInfo sessions = raw.tables().stream().filter(t -> t.name().equals("sessions")).findFirst().orElseThrow();
                assertThat(raw.rows(sessions, PageRequest.first(10)).rows()).isNotEmpty();
            }
            assertThat(cli("status", "--sessions", file.toString()).code()).isZero();
            CliRun migrate = cli("migrate", "--yes", "--sessions", file.toString());
            assertThat(migrate.code()).isEqualTo(1);
            assertThat(migrate.err()).contains(file.toString()).contains("java (pid ").contains("has sessions.db open: stop LeanSpec and retry");
            assertThat(FileBytes.folder(dir)).isEqualTo(before);  // no backup, no history, nothing partial
        } finally {
            leanSpec.getOutputStream().close();
            leanSpec.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.TOOL_ERA);
    }

    @Test
    void aHistoryMissingAnOlderMigrationIsReportedAndMigrateRefuses() throws Exception {
        Path file = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(Location.of(file))) {
            assertThat(store.count(SessionQuery.all())).isZero();
        }
        // Someone removed version 2 from the history: the file claims 1, 3 and 4.
        LegacyFiles.run(file, "DELETE FROM flyway_schema_history WHERE version = '2';\n");
        String hash = FileBytes.sha256(file);

        CliRun validate = cli("validate", "--sessions", file.toString());
        assertThat(validate.code()).isEqualTo(1);
        assertThat(validate.out() + validate.err()).contains(file.toString()).contains("2");

        CliRun migrate = cli("migrate", "--yes", "--sessions", file.toString());
        assertThat(migrate.code()).isEqualTo(1);
        assertThat(migrate.err()).contains(file.toString()).doesNotContain("Exception");
        assertThat(FileBytes.sha256(file)).isEqualTo(hash);
    }

    @Test
    void theSameFileAsBothKindsAndAChatFileAsSessionsAreRecognisedByTheirSchema() throws Exception {
        Path chat = LegacyFiles.jan20(dir.resolve("chat.db"));
        Map<String, String> before = FileBytes.folder(dir);

        CliRun both = cli("status", "--sessions", chat.toString(), "--chat", chat.toString());
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.out() + both.err()).contains(chat.toString()).contains("chat.db");

        CliRun asSessions = cli("migrate", "--yes", "--sessions", chat.toString());
        assertThat(asSessions.code()).isEqualTo(1);
        assertThat(asSessions.out() + asSessions.err()).contains(chat.toString()).contains("chat.db");
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }
}
