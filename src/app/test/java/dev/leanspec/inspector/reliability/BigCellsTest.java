package dev.leanspec.inspector.reliability;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.JavaProcess;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 6, case 5: 100 MB cells are shown as previews, and a 256 MB heap is enough to browse them. */
class BigCellsTest {

    private static final int HUNDRED_MB = 100_000_000;

    @TempDir
    Path dir;

    @Test
    void hundredMegabyteTextAndBlobCellsBrowseInA256MegabyteHeap() throws Exception {
        Path sessions = dir.resolve("sessions.db");
        Path chat = dir.resolve("chat.db");
        try (SessionStore store = SessionStore.open(Location.of(sessions)); ChatStore chatStore = ChatStore.open(Location.of(chat))) {
            // migrated, empty files
        }
        // The cells are made by SQLite itself, so this JVM never holds them either.
        LegacyFiles.run(sessions, """
                INSERT INTO sessions (id, project_path, spec_id, runner, mode, status, started_at, created_at, updated_at, prompt)
                  VALUES ('huge', '/p', NULL, 'claude', 'guided', 'running', 't', 't', 't', printf('%%.*c', %1$d, 'p') || 'END-OF-PROMPT');
                INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('huge', 't', 'stdout', printf('%%.*c', %1$d, 'l') || 'END');
                INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES ('huge', 'created', printf('%%.*c', %1$d, 'e'), 't');
                CREATE TABLE attachments (id INTEGER PRIMARY KEY, body BLOB, note TEXT);
                INSERT INTO attachments (body, note) VALUES (randomblob(%1$d), printf('%%.*c', %1$d, 'n'));
                """.formatted(HUNDRED_MB));
        LegacyFiles.run(chat, """
                INSERT INTO conversations (id, project_id, title, created_at, updated_at) VALUES ('c', 'p', 't', 1, 2);
                INSERT INTO messages (id, conversation_id, project_id, role, content, timestamp) VALUES ('m', 'c', 'p', 'user', printf('%%.*c', %1$d, 'm'), 1);
                """.formatted(HUNDRED_MB));
        Map<String, String> before = FileBytes.folder(dir);

        JavaProcess.Outcome outcome = JavaProcess.run(JavaProcess.command(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                BigCellsProbe.class, sessions.toString(), chat.toString()), 300);

        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("heap max 256 MB").contains("done");
        assertThat(outcome.out().lines().filter(l -> l.startsWith("raw ")).toList())
                .isNotEmpty().allSatisfy(line -> assertThat(Integer.parseInt(line.split(" ")[3])).isLessThanOrEqualTo(10_100));
        assertThat(outcome.out()).doesNotContain("END-OF-PROMPT").contains("(99900013 more characters)");
        for (String kind : List.of("list prompt ", "log message ", "detail prompt ", "message content ")) {
            assertThat(outcome.out().lines().filter(l -> l.startsWith(kind)).toList()).as(kind)
                    .isNotEmpty().allSatisfy(line -> assertThat(Integer.parseInt(line.split(" ")[2])).isLessThanOrEqualTo(100_100));
        }
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }
}
