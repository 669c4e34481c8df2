package dev.leanspec.inspector.gui.runners;

import dev.leanspec.inspector.gui.common.Browser;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.runners.Runner;
import dev.leanspec.inspector.persistence.runners.RunnerStore;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The runner configurations of a leanspec.db (LeanSpec 0.2.27+) and the selected one's
 * configuration, pretty-printed. A file holds a handful of runners, so all of them are read, in
 * keyset pages, and the count says how many there are.
 */
public final class RunnersViewModel implements Browser {

    static final int PAGE = 200;

    private final Location file; // a SQLite file or a PostgreSQL database
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final WorkerResource<RunnerStore> store; // used on the runner's thread only
    private final ObservableList<Runner> runners = FXCollections.observableArrayList();
    private final ObservableList<Runner> readOnlyRunners = FXCollections.unmodifiableObservableList(runners);
    private final ReadOnlyObjectWrapper<Runner> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper config = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final Consumer<Link> links;
    private boolean loaded;
    /** A runner asked for before the runners were read: selected once they are. */
    private Link.Runner wanted;

    /**
     * The runners of a file or a PostgreSQL database.
     *
     * @param links where a runner's link to its sessions is followed
     */
    public RunnersViewModel(Location file, TaskRunner runner, DialogService dialogs, Consumer<Link> links) {
        this.file = file;
        this.links = links;
        this.runner = runner;
        this.dialogs = dialogs;
        this.store = new WorkerResource<>(() -> RunnerStore.openReadOnly(file), RunnerStore::cancel);
    }

    public ObservableList<Runner> runners() {
        return readOnlyRunners;
    }

    public ReadOnlyObjectProperty<Runner> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected runner's configuration as indented JSON (as stored, if it is not JSON). */
    public ReadOnlyStringProperty configProperty() {
        return config.getReadOnlyProperty();
    }

    /** "5 runners", or why there are none. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    @Override
    public void start() {
        reload();
    }

    /** Reads every runner of the file, page by page, off the UI thread. */
    @Override
    public void reload() {
        summary.set("Loading…");
        runner.submit(() -> {
            RunnerStore runners = store.get();
            return new Loaded(Page.all(PAGE, runners::list), runners.hasRunners());
        }, store::cancel, read -> {
            runners.setAll(read.runners());
            summary.set(!read.hasTable()
                    ? "No runners table: LeanSpec stores runners from 0.2.27 on (this file is older)."
                    : String.format("%,d runner%s", read.runners().size(), read.runners().size() == 1 ? "" : "s"));
            loaded = true;
            if (wanted != null) {
                reveal(wanted.id(), wanted.project());
            }
        }, error -> {
            summary.set("");
            dialogs.readFailed(file, error);
        });
    }

    private record Loaded(List<Runner> runners, boolean hasTable) {
    }

    /**
     * Selects the runner with this id (a search's hit, a session's runner), once the runners are
     * read; says so when the file holds none of that id.
     *
     * @param project the project of the session that ran it: its project-scoped runner is the one
     *                LeanSpec used, before a global one; null for any
     */
    public void reveal(String id, String project) {
        if (!loaded) {
            wanted = new Link.Runner(file, id, project);
            return;
        }
        wanted = null;
        Optional<Runner> found = runners.stream().filter(r -> r.id().equals(id))
                .min(Comparator.comparing((Runner r) -> !r.projectPath().equals(project)));
        found.ifPresentOrElse(this::select, () -> dialogs.notify("Runner not stored", String.format(
                "%s holds no runner \"%s\" (it holds %,d). LeanSpec stored here only the runners it imported from "
                        + "~/.lean-spec/runners.json; its built-in runners were never written to the file.", file.name(), id, runners.size())));
    }

    /** Lists the sessions the selected runner ran, in the Sessions tab. */
    public void followSessions() {
        Runner shown = selected.get();
        if (shown != null) {
            links.accept(new Link.Sessions(file, null, null, shown.id()));
        }
    }

    public void select(Runner value) {
        selected.set(value);
        config.set(value == null ? "" : Formats.jsonOrText(value.configJson()));
    }

    /** Runners change when the user edits one in LeanSpec, seldom: F5 reads them again, live refresh leaves them. */
    @Override
    public void refreshInPlace() {
    }

    @Override
    public void reopen() {
        store.close(runner);
        reload();
    }

    @Override
    public void close() {
        store.close(runner);
    }
}
