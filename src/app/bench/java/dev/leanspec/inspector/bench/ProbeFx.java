package dev.leanspec.inspector.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

/** What the window probes (figures 8b-8d, 14d) do on the FX thread from theirs. */
final class ProbeFx {

    private ProbeFx() {
    }

    /** Runs {@code action} on the FX thread and waits for its result. */
    static <T> T onFx(Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }

    /** Asks {@code probe} on the FX thread every 50 ms until it gives a value. */
    static <T> T waitFor(int seconds, Callable<T> probe) throws Exception {
        return waitFor(seconds, probe, 50);
    }

    /** Asks {@code probe} on the FX thread every {@code pollMs} until it gives a value; fails after {@code seconds}. */
    static <T> T waitFor(int seconds, Callable<T> probe, long pollMs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            T value = onFx(probe);
            if (value != null) {
                return value;
            }
            Thread.sleep(pollMs);
        }
        throw new IllegalStateException("timed out after " + seconds + " s");
    }
}
