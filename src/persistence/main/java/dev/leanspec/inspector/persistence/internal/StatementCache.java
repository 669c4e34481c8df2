package dev.leanspec.inspector.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.tools.jdbc.DefaultConnection;
import org.jooq.tools.jdbc.DefaultPreparedStatement;

/**
 * Keeps prepared statements open between queries, as a pooled data source would: jOOQ closes
 * every statement after use, and preparing it again (SQLite parses and plans the SQL each time)
 * was a third of the cost of a 100-row page. The connection handed to jOOQ returns, for SQL it
 * has seen, the statement it prepared before; "closing" such a statement clears its parameters
 * (the result set's close already reset it, so no read transaction stays open).
 *
 * <p>The wrappers are jOOQ's delegating JDBC classes, not dynamic proxies: a proxy class is spun
 * at run time (no start-up cache holds it; ~0.1 s of a window's way to its first rows) and
 * every call through it is a reflective one.
 *
 * <p>Not thread-safe, like the connection it wraps (a store uses one thread at a time).
 */
final class StatementCache extends DefaultConnection {

    private static final int SIZE = 64;

    private final Map<String, Cached> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            if (size() > SIZE && !eldest.getValue().inUse) {
                SqliteFiles.closeQuietly(eldest.getValue().statement);
                return true;
            }
            return false;
        }
    };

    private StatementCache(Connection connection) {
        super(connection);
    }

    /** A view of {@code connection} whose one-argument {@code prepareStatement} is cached. */
    static Connection wrap(Connection connection) {
        return new StatementCache(connection);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        Cached cached = statements.get(sql);
        if (cached == null || cached.inUse) {
            if (cached != null) {
                // The same SQL open twice at once (a nested cursor): the second is not cached.
                return getDelegate().prepareStatement(sql);
            }
            cached = new Cached(getDelegate().prepareStatement(sql));
            statements.put(sql, cached);
        }
        cached.inUse = true;
        return cached;
    }

    @Override
    public void close() throws SQLException {
        for (Cached cached : statements.values()) {
            SqliteFiles.closeQuietly(cached.statement);
        }
        statements.clear();
        super.close();
    }

    /** A cached statement as jOOQ sees it: its close only clears the parameters, for the next use. */
    private static final class Cached extends DefaultPreparedStatement {
        final PreparedStatement statement;
        boolean inUse;

        Cached(PreparedStatement statement) {
            super(statement);
            this.statement = statement;
        }

        @Override
        public void close() throws SQLException {
            if (inUse) {
                inUse = false;
                statement.clearParameters();
            }
        }

        @Override
        public boolean isClosed() throws SQLException {
            return !inUse || statement.isClosed();
        }
    }
}
