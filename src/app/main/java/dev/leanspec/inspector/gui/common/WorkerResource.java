package dev.leanspec.inspector.gui.common;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A store (or other connection) a ViewModel opens on its file's worker thread the first time it
 * is needed, uses only there, can stop from the UI thread, and closes on the worker when done.
 */
public final class WorkerResource<R extends AutoCloseable> {

    private final Supplier<R> open;
    private final Consumer<R> cancel;
    private volatile R resource;

    /**
     * @param open   opens it (called on the worker thread)
     * @param cancel stops its running query (called from any thread)
     */
    public WorkerResource(Supplier<R> open, Consumer<R> cancel) {
        this.open = open;
        this.cancel = cancel;
    }

    /** The resource, opened on first use; call it on the worker thread. */
    public R get() {
        R current = resource;
        if (current == null) {
            current = open.get();
            resource = current;
        }
        return current;
    }

    /**
     * Opens it on the worker now, ahead of its first use, as a task of its own: a failure is left
     * for that use to meet and report.
     */
    public void openAhead(TaskRunner runner) {
        runner.submit(() -> {
            get();
            return null;
        }, null, ignored -> { }, ignored -> { });
    }

    /** Stops what the resource is running, if it is open. */
    public void cancel() {
        R current = resource;
        if (current != null) {
            cancel.accept(current);
        }
    }

    /** Closes it on the worker thread, after the tasks already queued there. */
    public void close(TaskRunner runner) {
        runner.submit(() -> {
            R current = resource;
            resource = null;
            if (current != null) {
                current.close();
            }
            return null;
        }, null, ignored -> { }, ignored -> { });
    }
}
