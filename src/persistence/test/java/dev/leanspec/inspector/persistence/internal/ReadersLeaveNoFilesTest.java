package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite gives a WAL file a -wal and a -shm as soon as anyone reads it; a read-only connection
 * cannot take them away again. Reading must leave the user's folder as it was, and must never
 * pull those files from under LeanSpec while it writes.
 */
class ReadersLeaveNoFilesTest {

    @TempDir
    Path dir;

    @Test
    void readingAWalFileLeanSpecLeftLeavesItsFolderAsItWas() throws Exception {
        // 0.2.24's chat.db as LeanSpec leaves it when it stops: WAL mode, no -wal, no -shm.
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir);
        Files.setLastModifiedTime(chat, java.nio.file.attribute.FileTime.fromMillis(946_684_800_000L));
        Map<String, String> before = FileBytes.folder(dir);
        assertThat(before).containsOnlyKeys("chat.db");

        assertThat(MigrationService.of(Location.of(chat), DatabaseKind.CHAT).status().shape().label()).isEqualTo("v0.2.24");
        try (Connection reader = SqliteFiles.openReadOnly(chat); Statement statement = reader.createStatement()) {
            assertThat(statement.executeQuery("SELECT count(*) FROM conversations").getLong(1)).isPositive();
            assertThatThrownBy(() -> statement.execute("DELETE FROM messages")).as("it still cannot write")
                    .hasMessageContaining("readonly");
        }

        assertThat(FileBytes.folder(dir)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(chat).toMillis()).isEqualTo(946_684_800_000L);
    }

    @Test
    void aReaderClosingBeforeLeanSpecLeavesLeanSpecItsLogAndItsRows() throws Exception {
        Path file = walFile("INSERT INTO messages (content) VALUES ('first')");
        assertThat(FileBytes.folder(dir)).containsOnlyKeys("chat.db");

        try (Connection leanSpec = DriverManager.getConnection("jdbc:sqlite:" + file); Statement writes = leanSpec.createStatement()) {
            writes.execute("PRAGMA wal_autocheckpoint = 0"); // its frames stay in the log while it runs
            try (Connection reader = SqliteFiles.openReadOnly(file); Statement reads = reader.createStatement()) {
                writes.execute("INSERT INTO messages (content) VALUES ('second')");
                assertThat(reads.executeQuery("SELECT count(*) FROM messages").getLong(1)).isEqualTo(2);
            }
            // The reader was not the last: LeanSpec's log and index are still there, and in use.
            assertThat(Files.size(dir.resolve("chat.db-wal"))).isPositive();
            assertThat(dir.resolve("chat.db-shm")).exists();
            writes.execute("INSERT INTO messages (content) VALUES ('third')");
            assertThat(writes.executeQuery("SELECT count(*) FROM messages").getLong(1)).isEqualTo(3);
        }
        assertThat(FileBytes.folder(dir)).containsOnlyKeys("chat.db");
        assertThat(Databases.pragma(file, "integrity_check")).containsExactly("ok");
        assertThat(Databases.rows(file, "messages", "id")).extracting(row -> row.get("content")).containsExactly("first", "second", "third");
    }

    @Test
    void readersOpenSideBySideLeaveNothingWhicheverClosesLast() throws Exception {
        // The window holds several at once: the second opens after the first made the log.
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir);
        Map<String, String> before = FileBytes.folder(dir);
        Connection first = SqliteFiles.openReadOnly(chat);
        Connection second = SqliteFiles.openReadOnly(chat);
        Connection third = SqliteFiles.openReadOnly(chat);
        assertThat(dir.resolve("chat.db-shm")).exists();
        second.close();
        first.close();
        assertThat(dir.resolve("chat.db-shm")).as("still read by the third").exists();
        third.close();
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void theEmptyLogAStoppedLeanSpecLeftGoesAsWithAnySqliteWriterAndALogWithFramesStays() throws Exception {
        Path file = walFile();
        Files.createFile(dir.resolve("chat.db-wal"));
        Files.write(dir.resolve("chat.db-shm"), new byte[0]);
        try (Connection reader = SqliteFiles.openReadOnly(file); Statement reads = reader.createStatement()) {
            reads.executeQuery("SELECT count(*) FROM messages").close();
        }
        assertThat(FileBytes.folder(dir)).containsOnlyKeys("chat.db");

        // A killed LeanSpec's log with frames: read as it is, never folded into the file by a reader.
        Path asLeft = RealFixtures.copy("leanspec-0.2.24/as-left/chat.db", dir.resolve("as-left"));
        Map<String, String> data = FileBytes.data(asLeft.getParent());
        assertThat(data).containsKey("chat.db-wal");
        assertThat(SqliteFiles.tidiedByItsReaders(asLeft)).isFalse();
        try (Connection reader = SqliteFiles.openReadOnly(asLeft); Statement reads = reader.createStatement()) {
            assertThat(reads.executeQuery("SELECT count(*) FROM messages").getLong(1)).isPositive();
        }
        assertThat(FileBytes.data(asLeft.getParent())).isEqualTo(data);
    }

    /** A WAL-mode chat.db with a messages table, closed: nothing beside it. */
    private Path walFile(String... statements) throws Exception {
        Path file = dir.resolve("chat.db");
        try (Connection setup = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = setup.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, content TEXT)");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return file;
    }
}
