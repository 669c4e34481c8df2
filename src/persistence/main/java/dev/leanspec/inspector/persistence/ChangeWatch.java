package dev.leanspec.inspector.persistence;

import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tells whether another process (LeanSpec) has committed to a file since the last look, through
 * SQLite's {@code PRAGMA data_version}: one cheap read, no file-system events, works in WAL
 * mode. Read-only; not thread-safe.
 */
public final class ChangeWatch implements AutoCloseable {

    private final Path path;
    private final Connection connection;
    private long version;

    private ChangeWatch(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
        this.version = read();
    }

    /**
     * Starts watching an existing file.
     *
     * @param file the database file to watch; it must exist
     * @return a watch whose first {@link #changed()} compares against now; close it when done
     */
    public static ChangeWatch open(Path file) {
        Path path = file.toAbsolutePath().normalize();
        return new ChangeWatch(path, SqliteFiles.openReadOnly(path));
    }

    /** {@return whether anything was committed since the last call (or since opening)} */
    public boolean changed() {
        long now = read();
        boolean changed = now != version;
        version = now;
        return changed;
    }

    private long read() {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA data_version")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw Failures.translate(path, "watch", e);
        }
    }

    @Override
    public void close() {
        SqliteFiles.closeQuietly(connection);
    }
}
