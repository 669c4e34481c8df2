package dev.leanspec.inspector.gui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs database work off the UI thread and hands results back on it. ViewModels get one injected:
 * the window uses {@link FxTaskRunner}; tests use {@link DirectTaskRunner}, which needs no toolkit.
 */
public interface TaskRunner {

    /**
     * Starts {@code work}; exactly one of {@code onSuccess} or {@code onFailure} is later called on
     * the UI thread, unless the task was cancelled first.
     *
     * @param cancel what stops {@code work} while it runs (e.g. a store's {@code cancel()}), or null
     */
    <T> Cancellable submit(Callable<T> work, Runnable cancel, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Runs {@code action} on the UI thread, after what is already queued there: for the progress a
     * running {@code work} reports (it runs on the worker).
     */
    void later(Runnable action);

    /** A running task; cancelling a finished one does nothing. */
    interface Cancellable {
        void cancel();

        Cancellable DONE = () -> { };
    }
}
