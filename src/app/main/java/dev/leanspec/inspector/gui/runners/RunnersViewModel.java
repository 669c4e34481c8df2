package dev.leanspec.inspector.gui.runners;

import dev.leanspec.inspector.gui.common.Browser;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.runners.Runner;
import dev.leanspec.inspector.persistence.runners.RunnerStore;

import java.util.List;

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

    /** The runners of a file or a PostgreSQL database. */
    public RunnersViewModel(Location file, TaskRunner runner, DialogService dialogs) {
        this.file = file;
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
        }, store::cancel, loaded -> {
            runners.setAll(loaded.runners());
            summary.set(!loaded.hasTable()
                    ? "No runners table: LeanSpec stores runners from 0.2.27 on (this file is older)."
                    : String.format("%,d runner%s", loaded.runners().size(), loaded.runners().size() == 1 ? "" : "s"));
        }, error -> {
            summary.set("");
            dialogs.readFailed(file, error);
        });
    }

    private record Loaded(List<Runner> runners, boolean hasTable) {
    }

    /** Selects the runner with this id (a search's hit), if it is listed. */
    public void reveal(String id) {
        runners.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(this::select);
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
