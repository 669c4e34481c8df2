package dev.leanspec.inspector.gui.dashboard;

import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.sessions.SessionStats;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * How a file's sessions went, at a glance: the figures of {@link SessionStore#stats()} read off
 * the UI thread (cancellable), and a click on a bar that opens the session list filtered to it.
 */
public final class DashboardViewModel implements AutoCloseable {

    /** What a bar stands for, as the session list's filters; null fields stay unfiltered. */
    public record Drill(String status, String runner, String mode, String project, String text) {

        /** {@return a drill to one status} @param status the status */
        public static Drill status(String status) {
            return new Drill(status, null, null, null, null);
        }
    }

    private final Path file;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Consumer<Drill> drill;
    private final WorkerResource<SessionStore> store; // used on the runner's thread only
    private final ReadOnlyObjectWrapper<SessionStats> stats = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private TaskRunner.Cancellable reading = TaskRunner.Cancellable.DONE;

    /**
     * @param drill shows the session list filtered to a bar (the Sessions tab)
     */
    public DashboardViewModel(Path file, TaskRunner runner, DialogService dialogs, Consumer<Drill> drill) {
        this.file = file;
        this.runner = runner;
        this.dialogs = dialogs;
        this.drill = drill;
        this.store = new WorkerResource<>(() -> SessionStore.openReadOnly(file), SessionStore::cancel);
    }

    /** The figures; null until read. */
    public ReadOnlyObjectProperty<SessionStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** "Computed in 120 ms from 1,234 sessions", "Stopped.", or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Reads the figures again. */
    public void refresh() {
        reading.cancel();
        loading.set(true);
        message.set("Computing…");
        long started = System.nanoTime();
        reading = runner.submit(() -> store.get().stats(), store::cancel, read -> {
            loading.set(false);
            message.set(String.format("%,d sessions · computed by SQLite in %d ms · click a bar to list its sessions",
                    read.sessions(), (System.nanoTime() - started) / 1_000_000));
            stats.set(read);
        }, error -> {
            loading.set(false);
            if (error instanceof PersistenceException known && known.reason() == PersistenceException.Reason.CANCELLED) {
                message.set("Stopped.");
            } else {
                message.set("");
                dialogs.readFailed(file, error);
            }
        });
    }

    /** Stops the figures being computed. */
    public void cancel() {
        if (loading.get()) {
            reading.cancel();
            store.cancel();
            loading.set(false);
            message.set("Stopped.");
        }
    }

    /** Opens the session list filtered to what a bar stands for. */
    public void drill(Drill to) {
        drill.accept(to);
    }

    @Override
    public void close() {
        cancel();
        store.close(runner);
    }
}
