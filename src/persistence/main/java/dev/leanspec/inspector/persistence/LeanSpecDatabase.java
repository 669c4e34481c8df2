package dev.leanspec.inspector.persistence;

import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.internal.OpenDatabase;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.query.SqlConsole;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.runners.RunnerStore;
import dev.leanspec.inspector.persistence.search.SearchIndex;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The library's front door: one LeanSpec database, a SQLite file any release wrote or a
 * PostgreSQL schema, and everything the library does with it.
 *
 * <pre>{@code
 * LeanSpecDatabase db = LeanSpecDatabase.at(Path.of("sessions.db"));
 * try (SessionStore sessions = db.sessions()) { ... }
 * }</pre>
 *
 * <p>It holds nothing open. Each method opens what it returns, read-only, on a connection of
 * its own: close what you were given. A file is never created, changed or locked by any of them
 * (migrating is {@link MigrationService#migrate}'s, and asks). Instances are immutable and can
 * be shared between threads.
 */
public final class LeanSpecDatabase {

    private final Location location;
    private final DatabaseKind kind;

    private LeanSpecDatabase(Location location, DatabaseKind kind) {
        this.location = Objects.requireNonNull(location, "location");
        this.kind = kind;
    }

    /**
     * A database whose kind is read from it now: a file's from its tables; a PostgreSQL schema
     * holds a leanspec.db's tables.
     *
     * @param location a file or a PostgreSQL database
     * @return the database; its {@link #kind()} is empty for a file that is not LeanSpec's
     * @throws PersistenceException when the file is missing, unreadable or not a database
     */
    public static LeanSpecDatabase at(Location location) {
        if (location instanceof Location.File(Path file)) {
            return new LeanSpecDatabase(location, MigrationService.detectKind(file).orElse(null));
        }
        return new LeanSpecDatabase(location, DatabaseKind.LEANSPEC);
    }

    /**
     * A file whose kind is read from it now (see {@link #at(Location)}).
     *
     * @param file a sessions.db, chat.db or leanspec.db; a relative path is taken from the working directory
     * @return the database; its {@link #kind()} is empty for a file that is not LeanSpec's
     * @throws PersistenceException when the file is missing, unreadable or not a database
     */
    public static LeanSpecDatabase at(Path file) {
        return at(new Location.File(file));
    }

    /**
     * A database of a kind the caller knows, read from nothing: for a file that does not exist
     * yet (migrating it creates it), or when the kind was read already.
     *
     * @param location a file or a PostgreSQL database
     * @param kind what it holds, or will hold
     * @return the database
     */
    public static LeanSpecDatabase at(Location location, DatabaseKind kind) {
        return new LeanSpecDatabase(location, Objects.requireNonNull(kind, "kind"));
    }

    /** {@return where it is} */
    public Location location() {
        return location;
    }

    /** {@return what it holds; empty for a file that is not LeanSpec's, whose tables can still be read} */
    public Optional<DatabaseKind> kind() {
        return Optional.ofNullable(kind);
    }

    /**
     * {@return its versions: status, plan, migrate, validate}
     *
     * @throws PersistenceException when it is not a LeanSpec database
     */
    public MigrationService migrations() {
        return MigrationService.of(location, knownKind());
    }

    /**
     * {@return its sessions, read-only, in whatever shape a release left them; close it}
     *
     * @throws PersistenceException when it holds no sessions
     */
    public SessionStore sessions() {
        return SessionStore.openReadOnly(location);
    }

    /**
     * {@return its conversations, read-only; close it}
     *
     * @throws PersistenceException when it holds no conversations
     */
    public ChatStore chat() {
        return ChatStore.openReadOnly(location);
    }

    /**
     * {@return its runners (a leanspec.db's, 0.2.27 on), read-only; close it}
     *
     * @throws PersistenceException when it holds no runners
     */
    public RunnerStore runners() {
        return RunnerStore.openReadOnly(location);
    }

    /** {@return any of its tables, as they are: pages, sorting, filters, schema, sizes; close it} */
    public RawDatabase tables() {
        return RawDatabase.openReadOnly(location);
    }

    /** {@return a console that runs statements that only read; close it} */
    public SqlConsole console() {
        return SqlConsole.openReadOnly(location);
    }

    /**
     * {@return full-text search over its sessions, logs, events, conversations, messages and
     * runners; close it} Its index is kept in {@code cacheDir} (the app's cache folder), never
     * beside the file; a PostgreSQL database's there too, keyed by its URL.
     *
     * @param cacheDir where indexes are kept; created when missing
     * @throws PersistenceException when the database cannot be read
     */
    public SearchIndex search(Path cacheDir) {
        return SearchIndex.open(location, cacheDir);
    }

    private DatabaseKind knownKind() {
        if (kind == null) {
            throw PersistenceException.of(PersistenceException.Reason.UNKNOWN_SHAPE, location, location.where()
                    + " is not a LeanSpec database: it has no versions of ours. Its tables can still be read.");
        }
        return kind;
    }
}
