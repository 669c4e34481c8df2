package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
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
import java.util.function.Function;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * One open file behind a store: a single connection, the jOOQ context on it, and the error
 * translation every store method shares. Not thread-safe, except {@link #cancel()}, which is
 * meant to be called from another thread.
 */
public final class OpenDatabase implements AutoCloseable {

    private final Path path;
    private final Connection connection;
    private final DSLContext dsl;
    private final boolean readOnly;
    private final FileColumns columns;

    private OpenDatabase(Path path, Connection connection, boolean readOnly, FileColumns columns) {
        this.path = path;
        this.connection = connection;
        this.readOnly = readOnly;
        this.columns = columns;
        // SQLite is the only dialect today; PostgreSQL is a different SQLDialect and connection here.
        // Statements are kept prepared between pages (StatementCache says why).
        this.dsl = DSL.using(StatementCache.wrap(connection), SQLDialect.SQLITE, new Settings()
                .withExecuteLogging(false)
                .withRenderSchema(false));
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
            MigrationService.of(path, kindIfNew).migrate(MigrateOptions.safe());
        }
        Connection connection = SqliteFiles.openWriter(path, false);
        return checked(path, connection, false, aggregate, true);
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
            String what = switch (aggregate) {
                case SESSIONS -> "sessions";
                case CHAT -> "conversations";
                case LEANSPEC -> "runners";
            };
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
                checkHistory(path, connection, kind, newestOnly);
            } else if (newestOnly) {
                throw new PersistenceException(Reason.NEEDS_MIGRATION, path, path + " is an unversioned "
                        + detection.shape().label() + " " + kind.fileName() + ". Run `leanspec-inspector migrate` to adopt it "
                        + "before writing to it; reading needs nothing.");
            }
            return new OpenDatabase(path, connection, readOnly, FileColumns.of(detection.schema()));
        } catch (SQLException | RuntimeException e) {
            SqliteFiles.closeQuietly(connection);
            throw Failures.translate(path, "open", e);
        }
    }

    private static void checkHistory(Path path, Connection connection, DatabaseKind kind, boolean newestOnly) throws SQLException {
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
            throw new PersistenceException(Reason.NEWER_SCHEMA, path, path + " is at version " + version
                    + ", newer than this build's " + latest + ". Use a newer LeanSpec Inspector.");
        }
        if (failed > 0) {
            throw new PersistenceException(Reason.NEEDS_MIGRATION, path, path + " records a failed migration. "
                    + "Run `leanspec-inspector validate` to see which.");
        }
        if (newestOnly && version < latest) {
            throw new PersistenceException(Reason.NEEDS_MIGRATION, path, path + " is at version " + version
                    + "; writing needs " + latest + ". Run `leanspec-inspector migrate` first.");
        }
    }

    private static Path normalize(Path file) {
        return file.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
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
        try {
            return query.apply(dsl);
        } catch (RuntimeException e) {
            throw Failures.translate(path, action, e);
        }
    }

    /** Runs writes in one transaction: all of them happen, or none. */
    public <T> T write(String action, Function<DSLContext, T> work) {
        if (readOnly) {
            throw new PersistenceException(Reason.READ_ONLY, path, "Could not " + action + " " + path
                    + ": it was opened for reading only.");
        }
        try {
            return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
        } catch (RuntimeException e) {
            throw Failures.translate(path, action, e);
        }
    }

    /** Stops the query running on this file now; it fails with {@link Reason#CANCELLED}. */
    public void cancel() {
        SqliteFiles.interrupt(connection);
    }

    public DatabaseInfo info() {
        return SqliteFiles.info(path, connection);
    }

    @Override
    public void close() {
        SqliteFiles.closeQuietly(connection);
    }
}
