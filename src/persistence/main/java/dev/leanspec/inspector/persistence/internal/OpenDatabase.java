package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One open database behind a store: a SQLite file or a PostgreSQL database, a single connection,
 * the jOOQ context on it (in the backend's dialect: the stores' queries are the same for both),
 * and the error translation every store method shares. Not thread-safe, except {@link #cancel()},
 * which is meant to be called from another thread (a {@link #readBeside} has a connection and a
 * thread of its own).
 */
public final class OpenDatabase implements AutoCloseable {

    static {
        // jOOQ finds a type by its Java class in a registry that SQLDataType's initialisation
        // fills, without waiting for it: initialised here, before any store reads on its worker,
        // it is whole when two files are opened on two workers at once.
        SQLDataType.BIGINT.getClass();
    }

    private final Backend backend;
    private final Connection connection;
    private final DSLContext dsl;
    private final boolean readOnly;
    private final FileColumns columns;
    private final Backend.Stopper stopper;
    /** The connection of a {@link #readBeside} running now, for {@link #cancel()}; null when none. */
    private volatile Connection beside;

    private OpenDatabase(Backend backend, Connection connection, boolean readOnly, FileColumns columns) {
        this.backend = backend;
        this.connection = connection;
        this.readOnly = readOnly;
        this.columns = columns;
        this.stopper = backend.stopper(connection);
        Settings settings = settings();
        // SQLite statements are kept prepared between pages (StatementCache says why); pgjdbc
        // prepares on the server by itself after a statement's fifth run.
        this.dsl = backend instanceof Backend.Sqlite
                ? DSL.using(StatementCache.wrap(connection), SQLDialect.SQLITE, settings)
                : DSL.using(connection, SQLDialect.POSTGRES, settings);
    }

    /** jOOQ's settings for every database: no execute logging, table names without a schema. */
    private static Settings settings() {
        return new Settings().withExecuteLogging(false).withRenderSchema(false);
    }

    /**
     * Opens a file or a PostgreSQL database for reading only (see the two methods below and
     * {@link #postgres}).
     */
    public static OpenDatabase readOnly(Location location, DatabaseKind aggregate) {
        if (location instanceof Location.Server(PostgresUrl url)) {
            return postgres(url, aggregate, true, DatabaseKind.LEANSPEC);
        }
        return readOnly(((Location.File) location).path(), aggregate);
    }

    /**
     * Opens a file or a PostgreSQL database for writing: a missing or empty file becomes a
     * {@code kindIfNew}, an empty schema the leanspec tables (what LeanSpec's databaseUrl holds).
     */
    public static OpenDatabase writer(Location location, DatabaseKind aggregate, DatabaseKind kindIfNew) {
        if (location instanceof Location.Server(PostgresUrl url)) {
            return postgres(url, aggregate, false, DatabaseKind.LEANSPEC);
        }
        return writer(((Location.File) location).path(), aggregate, kindIfNew);
    }

    /**
     * Opens {@code file} for reading only, whatever known shape it has: a LeanSpec file as
     * LeanSpec left it (browsed through {@link #columns()}, never rewritten) or one of ours at
     * any version. {@code aggregate} is what the caller will read: {@code SESSIONS}, {@code CHAT}
     * or {@code LEANSPEC} (runners); a leanspec.db holds all three.
     */
    public static OpenDatabase readOnly(Path file, DatabaseKind aggregate) {
        Path path = normalize(file);
        Connection connection = SqliteFiles.openReadOnly(path);
        return checked(path, connection, true, aggregate, false);
    }

    /**
     * Opens {@code file} for writing. A missing or empty file is created and migrated from
     * scratch as a {@code kindIfNew} (as LeanSpec creates its files on first use); any other file
     * must already be at its chain's newest version, since adopting or migrating a user's file is
     * never implicit.
     */
    public static OpenDatabase writer(Path file, DatabaseKind aggregate, DatabaseKind kindIfNew) {
        Path path = normalize(file);
        try {
            if (Files.notExists(path)) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            if (Files.notExists(path) || Files.size(path) == 0) {
                // A new database: opening a writer (WAL mode) writes its first page, so the
                // read-only checks below see a database, not an empty file.
                SqliteFiles.closeQuietly(SqliteFiles.openWriter(path, true));
            }
        } catch (IOException e) {
            throw new PersistenceException(Reason.READ_ONLY, path, "Could not create " + path + ": " + e.getMessage(), e);
        }
        if (isEmpty(path)) {
            MigrationService.of(Location.of(path), kindIfNew).migrate(MigrateOptions.safe());
        }
        Connection connection = SqliteFiles.openWriter(path, false);
        return checked(path, connection, false, aggregate, true);
    }

    /**
     * Opens a PostgreSQL database for reading (on a connection the server keeps read-only) or
     * writing. There are no legacy shapes there: its history must say a version of this build's
     * chain; for writing, the newest. An empty schema opened for writing is migrated from scratch
     * as a {@code kindIfNew}, as an empty file is.
     */
    public static OpenDatabase postgres(PostgresUrl url, DatabaseKind aggregate, boolean readOnly, DatabaseKind kindIfNew) {
        if (!readOnly) {
            try (Connection probe = Postgres.connect(url, true)) {
                if (Postgres.isEmpty(probe, url.schema())) {
                    MigrationService.of(Location.of(url), kindIfNew).migrate(MigrateOptions.safe());
                }
            } catch (SQLException e) {
                throw Postgres.translate(url, "open", e);
            }
        }
        Connection connection = Postgres.connect(url, readOnly);
        try {
            SchemaSnapshot schema = Postgres.schema(connection, url.schema());
            DatabaseKind kind = ShapeDetector.kindOf(schema);
            if (schema.isEmpty() || kind == null) {
                throw new PersistenceException(Reason.UNKNOWN_SHAPE, null, url + " holds no LeanSpec tables in schema " + url.schema()
                        + ". Create them with `leanspec-inspector migrate --db URL`, or copy files in with `leanspec-inspector copy`.");
            }
            if (kind != aggregate && kind != DatabaseKind.LEANSPEC) {
                throw new PersistenceException(Reason.INVALID_ARGUMENT, null, url + " holds a " + kind.fileName()
                        + "'s tables: it has no " + what(aggregate) + ".");
            }
            checkHistory(url.toString(), connection, kind, !readOnly);
            return new OpenDatabase(new Backend.Postgresql(url), connection, readOnly, FileColumns.of(schema));
        } catch (SQLException | RuntimeException e) {
            SqliteFiles.closeQuietly(connection);
            throw Postgres.translate(url, "open", e);
        }
    }

    private static String what(DatabaseKind aggregate) {
        return switch (aggregate) {
            case SESSIONS -> "sessions";
            case CHAT -> "conversations";
            case LEANSPEC -> "runners";
        };
    }

    private static boolean isEmpty(Path path) {
        try (Connection connection = SqliteFiles.openReadOnly(path); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            return rows.next() && rows.getLong(1) == 0;
        } catch (SQLException e) {
            throw Failures.translate(path, "open", e);
        }
    }

    /**
     * Refuses files of no known shape, of a kind without {@code aggregate}, with a newer or failed
     * history, and (for writing) any not at its chain's newest version.
     */
    private static OpenDatabase checked(Path path, Connection connection, boolean readOnly, DatabaseKind aggregate,
                                        boolean newestOnly) {
        try {
            ShapeDetector.Detection detection = ShapeDetector.detect(connection);
            DatabaseKind kind = detection.actualKind();
            String what = what(aggregate);
            if (detection.shape() == Shape.EMPTY) {
                throw new PersistenceException(Reason.UNKNOWN_SHAPE, path, path + " is an empty SQLite file: it has no " + what + ".");
            }
            if (detection.shape() == Shape.UNKNOWN) {
                throw new PersistenceException(Reason.UNKNOWN_SHAPE, path, path + " is not a LeanSpec file this build knows ("
                        + String.join("; ", detection.differences()) + "). Its tables can still be browsed as they are.");
            }
            if (kind != aggregate && kind != DatabaseKind.LEANSPEC) {
                throw new PersistenceException(Reason.INVALID_ARGUMENT, path, path + " is a " + kind.fileName()
                        + ": it has no " + what + ".");
            }
            if (detection.shape() == Shape.MANAGED) {
                checkHistory(path.toString(), connection, kind, newestOnly);
            } else if (newestOnly) {
                throw new PersistenceException(Reason.NEEDS_MIGRATION, path, path + " is an unversioned "
                        + detection.shape().label() + " " + kind.fileName() + ". Run `leanspec-inspector migrate` to adopt it "
                        + "before writing to it; reading needs nothing.");
            }
            return new OpenDatabase(new Backend.Sqlite(path), connection, readOnly, FileColumns.of(detection.schema()));
        } catch (SQLException | RuntimeException e) {
            SqliteFiles.closeQuietly(connection);
            throw Failures.translate(path, "open", e);
        }
    }

    private static void checkHistory(String path, Connection connection, DatabaseKind kind, boolean newestOnly) throws SQLException {
        int latest = Migrations.latest(kind);
        int version;
        int failed;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT max(CAST(version AS INTEGER)), "
                     + "sum(CASE WHEN success THEN 0 ELSE 1 END) FROM " + SchemaSnapshot.HISTORY_TABLE + " WHERE version IS NOT NULL")) {
            rows.next();
            version = rows.getInt(1);
            failed = rows.getInt(2);
        }
        if (version > latest) {
            throw new PersistenceException(Reason.NEWER_SCHEMA, null, path + " is at version " + version
                    + ", newer than this build's " + latest + ". Use a newer LeanSpec Inspector.");
        }
        if (failed > 0) {
            throw new PersistenceException(Reason.NEEDS_MIGRATION, null, path + " records a failed migration. "
                    + "Run `leanspec-inspector validate` to see which.");
        }
        if (newestOnly && version < latest) {
            throw new PersistenceException(Reason.NEEDS_MIGRATION, null, path + " is at version " + version
                    + "; writing needs " + latest + ". Run `leanspec-inspector migrate` first.");
        }
    }

    private static Path normalize(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** {@return where the database is} */
    public Location location() {
        return backend.location();
    }

    /** {@return what messages call this database: the file's path, or the URL without its password} */
    public String where() {
        return backend.where();
    }

    /** The columns this file really has (its shape), for reading it as it is. */
    public FileColumns columns() {
        return columns;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** Runs a query; any failure becomes a {@link PersistenceException} naming the file. */
    public <T> T read(String action, Function<DSLContext, T> query) {
        long call = begin();
        try {
            return query.apply(dsl);
        } catch (RuntimeException e) {
            throw translate(action, e);
        } finally {
            end(call);
        }
    }

    /**
     * Starts a read on a second connection to the same file, on a thread of its own, so that a
     * long scan runs on another core while this connection does the rest (a dashboard's figures:
     * the busiest sessions' scan of every log line took a third of them). Call the supplier
     * inside the {@link #read} that started it; {@link #cancel()} stops both (when that read fails
     * otherwise, the read beside ends by itself and closes its connection). On PostgreSQL the
     * read runs on this connection when the supplier is called (a second session costs a
     * connection to the server, and the server has cores of its own for the rest).
     *
     * @param action what it does, for the message of a failure
     * @param query the read
     * @return its result, waited for
     */
    public <T> Supplier<T> readBeside(String action, Function<DSLContext, T> query) {
        if (!(backend instanceof Backend.Sqlite sqlite)) {
            return () -> query.apply(dsl);
        }
        CompletableFuture<T> running = CompletableFuture.supplyAsync(() -> {
            try (Connection second = SqliteFiles.openReadOnly(sqlite.file())) {
                beside = second;
                return query.apply(DSL.using(second, SQLDialect.SQLITE, dsl.settings()));
            } catch (SQLException | RuntimeException e) {
                throw translate(action, e);
            } finally {
                beside = null;
            }
        }, task -> Thread.ofPlatform().daemon().name("leanspec-read-beside").start(task));
        return () -> {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
        };
    }

    /** Runs writes in one transaction: all of them happen, or none. */
    public <T> T write(String action, Function<DSLContext, T> work) {
        if (readOnly) {
            throw PersistenceException.of(Reason.READ_ONLY, location(), "Could not " + action + " " + where()
                    + ": it was opened for reading only.");
        }
        long call = begin();
        try {
            return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
        } catch (RuntimeException e) {
            throw translate(action, e);
        } finally {
            end(call);
        }
    }

    private long begin() {
        return stopper.begin();
    }

    private void end(long call) {
        stopper.end(call);
    }

    /** Stops the query running on this database now; it fails with {@link Reason#CANCELLED}. */
    public void cancel() {
        stopper.stop();
        Connection second = beside;
        if (second != null) {
            SqliteFiles.interrupt(second);
        }
    }

    /** A failure of this database, in a sentence naming it. */
    public PersistenceException translate(String action, Throwable error) {
        return backend.translate(action, error);
    }

    /** {@return the file's facts; a PostgreSQL database has no file} */
    public DatabaseInfo info() {
        if (backend instanceof Backend.Sqlite(Path file)) {
            return SqliteFiles.info(file, connection);
        }
        throw PersistenceException.of(Reason.INVALID_ARGUMENT, location(), where() + " is a PostgreSQL database: it has no file to describe.");
    }

    @Override
    public void close() {
        SqliteFiles.closeQuietly(connection);
    }
}
