package dev.leanspec.inspector.reliability;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.Main;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.testing.JavaProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, case 9: the CLI is killed with SIGKILL at random moments while it migrates a large
 * legacy file. Each time, the reopened file must be either untouched or fully migrated, intact,
 * with no failed history row and every original row. 2 kills in the normal build, 25 with
 * {@code -Preliability} ({@code -Dreliability.kills=25}).
 */
class KillDuringMigrationTest {

    static final int KILLS = Integer.getInteger("reliability.kills", 2);

    @TempDir
    Path dir;

    @Test
    void killedAtRandomPointsTheFileIsAlwaysOldOrNewAndWhole() throws Exception {
        Path pristine = GeneratedDatabases.write(dir.resolve("pristine"), new Volumes(4_000, 120_000, 120_000, 1, 0), 11, line -> { })
                .sessions();
        Map<String, Long> original = fingerprint(pristine, "tool");
        Path file = dir.resolve("work/sessions.db");
        List<String> migrate = JavaProcess.command(List.of(), Main.class, "migrate", "--yes", "--sessions", file.toString());

        // How long an uninterrupted migration takes (JVM start included): kills land inside it.
        fresh(pristine, file);
        long start = System.nanoTime();
        JavaProcess.Outcome whole = JavaProcess.run(migrate, 300);
        long fullMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(whole.code()).as(whole.err()).isZero();
        assertConsistent(file, original);

        Random random = new Random(2026);
        int untouched = 0;
        int migrated = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            fresh(pristine, file);
            Process process = new ProcessBuilder(migrate).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // Anywhere from JVM start to a little past the end of an uninterrupted run.
            Thread.sleep(random.nextInt((int) Math.max(1, fullMillis * 13 / 10)));
            process.destroyForcibly();  // SIGKILL: no shutdown hook, no finally block runs
            process.waitFor();

            if (assertConsistent(file, original)) {
                migrated++;
            } else {
                untouched++;
            }
            // The user retries: it works from either state.
            assertThat(JavaProcess.run(migrate, 300).code()).isZero();
            assertThat(assertConsistent(file, original)).isTrue();
        }
        System.out.printf("kill -9 during migration: %d kills, %d left untouched, %d fully migrated, 0 rows lost%n",
                KILLS, untouched, migrated);
        assertThat(untouched + migrated).isEqualTo(KILLS);
    }

    /** Whether the file is at the latest version (true) or still the untouched legacy file (false); fails otherwise. */
    private static boolean assertConsistent(Path file, Map<String, Long> original) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toUri()); Statement statement = db.createStatement();
             ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
            check.next();
            assertThat(check.getString(1)).isEqualTo("ok");
        }
        DatabaseStatus status = MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status();
        if (status.shape() == Shape.TOOL_ERA) {
            assertThat(fingerprint(file, "tool")).isEqualTo(original);
            return false;
        }
        assertThat(status.shape()).isEqualTo(Shape.MANAGED);
        assertThat(status.isUpToDate()).as(status.toString()).isTrue();
        assertThat(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).validate().isValid()).isTrue();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toUri()); Statement statement = db.createStatement();
             ResultSet failed = statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE NOT success")) {
            failed.next();
            assertThat(failed.getLong(1)).isZero();
        }
        assertThat(fingerprint(file, "runner")).isEqualTo(original);
        return true;
    }

    /** Row counts and a checksum over every row's values, per table; the runner column under either name. */
    private static Map<String, Long> fingerprint(Path file, String runnerColumn) throws Exception {
        Map<String, Long> print = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toUri()); Statement statement = db.createStatement()) {
            for (String[] query : new String[][] {
                    {"sessions", "SELECT id, project_path, spec_id, " + runnerColumn + ", mode, status, exit_code, started_at, ended_at, "
                            + "duration_ms, token_count, created_at, updated_at FROM sessions"},
                    {"session_metadata", "SELECT session_id, key, value FROM session_metadata"},
                    {"session_events", "SELECT id, session_id, event_type, data, timestamp FROM session_events"},
                    {"session_logs", "SELECT id, session_id, timestamp, level, message FROM session_logs"}}) {
                long rows = 0;
                long sum = 0;
                try (ResultSet result = statement.executeQuery(query[1])) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        rows++;
                        for (int c = 1; c <= columns; c++) {
                            sum = sum * 31 + java.util.Objects.hashCode(result.getString(c));
                        }
                    }
                }
                print.put(query[0] + " rows", rows);
                print.put(query[0] + " checksum", sum);
            }
        }
        return print;
    }

    private static void fresh(Path pristine, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (var old = Files.list(file.getParent())) {
            for (Path path : old.toList()) {
                Files.delete(path);
            }
        }
        Files.copy(pristine, file);
    }
}
