package dev.leanspec.inspector.persistence.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jooq.tools.jdbc.DefaultConnection;

/**
 * Everything Flyway does to a file, in one SQLite transaction that only we end. Flyway commits
 * the history table and an adopted file's baseline on their own, before the migrations run in
 * theirs: a process killed in between (kill -9, power loss) left a file "adopted, not
 * migrated". Here Flyway gets one connection, already inside {@code BEGIN IMMEDIATE}, whose
 * commit, rollback, auto-commit and close do nothing; {@link #commit()} makes all of it durable
 * at once, and {@link #close()} without a commit rolls all of it back. SQLite's DDL is
 * transactional, so this covers every script.
 */
public final class OneTransaction implements AutoCloseable {

    private final Path file;
    private final Connection real;
    private final Connection shared;
    private boolean committed;

    private OneTransaction(Path file, Connection real) {
        this.file = file;
        this.real = real;
        // jOOQ's delegating connection, not a dynamic proxy (StatementCache says why).
        this.shared = new DefaultConnection(real) {
            @Override
            public void commit() {
            }

            @Override
            public void rollback() {
            }

            @Override
            public void setAutoCommit(boolean autoCommit) {
            }

            @Override
            public boolean getAutoCommit() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Opens {@code file} for writing and takes its write lock (fails at once if LeanSpec holds it). */
    public static OneTransaction begin(Path file) {
        Connection connection = SqliteFiles.openWriter(file, false);
        try {
            connection.setAutoCommit(false);  // BEGIN IMMEDIATE (the writer's transaction mode)
            return new OneTransaction(file, connection);
        } catch (SQLException e) {
            SqliteFiles.closeQuietly(connection);
            throw Failures.translate(file, "lock", e);
        }
    }

    /** The data source to give Flyway: every connection it asks for is the one in this transaction. */
    public DataSource dataSource() {
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return shared;
            }

            @Override
            public Connection getConnection(String user, String password) {
                return shared;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }

    /**
     * Whether the file is in WAL mode, where this transaction writes to the log only and the
     * file itself changes at the earliest in a checkpoint after the commit (in a rollback-journal
     * mode, pages the cache cannot hold are written into the file before the commit).
     */
    public boolean writesOnlyTheLog() {
        try (var statement = real.createStatement(); var rows = statement.executeQuery("PRAGMA journal_mode")) {
            return rows.next() && "wal".equalsIgnoreCase(rows.getString(1));
        } catch (SQLException e) {
            throw Failures.translate(file, "read the journal mode of", e);
        }
    }

    /** Makes everything done through {@link #dataSource()} durable, at once. */
    public void commit() {
        try {
            real.commit();
            committed = true;
        } catch (SQLException e) {
            throw Failures.translate(file, "commit the migration of", e);
        }
    }

    /** Rolls back whatever was not committed, and closes the connection. */
    @Override
    public void close() {
        try {
            if (!committed) {
                real.rollback();
            }
        } catch (SQLException ignored) {
            // Closing the connection rolls back too; the caller reports the original failure.
        } finally {
            SqliteFiles.closeQuietly(real);
        }
    }
}
