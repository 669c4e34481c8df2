package dev.leanspec.inspector.gui.tables;

import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.PagedList;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.RawPage;
import dev.leanspec.inspector.persistence.raw.TableInfo;

import java.nio.file.Path;
import java.util.List;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Every table and view of a file, read-only, in pages: for unknown files and the tables the other tabs do not show. */
public final class TablesViewModel implements AutoCloseable {

    static final int PAGE = 500;

    private final Path file;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final WorkerResource<RawDatabase> db; // used on the runner's thread only

    private final ObservableList<TableInfo> tables = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TableInfo> selected = new ReadOnlyObjectWrapper<>();
    private final PagedList<TableInfo, List<Object>> rows;

    public TablesViewModel(Path file, TaskRunner runner, DialogService dialogs) {
        this.file = file;
        this.db = new WorkerResource<>(() -> RawDatabase.openReadOnly(file), RawDatabase::cancel);
        this.runner = runner;
        this.dialogs = dialogs;
        this.rows = new PagedList<>(runner, db::cancel, (table, request) -> {
            RawPage page = db.get().rows(table, request);
            return new Page<>(page.rows(), page.next());
        }, (table, position) -> db.get().keyBefore(table, position), table -> db.get().count(table), PAGE, "row", this::failed);
    }

    public ObservableList<TableInfo> tables() {
        return tables;
    }

    public ReadOnlyObjectProperty<TableInfo> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected table's rows; a row is null while its page is on its way. */
    public ObservableList<List<Object>> rows() {
        return rows.items();
    }

    public ReadOnlyStringProperty totalProperty() {
        return rows.totalProperty();
    }

    /** Lists the tables (again). */
    public void refresh() {
        runner.submit(() -> db.get().tables(), db::cancel, list -> {
            tables.setAll(list);
            TableInfo current = selected.get();
            if (current != null) {
                list.stream().filter(t -> t.name().equals(current.name())).findFirst().ifPresent(this::select);
            }
        }, this::failed);
    }

    /** Shows the first page of a table; its row count follows. */
    public void select(TableInfo table) {
        selected.set(table);
        if (table != null) {
            rows.reload(table);
        }
    }

    /** The rows as pages, for the table's wiring (which rows are drawn). */
    public PagedList<TableInfo, List<Object>> list() {
        return rows;
    }

    private void failed(Throwable error) {
        dialogs.readFailed(file, error);
    }

    @Override
    public void close() {
        rows.cancel();
        db.close(runner);
    }
}
