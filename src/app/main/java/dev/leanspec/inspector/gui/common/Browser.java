package dev.leanspec.inspector.gui.common;

import java.util.function.BooleanSupplier;

/**
 * A tab that browses a LeanSpec file's rows (sessions, conversations, runners), read as they are
 * in whatever shape a release left them. The open file drives them all alike: no tab asks which
 * others exist.
 */
public interface Browser extends AutoCloseable {

    /**
     * Ahead of the first rows, while the window builds their view: opens its store on the worker
     * and may read its first rows there, if {@code readable} (asked on the worker) says the file's
     * rows can be read. By default nothing.
     */
    default void prepare(BooleanSupplier readable) {
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
