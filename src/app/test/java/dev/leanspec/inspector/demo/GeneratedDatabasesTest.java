package dev.leanspec.inspector.demo;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.demo.GeneratedDatabases.GeneratedFiles;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.testing.Databases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratedDatabasesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheAskedVolumesInTheLegacyShapesWithOneBigSessionAndConversation() throws Exception {
        Volumes volumes = Volumes.scale(0.002);
        List<String> progress = new ArrayList<>();
        GeneratedFiles files = GeneratedDatabases.write(dir.resolve("a"), volumes, 7, progress::add);

        assertThat(volumes).isEqualTo(new Volumes(400, 10_000, 10_000, 200, 4_000));
        assertThat(count(files.sessions(), "sessions")).isEqualTo(400);
        assertThat(count(files.sessions(), "session_metadata")).isEqualTo(800);
        assertThat(count(files.sessions(), "session_events")).isEqualTo(10_000);
        assertThat(count(files.sessions(), "session_logs")).isEqualTo(10_000);
        assertThat(count(files.chat(), "conversations")).isEqualTo(200);
        assertThat(count(files.chat(), "messages")).isEqualTo(4_000);
        assertThat(progress).anyMatch(line -> line.contains("building indexes"));

        // A fifth of the events in one session; a conversation of 1,000 messages when there are enough.
        assertThat(files.bigSessionEvents()).isEqualTo(2_000);
        assertThat(((Number) Databases.scalar(files.sessions(), "SELECT count(*) FROM session_events WHERE session_id = '"
                + files.bigSessionId() + "'")).longValue()).isEqualTo(2_000);
        assertThat(files.bigConversationMessages()).isEqualTo(1_000);
        assertThat(((Number) Databases.scalar(files.chat(), "SELECT message_count FROM conversations WHERE id = '"
                + files.bigConversationId() + "'")).longValue()).isEqualTo(1_000);
        // Realistic sizes: some log lines and answers are multi-KB.
        assertThat(((Number) Databases.scalar(files.sessions(), "SELECT count(*) FROM session_logs WHERE length(message) > 2000")).longValue()).isPositive();
        assertThat(((Number) Databases.scalar(files.chat(), "SELECT max(length(content)) FROM messages")).longValue()).isGreaterThan(2_000);

        // Exactly the legacy schemas (indexes rebuilt), WAL as LeanSpec left them, and migratable.
        assertThat(MigrationService.of(Location.of(files.sessions()), DatabaseKind.SESSIONS).status().shape()).isEqualTo(Shape.TOOL_ERA);
        assertThat(MigrationService.of(Location.of(files.chat()), DatabaseKind.CHAT).status().shape()).isEqualTo(Shape.JAN20);
        assertThat(Databases.pragma(files.sessions(), "journal_mode")).containsExactly("wal");
        MigrationService.of(Location.of(files.sessions()), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption().withoutBackup());
        assertThat(count(files.sessions(), "session_events")).isEqualTo(10_000);
        assertThat(((Number) Databases.scalar(files.sessions(), "SELECT count(*) FROM sessions WHERE created_at NOT LIKE '____-__-__T__:__:__.______+00:00'")).longValue()).isZero();
    }

    @Test
    void theSameSeedWritesTheSameRowsAndAnotherSeedOthers() throws Exception {
        Volumes volumes = new Volumes(30, 300, 300, 10, 100);
        GeneratedFiles first = GeneratedDatabases.write(dir.resolve("one"), volumes, 3, line -> { });
        GeneratedFiles second = GeneratedDatabases.write(dir.resolve("two"), volumes, 3, line -> { });
        GeneratedFiles other = GeneratedDatabases.write(dir.resolve("three"), volumes, 4, line -> { });

        for (String table : List.of("sessions", "session_events", "session_logs", "session_metadata")) {
            assertThat(Databases.rows(second.sessions(), table, "rowid")).isEqualTo(Databases.rows(first.sessions(), table, "rowid"));
        }
        assertThat(Databases.rows(second.chat(), "messages", "rowid")).isEqualTo(Databases.rows(first.chat(), "messages", "rowid"));
        assertThat(Databases.rows(other.sessions(), "sessions", "rowid")).isNotEqualTo(Databases.rows(first.sessions(), "sessions", "rowid"));
    }

    @Test
    void neverOverwritesAndRemovesWhatAFailedRunLeft() throws Exception {
        Path taken = dir.resolve("taken");
        Files.createDirectories(taken);
        Files.writeString(taken.resolve("chat.db"), "mine");
        assertThatThrownBy(() -> GeneratedDatabases.write(taken, Volumes.scale(0.001), 1, line -> { }))
                .hasMessageContaining("already exists");
        assertThat(Files.readString(taken.resolve("chat.db"))).isEqualTo("mine");
        assertThat(taken.resolve("sessions.db")).doesNotExist();

        assertThatThrownBy(() -> Volumes.scale(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Volumes.scale(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timestampsAreWhatLeanSpecWrites() {
        Random random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            long micros = Math.floorMod(random.nextLong(), 4_000_000_000L * 1_000_000);
            Instant instant = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
            assertThat(GeneratedDatabases.timestamp(micros)).isEqualTo(Timestamp.of(instant).text());
        }
    }

    private static long count(Path file, String table) throws Exception {
        return ((Number) Databases.scalar(file, "SELECT count(*) FROM " + table)).longValue();
    }
}
