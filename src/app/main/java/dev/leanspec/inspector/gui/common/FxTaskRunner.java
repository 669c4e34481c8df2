package dev.leanspec.inspector.gui.common;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
        Runnable run = () -> {
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
        };
        try {
            worker.execute(run);
        } catch (RejectedExecutionException closed) {
            // The file was closed (its tab, or the window) while a result of it was on its way to
            // the FX thread, and that result asked for more: nothing is left to answer.
            return Cancellable.DONE;
        }
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

    /**
     * Lets the worker end once the tasks queued on it have run: they are the closes of its
     * file's connections (a store's close is queued after its work), and a cancelled task skips
     * itself. Nothing new is taken.
     */
    @Override
    public void close() {
        worker.shutdown();
    }

    /**
     * Waits, up to {@code timeout} in all, for the closed ones among {@code runners} to end: at
     * the app's exit, so that its files' connections are closed by SQLite (which then removes
     * the -wal and -shm it made) rather than dropped with the process.
     */
    public static void awaitClosed(Collection<FxTaskRunner> runners, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (FxTaskRunner runner : runners) {
            if (!runner.worker.isShutdown()) {
                continue;
            }
            try {
                runner.worker.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
