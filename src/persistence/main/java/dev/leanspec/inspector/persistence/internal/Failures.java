package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns SQLite's and jOOQ's errors into a {@link PersistenceException} a person can act on: it
 * names the file, says what happened in plain words, and what to do.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * @param file   the file the operation was about
     * @param action what was being done, as a verb phrase: "open", "read sessions from"
     * @param error  what SQLite, JDBC or jOOQ threw
     */
    public static PersistenceException translate(Path file, String action, Throwable error) {
        if (error instanceof PersistenceException known) {
            return known;
        }
        SQLiteErrorCode code = sqliteCode(error);
        String detail = rootMessage(error);
        String start = "Could not " + action + " " + file + ": ";
        if (code == null) {
            return new PersistenceException(Reason.FAILED, file, start + detail, error);
        }
        return switch (code) {
            case SQLITE_NOTADB -> new PersistenceException(Reason.NOT_A_DATABASE, file,
                    start + "it is not a SQLite database (or it is encrypted). Choose a LeanSpec leanspec.db, sessions.db or chat.db.", error);
            case SQLITE_CORRUPT, SQLITE_CORRUPT_INDEX, SQLITE_CORRUPT_SEQUENCE, SQLITE_CORRUPT_VTAB -> new PersistenceException(Reason.CORRUPT, file,
                    start + "the database is damaged (" + detail + "). Restore it from a backup, or recover its rows into a new file with "
                    + recoverCommand(file) + ".", error);
            case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED, SQLITE_LOCKED_SHAREDCACHE -> new PersistenceException(Reason.IN_USE, file,
                    start + "it is in use by another program (is LeanSpec running?). Close LeanSpec and retry.", error);
            case SQLITE_READONLY, SQLITE_READONLY_CANTLOCK, SQLITE_READONLY_RECOVERY, SQLITE_READONLY_ROLLBACK, SQLITE_READONLY_DBMOVED, SQLITE_PERM, SQLITE_AUTH -> new PersistenceException(Reason.READ_ONLY, file,
                    start + "it cannot be written (read-only file or folder, or opened for reading only). Check its permissions.", error);
            case SQLITE_FULL, SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC -> new PersistenceException(Reason.DISK_FULL, file,
                    start + "the disk is full or refused the write (" + detail + "). Free some space and retry.", error);
            case SQLITE_INTERRUPT -> new PersistenceException(Reason.CANCELLED, file,
                    "Cancelled: " + action + " " + file + ".", error);
            case SQLITE_CANTOPEN, SQLITE_CANTOPEN_ISDIR, SQLITE_CANTOPEN_NOTEMPDIR, SQLITE_CANTOPEN_FULLPATH, SQLITE_READONLY_DIRECTORY -> walInReadOnlyFolder(file)
                    ? new PersistenceException(Reason.READ_ONLY, file, start + "it is in WAL mode and its folder cannot be written, so SQLite "
                    + "cannot create " + file.getFileName() + "-shm, which it needs to read a WAL file while "
                    + (Files.exists(SqliteFiles.sidecar(file, "-wal")) ? "its -wal holds rows not yet in the file" : "a program has it open")
                    + ". Copy the file (with its -wal file) to a writable folder, or make the folder writable.", error)
                    : new PersistenceException(Reason.NOT_FOUND, file,
                    start + "SQLite cannot open it (missing, a folder, or no permission on the file or its folder).", error);
            default -> new PersistenceException(Reason.FAILED, file, start + detail, error);
        };
    }

    /** Whether {@code file} is a WAL database (header bytes 18 and 19 are 2) in a folder this process cannot write. */
    private static boolean walInReadOnlyFolder(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || Files.isWritable(folder) || !Files.isReadable(file)) {
            return false;
        }
        return SqliteFiles.isWalFile(file);
    }

    /** The SQLite result code somewhere in the cause chain, or null. */
    public static SQLiteErrorCode sqliteCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return sqlite.getResultCode();
            }
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(sql.getErrorCode());
                if (code != SQLiteErrorCode.UNKNOWN_ERROR) {
                    return code;
                }
            }
        }
        return null;
    }

    /** The message of the innermost cause (its class name when it has none). */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : sqliteWords(message);
    }

    /**
     * SQLite's own words out of sqlite-jdbc's message: "[SQLITE_CORRUPT] The database disk image
     * is malformed (database disk image is malformed)" says it twice behind a raw code; the words
     * in parentheses are SQLite's for this case.
     */
    static String sqliteWords(String message) {
        Matcher coded = Pattern.compile("(?s)^\\[SQLITE_\\w+]\\s*(.*?)(?:\\s*\\((.*)\\))?$").matcher(message);
        if (!coded.matches()) {
            return message;
        }
        return coded.group(2) != null && !coded.group(2).isBlank() ? coded.group(2) : coded.group(1);
    }

    /** What to run to recover a damaged file's rows into a new one, with the file's own name. */
    public static String recoverCommand(Path file) {
        String name = file.getFileName().toString();
        return "`sqlite3 '" + file + "' .recover | sqlite3 '" + file.resolveSibling(name + ".recovered") + "'`";
    }
}
