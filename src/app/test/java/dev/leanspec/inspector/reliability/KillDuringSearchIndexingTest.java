package dev.leanspec.inspector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leanspec.inspector.Main;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.JavaProcess;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 34: the CLI is killed with SIGKILL at random moments while it builds a file's search
 * index. Each time, the next search (resuming or rebuilding the index) answers exactly what an
 * uninterrupted one does, and the user's file never changes. 2 kills in the normal build, 25
 * with {@code -Preliability} ({@code -Dreliability.kills=25}).
 */
class KillDuringSearchIndexingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedAtRandomPointsTheNextSearchAnswersRight() throws Exception {
        Path file = GeneratedDatabases.write(dir.resolve("data"), new Volumes(2_000, 30_000, 60_000, 1, 0), 7, line -> { }).sessions();
        // Text a person would remember, in a session's log and in another's prompt-free output.
        LegacyFiles.run(file, "INSERT INTO session_logs (session_id, timestamp, level, message) SELECT id, '2026-12-01T10:00:00Z', 'stdout', "
                + "'error: quokka-overflow in src/parser.rs' FROM sessions ORDER BY id DESC LIMIT 3;\n");
        String bytes = FileBytes.sha256(file);
        Path home = dir.resolve("home");
        Map<String, String> environment = Map.of("HOME", home.toString(), "XDG_CACHE_HOME", "");
        List<String> search = JavaProcess.command(List.of(), Main.class, "search", "--json", "--db", file.toString(), "quokka-overflow");

        long start = System.nanoTime();
        JavaProcess.Outcome whole = JavaProcess.run(search, environment, 300);
        long fullMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(whole.code()).as(whole.err()).isZero();
        var expected = JSON.readTree(whole.out());
        assertThat(expected).hasSize(3);
        Path cache = home.resolve(".cache/leanspec-inspector/search");

        Random random = new Random(34);
        int kills = Integer.getInteger("reliability.kills", 2);
        for (int kill = 0; kill < kills; kill++) {
            try (var old = Files.list(cache)) {
                for (Path path : old.toList()) {
                    Files.delete(path);
                }
            }
            ProcessBuilder builder = new ProcessBuilder(search).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
            Process process = builder.start();
            Thread.sleep(random.nextInt((int) Math.max(1, fullMillis * 11 / 10)));
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            process.waitFor();

            JavaProcess.Outcome after = JavaProcess.run(search, environment, 300);
            assertThat(after.code()).as(after.err()).isZero();
            assertThat(JSON.readTree(after.out())).isEqualTo(expected);
            assertThat(FileBytes.sha256(file)).isEqualTo(bytes);
        }
        System.out.printf("kill -9 during search indexing: %d kills (a full first search took %d ms), every next search right%n",
                kills, fullMillis);
    }
}
