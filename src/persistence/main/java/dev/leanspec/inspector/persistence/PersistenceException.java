package dev.leanspec.inspector.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The one exception the library throws. Its message is written for a person: it names the file
 * (and table or id) and, where there is one, what to do about it. {@link #reason()} lets callers
 * react without parsing the message.
 */
public final class PersistenceException extends RuntimeException {

    /** Why an operation failed, for callers that branch on it (exit codes, dialogs). */
    public enum Reason {
        /** The path does not exist, or is not a regular file. */
        NOT_FOUND,
        /** The file exists but is not a readable SQLite database. */
        NOT_A_DATABASE,
        /** SQLite reports damage, or an integrity check failed. */
        CORRUPT,
        /** Another process holds a lock the operation needs (LeanSpec is writing). */
        IN_USE,
        /** The file or its folder cannot be written, or it was opened read-only. */
        READ_ONLY,
        /** Not enough free disk space, or the disk filled up. */
        DISK_FULL,
        /** The file's schema is none this build knows. */
        UNKNOWN_SHAPE,
        /** The file was migrated by a newer build; this one must not touch it. */
        NEWER_SCHEMA,
        /** The file must be migrated (or adopted) before this operation. */
        NEEDS_MIGRATION,
        /** Adopting a legacy file is a write that was not confirmed. */
        NEEDS_CONFIRMATION,
        /** The recorded history does not match this build's migrations. */
        VALIDATION_FAILED,
        /** A migration ran and failed; the file was left as it was. */
        MIGRATION_FAILED,
        /** The caller cancelled the running query. */
        CANCELLED,
        /** A statement that would write, or that a read-only console does not run. */
        REFUSED,
        /** The caller's arguments are wrong (an unknown id, a bad value). */
        INVALID_ARGUMENT,
        /** Anything else SQLite or the file system reported. */
        FAILED
    }

    /** Why it failed. */
    private final Reason reason;
    /** The file it concerns, or null. */
    private final Path file;

    /**
     * A failure with no underlying cause.
     *
     * @param reason why it failed; not null
     * @param file the file it concerns, or null
     * @param message the sentence for the user, naming the file
     */
    public PersistenceException(Reason reason, Path file, String message) {
        this(reason, file, message, null);
    }

    /**
     * A failure of a database, a file's or a server's.
     *
     * @param reason why it failed; not null
     * @param location the database it concerns; {@link #file()} is its file, or null on PostgreSQL
     * @param message the sentence for the user, naming the database
     * @return the exception
     */
    public static PersistenceException of(Reason reason, Location location, String message) {
        return of(reason, location, message, null);
    }

    /**
     * A failure of a database caused by another exception.
     *
     * @param reason why it failed; not null
     * @param location the database it concerns; {@link #file()} is its file, or null on PostgreSQL
     * @param message the sentence for the user, naming the database
     * @param cause what failed underneath
     * @return the exception
     */
    public static PersistenceException of(Reason reason, Location location, String message, Throwable cause) {
        return new PersistenceException(reason, location instanceof Location.File file ? file.path() : null, message, cause);
    }

    /**
     * A failure caused by another exception.
     *
     * @param reason why it failed; not null
     * @param file the file it concerns, or null
     * @param message the sentence for the user, naming the file
     * @param cause what failed underneath
     */
    public PersistenceException(Reason reason, Path file, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.file = file;
    }

    /** {@return why it failed; never null} */
    public Reason reason() {
        return reason;
    }

    /** {@return the file the operation was about, or null when none was involved} */
    public Path file() {
        return file;
    }
}
