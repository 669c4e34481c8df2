package dev.leanspec.inspector.gui.dashboard;

import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.chat.ChatStats;
import dev.leanspec.inspector.persistence.chat.ChatStore;
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
 * How a file's sessions and chats went, at a glance: the figures of {@link SessionStore#stats()}
 * and {@link ChatStore#stats()} read off the UI thread (cancellable), and a click on a bar that
 * opens the session list filtered to it.
 */
public final class DashboardViewModel implements AutoCloseable {

    /** What a bar stands for, as the session list's filters; null fields stay unfiltered. */
    public record Drill(String status, String runner, String mode, String project, String text) {

        /**
         * {@return a drill to one status}
         *
         * @param status the status
         */
        public static Drill status(String status) {
            return new Drill(status, null, null, null, null);
        }
    }

    private final Location file; // a SQLite file or a PostgreSQL database
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Consumer<Drill> drill;
    private final WorkerResource<SessionStore> store; // used on the runner's thread only; null without sessions
    private final WorkerResource<ChatStore> chats; // the same; null without conversations
    private final ReadOnlyObjectWrapper<SessionStats> stats = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChatStats> chatStats = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private TaskRunner.Cancellable reading = TaskRunner.Cancellable.DONE;

    /**
     * @param sessions whether the file holds sessions (a sessions.db or leanspec.db)
     * @param chats    whether it holds conversations (a chat.db or leanspec.db)
     * @param drill    shows the session list filtered to a bar (the Sessions tab)
     */
    public DashboardViewModel(Path file, boolean sessions, boolean chats, TaskRunner runner, DialogService dialogs, Consumer<Drill> drill) {
        this(new Location.File(file), sessions, chats, runner, dialogs, drill);
    }

    /** The same on a file or a PostgreSQL database. */
    public DashboardViewModel(Location file, boolean sessions, boolean chats, TaskRunner runner, DialogService dialogs, Consumer<Drill> drill) {
        this.file = file;
        this.runner = runner;
        this.dialogs = dialogs;
        this.drill = drill;
        this.store = sessions ? new WorkerResource<>(() -> SessionStore.openReadOnly(file), SessionStore::cancel) : null;
        this.chats = chats ? new WorkerResource<>(() -> ChatStore.openReadOnly(file), ChatStore::cancel) : null;
    }

    /** The chats' figures; null until read, or for a file without conversations. */
    public ReadOnlyObjectProperty<ChatStats> chatStatsProperty() {
        return chatStats.getReadOnlyProperty();
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
        record Figures(SessionStats sessions, ChatStats chats) {
        }
        reading = runner.submit(() -> new Figures(store == null ? null : store.get().stats(), chats == null ? null : chats.get().stats()),
                this::stopStores, read -> {
            loading.set(false);
            String took = String.format("computed by SQLite in %d ms", (System.nanoTime() - started) / 1_000_000);
            message.set(read.sessions() != null
                    ? String.format("%,d sessions%s · %s · click a bar to list its sessions", read.sessions().sessions(),
                            read.chats() == null ? "" : String.format(", %,d messages", read.chats().messages()), took)
                    : String.format("%,d conversations, %,d messages · %s", read.chats().conversations(), read.chats().messages(), took));
            chatStats.set(read.chats());
            stats.set(read.sessions());
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
            stopStores();
            loading.set(false);
            message.set("Stopped.");
        }
    }

    /** Opens the session list filtered to what a bar stands for. */
    public void drill(Drill to) {
        drill.accept(to);
    }

    private void stopStores() {
        if (store != null) {
            store.cancel();
        }
        if (chats != null) {
            chats.cancel();
        }
    }

    @Override
    public void close() {
        cancel();
        if (store != null) {
            store.close(runner);
        }
        if (chats != null) {
            chats.close(runner);
        }
    }
}
