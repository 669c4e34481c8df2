package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The sessions of one file as the Sessions screen reads them: one read-only store, opened on the
 * file's worker the first time it is needed and used only there, shared by the list and the
 * selected session's tabs. A failed read is reported naming the file.
 */
final class SessionReads {

    private final Location location;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final WorkerResource<SessionStore> store;
    private final Consumer<Link> links;

    SessionReads(Location location, TaskRunner runner, DialogService dialogs, Consumer<Link> links) {
        this.location = location;
        this.links = links;
        this.runner = runner;
        this.dialogs = dialogs;
        this.store = new WorkerResource<>(() -> SessionStore.openReadOnly(location), SessionStore::cancel);
    }

    /** Runs {@code work} on the worker (Stop cancels the store's query), then {@code done} on the UI thread. */
    <T> TaskRunner.Cancellable read(Callable<T> work, Consumer<T> done) {
        return runner.submit(work, store::cancel, done, this::failed);
    }

    /** The same, with its own way to stop (a loop over pages checks a flag between them). */
    <T> TaskRunner.Cancellable read(Callable<T> work, Runnable stop, Consumer<T> done) {
        return runner.submit(work, () -> {
            stop.run();
            store.cancel();
        }, done, this::failed);
    }

    /** The store as rows are shown: long text cut in SQL; call it on the worker. */
    SessionStore shown() {
        return store.get().withTextLimit(Formats.SHOWN_TEXT_CHARS);
    }

    /** The store with its text whole (an export writes what the file holds); call it on the worker. */
    SessionStore full() {
        return store.get();
    }

    Location location() {
        return location;
    }

    /** Takes the window to a link (remembered for Back). */
    void follow(Link link) {
        links.accept(link);
    }

    TaskRunner runner() {
        return runner;
    }

    DialogService dialogs() {
        return dialogs;
    }

    /** Opens the store on the worker ahead of the first page. */
    void prepare() {
        store.openAhead(runner);
    }

    /** Stops the query the store runs, if any. */
    void cancel() {
        store.cancel();
    }

    /** Closes the store after the reads already queued; the next read opens the file afresh. */
    void close() {
        store.close(runner);
    }

    void failed(Throwable error) {
        dialogs.readFailed(location, error);
    }
}
