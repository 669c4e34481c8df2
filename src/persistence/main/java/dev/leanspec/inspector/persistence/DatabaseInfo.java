package dev.leanspec.inspector.persistence;

import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a status bar shows about an open file.
 *
 * @param path          the file
 * @param sizeBytes     the file's size plus its write-ahead log, if any
 * @param sqliteVersion the SQLite library's version
 * @param journalMode   the file's journal mode ({@code wal}, {@code delete}, ...)
 * @param userVersion   {@code PRAGMA user_version}, the schema version other tools read
 * @param snapshot      whether it is read as a snapshot (see {@link #readAsSnapshot})
 */
public record DatabaseInfo(Path path, long sizeBytes, String sqliteVersion, String journalMode, int userVersion, boolean snapshot) {

    /**
     * Whether a file is read as a snapshot: a WAL-mode file (LeanSpec's leanspec.db and chat.db)
     * in a folder this user cannot write, with nothing in its log and open in no other program.
     * SQLite cannot make the {@code -shm} it needs beside it there, so it is read as it is on
     * disk; a program writing to it meanwhile would not be seen.
     *
     * @param file a SQLite file
     * @return true when its readers read it as a snapshot
     */
    public static boolean readAsSnapshot(Path file) {
        return SqliteFiles.readAsSnapshot(file.toAbsolutePath().normalize());
    }

    /**
     * Reads the info of any SQLite file, read-only.
     *
     * @param file an existing SQLite file
     * @return its size, SQLite version, journal mode and user_version
     * @throws PersistenceException when it cannot be read
     */
    public static DatabaseInfo of(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try (Connection connection = SqliteFiles.openReadOnly(path)) {
            return SqliteFiles.info(path, connection);
        } catch (SQLException e) {
            throw Failures.translate(path, "read", e);
        }
    }
}
