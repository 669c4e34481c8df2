package dev.leanspec.inspector.gui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.application.Platform;

/**
 * One worker thread per open file: SQLite connections are used from one thread at a time, and
 * queries on one file run in the order they were asked. Results come back with
 * {@code Platform.runLater}.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private final ExecutorService worker;
    // The task the worker is running. A cancel interrupts the connection only while its own task
    // runs: an interrupt that lands a moment late would otherwise stop the next task instead.
    private final Object lock = new Object();
    private Object current;

    public FxTaskRunner(String name) {
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "db-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> Cancellable submit(Callable<T> work, Runnable cancel, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Object task = new Object();
        worker.execute(() -> {
            try {
                synchronized (lock) {
                    if (cancelled.get()) {
                        return;
                    }
                    current = task;
                }
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
                synchronized (lock) {
                    current = null;
                }
            }
        });
        return () -> {
            synchronized (lock) {
                if (cancelled.compareAndSet(false, true) && current == task && cancel != null) {
                    cancel.run();
                }
            }
        };
    }

    @Override
    public void later(Runnable action) {
        Platform.runLater(action);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
