package dev.leanspec.inspector.reliability;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.Main;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.internal.Backups;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.TableInfo;
import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.JavaProcess;
import dev.leanspec.inspector.testing.ReadOnlyPaths;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 6, cases 13 and 14: no room for the backup, and files and folders that cannot be written. */
class FullDiskAndReadOnlyTest {

    @TempDir
    Path dir;

    @Test
    void aDiskThatFillsDuringTheBackupLeavesTheOriginalAndNoPartialBackup() throws Exception {
        Path file = GeneratedDatabases.write(dir.resolve("full"), new Volumes(2_000, 40_000, 40_000, 1, 0), 5, line -> { }).sessions();
        Map<String, String> before = FileBytes.folder(file.getParent());
        assertThat(Files.size(file)).isGreaterThan(4_000_000);

        // The CLI in a process that may write no file past 1 MB (ulimit -f): the backup hits the limit.
        // sqlite-jdbc unpacks its native library on start, which the limit would stop: hand it one unpacked already.
        Path lib = Files.createDirectories(dir.resolve("native"));
        try (var in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(
                "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + System.mapLibraryName("sqlitejdbc"))) {
            Files.copy(in, lib.resolve(System.mapLibraryName("sqlitejdbc")));
        }
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f 1024; exec \"$0\" \"$@\""));
        command.addAll(JavaProcess.command(List.of("-Dorg.sqlite.lib.path=" + lib, "-Dorg.sqlite.lib.name=" + System.mapLibraryName("sqlitejdbc")),
                Main.class, "migrate", "--yes", "--sessions", file.toString()));
        JavaProcess.Outcome outcome = JavaProcess.run(command, 120);

