package dev.leanspec.inspector.gui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * One worker thread per open file: SQLite connections are used from one thread at a time, and
 * queries on one file run in the order they were asked. Results come back with
 * {@code Platform.runLater}; {@link #runningProperty()} counts tasks for a busy indicator.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private final ExecutorService worker;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);

    public FxTaskRunner(String name) {
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "db-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How many tasks are queued or running; read it on the UI thread. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public <T> Cancellable submit(Callable<T> work, Runnable cancel, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        running.set(running.get() + 1);
        worker.execute(() -> {
            try {
                if (cancelled.get()) {
                    return;
                }
                started.set(true);
                T result = work.call();
                Platform.runLater(() -> {
                    if (!cancelled.get()) {
                        onSuccess.accept(result);
                    }
                });
            } catch (Throwable e) {
                Platform.runLater(() -> {
                    if (!cancelled.get()) {
                        onFailure.accept(e);
                    }
                });
            } finally {
                finished.set(true);
                Platform.runLater(() -> running.set(running.get() - 1));
            }
        });
        return () -> {
            if (cancelled.compareAndSet(false, true) && started.get() && !finished.get() && cancel != null) {
                cancel.run();
            }
        };
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
