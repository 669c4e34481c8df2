package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.gui.connect.ConnectViewModel;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PostgresUrl;

import java.nio.file.Path;
import java.util.Optional;

/** What ViewModels ask of the user, behind an interface so that they can be tested without windows. */
public interface DialogService {

    /** Asks a yes/no question; true when the user confirmed. */
    boolean confirm(String title, String header, String details);

    /** Asks a yes/no question whose yes says what it does ({@code action}: "Archive", "Open in Browser"); true when pressed. */
    default boolean ask(String title, String header, String details, String action) {
        return confirm(title, header, details);
    }

    /** Asks for a folder; empty when the user cancelled. */
    default Optional<Path> chooseFolder(String title) {
        return Optional.empty();
    }

    /** Opens a page in the user's browser (an archive's index). */
    default void browse(String url) {
    }

    /**
     * Asks to go ahead with {@code action}, with one option the user can tick or untick.
     *
     * @return empty when the user cancelled; else whether the option was ticked
     */
    Optional<Boolean> confirmWithOption(String title, String header, String details, String action, String option,
                                        boolean optionByDefault);

    /** Shows an error the user must read (a refused migration, a file that cannot be opened). */
    void error(String title, String message);

    /**
     * Shows why reading {@code file} failed. A cancelled query is the user's own doing and shows
     * nothing; an error that is not the library's own says it was unexpected.
     */
    default void readFailed(Path file, Throwable error) {
        readFailed(new Location.File(file), error);
    }

    /** The same for a file or a PostgreSQL database. */
    default void readFailed(Location where, Throwable error) {
        if (error instanceof PersistenceException known && known.reason() == PersistenceException.Reason.CANCELLED) {
            return;
        }
        error("Cannot read " + where.name(),
                error instanceof PersistenceException ? error.getMessage() : "Unexpected error: " + error);
    }

    /** Shows text the user reads and closes (About, the keyboard shortcuts); selectable, so it can be copied. */
    default void message(String title, String text) {
        notify(title, text);
    }

    /** Shows a Markdown document in its own window (the user guide). */
    default void document(String title, String markdown) {
        notify(title, markdown.lines().findFirst().orElse(""));
    }

    /** A short, passing notice (a migration that worked). */
    void notify(String title, String message);

    /** Lets the user choose a database file to open. */
    Optional<Path> chooseFile(String title);

    /**
     * Asks which PostgreSQL database to open: a URL, or its parts. The password is never stored.
     *
     * @param last the database connected to last (its password left out), or null
     * @return the database, or empty when cancelled
     */
    Optional<PostgresUrl> askPostgres(PostgresUrl last,
                                                                         ConnectViewModel.Purpose purpose);

    /** Lets the user choose where to save a file. */
    Optional<Path> chooseSaveFile(String title, String suggestedName);
}
