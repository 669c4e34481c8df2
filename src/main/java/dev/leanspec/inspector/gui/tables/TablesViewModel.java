package dev.leanspec.inspector.gui.tables;

import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.RawPage;
import dev.leanspec.inspector.persistence.raw.TableInfo;

import java.nio.file.Path;
import java.util.List;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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
    private final ObservableList<List<Object>> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private PageKey next;
    private boolean loading;
    private int generation;

    public TablesViewModel(Path file, TaskRunner runner, DialogService dialogs) {
        this.file = file;
        this.db = new WorkerResource<>(() -> RawDatabase.openReadOnly(file), RawDatabase::cancel);
        this.runner = runner;
        this.dialogs = dialogs;
    }

    public ObservableList<TableInfo> tables() {
        return tables;
    }

    public ReadOnlyObjectProperty<TableInfo> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ObservableList<List<Object>> rows() {
        return rows;
    }

    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
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
        int current = ++generation;
        selected.set(table);
        rows.clear();
        next = null;
        total.set("");
        if (table == null) {
            return;
        }
        loading = true;
        runner.submit(() -> db.get().rows(table, PageRequest.first(PAGE)), db::cancel, (RawPage page) -> {
            if (current != generation) {
                return;
            }
            loading = false;
            rows.setAll(page.rows());
            next = page.next();
            total.set("counting…");
            runner.submit(() -> db.get().count(table), db::cancel, count -> {
                if (current == generation) {
                    total.set(String.format("%,d rows", count));
                }
            }, error -> total.set(""));
        }, this::failed);
    }

    /** Appends the next page of the selected table. */
    public void loadMore() {
        TableInfo table = selected.get();
        if (table == null || next == null || loading) {
            return;
        }
        int current = generation;
        PageRequest request = new PageRequest(PAGE, next);
        loading = true;
        runner.submit(() -> db.get().rows(table, request), db::cancel, (RawPage page) -> {
            if (current != generation) {
                return;
            }
            loading = false;
            rows.addAll(page.rows());
            next = page.next();
        }, this::failed);
    }

    private void failed(Throwable error) {
        loading = false;
        dialogs.readFailed(file, error);
    }

    @Override
    public void close() {
        generation++;
        db.close(runner);
    }
}
