package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PostgresUrl;

import java.nio.file.Path;
import java.sql.Connection;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.SQLDialect;

/**
 * What differs between the two backends, in one place: how a database is reached, how its SQL
 * names things, how a running statement is stopped, how a failure is said, where its migrations
 * are. Chosen once from a {@link Location} ({@link #of}); the classes above hold one, never a path
 * beside a URL (as Flyway's {@code Database} and its {@code PostgreSQLDatabase}).
 *
 * <p>Callers dispatch by calling its methods or by {@code instanceof}, not by a {@code switch}
 * over its two kinds: a switch over types is bootstrapped at its first run (a class spun with
 * the class-file API, which no start-up cache holds), a cost every CLI command paid at start.
 */
public sealed interface Backend {

    /** A SQLite file. */
    record Sqlite(Path file) implements Backend {

        @Override
        public Location location() {
            return new Location.File(file);
        }

        @Override
        public SQLDialect dialect() {
            return SQLDialect.SQLITE;
        }

        @Override
        public Connection openReadOnly() {
            return SqliteFiles.openReadOnly(file);
        }

        @Override
        public String quote(String name) {
            return Backups.quote(name);
        }

        @Override
        public String qualified(String table) {
            return "main." + quote(table);
        }

        @Override
        public PersistenceException translate(String action, Throwable error) {
            return Failures.translate(file, action, error);
        }

        @Override
        public String schema() {
            return "main";
        }

        @Override
        public String migrations(DatabaseKind kind) {
            return kind.chain();
        }

        @Override
        public FluentConfiguration readOnlyFlyway(DatabaseKind kind) {
            return Migrations.flyway(kind, SqliteFiles.readOnlyDataSource(file));
        }

        @Override
        public Stopper stopper(Connection connection) {
            // SQLite's interrupt is a flag the running statement checks: nothing to track.
            return new Stopper() {
                @Override
                public long begin() {
                    return 0;
                }

                @Override
                public void end(long call) {
                }

                @Override
                public void stop() {
                    SqliteFiles.interrupt(connection);
                }
            };
        }
    }

    /** A PostgreSQL database, and the schema of its URL. */
    record Postgresql(PostgresUrl url) implements Backend {

        @Override
        public Location location() {
            return new Location.Server(url);
        }

        @Override
        public SQLDialect dialect() {
            return SQLDialect.POSTGRES;
        }

        /** A connection the server itself keeps read-only. */
        @Override
        public Connection openReadOnly() {
            return Postgres.connect(url, true);
        }

        @Override
        public String quote(String name) {
            return Postgres.quote(name);
        }

        @Override
        public String qualified(String table) {
            return quote(url.schema()) + "." + quote(table);
        }

        @Override
        public PersistenceException translate(String action, Throwable error) {
            return Postgres.translate(url, action, error);
        }

        @Override
        public String schema() {
            return url.schema();
        }

        @Override
        public String migrations(DatabaseKind kind) {
            return Migrations.postgresChain(kind);
        }

        @Override
        public FluentConfiguration readOnlyFlyway(DatabaseKind kind) {
            return Migrations.flyway(kind, url, Postgres.pool(url, true));
        }

        @Override
        public Stopper stopper(Connection connection) {
            Postgres.Canceller canceller = new Postgres.Canceller(connection);
            return new Stopper() {
                @Override
                public long begin() {
                    return canceller.begin();
                }

                @Override
                public void end(long call) {
                    canceller.end(call);
                }

                @Override
                public void stop() {
                    canceller.cancel();
                }
            };
        }
    }

    /**
     * Stops what runs on one connection, from any thread. Wrap each call in {@link #begin} and
     * {@link #end} (PostgreSQL's cancel is repeated until the call it was meant for has returned).
     */
    interface Stopper {

        /** Marks the start of a call; hand the number to {@link #end}. */
        long begin();

        /** Marks the end of that call. */
        void end(long call);

        /** Stops the running call now. */
        void stop();
    }

    /** {@return the backend of a location: the one place where a file and a server part} */
    static Backend of(Location location) {
        if (location instanceof Location.Server(PostgresUrl url)) {
            return new Postgresql(url);
        }
        return new Sqlite(((Location.File) location).path());
    }

    /** {@return where the database is} */
    Location location();

    /** {@return the file's absolute path, or the URL without its password: what messages name} */
    default String where() {
        return location().where();
    }

    /** {@return jOOQ's dialect for it} */
    SQLDialect dialect();

    /** {@return a connection that reads and never writes; the caller closes it} */
    Connection openReadOnly();

    /** {@return a name quoted for this backend's SQL} */
    String quote(String name);

    /** {@return a table's name as this backend's SQL names it: in SQLite's main database, or in the URL's schema} */
    String qualified(String table);

    /** {@return a failure of this database, in a sentence naming it} */
    PersistenceException translate(String action, Throwable error);

    /** {@return what stops the statements running on {@code connection}} */
    Stopper stopper(Connection connection);

    /** {@return the schema its SQL reads: SQLite's "main", or the URL's} */
    String schema();

    /** {@return the folder of a kind's migration scripts for this backend (under migrations/)} */
    String migrations(DatabaseKind kind);

    /** {@return Flyway for a kind's chain on a connection that only reads} */
    FluentConfiguration readOnlyFlyway(DatabaseKind kind);
}
