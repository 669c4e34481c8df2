package dev.leanspec.inspector.gui.schema;

import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.raw.FilePragmas;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.SchemaObject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The structure of one file or PostgreSQL schema: every table, view, index and trigger with its DDL, columns and
 * foreign keys, the file's pragmas, and the slow facts after them, each cancellable: bytes on
 * disk per table and index ({@code dbstat}), the selected table's row count, an integrity check
 * on request. Reads only.
 */
public final class SchemaViewModel implements AutoCloseable {

    private final Location location;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final WorkerResource<RawDatabase> db; // used on the runner's thread only

    private final ObservableList<SchemaObject> objects = FXCollections.observableArrayList();
    private final ObservableMap<String, Long> sizes = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<FilePragmas> pragmas = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SchemaObject> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper rowCount = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sizeNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper integrity = new ReadOnlyStringWrapper("");
    private TaskRunner.Cancellable counting = TaskRunner.Cancellable.DONE;
    private TaskRunner.Cancellable measuring = TaskRunner.Cancellable.DONE;
    private TaskRunner.Cancellable checking = TaskRunner.Cancellable.DONE;

    public SchemaViewModel(Location location, TaskRunner runner, DialogService dialogs) {
        this.location = location;
        this.runner = runner;
        this.dialogs = dialogs;
        this.db = new WorkerResource<>(() -> RawDatabase.openReadOnly(location), RawDatabase::cancel);
    }

    /** Tables, views, indexes and triggers, in that order (SQLite's own tables last among tables). */
    public ObservableList<SchemaObject> objects() {
        return objects;
    }

    /** Bytes on disk per table and index, once measured; empty until then (or without dbstat). */
    public ObservableMap<String, Long> sizes() {
        return sizes;
    }

    /** "measuring…", "" once measured, or why there are no sizes. */
    public ReadOnlyStringProperty sizeNoteProperty() {
        return sizeNote.getReadOnlyProperty();
    }

    /** {@return whether this is a PostgreSQL schema: no file settings, no integrity check (the server's own)} */
    public boolean isPostgres() {
        return location instanceof Location.Server;
    }

    /** {@return the file's path or the database's URL (no password)} */
    public String where() {
        return location.where();
    }

    /** The file's settings; null until read, and on PostgreSQL. */
    public ReadOnlyObjectProperty<FilePragmas> pragmasProperty() {
        return pragmas.getReadOnlyProperty();
    }

    /** The object shown; null for the file itself. */
    public ReadOnlyObjectProperty<SchemaObject> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** "1,234 rows", "counting…", "count cancelled", or "" for an index or trigger. */
    public ReadOnlyStringProperty rowCountProperty() {
        return rowCount.getReadOnlyProperty();
    }

    /** The integrity check's finding: "", "checking…", "ok", or what it found. */
    public ReadOnlyStringProperty integrityProperty() {
        return integrity.getReadOnlyProperty();
    }

    /** Reads the schema and pragmas, then measures the sizes in the background. */
    public void refresh() {
        record Structure(List<SchemaObject> objects, FilePragmas pragmas) {
        }
        runner.submit(() -> new Structure(db.get().schema(), db.get().pragmas()), db::cancel, structure -> {
            objects.setAll(structure.objects());
            pragmas.set(structure.pragmas());
            measure();
        }, this::failed);
    }

    /** Shows one object: a table's or view's row count follows (cancellable). */
    public void select(SchemaObject object) {
        counting.cancel();
        selected.set(object);
        if (object == null || !(object.type().equals("table") || object.type().equals("view"))) {
            rowCount.set("");
            return;
        }
        rowCount.set("counting…");
        counting = runner.submit(() -> db.get().count(object.name()), db::cancel,
                count -> rowCount.set(String.format("%,d row%s", count, count == 1 ? "" : "s")),
                error -> rowCount.set(cancelled(error) ? "count cancelled" : "count failed: " + error.getMessage()));
    }

    /** Runs SQLite's integrity check (reads every page). */
    public void checkIntegrity() {
        checking.cancel();
        integrity.set("checking…");
        checking = runner.submit(() -> db.get().integrityCheck(), db::cancel,
                findings -> integrity.set(String.join("\n", findings)),
                error -> integrity.set(cancelled(error) ? "check cancelled" : "check failed: " + error.getMessage()));
    }

    /** {@return where to save the diagram, as the user chose; empty when cancelled} */
    public Optional<Path> chooseDiagramFile() {
        return dialogs.chooseSaveFile("Save the diagram as a PNG", location.name().replaceAll("[^\\w.-]+", "_") + "-diagram.png");
    }

    /**
     * Says that the diagram could not be saved.
     *
     * @param target where it was to go
     * @param error  why not
     */
    public void diagramFailed(Path target, IOException error) {
        dialogs.error("Diagram not saved", "Could not write " + target + ": " + error.getMessage());
    }

    /** Stops what runs: the count, the sizes, the check. */
    public void cancel() {
        boolean wasCounting = rowCount.get().equals("counting…");
        boolean wasMeasuring = sizeNote.get().equals("measuring…");
        boolean wasChecking = integrity.get().equals("checking…");
        counting.cancel();
        measuring.cancel();
        checking.cancel();
        db.cancel();
        if (wasCounting) {
            rowCount.set("count cancelled");
        }
        if (wasMeasuring) {
            sizeNote.set("sizes not measured (stopped)");
        }
        if (wasChecking) {
            integrity.set("check cancelled");
        }
    }

    @Override
    public void close() {
        cancel();
        db.close(runner);
    }

    private void measure() {
        measuring.cancel();
        sizeNote.set("measuring…");
        measuring = runner.submit(() -> db.get().sizes(), db::cancel, (Optional<Map<String, Long>> measured) -> {
            sizes.clear();
            measured.ifPresent(sizes::putAll);
            sizeNote.set(measured.isPresent() ? "" : "sizes need SQLite's dbstat, which this build lacks");
        }, error -> sizeNote.set(cancelled(error) ? "sizes not measured (stopped)" : "sizes failed: " + error.getMessage()));
    }

    private static boolean cancelled(Throwable error) {
        return error instanceof PersistenceException known && known.reason() == PersistenceException.Reason.CANCELLED;
    }

    private void failed(Throwable error) {
        dialogs.readFailed(location, error);
    }
}
