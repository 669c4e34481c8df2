package dev.leanspec.inspector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.Main;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.testing.JavaProcess;
import dev.leanspec.inspector.testing.PostgresServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy} killed with SIGKILL at random moments: the PostgreSQL database is either as it was
 * (no LeanSpec table in its schema) or holds every row; a retry then works from either state.
 */
class KillDuringPostgresCopyTest {

    @TempDir
    Path dir;

    @Test
    void killedAtRandomPointsTheTargetIsEmptyOrWhole() throws Exception {
        GeneratedDatabases.GeneratedFiles files = GeneratedDatabases.write(dir.resolve("files"), new Volumes(3_000, 90_000, 90_000, 50, 5_000), 7,
                line -> { });
        PostgresServer server = PostgresServer.shared();
        List<String> sources = List.of("--from", files.sessions().toString(), "--from", files.chat().toString());

        String wholeUrl = server.newDatabase();
        long start = System.nanoTime();
        JavaProcess.Outcome whole = JavaProcess.run(copy(sources, wholeUrl), 300);
        long fullMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(whole.code()).as(whole.err()).isZero();
        long rows = rows(server, wholeUrl);
        assertThat(rows).isPositive();

        Random random = new Random(2026);
        int empty = 0;
        int full = 0;
        for (int kill = 0; kill < KillDuringMigrationTest.KILLS; kill++) {
            String url = server.newDatabase();
            Process process = new ProcessBuilder(copy(sources, url)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(random.nextInt((int) Math.max(1, fullMillis * 12 / 10)));
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            process.waitFor();
            // The killed connection's transaction is rolled back by the server once it notices the socket closed.
            long found = waitForSettled(server, url);
            if (found == 0) {
                empty++;
            } else {
                assertThat(found).isEqualTo(rows);
                full++;
            }
            JavaProcess.Outcome retry = JavaProcess.run(copy(sources, url), 300);
            if (found == 0) {
                assertThat(retry.code()).as(retry.err()).isZero();
            } else {
                assertThat(retry.code()).isEqualTo(1); // refused: the target has rows
            }
            assertThat(rows(server, url)).isEqualTo(rows);
        }
        System.out.printf("kill -9 during copy: %d kills, %d left the target as it was, %d complete%n",
                KillDuringMigrationTest.KILLS, empty, full);
    }

    private static List<String> copy(List<String> sources, String url) {
        List<String> args = new java.util.ArrayList<>(List.of("copy"));
        args.addAll(sources);
        args.addAll(List.of("--to", url));
        return JavaProcess.command(List.of(), Main.class, args.toArray(String[]::new));
    }

    /** Rows in the target's public schema (0 when it has no LeanSpec table), once no other session works on it. */
    private static long waitForSettled(PostgresServer server, String url) throws Exception {
        String database = PostgresServer.databaseOf(url);
        try (Connection db = server.connect(database); Statement statement = db.createStatement()) {
            for (int i = 0; i < 200; i++) {
                try (ResultSet others = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid()")) {
                    others.next();
                    if (others.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
        }
        return rows(server, url);
    }

    private static long rows(PostgresServer server, String url) throws Exception {
        try (Connection db = server.connect(PostgresServer.databaseOf(url)); Statement statement = db.createStatement()) {
            try (ResultSet tables = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                tables.next();
                if (tables.getLong(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet sum = statement.executeQuery("SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM session_logs)"
                    + " + (SELECT count(*) FROM session_events) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM conversations)")) {
                sum.next();
                return sum.getLong(1);
            }
        }
    }
}