        assertThat(outcome.code()).isEqualTo(1);
        assertThat(outcome.err()).contains(file.toString()).contains("partial backup was removed").doesNotContain("\tat ");
        assertThat(FileBytes.folder(file.getParent())).isEqualTo(before);
        assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.TOOL_ERA);
    }

    @Test
    void anUnwritableFolderStopsTheMigrationBeforeAnythingIsWritten() throws Exception {
        Path file = GeneratedDatabases.write(dir.resolve("locked"), new Volumes(200, 400, 400, 1, 0), 5, line -> { }).sessions();
        Map<String, String> before = FileBytes.folder(file.getParent());
        try (ReadOnlyPaths readOnly = new ReadOnlyPaths()) {
            Assumptions.assumeTrue(readOnly.lock(file.getParent()), "this machine cannot make a folder read-only");

            // A WAL file cannot even be read there (SQLite must create its -shm): the message says so.
            assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption()))
                    .isInstanceOf(PersistenceException.class).hasMessageContaining(file.toString()).hasMessageContaining("folder cannot be written");
        }
        assertThat(FileBytes.folder(file.getParent())).isEqualTo(before);
        assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.TOOL_ERA);
    }

    @Test
    void aWalFileInAReadOnlyFolderIsReadAsASnapshotAndAMigrateSaysWhyNot() throws Exception {
        // LeanSpec 0.2.24's own chat.db as it leaves it: WAL mode, nothing beside it.
        inALockedFolder("leanspec-0.2.24/chat.db", "shared", file -> {
            CliRun list = CliRun.in(dir, "list", "conversations", "--db", file.toString());
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out()).contains("(3 conversations)");
            assertThat(list.err()).contains(file + ": its folder cannot be written, so it is read as it is on disk");
            CliRun status = CliRun.in(dir, "status", "--db", file.toString());
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(DatabaseInfo.of(file).snapshot()).isTrue();

            CliRun migrate = CliRun.in(dir, "migrate", "--yes", "--db", file.toString());
            assertThat(migrate.code()).isEqualTo(1);
            assertThat(migrate.err()).contains(file.toString()).doesNotContain("SQLITE_").doesNotContain("\tat ")
                    .containsPattern("permission denied|cannot be written");
        });
    }

    @Test
    void aBackupThatCannotBeWrittenSaysWhyAndLeavesNothing() throws Exception {
        inALockedFolder("leanspec-0.2.24/sessions.db", "no-room", file ->
                assertThatThrownBy(() -> Backups.createUnderWriteLock(file, Clock.systemUTC()))
                        .isInstanceOf(PersistenceException.class)
                        .hasMessageContaining("Could not back up " + file + ": writing " + file + ".backup-")
                        .hasMessageMatching("(?s).*failed \\((permission denied|operation not permitted)\\).*")
                        .hasMessageContaining("--no-backup").hasMessageContaining("The original is untouched.")
                        .hasMessageNotContaining("partial backup"));
    }

    /** What is checked on a real LeanSpec file in a folder this user cannot write. */
    private interface LockedFolderCheck {
        void on(Path file) throws Exception;
    }

    /** Copies a real fixture into a folder of its own, locks the folder, checks, and asserts the folder unchanged. */
    private void inALockedFolder(String fixture, String folder, LockedFolderCheck check) throws Exception {
        Path file = RealFixtures.copy(fixture, dir.resolve(folder));
        Map<String, String> before = FileBytes.folder(file.getParent());
        try (ReadOnlyPaths readOnly = new ReadOnlyPaths()) {
            Assumptions.assumeTrue(readOnly.lock(file.getParent()), "this machine cannot make a folder read-only");
            check.on(file);
        }
        assertThat(FileBytes.folder(file.getParent())).isEqualTo(before);
    }

    @Test
    void aReadOnlyFileOpensForReadingAndRefusesToMigrate() throws Exception {
        Path file = GeneratedDatabases.write(dir.resolve("ro"), new Volumes(200, 400, 400, 1, 0), 5, line -> { }).sessions();
        String hash = FileBytes.sha256(file);
        try (ReadOnlyPaths readOnly = new ReadOnlyPaths()) {
            Assumptions.assumeTrue(readOnly.lock(file), "this machine cannot make a file read-only");

            assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.TOOL_ERA);
            try (RawDatabase raw = RawDatabase.openReadOnly(Location.of(file))) {
                TableInfo sessions = raw.tables().stream().filter(t -> t.name().equals("sessions")).findFirst().orElseThrow();
                assertThat(raw.rows(sessions, PageRequest.first(50)).rows()).hasSize(50);
            }
            assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption()))
                    .isInstanceOf(PersistenceException.class).hasMessageContaining(file.toString());
        }
        assertThat(FileBytes.sha256(file)).isEqualTo(hash);
    }

    @Test
    void aReadOnlyFolderWithAWalButNoShmOpensOrSaysWhy() throws Exception {
        Path source = GeneratedDatabases.write(dir.resolve("src"), new Volumes(200, 400, 400, 1, 0), 5, line -> { }).sessions();
        Path folder = Files.createDirectories(dir.resolve("wal-only"));
        Path file = folder.resolve("sessions.db");
        // Copy the file while a writer holds committed but un-checkpointed rows in its WAL.
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + source.toUri()); Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute("INSERT INTO session_logs (session_id, timestamp, level, message) SELECT id, 't', 'stdout', 'in the WAL only' FROM sessions");
            Files.copy(source, file);
            Files.copy(Path.of(source + "-wal"), Path.of(file + "-wal"));
        }
        assertThat(Files.size(Path.of(file + "-wal"))).isPositive();
        assertThat(Path.of(file + "-shm")).doesNotExist();
        Map<String, String> before = FileBytes.folder(folder);

        try (ReadOnlyPaths readOnly = new ReadOnlyPaths()) {
            Assumptions.assumeTrue(readOnly.lock(file) && readOnly.lock(Path.of(file + "-wal")) && readOnly.lock(folder),
                    "this machine cannot make a folder read-only");
            try {
                try (RawDatabase raw = RawDatabase.openReadOnly(Location.of(file))) {
                    TableInfo logs = raw.tables().stream().filter(t -> t.name().equals("session_logs")).findFirst().orElseThrow();
                    assertThat(raw.count(logs)).isEqualTo(600);
                }
            } catch (PersistenceException cannot) {
                assertThat(cannot.getMessage()).contains(file.toString()).contains("-shm");
            }
            JavaProcess.Outcome status = JavaProcess.run(JavaProcess.command(List.of(), Main.class, "status", "--sessions", file.toString()), 60);
            assertThat(status.code()).isIn(0, 1);
            assertThat(status.out() + status.err()).contains(file.toString()).doesNotContain("\tat ");
        }
        assertThat(FileBytes.folder(folder)).isEqualTo(before);
    }
}
