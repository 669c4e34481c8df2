package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;

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

    private OpenDatabase(Path path, Connection connection, boolean readOnly) {
        this.path = path;
        this.connection = connection;
        this.readOnly = readOnly;
        // SQLite is the only dialect today; PostgreSQL is a different SQLDialect and connection here.
        // Statements are kept prepared between pages (StatementCache says why).
        this.dsl = DSL.using(StatementCache.wrap(connection), SQLDialect.SQLITE, new Settings()
                .withExecuteLogging(false)
                .withRenderSchema(false));
    }

    /**
     * Opens {@code file} for reading only. The file must be at this build's newest version:
     * the stores' queries are written against it.
     */
    public static OpenDatabase readOnly(Path file, DatabaseKind kind) {
        Path path = normalize(file);
        Connection connection = SqliteFiles.openReadOnly(path);
        return checked(new OpenDatabase(path, connection, true), kind);
    }

    /**
     * Opens {@code file} for writing. A missing or empty file is created and migrated from
     * scratch (as LeanSpec creates its files on first use); any other file must already be at
     * this build's newest version, since adopting or migrating a user's file is never implicit.
     */
    public static OpenDatabase writer(Path file, DatabaseKind kind) {
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
        MigrationService migrations = MigrationService.of(path, kind);
        if (isEmpty(path)) {
            migrations.migrate(MigrateOptions.safe());
        }
        Connection connection = SqliteFiles.openWriter(path, false);
        return checked(new OpenDatabase(path, connection, false), kind);
    }

    private static boolean isEmpty(Path path) {
        try (Connection connection = SqliteFiles.openReadOnly(path); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            return rows.next() && rows.getLong(1) == 0;
        } catch (SQLException e) {
            throw Failures.translate(path, "open", e);
        }
    }

    /** Refuses files whose recorded version is not exactly this build's newest. */
    private static OpenDatabase checked(OpenDatabase db, DatabaseKind kind) {
        int latest = Migrations.latest(kind);
        try (Statement statement = db.connection.createStatement()) {
            if (!SchemaSnapshot.hasHistory(db.connection)) {
                throw new PersistenceException(Reason.NEEDS_MIGRATION, db.path, db.path + " has no migration history "
                        + "(an unversioned LeanSpec file, or not a " + kind.fileName() + "). Run `leanspec-inspector migrate` "
                        + "to adopt it first; browsing needs version " + latest + ".");
            }
            int version;
            int failed;
            try (ResultSet rows = statement.executeQuery("SELECT max(CAST(version AS INTEGER)), "
                    + "sum(CASE WHEN success THEN 0 ELSE 1 END) FROM " + SchemaSnapshot.HISTORY_TABLE + " WHERE version IS NOT NULL")) {
                rows.next();
                version = rows.getInt(1);
                failed = rows.getInt(2);
            }
            if (version > latest) {
                throw new PersistenceException(Reason.NEWER_SCHEMA, db.path, db.path + " is at version " + version
                        + ", newer than this build's " + latest + ". Use a newer LeanSpec Inspector.");
            }
            if (version < latest || failed > 0) {
                throw new PersistenceException(Reason.NEEDS_MIGRATION, db.path, db.path + " is at version " + version
                        + "; this build needs " + latest + ". Run `leanspec-inspector migrate` first.");
            }
            return db;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw Failures.translate(db.path, "open", e);
        }
    }

    private static Path normalize(Path file) {
        return file.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
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
