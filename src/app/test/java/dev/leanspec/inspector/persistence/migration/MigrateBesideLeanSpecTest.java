package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.internal.FileUsers;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.JavaProcess;
import dev.leanspec.inspector.testing.LegacyFiles;
import dev.leanspec.inspector.testing.OldLeanSpecWriter;
import dev.leanspec.inspector.testing.RealFixtures;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Migrating never breaks the LeanSpec that writes the file: a running writer is found and named,
 * the user is told which releases the result serves, and nothing is changed that was not asked
 * (journal mode, stray -wal/-shm files, LeanSpec's own history).
 */
class MigrateBesideLeanSpecTest {

    @TempDir
    Path dir;

    @Test
    void aWriterCommittingEveryTwentyMillisecondsIsFoundAndNamedAndMigrateRefuses() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        Process writer = JavaProcess.start(List.of(), OldLeanSpecWriter.class, file.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream()));
        try {
            assertThat(out.readLine()).isEqualTo("writing");
            assertThat(FileUsers.of(file)).hasValueSatisfying(users -> assertThat(users)
                    .extracting(FileUsers.User::pid).contains(writer.pid()));
            assertThat(FileUsers.writesDuring(file, 500)).isTrue();

            assertThatThrownBy(() -> MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption()))
                    .isInstanceOf(PersistenceException.class)
                    .hasMessageContaining("java (pid " + writer.pid() + ") has sessions.db open: stop LeanSpec and retry")
                    .hasMessageContaining(file.toString())
                    .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.IN_USE);
            CliRun cli = CliRun.in(dir, "migrate", "--yes", "--sessions", file.toString());
            assertThat(cli.code()).isEqualTo(1);
            assertThat(cli.err()).contains("java (pid " + writer.pid() + ")").contains("--force");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("backup"));
            }
            assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.TOOL_ERA);

            // What the refusal protects: forced, the migration runs and the old LeanSpec's next writes fail.
            CliRun forced = CliRun.in(dir, "migrate", "--yes", "--force", "--sessions", file.toString());
            assertThat(forced.code()).as(forced.err()).isZero();
            assertThat(forced.err()).contains("Warning: --force");
            Thread.sleep(300);
        } finally {
            writer.getOutputStream().write('\n');
            writer.getOutputStream().flush();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        String[] counts = out.readLine().split(" ", 3);
        assertThat(Long.parseLong(counts[0])).as("inserts before the forced migration").isPositive();
        assertThat(Long.parseLong(counts[1])).as("inserts after it").isPositive();
        assertThat(counts[2]).contains("no column named tool");
    }

    @ParameterizedTest(name = "{0} keeps journal mode {1} and leaves no -wal or -shm")
    @CsvSource(textBlock = """
            leanspec-0.2.24/sessions.db, delete
            leanspec-0.2.24/chat.db,     wal
            leanspec-0.2.28/leanspec.db, wal
            """)
    void migratingKeepsTheJournalModeAndLeavesNoStrayFiles(String fixture, String journal) throws Exception {
        Path file = RealFixtures.copy(fixture, dir);
        DatabaseKind kind = MigrationService.detectKind(file).orElseThrow();

        MigrationReport report = MigrationService.of(Location.of(file), kind).migrate(MigrateOptions.safe().withAdoption());

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(file.getFileName().toString(), report.backup().getFileName().toString());
        }
        assertThat(journalMode(file)).isEqualTo(journal);
        assertThat(journalMode(report.backup())).isEqualTo(journal);
    }

    @Test
    void aSessionThatLeanSpec024WritesAfterTheMigrationStillShowsItsSpec() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir);
        MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption());
        try (Connection leanSpec = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = leanSpec.createStatement()) {
            // 0.2.24's insert_session names its columns and knows nothing of session_specs.
            statement.execute("INSERT INTO sessions (id, project_path, spec_id, runner, mode, status, exit_code, started_at, "
                    + "ended_at, duration_ms, token_count, created_at, updated_at) VALUES ('after', '/p', '042-later', 'ok-runner', "
                    + "'guided', 'pending', NULL, '2026-03-01T00:00:00+00:00', NULL, NULL, NULL, '2026-03-01T00:00:00+00:00', "
                    + "'2026-03-01T00:00:00+00:00')");
        }
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            assertThat(store.get("after").orElseThrow().specs()).containsExactly("042-later");
            assertThat(store.list(SessionQuery.all().withSpec("042-later"), PageRequest.first(5)).items())
                    .singleElement().satisfies(s -> assertThat(s.specId()).isEqualTo("042-later"));
        }
    }

    @Test
    void statusAndTheDryRunSayWhichReleasesTheResultServesBeforeAnythingRuns() throws Exception {
        Path toolEra = LegacyFiles.toolEra(Files.createDirectories(dir.resolve("tool")).resolve("sessions.db"));
        Path runnerEra = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("runner"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("chat"));
        Map<String, String> before = FileBytes.folder(toolEra.getParent());

        Compatibility tool = MigrationService.of(Location.of(toolEra), DatabaseKind.SESSIONS).status().compatibility();
        assertThat(tool.worksNow()).containsExactly("0.2.22");
        assertThat(tool.worksAfter()).containsExactly("0.2.23", "0.2.24");
        assertThat(tool.breaks()).containsExactly("0.2.22");
        assertThat(tool.sentence()).contains("0.2.22 will no longer work on it").contains("upgrade LeanSpec to 0.2.23 or later first");
        assertThat(MigrationService.of(Location.of(runnerEra), DatabaseKind.SESSIONS).status().compatibility().breaks()).isEmpty();
        assertThat(MigrationService.of(Location.of(chat), DatabaseKind.CHAT).status().compatibility().worksAfter())
                .containsExactly("0.2.20", "0.2.21", "0.2.22", "0.2.23", "0.2.24");

        CliRun status = CliRun.in(dir, "status", "--sessions", toolEra.toString());
        assertThat(status.out()).contains("LeanSpec: works now with 0.2.22.").contains("0.2.22 will no longer work on it");
        CliRun json = CliRun.in(dir, "status", "--json", "--sessions", toolEra.toString());
        assertThat(json.out()).contains("\"breaks\" : [ \"0.2.22\" ]").contains("\"worksAfterMigrating\" : [ \"0.2.23\", \"0.2.24\" ]");
        CliRun dryRun = CliRun.in(dir, "migrate", "--dry-run", "--sessions", toolEra.toString());
        assertThat(dryRun.out()).contains("-- LeanSpec: After migrating, LeanSpec 0.2.23–0.2.24 can read and write it.");
        assertThat(FileBytes.folder(toolEra.getParent())).isEqualTo(before);
    }

    @Test
    void aLeanspecDbKeepsLeanSpecsOwnHistoryByteForByte() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        List<Map<String, Object>> sqlx = Databases.rows(file, "_sqlx_migrations", "version");

        MigrationService.of(Location.of(file), DatabaseKind.LEANSPEC).migrate(MigrateOptions.safe().withAdoption());

        assertThat(Databases.rows(file, "_sqlx_migrations", "version")).usingRecursiveComparison().isEqualTo(sqlx);
        assertThat(Databases.scalar(file, "SELECT hex(checksum) FROM _sqlx_migrations"))
                .isEqualTo("593CCBDAA6661C95AC0C33CFAE413D477597BA71B722FB3EF4A40F0A226E7632C45FD959C9BAA4BA6B6E7CDC93170B62");
    }

    private static String journalMode(Path file) throws Exception {
        // A read-write connection that changes nothing: a read-only one would leave -shm behind.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
