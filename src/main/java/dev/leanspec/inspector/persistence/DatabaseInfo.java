package dev.leanspec.inspector.persistence;

import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;

import java.nio.file.Path;

/**
 * What a status bar shows about an open file.
 *
 * @param path          the file
 * @param sizeBytes     the file's size plus its write-ahead log, if any
 * @param sqliteVersion the SQLite library's version
 * @param journalMode   the file's journal mode ({@code wal}, {@code delete}, ...)
 * @param userVersion   {@code PRAGMA user_version}, the schema version other tools read
 */
public record DatabaseInfo(Path path, long sizeBytes, String sqliteVersion, String journalMode, int userVersion) {

    /**
     * Reads the info of any SQLite file, read-only.
     *
     * @param file an existing SQLite file
     * @return its size, SQLite version, journal mode and user_version
     * @throws PersistenceException when it cannot be read
     */
    public static DatabaseInfo of(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try (java.sql.Connection connection = SqliteFiles.openReadOnly(path)) {
            return SqliteFiles.info(path, connection);
        } catch (java.sql.SQLException e) {
            throw Failures.translate(path, "read", e);
        }
    }
}
