package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.core.BaseConnection;

/**
 * Connections to PostgreSQL: one HikariCP pool per URL and mode (reading only, or writing) for
 * the process, so the window's tabs and a CLI command do not each pay for a new connection.
 * Read-only connections are read-only on the server ({@code default_transaction_read_only}), not
 * just by promise. The search path is the URL's schema, so the same unqualified SQL the stores
 * render for SQLite finds the tables.
 */
public final class Postgres {

    private record Key(PostgresUrl url, boolean readOnly) {
    }

    private static final Map<Key, HikariDataSource> POOLS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> POOLS.values().forEach(HikariDataSource::close), "close-postgres-pools"));
    }

    private Postgres() {
    }

    /** A connection from the pool of {@code url}; closing it gives it back. */
    public static Connection connect(PostgresUrl url, boolean readOnly) {
        HikariDataSource pool = pool(url, readOnly);
        try {
            return pool.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw translate(url, "connect to", e);
        }
    }

    /** The pool of {@code url}, e.g. for Flyway. */
    public static HikariDataSource pool(PostgresUrl url, boolean readOnly) {
        try {
            return POOLS.computeIfAbsent(new Key(url, readOnly), Postgres::newPool);
        } catch (RuntimeException e) {
            throw translate(url, "connect to", e); // the pool's first connection failed
        }
    }

    private static HikariDataSource newPool(Key key) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("leanspec-" + (key.readOnly() ? "read-" : "write-") + key.url().database());
        config.setJdbcUrl(key.url().jdbcUrl());
        config.setUsername(key.url().user().isEmpty() ? null : key.url().user());
        config.setPassword(key.url().password().isEmpty() ? null : key.url().password());
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        // Idle connections go after 10 s (HikariCP's least), not held for a minute: a process that
        // opens many databases (a test suite, a window with several servers) kept one per pool and
        // ran into the server's max_connections ("sorry, too many clients already").
        config.setIdleTimeout(10_000);
        config.setConnectionTimeout(5_000);
        // The pool connects once as it is made and fails at once with the driver's reason (refused,
        // unknown host, wrong password, no such database); without that the first getConnection
        // waited the whole connection timeout and said only that it timed out.
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("ApplicationName", "LeanSpec Inspector");
        config.addDataSourceProperty("connectTimeout", "10");
        // A wait for another session's lock ends as SQLite's busy timeout does (2 s reading, 5 s
        // writing), with IN_USE; statements themselves have no limit on either backend: they are
        // cancelled (the window's Stop, `query --timeout`).
        config.setConnectionInitSql("SET search_path TO " + quote(key.url().schema()) + (key.readOnly()
                ? "; SET default_transaction_read_only = on; SET lock_timeout = '" + SqliteFiles.READER_BUSY_TIMEOUT_MS + "ms'"
                : "; SET lock_timeout = '" + SqliteFiles.WRITER_BUSY_TIMEOUT_MS + "ms'"));
        config.setReadOnly(key.readOnly());
        // A batch of inserts goes as multi-row INSERTs (the copy's speed), with no change in what is written.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (key.readOnly()) {
            // pgjdbc enforces read-only outside explicit transactions too.
            config.addDataSourceProperty("readOnlyMode", "always");
        }
        return new HikariDataSource(config);
    }

    /** Stops the statement running on {@code connection} now (from any thread), once. */
    public static void cancel(Connection connection) {
        try {
            connection.unwrap(BaseConnection.class).cancelQuery();
        } catch (SQLException e) {
            // Nothing was running, or the connection is gone: there is nothing to stop.
        }
    }

    private static final ScheduledExecutorService RESEND = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "postgres-cancel");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Cancels the call running on one connection until it has returned. PostgreSQL drops a cancel
     * request that reaches it while the backend is between a statement's protocol messages (not
     * yet executing it), so one request can be lost; this one is sent again every 50 ms, for at
     * most 5 s, while the call it was meant for is still running (never into the next call).
     * SQLite's interrupt needs none of this: it is a flag the running statement checks.
     */
    public static final class Canceller {

        private static final long RESEND_MS = 50;
        private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(5);

        private final Connection connection;
        private final AtomicLong calls = new AtomicLong();
        private volatile long running;

        public Canceller(Connection connection) {
            this.connection = connection;
        }

        /** Marks the start of a call on the connection; hand the number to {@link #end}. */
        public long begin() {
            long call = calls.incrementAndGet();
            running = call;
            return call;
        }

        /** Marks the end of that call. */
        public void end(long call) {
            if (running == call) {
                running = 0;
            }
        }

        /** Stops the running call, from any thread. */
        public void cancel() {
            long call = running;
            Postgres.cancel(connection);
            if (call != 0) {
                resend(call, System.nanoTime() + GIVE_UP_NANOS);
            }
        }

        private void resend(long call, long until) {
            RESEND.schedule(() -> {
                if (running == call && System.nanoTime() < until) {
                    Postgres.cancel(connection);
                    resend(call, until);
                }
            }, RESEND_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the URL's schema holds any table. */
    public static boolean isEmpty(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = ?")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) == 0;
            }
        }
    }

    /**
     * The tables (columns in order) and indexes of a schema, read as {@link SchemaSnapshot}
     * reads a SQLite file: constraint indexes ({@code _pkey}, {@code _key}) are left out, as
     * SQLite's automatic indexes are, and so is the explicit {@code rowid} of the PostgreSQL
     * chains (SQLite's is implicit).
     */
    public static SchemaSnapshot schema(Connection connection, String schema) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.table_name, c.column_name FROM information_schema.columns c"
                + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                + " WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    String column = rows.getString(2);
                    if (!column.equals("rowid")) {
                        tables.computeIfAbsent(table, t -> new ArrayList<>()).add(column);
                    }
                }
            }
        }
        Set<String> indexes = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT i.indexname FROM pg_indexes i WHERE i.schemaname = ? AND i.tablename <> '" + SchemaSnapshot.HISTORY_TABLE + "' AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
                        + " JOIN pg_class c ON c.oid = k.conindid WHERE c.relname = i.indexname)")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    indexes.add(rows.getString(1));
                }
            }
        }
        tables.remove(SchemaSnapshot.HISTORY_TABLE);
        return new SchemaSnapshot(tables, indexes);
    }

    /** Whether the database has a schema of that name. */
    public static boolean hasSchema(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Whether the schema has a table of that name. */
    public static boolean hasTable(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The advisory lock a migration of this database's schema and chain holds (one number per both). */
    public static long migrationLock(PostgresUrl url, DatabaseKind kind) {
        // Stable across processes and builds: a fixed tag in the high half, the names' hash in the low.
        return (0x4C53_5049L << 32) | ((url.schema() + "/" + kind.chain()).hashCode() & 0xFFFF_FFFFL);
    }

    /** Work done on the connection that holds a lock. */
    public interface LockedWork<T> {
        T run(Connection holder) throws SQLException;
    }

    /**
     * Runs {@code work} holding the migration lock of the URL's schema and chain, on the
     * connection that holds it; refuses at once ({@code IN_USE}, saying {@code refusal}) while
     * another session holds it: a second inspector is told, not queued.
     */
    public static <T> T withMigrationLock(PostgresUrl url, DatabaseKind kind, String refusal,
                                          LockedWork<T> work) throws SQLException {
        long key = migrationLock(url, kind);
        try (Connection holder = connect(url, false)) {
            if (!tryAdvisoryLock(holder, key)) {
                throw new PersistenceException(Reason.IN_USE, null, refusal);
            }
            try {
                return work.run(holder);
            } finally {
                advisoryUnlock(holder, key);
            }
        }
    }

    /** Takes a session-level advisory lock if free; false when another session holds it. */
    public static boolean tryAdvisoryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /** Gives an advisory lock back (the pool keeps the connection: the lock must not stay on it). */
    public static void advisoryUnlock(Connection connection, long key) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, key);
            statement.execute();
        } catch (SQLException e) {
            // The connection is gone, and with it the session and its lock.
        }
    }

    /** The server's version, e.g. "PostgreSQL 15.14". */
    public static String serverVersion(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    }

    /** A name quoted as PostgreSQL reads it. */
    public static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Why a server could not be reached, in a few words: the network's reason under the driver's. */
    private static String unreachable(Throwable error, String detail) {
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer in time";
            }
        }
        return detail;
    }

    /**
     * What went wrong, in a sentence naming the database (never its password) and what to do.
     *
     * @param url the database
     * @param action what was being done: "connect to", "read sessions from"
     * @param error what the driver, pool, jOOQ or Flyway threw
     */
    public static PersistenceException translate(PostgresUrl url, String action, Throwable error) {
        if (error instanceof PersistenceException known) {
            return known;
        }
        String state = null;
        String detail = null;
        // The innermost: HikariCP wraps the driver's exception in one of its own that speaks of
        // the pool ("Connection is not available, request timed out after 5003ms (total=0…").
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
                detail = sql.getMessage();
            }
        }
        if (detail == null) {
            detail = Failures.rootMessage(error);
        }
        detail = detail.strip().lines().findFirst().orElse(detail);
        String start = "Could not " + action + " " + url + ": ";
        if (state == null) {
            return new PersistenceException(Reason.FAILED, null, start + detail, error);
        }
        return switch (state) {
            case "57014" -> new PersistenceException(Reason.CANCELLED, null, "Cancelled: " + action + " " + url + ".", error);
            case "25006" -> new PersistenceException(Reason.READ_ONLY, null,
                    start + "it was opened for reading only (" + detail + ").", error);
            case "28P01", "28000" -> new PersistenceException(Reason.INVALID_ARGUMENT, null,
                    start + "the server refused the user or password (" + detail + "). Check the URL's user:password.", error);
            case "3D000" -> new PersistenceException(Reason.NOT_FOUND, null,
                    start + "there is no such database (" + detail + "). Create it first: createdb " + url.database(), error);
            case "55P03", "40P01" -> new PersistenceException(Reason.IN_USE, null,
                    start + "another session holds a lock it needs (" + detail + "). Retry when it is done.", error);
            case "42501" -> new PersistenceException(Reason.READ_ONLY, null,
                    start + "the user has no permission for it (" + detail + ").", error);
            case "22021", "22P05" -> new PersistenceException(Reason.INVALID_ARGUMENT, null, start + "a value holds the NUL character "
                    + "(U+0000), which PostgreSQL's text cannot hold (SQLite's can) (" + detail + ").", error);
            case "53100" -> new PersistenceException(Reason.DISK_FULL, null, start + "the server's disk is full (" + detail + ").", error);
            default -> state.startsWith("08")
                    ? new PersistenceException(Reason.NOT_FOUND, null, start + "the server at " + url.host() + ":" + url.port()
                            + " cannot be reached (" + unreachable(error, detail) + "). Is PostgreSQL running there?", error)
                    : new PersistenceException(Reason.FAILED, null, start + detail, error);
        };
    }
}
