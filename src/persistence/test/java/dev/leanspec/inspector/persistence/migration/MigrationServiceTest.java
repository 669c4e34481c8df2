package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.LegacyFiles;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MigrationServiceTest {

    @TempDir
    Path dir;

    private Path legacy(String shape) throws Exception {
        return switch (shape) {
            case "tool-era" -> LegacyFiles.toolEra(dir.resolve("sessions.db"));
            case "runner-era" -> LegacyFiles.runnerEra(dir.resolve("sessions.db"));
            case "jan20" -> LegacyFiles.jan20(dir.resolve("chat.db"));
            case "v1" -> LegacyFiles.chatV1(dir.resolve("chat.db"));
            default -> throw new IllegalArgumentException(shape);
        };
    }

    @ParameterizedTest(name = "{0} is recognised and adopted at version {2}")
    @CsvSource(textBlock = """
            tool-era,   SESSIONS, 1, '2,3,4'
            runner-era, SESSIONS, 2, '3,4'
            jan20,      CHAT,     1, '2,3,4'
            v1,         CHAT,     2, '3,4'
            """)
    void recognisesEachLegacyShapeWithoutWriting(String shape, DatabaseKind kind, String baseline, String pending) throws Exception {
        Path file = legacy(shape);
        Map<String, String> before = FileBytes.folder(dir);

        DatabaseStatus status = MigrationService.of(Location.of(file), kind).status();

        assertThat(status.shape()).isEqualTo(Shape.fromLabel(shape));
        assertThat(status.currentVersion()).isEqualTo(baseline);
        assertThat(status.latestVersion()).isEqualTo("4");
        assertThat(status.pending()).containsExactly(pending.split(","));
        assertThat(status.needsAdoption()).isTrue();
        assertThat(status.migrations()).filteredOn(row -> row.type().equals("SQL"))
                .extracting(MigrationRow::version).containsExactly("1", "2", "3", "4");
        assertThat(status.migrations()).filteredOn(row -> row.version().equals(baseline))
                .extracting(MigrationRow::state).containsExactly("BASELINE_IGNORED", "BASELINE");
        assertThat(status.summary()).contains(shape).contains("baseline");
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}: the backup holds every row as it was ({2})")
    @CsvSource(textBlock = """
            leanspec-0.2.24/sessions.db,       SESSIONS, rollback journal: copied as a file before the migration
            leanspec-0.2.24/chat.db,           CHAT,     WAL mode with nothing in its log: copied as a file while the migration runs
            leanspec-0.2.24/as-left/chat.db,   CHAT,     rows in its -wal: SQLite's online backup
            """)
    void theBackupOfAFileLeanSpecWroteHoldsItsRowsWhereverTheyAre(String fixture, DatabaseKind kind, String how) throws Exception {
        Path file = RealFixtures.copy(fixture, dir.resolve("migrated"));
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        assertThat(Files.exists(wal) && Files.size(wal) > 0).as("a -wal with frames").isEqualTo(how.contains("-wal"));
        // Read from a copy: closing the last connection to a file folds its -wal in.
        Map<String, List<Map<String, Object>>> before = contents(RealFixtures.copy(fixture, dir.resolve("read")), kind);
        assertThat(before.values()).anySatisfy(rows -> assertThat(rows).isNotEmpty());
        String bytesBefore = FileBytes.sha256(file);

        MigrationReport report = MigrationService.of(Location.of(file), kind).migrate(MigrateOptions.safe().withAdoption());

        assertThat(contents(report.backup(), kind)).isEqualTo(before);
        assertThat(Databases.pragma(report.backup(), "integrity_check")).containsExactly("ok");
        if (how.contains("copied as a file")) {
            assertThat(FileBytes.sha256(report.backup())).as("the file as it was, byte for byte").isEqualTo(bytesBefore);
        }
        assertThat(MigrationService.of(Location.of(file), kind).status().pending()).isEmpty();
    }

    @ParameterizedTest(name = "{0} migrates to the newest version keeping every row")
    @CsvSource(textBlock = """
            tool-era,   SESSIONS
            runner-era, SESSIONS
            jan20,      CHAT
            v1,         CHAT
            """)
    void adoptsLegacyFilesWithoutLosingRows(String shape, DatabaseKind kind) throws Exception {
        Path file = legacy(shape);
        Map<String, List<Map<String, Object>>> before = contents(file, kind);
        List<String> previewedStates = MigrationService.of(Location.of(file), kind).status().migrations().stream()
                .map(row -> row.state().equals("PENDING") ? "SUCCESS" : row.state()).toList();

        MigrationReport report = MigrationService.of(Location.of(file), kind).migrate(MigrateOptions.safe().withAdoption());

        assertThat(report.shapeBefore()).isEqualTo(Shape.fromLabel(shape));
        assertThat(report.baseline()).isEqualTo(Integer.toString(Shape.fromLabel(shape).baselineVersion()));
        assertThat(report.versionAfter()).isEqualTo("4");
        assertThat(report.backup()).exists();
        assertThat(report.backup().getFileName().toString()).startsWith(file.getFileName() + ".backup-").endsWith(".db");
        Map<String, List<Map<String, Object>>> after = contents(file, kind);
        before.forEach((table, rows) -> {
            List<Map<String, Object>> migrated = after.get(table);
            assertThat(migrated).as(table).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> old = new java.util.TreeMap<>(rows.get(i));
                if (old.containsKey("tool")) {
                    old.put("runner", old.remove("tool"));
                }
                assertThat(migrated.get(i)).as(table + " row " + i).containsAllEntriesOf(old);
            }
        });
        // The backup holds the file exactly as it was.
        assertThat(contents(report.backup(), kind)).isEqualTo(before);
        assertThat(Databases.pragma(file, "integrity_check")).containsExactly("ok");
        assertThat(Databases.pragma(file, "foreign_key_check")).isEmpty();
        assertThat(Databases.scalar(file, "PRAGMA user_version")).isEqualTo(4);
        DatabaseStatus status = MigrationService.of(Location.of(file), kind).status();
        assertThat(status.isUpToDate()).isTrue();
        // What status showed before adoption is what the history says after it.
        assertThat(status.migrations()).extracting(MigrationRow::state).containsExactlyElementsOf(previewedStates);
        assertThat(status.migrations()).filteredOn(MigrationRow::isApplied).extracting(MigrationRow::type)
                .contains("BASELINE");
    }

    @Test
    void fillsSessionSpecsFromEverySpecId() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption());

        assertThat(Databases.rows(file, "session_specs", "session_id")).containsExactly(
                Map.of("session_id", "s-1", "spec_id", "042-login", "position", 0),
                Map.of("session_id", "s-3", "spec_id", "007-日本", "position", 0));
        assertThat(Databases.rows(file, "sessions", "id")).allSatisfy(row -> assertThat(row).containsEntry("prompt", null));
    }

    @ParameterizedTest
    @CsvSource({"SESSIONS", "CHAT"})
    void newFileGetsItsSchemaOnlyThroughMigrations(DatabaseKind kind) throws Exception {
        // A SQLite file without tables (a zero-byte file is refused: see HostileFilesTest).
        Path file = LegacyFiles.run(dir.resolve("new.db"), "CREATE TABLE t (x);\nDROP TABLE t;\n");

        DatabaseStatus status = MigrationService.of(Location.of(file), kind).status();
        assertThat(status.shape()).isEqualTo(Shape.EMPTY);
        assertThat(status.pending()).containsExactly("1", "2", "3", "4");

        MigrationReport report = MigrationService.of(Location.of(file), kind).migrate(MigrateOptions.safe());
        assertThat(report.applied()).extracting(AppliedMigration::version).containsExactly("1", "2", "3", "4");
        assertThat(report.backup()).isNull();
        assertThat(Databases.scalar(file, "PRAGMA user_version")).isEqualTo(4);
        assertThat(MigrationService.of(Location.of(file), kind).validate().isValid()).isTrue();
        assertThat(MigrationService.of(Location.of(file), kind).status().isUpToDate()).isTrue();
    }

    @Test
    void legacyFileIsNotAdoptedWithoutConfirmation() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        Map<String, String> before = FileBytes.folder(dir);

        assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe()))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("tool-era")
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.NEEDS_CONFIRMATION);
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void upToDateFileIsNotTouched() throws Exception {
        Path file = LegacyFiles.run(dir.resolve("sessions.db"), "CREATE TABLE t (x);\nDROP TABLE t;\n");
        MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe());
        Map<String, String> before = FileBytes.folder(dir);

        MigrationReport again = MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe());

        assertThat(again.changedFile()).isFalse();
        assertThat(again.backup()).isNull();
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void unknownShapeIsReportedWithWhatDiffersAndNeverMigrated() throws Exception {
        Path file = LegacyFiles.run(dir.resolve("sessions.db"),
                "CREATE TABLE sessions (id TEXT PRIMARY KEY, project_path TEXT NOT NULL);\n");
        Map<String, String> before = FileBytes.folder(dir);

        DatabaseStatus status = MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status();

        assertThat(status.shape()).isEqualTo(Shape.UNKNOWN);
        assertThat(status.canMigrate()).isFalse();
        assertThat(String.join("\n", status.problems()))
                .contains("sessions has no column tool").contains("sessions has no column runner");
        assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption()))
                .isInstanceOf(PersistenceException.class).hasMessageContaining(file.toString())
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.UNKNOWN_SHAPE);
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void chatFileGivenAsSessionsIsRecognisedByItsSchema() throws Exception {
        Path file = LegacyFiles.jan20(dir.resolve("sessions.db"));

        DatabaseStatus status = MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status();

        assertThat(status.shape()).isEqualTo(Shape.UNKNOWN);
        assertThat(status.problems()).singleElement().asString().contains("this is a chat.db");
    }

    @Test
    void newerHistoryIsReportedAndNeverTouched() throws Exception {
        Path file = LegacyFiles.run(dir.resolve("sessions.db"), "CREATE TABLE t (x);\nDROP TABLE t;\n");
        MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe());
        LegacyFiles.run(file, """
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                VALUES (9, '9', 'from the future', 'SQL', 'V9__from_the_future.sql', 1, 'x', 1, 1);
                """);
        Map<String, String> before = FileBytes.folder(dir);

        DatabaseStatus status = MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status();
        assertThat(status.shape()).isEqualTo(Shape.NEWER);
        assertThat(status.problems()).singleElement().asString().contains("version 9");
        assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe()))
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.NEWER_SCHEMA);
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void editedAppliedMigrationFailsValidationAndMigrateRefuses() throws Exception {
        Path file = LegacyFiles.run(dir.resolve("chat.db"), "CREATE TABLE t (x);\nDROP TABLE t;\n");
        MigrationService.of(Location.of(file), DatabaseKind.CHAT).migrate(MigrateOptions.safe());
        LegacyFiles.run(file, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '2';\n",
                "DELETE FROM flyway_schema_history WHERE version = '3';\n");
        Map<String, String> before = FileBytes.folder(dir);

        ValidationReport validation = MigrationService.of(Location.of(file), DatabaseKind.CHAT).validate();
        assertThat(validation.isValid()).isFalse();
        assertThat(String.join("\n", validation.errors())).contains("2").containsIgnoringCase("checksum");
        assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.CHAT).migrate(MigrateOptions.safe()))
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.VALIDATION_FAILED);
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void dryRunPlanHasTheSqlAndWritesNothing() throws Exception {
        Path file = LegacyFiles.runnerEra(dir.resolve("sessions.db"));
        Map<String, String> before = FileBytes.folder(dir);

        MigrationPlan plan = MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).plan();

        assertThat(plan.baseline()).isEqualTo("2");
        assertThat(plan.migrations()).extracting(PlannedMigration::version).containsExactly("3", "4");
        assertThat(plan.migrations().get(0).sql()).contains("CREATE TABLE session_specs");
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void fileLockedByAnotherWriterIsReadableButNotMigrated() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        try (var leanSpec = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toUri());
             var statement = leanSpec.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('s-1', 't', 'stdout', 'uncommitted')");
            String before = FileBytes.sha256(file);

            assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.TOOL_ERA);
            assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption()))
                    .isInstanceOf(PersistenceException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("Close LeanSpec and retry")
                    .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.IN_USE);

            assertThat(FileBytes.sha256(file)).isEqualTo(before);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("backup"));
            }
            statement.execute("ROLLBACK");
        }
        assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.TOOL_ERA);
    }

    @Test
    void aMigrationThatFailsHalfWayLeavesTheFileAsItWasAndNamesTheVersion() throws Exception {
        // A runner-era file where the user already made a table of V3's name: V3 fails on it.
        Path file = LegacyFiles.runnerEra(dir.resolve("sessions.db"));
        LegacyFiles.run(file, "CREATE TABLE session_specs (note TEXT);\n", "INSERT INTO session_specs VALUES ('mine');\n");
        assertThat(Databases.scalar(file, "PRAGMA journal_mode")).as("backed up while the migration runs").isEqualTo("wal");
        String bytesBefore = FileBytes.sha256(file);
        Map<String, List<Map<String, Object>>> before = contents(file, DatabaseKind.SESSIONS);
        List<Map<String, Object>> schemaBefore = Databases.rows(file, "sqlite_schema", "name");

        assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption()))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("version 3").hasMessageContaining("rolled back")
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.MIGRATION_FAILED);

        assertThat(contents(file, DatabaseKind.SESSIONS)).isEqualTo(before);
        assertThat(Databases.rows(file, "sqlite_schema", "name")).isEqualTo(schemaBefore);
        assertThat(Databases.scalar(file, "PRAGMA user_version")).isEqualTo(0);
        assertThat(Databases.pragma(file, "integrity_check")).containsExactly("ok");
        assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.RUNNER_ERA);
        assertThat(Databases.rows(file, "session_specs", "note")).containsExactly(Map.of("note", "mine"));
        // The backup made beside the failed migration stays, as one made before it would: the file as it was.
        try (var backups = Files.list(dir)) {
            List<Path> made = backups.filter(p -> p.getFileName().toString().startsWith("sessions.db.backup-")).toList();
            assertThat(made).hasSize(1);
            assertThat(FileBytes.sha256(made.get(0))).isEqualTo(bytesBefore);
        }
    }

    @Test
    void aFailedMigrationHoldsTheWriteLockUntilTheBackupBesideItIsCopied() throws Exception {
        // The copy made beside the migration is only the file as it was while our write lock
        // keeps everyone else out: were the rollback to let go of it first, LeanSpec could write
        // and checkpoint into the file under the copy. The backup's clock holds the copy at its
        // start until the migration has failed and waits for it.
        Path file = LegacyFiles.runnerEra(dir.resolve("sessions.db"));
        LegacyFiles.run(file, "CREATE TABLE session_specs (note TEXT);\n", "INSERT INTO session_specs VALUES ('mine');\n");
        String bytesBefore = FileBytes.sha256(file);
        CountDownLatch copyStarted = new CountDownLatch(1);
        CountDownLatch letCopy = new CountDownLatch(1);
        Clock heldAtTheCopy = new Clock() {
            @Override
            public Instant instant() {
                copyStarted.countDown();
                try {
                    letCopy.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Instant.parse("2026-12-03T12:00:00Z");
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        CompletableFuture<MigrationReport> migration = new CompletableFuture<>();
        Thread migrating = Thread.ofPlatform().name("migrating").start(() -> {
            try {
                migration.complete(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS, heldAtTheCopy).migrate(MigrateOptions.safe().withAdoption()));
            } catch (RuntimeException e) {
                migration.completeExceptionally(e);
            }
        });
        try {
            assertThat(copyStarted.await(30, TimeUnit.SECONDS)).as("the backup's copy started").isTrue();
            // Until V3 has failed and the migration waits for the copy (or, wrongly, returns).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!migration.isDone() && !waitsForTheCopy(migrating) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(migration).as("the failed migration waits for the copy").isNotDone();
            assertThat(waitsForTheCopy(migrating)).isTrue();
            try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                    var statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 0");
                assertThatThrownBy(() -> statement.execute("BEGIN IMMEDIATE")).as("the write lock is still ours")
                        .hasMessageContaining("SQLITE_BUSY");
            }
        } finally {
            letCopy.countDown();
        }
        assertThatThrownBy(migration::join).cause().isInstanceOf(PersistenceException.class)
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.MIGRATION_FAILED);
        migrating.join();
        assertThat(FileBytes.sha256(file)).isEqualTo(bytesBefore);
        assertThat(FileBytes.sha256(dir.resolve("sessions.db.backup-20261203T120000Z.db"))).isEqualTo(bytesBefore);
    }

    /** Whether {@code thread} is parked in a join called from the migration's wait for its backup. */
    private static boolean waitsForTheCopy(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        if (stack.length == 0 || !stack[0].getMethodName().equals("park")) {
            return false;
        }
        return java.util.Arrays.stream(stack).filter(frame -> !frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk."))
                .findFirst().map(frame -> frame.getMethodName().equals("migrateBesideTheBackup")).orElse(false);
    }

    private static Map<String, List<Map<String, Object>>> contents(Path file, DatabaseKind kind) throws Exception {
        return switch (kind) {
            case SESSIONS -> Map.of(
                    "sessions", Databases.rows(file, "sessions", "id"),
                    "session_metadata", Databases.rows(file, "session_metadata", "session_id, key"),
                    "session_logs", Databases.rows(file, "session_logs", "id"),
                    "session_events", Databases.rows(file, "session_events", "id"));
            case CHAT -> {
                var tables = new java.util.HashMap<String, List<Map<String, Object>>>();
                tables.put("conversations", Databases.rows(file, "conversations", "id"));
                tables.put("messages", Databases.rows(file, "messages", "id"));
                if (Databases.scalar(file, "SELECT count(*) FROM sqlite_schema WHERE name = 'sync_metadata'").equals(1)) {
                    tables.put("sync_metadata", Databases.rows(file, "sync_metadata", "conversation_id"));
                }
                yield tables;
            }
            case LEANSPEC -> throw new IllegalArgumentException("these tests build sessions.db and chat.db files");
        };
    }
}
