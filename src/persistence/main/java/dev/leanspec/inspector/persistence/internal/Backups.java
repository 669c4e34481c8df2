package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Online backups next to the file, checked before anyone relies on them.
 */
public final class Backups {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Backups() {
    }

    /**
     * Copies {@code file} to {@code <name>.backup-<UTC timestamp>.db} beside it, then proves the
     * copy: every table has the same number of rows. A copy that fails the check, or a copy cut
     * short (disk full), is deleted. The caller holds the file's write lock (a migration's
     * transaction), so that nothing can change it meanwhile: a file whose rows are all in it (no
     * write-ahead log with frames in it) is then copied as a file, and synced; one with frames in
     * its log with SQLite's online backup (a consistent snapshot of file and log).
     *
     * @return the checked backup's path
     */
    public static Path createUnderWriteLock(Path file, Clock clock) {
        return create(file, clock, SqliteFiles.rowsAllInTheFile(file));
    }

    /**
     * The same as a file copy, for a file the caller has made sure holds all its rows and does
     * not change until the copy is done, even while its lock holder writes: in WAL mode with an
     * empty log, a transaction writes only to the log, and no checkpoint runs before its commit.
     * (Asked for before the transaction writes: from then on its log is not empty.)
     *
     * @return the checked backup's path
     */
    public static Path copyUnderWriteLock(Path file, Clock clock) {
        return create(file, clock, true);
    }

    /** An I/O failure's reason as a few lower-case words. */
    private static String ioReason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Path create(Path file, Clock clock, boolean asFile) {
        Path backup = freeName(file, clock);
        boolean started = false; // whether there is a backup file to remove when it fails
        try (Connection source = SqliteFiles.openForBackup(file)) {
            // Made empty first: a folder that refuses it fails here, with nothing to remove.
            Files.createFile(backup);
            started = true;
            Map<String, Long> expected = rowCounts(source);
            if (asFile) {
                // The file system copies 2.7 GB (the bench's sessions.db) in 1.9 s with the sync;
                // SQLite's online backup, page by page through its cache, took 3.5-5.7 s.
                copyFile(file, backup);
            } else {
                // SQLite's online backup copies the pages as they are (as the sqlite3 CLI's .backup
                // does): much faster than VACUUM INTO, which rebuilds every b-tree.
                copyPages(source, backup);
            }
            // Equal row counts in every table prove the copy got all of it. (The file itself is
            // checked with quick_check by the caller; checking the copy as well cost a quarter of
            // a big migration's time and found nothing that check does not.)
            try (Connection copy = SqliteFiles.openOwnCopy(backup)) {
                Map<String, Long> actual = rowCounts(copy);
                if (!actual.equals(expected)) {
                    throw new PersistenceException(Reason.FAILED, file, "The backup " + backup
                            + " does not hold the same rows as the file (" + expected + " vs " + actual + "); it was deleted. Nothing was changed.");
                }
            }
            return backup;
        } catch (SQLException | IOException | RuntimeException e) {
            boolean partial = started;
            Migrations.deleteWithSidecars(backup);
            if (e instanceof PersistenceException known) {
                throw known;
            }
            String untouched = partial ? " The partial backup was removed; the original is untouched." : " The original is untouched.";
            if (e instanceof IOException io) {
                // The file system's reason, in words ("permission denied"), and what to do.
                throw new PersistenceException(io instanceof AccessDeniedException ? Reason.READ_ONLY : Reason.FAILED, file,
                        "Could not back up " + file + ": writing " + backup + " failed (" + ioReason(io) + "). Make the folder "
                                + "writable or free space there, or back the file up yourself and migrate with --no-backup." + untouched, e);
            }
            PersistenceException translated = Failures.translate(file, "back up", e);
            throw new PersistenceException(translated.reason(), file, translated.getMessage() + untouched, e);
        }
    }

    /**
     * Copies the database open on {@code source} page by page into {@code copy} (SQLite's online
     * backup, as the sqlite3 CLI's {@code .backup}): a consistent snapshot even of a WAL file in use.
     */
    public static void copyPages(Connection source, Path copy) throws SQLException {
        int rc = source.unwrap(SQLiteConnection.class).getDatabase().backup("main", copy.toString(), null);
        if (rc != SQLiteErrorCode.SQLITE_OK.code) {
            SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(rc);
            throw new SQLiteException("backup failed: " + code.message, code);
        }
    }

    private static void copyFile(Path file, Path copy) throws IOException {
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        SqliteFiles.sync(copy);
    }

    private static Path freeName(Path file, Clock clock) {
        String base = file.getFileName() + ".backup-" + STAMP.format(clock.instant());
        Path candidate = file.resolveSibling(base + ".db");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = file.resolveSibling(base + "-" + n + ".db");
        }
        return candidate;
    }

    /** {@code PRAGMA quick_check}'s complaints; empty when the file is intact. */
    public static List<String> quickCheck(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
            while (rows.next()) {
                String line = rows.getString(1);
                if (!"ok".equalsIgnoreCase(line)) {
                    problems.add(line);
                }
            }
        }
        return problems;
    }

    /** Every table's row count, by table name. */
    public static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM main." + quote(table))) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    /** An SQL identifier, quoted so that any name (even {@code we"ird}) is taken literally. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
