package dev.leanspec.inspector.gui.common;

/**
 * A tab that browses a LeanSpec file's rows (sessions, conversations, runners), read as they are
 * in whatever shape a release left them. The open file drives them all alike: no tab asks which
 * others exist.
 */
public interface Browser extends AutoCloseable {

    /** Opens its store on the worker ahead of the first rows, while the window builds; by default nothing. */
    default void prepare() {
    }

    /** Reads the first rows, once the file is known to be browsable. */
    void start();

    /** Reads the rows afresh (F5), from the first. */
    void reload();

    /** Live refresh: reads as many rows as are loaded, keeping the place; by default a reload. */
    default void refreshInPlace() {
        reload();
    }

    /** The schema changed under its store (a migration): the next read opens the file afresh. */
    void reopen();

    @Override
    void close();
}
