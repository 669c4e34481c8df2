package dev.leanspec.inspector.reliability;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random-mutation fuzzing (Jazzer's coverage guidance needs a native agent; a fixed seed
 * makes every failure reproducible instead). Each run lasts a bounded time, 4 s per target in
 * the normal build ({@code -Dreliability.fuzzSeconds}). The only failure a mutated input may
 * cause is a {@link PersistenceException} with a message naming the file; everything else
 * (an unchecked exception, a hang) is a bug, and becomes a regression test here.
 */
class FuzzTest {

    static final long MILLIS = Long.getLong("reliability.fuzzSeconds", 4) * 1_000;
    static final long SEED = Long.getLong("reliability.fuzzSeed", 20261125);

    @TempDir
    Path dir;

    @Test
    void theShapeDetectorSurvivesMutatedFiles() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String shape : List.of("toolEra", "runnerEra", "jan20", "chatV1")) {
            Path file = dir.resolve(shape + ".db");
            switch (shape) {
                case "toolEra" -> LegacyFiles.toolEra(file);
                case "runnerEra" -> LegacyFiles.runnerEra(file);
                case "jan20" -> LegacyFiles.jan20(file);
                default -> LegacyFiles.chatV1(file);
            }
            LegacyFiles.run(file, "PRAGMA wal_checkpoint(TRUNCATE);\n");
            seeds.add(Files.readAllBytes(file));
        }
        Random random = new Random(SEED);
        long deadline = System.currentTimeMillis() + MILLIS;
        int cases = 0;
        int refused = 0;
        while (System.currentTimeMillis() < deadline) {
            byte[] bytes = seeds.get(random.nextInt(seeds.size())).clone();
            mutate(bytes, random);
            Path file = dir.resolve("case-" + cases + ".db");
            Files.write(file, bytes);
            try {
                MigrationService.detectKind(file);
                for (DatabaseKind kind : DatabaseKind.values()) {
                    DatabaseStatus status = MigrationService.of(Location.of(file), kind).status();
                    assertThat(status.shape()).isNotNull();
                }
            } catch (PersistenceException expected) {
                refused++;
                assertThat(expected.getMessage()).as("case %d (seed %d)", cases, SEED).contains(file.toString());
            }
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
            cases++;
        }
        System.out.printf("fuzz shape detector: %,d mutated files, %,d refused with a message, 0 crashes%n", cases, refused);
        assertThat(cases).isGreaterThan(20);
    }

    @Test
    void timestampAndJsonParsingSurviveMutatedText() {
        List<String> seeds = List.of("2026-01-28T09:14:03.123456+00:00", "2026-01-28T09:14:03Z", "1970-01-01T00:00:00-23:59",
                "{\"exit_code\":0,\"files_changed\":[\"src/main.rs\"],\"tokens\":{\"in\":1200,\"out\":3.4e3}}",
                "[1, \"two\", null, true, {\"deep\": [[[[]]]]}]", "\"just a string\"", "");
        Random random = new Random(SEED);
        long deadline = System.currentTimeMillis() + MILLIS;
        int cases = 0;
        while (System.currentTimeMillis() < deadline) {
            byte[] bytes = seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
            byte[] mutated = java.util.Arrays.copyOf(bytes, Math.max(1, bytes.length + random.nextInt(9) - 4));
            mutate(mutated, random);
            String text = random.nextInt(20) == 0 ? "[".repeat(100_000) : new String(mutated, StandardCharsets.UTF_8);
            Timestamp timestamp = new Timestamp(text);
            timestamp.instant();
            assertThat(timestamp.text()).isEqualTo(text);
            Formats.prettyJson(text);
            Formats.jsonOrText(text);
            Formats.timestamp(timestamp);
            cases++;
        }
        System.out.printf("fuzz timestamp and JSON parsing: %,d mutated texts, 0 crashes%n", cases);
        assertThat(cases).isGreaterThan(1_000);
    }

    /** A few random byte flips, overwrites, zeroed runs or copied runs. */
    private static void mutate(byte[] bytes, Random random) {
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> java.util.Arrays.fill(bytes, at, Math.min(bytes.length, at + random.nextInt(64)), (byte) 0);
                default -> {
                    int from = random.nextInt(bytes.length);
                    int length = Math.min(random.nextInt(128), Math.min(bytes.length - from, bytes.length - at));
                    System.arraycopy(bytes, from, bytes, at, length);
                }
            }
        }
    }
}
