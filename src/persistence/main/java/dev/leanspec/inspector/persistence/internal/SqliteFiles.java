package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens SQLite files the two ways this project needs, and nothing else does.
 *
 * <p>Paths go in as {@code file:} URIs: sqlite-jdbc treats a {@code ?} in a plain path as the start
 * of connection parameters, so {@code a?b.db} would open {@code a}. In a URI every special
 * character is percent-encoded and SQLite decodes it back to exactly the file asked for.
 */
public final class SqliteFiles {

    /** How long a writer waits for LeanSpec's own short write transactions, as LeanSpec does. */
    public static final int WRITER_BUSY_TIMEOUT_MS = 5_000;
    /** How long a reader waits for a lock (a writer's checkpoint, a hot journal being rolled back). */
    public static final int READER_BUSY_TIMEOUT_MS = 2_000;

    private SqliteFiles() {
    }

    /** The JDBC URL that opens exactly {@code file}, whatever characters its name has. */
    public static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath().normalize().toUri();
    }

    /**
     * A connection that can only read: it never creates a missing file, never writes (not even
     * the journal mode: {@code query_only}, and read-only unless {@link #readerConfig} says why
     * not), and runs no code planted in the schema ({@code trusted_schema=OFF}).
     * Its running statement can be stopped from another thread with {@link #interrupt}.
     */
    public static Connection openReadOnly(Path file) {
        requireDatabaseFile(file);
        return open(file, readerUrl(file), readerConfig(file), READER_PRAGMAS);
    }

    /**
     * Whether {@code file} is read as a snapshot: a WAL file in a folder this process cannot
     * write, whose log is absent or empty and which no other process has open. SQLite needs a
     * {@code -shm} beside a WAL file to read it, which it cannot create there; opened
     * {@code immutable}, it reads the file as it is without one. Since nobody has the file open
     * and its log holds nothing, that is every committed row; were a program to write to it
     * while it is read (it could not in that folder, unless it is another user's), the reader
     * would not see it. Any other case in that folder is refused with a sentence (Failures).
     */
    public static boolean readAsSnapshot(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return folder != null && !Files.isWritable(folder) && Files.isReadable(file) && !logHasFrames(file) && isWalFile(file)
                && FileUsers.of(file).map(List::isEmpty).orElse(false);
    }

    /** The URL a reader opens {@code file} by: as a snapshot when {@link #readAsSnapshot} says so. */
    private static String readerUrl(Path file) {
        return readAsSnapshot(file) ? url(file) + "?immutable=1" : url(file);
    }

    /**
     * Like {@link #openReadOnly} but allowed to run {@code VACUUM INTO} (which {@code query_only}
     * forbids even though it only writes the new file).
     */
    public static Connection openForBackup(Path file) {
        requireDatabaseFile(file);
        return open(file, readOnlyConfig(), "PRAGMA trusted_schema = OFF");
    }

    /**
     * A connection that writes as LeanSpec does: foreign keys enforced (so deletes cascade) and a
     * busy timeout. It creates the file only when {@code create} is true.
     */
    public static Connection openWriter(Path file, boolean create) {
        if (!create) {
            requireExistingFile(file);
        }
        return open(file, writerConfig(create), "PRAGMA trusted_schema = OFF");
    }

    /**
     * A connection to a file this project just wrote (a backup), for checking it: it only reads
     * ({@code query_only}), but as a read-write connection it removes the {@code -wal} and
     * {@code -shm} a WAL-mode file gets while open, when it closes.
     */
    public static Connection openOwnCopy(Path file) {
        requireExistingFile(file);
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        return open(file, config, "PRAGMA trusted_schema = OFF", "PRAGMA query_only = ON");
    }

    /** The writer's settings as a data source, for Flyway (which opens its own connections). */
    public static SQLiteDataSource writerDataSource(Path file) {
        SQLiteDataSource dataSource = new SQLiteDataSource(writerConfig(true));
        dataSource.setUrl(url(file));
        return dataSource;
    }

    /** A data source that only reads, as {@link #openReadOnly} does, for Flyway's read-only commands (info, validate). */
    public static SQLiteDataSource readOnlyDataSource(Path file) {
        requireDatabaseFile(file);
        SQLiteDataSource dataSource = new SQLiteDataSource(readerConfig(file)) {
            @Override
            public SQLiteConnection getConnection(String username, String password) throws SQLException {
                SQLiteConnection connection = super.getConnection(username, password);
                try (Statement statement = connection.createStatement()) {
                    run(statement, READER_PRAGMAS);
                } catch (SQLException e) {
                    closeQuietly(connection);
                    throw e;
                }
                return connection;
            }
        };
        dataSource.setUrl(readerUrl(file));
        return dataSource;
    }

    /** What keeps a reader from writing and from running code planted in the schema. */
    private static final String[] READER_PRAGMAS = {"PRAGMA trusted_schema = OFF", "PRAGMA query_only = ON"};

    /**
     * How a reader of {@code file} opens it. SQLite gives a WAL-mode file a {@code -wal} and a
     * {@code -shm} as soon as anyone reads it, and only a read-write connection removes them when
     * it closes last: a read-only one leaves both behind (a 32 KB {@code -shm}, an empty
     * {@code -wal}), files the user did not have. So a WAL file whose log is absent or empty, in a
     * folder we may write, is read through a read-write connection that {@code query_only} keeps
     * from writing. With the log empty its closing checkpoint writes nothing; were LeanSpec to
     * write while it is open and stop first, the checkpoint folds LeanSpec's pages in, as
     * LeanSpec's own close would have. A log with frames (LeanSpec running, or killed) is read
     * read-only, so that reading never moves them into the file; so is every other file.
     */
    private static SQLiteConfig readerConfig(Path file) {
        return tidiedByItsReaders(file) ? tidyReaderConfig() : readOnlyConfig();
    }

    private static SQLiteConfig tidyReaderConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setBusyTimeout(READER_BUSY_TIMEOUT_MS);
        return config;
    }

    /**
     * Removes the empty {@code -wal} and the {@code -shm} that a read-only reader (an
     * {@code ATTACH ... mode=ro}) left beside a WAL file, when nobody has the file open any more:
     * SQLite's own last read-write connection does that as it closes, and with nothing in the log
     * its checkpoint writes nothing. A log with frames is left as it is.
     */
    public static void removeReaderFiles(Path file) {
        if (!Files.exists(sidecar(file, "-shm")) && !Files.exists(sidecar(file, "-wal")) || logHasFrames(file)) {
            return;
        }
        try {
            closeQuietly(open(file, tidyReaderConfig(), READER_PRAGMAS));
        } catch (PersistenceException e) {
            // Files that hold no data: left behind, as a read-only reader leaves them.
        }
    }

    /**
     * Whether {@code file}'s header says WAL mode while its log is absent or empty, in a folder
     * where its readers may remove the log and {@code -shm} again ({@link #readerConfig}).
     */
    public static boolean tidiedByItsReaders(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return folder != null && Files.isWritable(file) && Files.isWritable(folder) && !logHasFrames(file) && isWalFile(file);
    }

    /** Whether {@code file}'s header says WAL mode: bytes 18 and 19, the format's write and read versions, are 2. */
    public static boolean isWalFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(20);
            return header.length == 20 && header[18] == 2 && header[19] == 2;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a {@code -wal} beside {@code file} holds anything (one that cannot be measured counts as holding). */
    private static boolean logHasFrames(Path file) {
        Path wal = sidecar(file, "-wal");
        try {
            return Files.exists(wal) && Files.size(wal) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** SQLite's file beside {@code file} that ends in {@code suffix} ({@code -wal}, {@code -shm}, {@code -journal}). */
    public static Path sidecar(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    // sqlite-jdbc opens with SQLITE_OPEN_URI by default, which the file: URLs above rely on.
    private static SQLiteConfig readOnlyConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(READER_BUSY_TIMEOUT_MS);
        return config;
    }

    private static SQLiteConfig writerConfig(boolean create) {
        SQLiteConfig config = new SQLiteConfig();
        if (!create) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
            // An existing file keeps its journal mode: LeanSpec's sessions.db is a rollback-journal
            // file, and nothing that was not asked for is changed.
        } else {
            // A new file gets the mode LeanSpec gives its chat.db and leanspec.db.
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        config.enforceForeignKeys(true);
        config.setBusyTimeout(WRITER_BUSY_TIMEOUT_MS);
        // Take the write lock when a transaction starts, not on its first write: a deferred
        // transaction that must upgrade while LeanSpec writes fails instead of waiting.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    private static Connection open(Path file, SQLiteConfig config, String... pragmas) {
        return open(file, url(file), config, pragmas);
    }

    private static Connection open(Path file, String url, SQLiteConfig config, String... pragmas) {
        Connection connection = null;
        try {
            connection = config.createConnection(url);
            try (Statement statement = connection.createStatement()) {
                run(statement, pragmas);
                // Opening is lazy: reading the schema is what proves the file is a database.
                statement.executeQuery("SELECT count(*) FROM sqlite_schema").close();
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw Failures.translate(file, "open", e);
        }
    }

    private static void run(Statement statement, String... pragmas) throws SQLException {
        for (String pragma : pragmas) {
            statement.execute(pragma);
        }
    }

    /** Stops the statement running on {@code connection}; callable from any thread. */
    public static void interrupt(Connection connection) {
        try {
            connection.unwrap(SQLiteConnection.class).getDatabase().interrupt();
        } catch (SQLException e) {
            // A closed connection has nothing left to interrupt.
        }
    }

    /** Fails with NOT_FOUND before SQLite gets a chance to create or misreport the path. */
    public static void requireExistingFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new PersistenceException(Reason.NOT_FOUND, file,
                    file + " is a folder, not a database file. Choose the .db file inside it.");
        }
        if (!Files.exists(file)) {
            throw new PersistenceException(Reason.NOT_FOUND, file,
                    "No file at " + file + ". Check the path, or start LeanSpec once to create it.");
        }
        if (!Files.isReadable(file)) {
            throw new PersistenceException(Reason.READ_ONLY, file,
                    "Cannot read " + file + ": permission denied. Check the file's owner and mode.");
        }
    }

    /**
     * {@link #requireExistingFile}, and not zero bytes long: SQLite would take an empty file for
     * an empty database and turn it into one on the first write, so an empty file someone points
     * the inspector at (a failed download, a placeholder) is reported instead of adopted.
     */
    public static void requireDatabaseFile(Path file) {
        requireExistingFile(file);
        try {
            if (Files.size(file) == 0) {
                throw new PersistenceException(Reason.NOT_A_DATABASE, file, file + " is empty (0 bytes): it is not a SQLite database. "
                        + "Choose the leanspec.db, sessions.db or chat.db LeanSpec wrote.");
            }
        } catch (IOException e) {
            throw new PersistenceException(Reason.READ_ONLY, file, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** What a status bar shows, read through an open connection. */
    public static DatabaseInfo info(Path file, Connection connection) {
        try (Statement statement = connection.createStatement()) {
            String version = single(statement, "SELECT sqlite_version()");
            String journal = single(statement, "PRAGMA journal_mode");
            int userVersion = Integer.parseInt(single(statement, "PRAGMA user_version"));
            return new DatabaseInfo(file, sizeWithWal(file), version, journal, userVersion, readAsSnapshot(file));
        } catch (SQLException e) {
            throw Failures.translate(file, "read the settings of", e);
        }
    }

    /** The file's size plus its write-ahead log: what the database occupies right now. */
    public static long sizeWithWal(Path file) {
        return sizeOrZero(file) + sizeOrZero(sidecar(file, "-wal"));
    }

    /**
     * Whether every committed row of {@code file} is in the file itself: no rollback journal left
     * and no write-ahead log with anything in it (a log that cannot be measured counts as full).
     * Under the file's write lock nothing can add to either, and with an empty log no checkpoint
     * writes to the file: it can then be copied as a file.
     */
    public static boolean rowsAllInTheFile(Path file) {
        for (String suffix : new String[] {"-wal", "-journal"}) {
            Path sidecar = sidecar(file, suffix);
            try {
                if (Files.exists(sidecar) && Files.size(sidecar) > 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Writes every byte of {@code file} to disk (fsync), before anything relies on it: a backup, a file moved into place. */
    public static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing after a failure: the first error is the one worth reporting.
        }
    }
}
