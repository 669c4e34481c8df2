package dev.leanspec.inspector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.Main;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.JavaProcess;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 35: the CLI is killed with SIGKILL at random moments while it brings an archive up to
 * date. Each time the folder holds the previous archive whole (or, killed after its last rename,
 * the new one whole; killed between its two renames, the previous one waits beside it), and the
 * next run finishes the archive a run never interrupted writes, byte for byte. 2 kills in the
 * normal build, 10 with {@code -Preliability}.
 */
class KillDuringArchiveTest {

    @TempDir
    Path dir;

    @Test
    void killedAtRandomPointsTheArchiveIsNeverHalfWritten() throws Exception {
        var files = GeneratedDatabases.write(dir.resolve("data"), new Volumes(1_500, 15_000, 30_000, 300, 6_000), 35, line -> { });
        Path out = dir.resolve("history");
        Map<String, String> environment = Map.of("HOME", dir.resolve("home").toString());
        List<String> archive = JavaProcess.command(List.of("-Xmx256m"), Main.class, "archive", "--to", out.toString(),
                "--db", files.sessions().toString(), "--db", files.chat().toString());
        JavaProcess.Outcome first = JavaProcess.run(archive, environment, 300);
        assertThat(first.code()).as(first.err()).isZero();
        Map<String, String> previous = tree(out);
        Path previousCopy = dir.resolve("previous-archive");
        copyTree(out, previousCopy);

        // Every session gains a line: the next run renders every session's page again.
        LegacyFiles.run(files.sessions(), "INSERT INTO session_logs (session_id, timestamp, level, message) SELECT id, "
                + "'2026-12-01T10:00:00Z', 'stdout', 'one more line' FROM sessions;\n");
        Path expectedDir = dir.resolve("expected");
        copyTree(out, expectedDir);
        List<String> expectedRun = JavaProcess.command(List.of("-Xmx256m"), Main.class, "archive", "--to", expectedDir.toString(),
                "--db", files.sessions().toString(), "--db", files.chat().toString());
        long start = System.nanoTime();
        JavaProcess.Outcome whole = JavaProcess.run(expectedRun, environment, 300);
        long fullMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(whole.code()).as(whole.err()).isZero();
        Map<String, String> expected = tree(expectedDir);
        assertThat(expected).isNotEqualTo(previous);
        String sources = FileBytes.sha256(files.sessions()) + FileBytes.sha256(files.chat());

        Random random = new Random(35);
        // Each kill costs two runs of the archive: at most 10 (with -Preliability's 25 for the others).
        int kills = Math.min(10, Integer.getInteger("reliability.kills", 2));
        int previousKept = 0;
        for (int kill = 0; kill < kills; kill++) {
            ProcessBuilder builder = new ProcessBuilder(archive).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
            Process process = builder.start();
            Thread.sleep(random.nextInt((int) Math.max(1, fullMillis * 9 / 10)));
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            process.waitFor();

            Path aside = out.resolveSibling("history.old");
            Map<String, String> left = Files.isDirectory(out) ? tree(out) : tree(aside);
            assertThat(left).as("kill %d: the folder holds one whole archive", kill).isIn(previous, expected);
            if (left.equals(previous)) {
                previousKept++;
            }
            assertThat(FileBytes.sha256(files.sessions()) + FileBytes.sha256(files.chat())).isEqualTo(sources);

            JavaProcess.Outcome after = JavaProcess.run(archive, environment, 300);
            assertThat(after.code()).as(after.err()).isZero();
            assertThat(tree(out)).isEqualTo(expected);
            assertThat(out.resolveSibling("history.partial")).doesNotExist();
            assertThat(aside).doesNotExist();
            // The next kill interrupts a run from the previous archive again.
            deleteTree(out);
            copyTree(previousCopy, out);
        }
        System.out.printf("kill -9 during archive: %d kills (a full run took %d ms), %d left the previous archive, the rest the new one%n",
                kills, fullMillis, previousKept);
    }

    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), FileBytes.sha256(file));
            }
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
