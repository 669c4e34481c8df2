package dev.leanspec.inspector.persistence.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps prepared statements open between queries, as a pooled data source would: jOOQ closes
 * every statement after use, and preparing it again (SQLite parses and plans the SQL each time)
 * was a third of the cost of a 100-row page. The connection handed to jOOQ returns, for SQL it
 * has seen, the statement it prepared before; "closing" such a statement clears its parameters
 * (the result set's close already reset it, so no read transaction stays open).
 *
 * <p>Not thread-safe, like the connection it wraps (a store uses one thread at a time).
 */
final class StatementCache {

    private static final int SIZE = 64;

    private final Connection connection;
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
        this.connection = connection;
    }

    /** A view of {@code connection} whose one-argument {@code prepareStatement} is cached. */
    static Connection wrap(Connection connection) {
        StatementCache cache = new StatementCache(connection);
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                        return cache.prepare((String) args[0]);
                    }
                    if (method.getName().equals("close")) {
                        cache.closeAll();
                    }
                    return invoke(connection, method, args);
                });
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Cached cached = statements.get(sql);
        if (cached == null || cached.inUse) {
            if (cached != null) {
                // The same SQL open twice at once (a nested cursor): the second is not cached.
                return connection.prepareStatement(sql);
            }
            cached = new Cached(connection.prepareStatement(sql));
            statements.put(sql, cached);
        }
        cached.inUse = true;
        return cached.proxy;
    }

    private void closeAll() {
        for (Cached cached : statements.values()) {
            SqliteFiles.closeQuietly(cached.statement);
        }
        statements.clear();
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final class Cached implements InvocationHandler {
        final PreparedStatement statement;
        final PreparedStatement proxy;
        boolean inUse;

        Cached(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (inUse) {
                        inUse = false;
                        statement.clearParameters();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return !inUse || statement.isClosed();
                }
                default -> {
                    return StatementCache.invoke(statement, method, args);
                }
            }
        }
    }
}
