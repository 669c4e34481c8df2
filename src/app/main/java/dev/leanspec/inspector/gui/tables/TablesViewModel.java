package dev.leanspec.inspector.gui.tables;

import dev.leanspec.inspector.export.RowFormats;
import dev.leanspec.inspector.export.TableExport;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.common.PagedList;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.RawPage;
import dev.leanspec.inspector.persistence.raw.SchemaObject;
import dev.leanspec.inspector.persistence.raw.TableInfo;
import dev.leanspec.inspector.persistence.raw.TableQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * Every table and view of a file, read-only, in pages: sorted on any column and filtered by
 * SQLite (a text per column and one over all columns), a cell viewer that reads the whole value,
 * copy of rows in four formats, and export of what the filters match (CSV, JSON, SQL dump).
 */
public final class TablesViewModel implements AutoCloseable {

    static final int PAGE = 500;

    /** A row as the grid holds it: previews, and its rowid (null for a view or WITHOUT ROWID table). */
    public record Row(List<Object> values, Long rowid) {
    }

    /** The value in the cell viewer: whole, as stored, with where it came from. */
    public record Cell(TableInfo table, String column, Long rowid, Object value) {
    }

    /** Where a row leads, and how its menu item reads ("Go to session 4f408588"). */
    public record RowLink(String label, Link link) {
    }

    private final Location location;
    private final DatabaseKind kind; // null for a file of no known kind: its rows lead nowhere
    private final Consumer<Link> links;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final WorkerResource<RawDatabase> db; // used on the runner's thread only

    private final ObservableList<TableInfo> tables = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TableInfo> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TableQuery> query = new ReadOnlyObjectWrapper<>();
    private final ObservableMap<String, String> filters = FXCollections.observableHashMap();
    private final StringProperty anyText = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Cell> cell = new ReadOnlyObjectWrapper<>();
    private final PagedList<TableQuery, Row> rows;

    /**
     * @param kind  what the file holds, or null when it is of no known kind
     * @param links where a row's links (its session, conversation, runner) are followed
     */
    public TablesViewModel(Location location, DatabaseKind kind, TaskRunner runner, DialogService dialogs, Consumer<Link> links) {
        this.location = location;
        this.kind = kind;
        this.links = links;
        this.db = new WorkerResource<>(() -> RawDatabase.openReadOnly(location), RawDatabase::cancel);
        this.runner = runner;
        this.dialogs = dialogs;
        this.rows = new PagedList<>(runner, db::cancel, (q, request) -> {
            RawPage page = db.get().rows(q, request);
            List<Row> read = new ArrayList<>(page.rows().size());
            for (int i = 0; i < page.rows().size(); i++) {
                read.add(new Row(page.rows().get(i), page.rowids().get(i)));
            }
            return new Page<>(read, page.next());
        }, (q, position) -> db.get().keyBefore(q, position), q -> db.get().count(q), PAGE, "row", this::failed);
    }

    /**
     * {@return how a row's key reads: SQLite's {@code rowid 42}, PostgreSQL's {@code ctid (3,17)}}
     *
     * @param rowid the key {@link Row#rowid()} holds
     */
    public String rowKey(long rowid) {
        return location instanceof Location.Server ? "ctid (" + (rowid >>> 16) + "," + (rowid & 0xFFFF) + ")" : "rowid " + rowid;
    }

    public ObservableList<TableInfo> tables() {
        return tables;
    }

    public ReadOnlyObjectProperty<TableInfo> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The order and filters of the rows shown; null before a table is selected. */
    public ReadOnlyObjectProperty<TableQuery> queryProperty() {
        return query.getReadOnlyProperty();
    }

    /** Column name to the text its values must contain; changes apply with {@link #applyFilters()}. */
    public ObservableMap<String, String> filters() {
        return filters;
    }

    /** Text that some column must contain. */
    public StringProperty anyTextProperty() {
        return anyText;
    }

    /** The selected table's rows; a row is null while its page is on its way. */
    public ObservableList<Row> rows() {
        return rows.items();
    }

    /** The rows as pages, for the table's wiring (which rows are drawn). */
    public PagedList<TableQuery, Row> list() {
        return rows;
    }

    public ReadOnlyStringProperty totalProperty() {
        return rows.totalProperty();
    }

    /** The cell in the viewer, read whole; null when none is. */
    public ReadOnlyObjectProperty<Cell> cellProperty() {
        return cell.getReadOnlyProperty();
    }

    /**
     * {@return where a row of one of LeanSpec's tables leads, by the ids LeanSpec wrote in it (no
     * file of any release declares a foreign key): a {@code sessions} row or any row with a
     * {@code session_id} to its session, a {@code spec_id} to that spec's sessions, a
     * {@code conversations} row or any row with a {@code conversation_id} to its conversation, a
     * {@code runners} row to its runner; empty for other rows and files of no known kind}
     */
    public List<RowLink> links(Row row) {
        TableInfo table = selected.get();
        if (table == null || row == null || kind == null) {
            return List.of();
        }
        List<RowLink> found = new ArrayList<>();
        String name = table.name().toLowerCase(Locale.ROOT);
        if (kind.hasSessions()) {
            text(table, row, name.equals("sessions") ? "id" : "session_id").ifPresent(id ->
                    found.add(new RowLink("Go to session " + Formats.shortId(id), new Link.Session(location, id))));
            text(table, row, "spec_id").ifPresent(spec ->
                    found.add(new RowLink("Sessions of spec " + spec, new Link.Sessions(location, spec, null, null))));
        }
        if (kind.hasConversations()) {
            text(table, row, name.equals("conversations") ? "id" : "conversation_id").ifPresent(id ->
                    found.add(new RowLink("Go to conversation " + Formats.shortId(id), new Link.Conversation(location, id))));
        }
        if (kind == DatabaseKind.LEANSPEC && name.equals("runners")) {
            text(table, row, "runner_id").ifPresent(id -> found.add(new RowLink("Go to runner " + id,
                    new Link.Runner(location, id, text(table, row, "project_path").orElse(null)))));
        }
        return found;
    }

    /** The value of a row's column as text, when the table has that column and the row a value in it. */
    private static Optional<String> text(TableInfo table, Row row, String column) {
        for (int i = 0; i < table.columns().size() && i < row.values().size(); i++) {
            if (table.columns().get(i).equalsIgnoreCase(column)) {
                Object value = row.values().get(i);
                return value instanceof String || value instanceof Number
                        ? Optional.of(value.toString()).filter(v -> !v.isBlank()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Takes the window to where a row leads (remembered for Back). */
    public void follow(RowLink link) {
        links.accept(link.link());
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

    /** Shows the first page of a table, in its own order and unfiltered; its row count follows. */
    public void select(TableInfo table) {
        selected.set(table);
        filters.clear();
        anyText.set("");
        cell.set(null);
        if (table != null) {
            load(TableQuery.all(table));
        }
    }

    /**
     * Sorts by a column (by SQLite), or back to the table's own order.
     *
     * @param column     the column, or null for the table's own order
     * @param descending whether descending
     */
    public void sortBy(String column, boolean descending) {
        TableQuery current = query.get();
        if (current != null && !(Objects.equals(column, current.sortColumn()) && descending == current.descending())) {
            load(new TableQuery(current.table(), column, descending, current.filters(), current.anyText()));
        }
    }

    /** Applies the filters as they are now. */
    public void applyFilters() {
        TableQuery current = query.get();
        if (current != null) {
            Map<String, String> now = Map.copyOf(filters);
            TableQuery next = new TableQuery(current.table(), current.sortColumn(), current.descending(), now, anyText.get());
            if (!next.equals(current)) {
                load(next);
            }
        }
    }

    /** Stops the page or count that is running. */
    public void cancel() {
        rows.cancel();
    }

    /**
     * Shows a cell in the viewer, its value read whole (the grid holds previews).
     *
     * @param row    the row
     * @param column the column's index
     */
    public void view(Row row, int column) {
        TableInfo table = selected.get();
        if (table == null || row == null || column < 0 || column >= table.columns().size()) {
            cell.set(null);
            return;
        }
        String name = table.columns().get(column);
        if (row.rowid() == null) {
            cell.set(new Cell(table, name, null, row.values().get(column))); // no rowid: the preview is all there is
            return;
        }
        runner.submit(() -> db.get().value(table, name, row.rowid()), db::cancel,
                value -> cell.set(new Cell(table, name, row.rowid(), value)), this::failed);
    }

    /**
     * Puts rows on the clipboard in a format, with their values whole (read again by rowid).
     *
     * @param chosen the rows
     * @param format TSV, CSV, JSON or SQL
     * @param paste  takes the text (on the UI thread)
     */
    public void copy(List<Row> chosen, RowFormats.Format format, Consumer<String> paste) {
        TableInfo table = selected.get();
        if (table == null || chosen.isEmpty()) {
            return;
        }
        List<Row> rowsToCopy = chosen.stream().filter(Objects::nonNull).toList();
        runner.submit(() -> {
            List<List<Object>> whole = new ArrayList<>();
            for (Row row : rowsToCopy) {
                if (row.rowid() == null) {
                    whole.add(row.values());
                } else {
                    List<Object> values = new ArrayList<>();
                    for (String column : table.columns()) {
                        values.add(db.get().value(table, column, row.rowid()));
                    }
                    whole.add(values);
                }
            }
            return RowFormats.format(format, table.name(), table.columns(), whole);
        }, db::cancel, paste, this::failed);
    }

    /** Asks where, then exports what the filters match there (by the name: .json, .sql, else CSV). */
    public void exportChosen() {
        TableInfo table = selected.get();
        if (table == null) {
            return;
        }
        dialogs.chooseSaveFile("Export " + table.name() + " (CSV, or .json, or .sql for a dump)", table.name() + ".csv")
                .ifPresent(this::export);
    }

    /**
     * Writes every row the filters match, in the shown order, values whole: CSV, JSON, or an SQL
     * dump ({@code CREATE TABLE} and {@code INSERT}s, in one transaction) for a {@code .sql} name.
     * Written beside the target, then moved into place.
     *
     * @param target the file to write
     */
    public void export(Path target) {
        TableQuery current = query.get();
        if (current == null) {
            return;
        }
        boolean sql = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql");
        runner.submit(() -> {
            Path temp = target.resolveSibling("." + target.getFileName() + ".partial");
            try {
                long count;
                try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    if (sql) {
                        count = dump(current, out);
                    } else {
                        try (TableExport.RowWriter writer = TableExport.writer(out, TableExport.Format.forFile(target), current.table().columns())) {
                            count = db.get().forEach(current, row -> {
                                try {
                                    writer.row(row);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
                        }
                    }
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return count;
            } finally {
                Files.deleteIfExists(temp);
            }
        }, db::cancel, count -> dialogs.notify("Exported", String.format("%,d rows to %s", count, target)),
                error -> dialogs.error("Export failed", "Could not export to " + target + ": " + error.getMessage()));
    }

    private long dump(TableQuery current, Writer out) throws IOException {
        TableInfo table = current.table();
        String ddl = db.get().schema().stream().filter(o -> o.name().equals(table.name())).map(SchemaObject::sql)
                .filter(Objects::nonNull).findFirst().orElse(null);
        out.write("-- " + table.name() + " of " + location.name() + (current.isPlain() ? "" : ", the rows the filters matched") + "\n");
        out.write("BEGIN TRANSACTION;\n");
        if (ddl != null && table.type().equals("table")) {
            out.write(ddl.replaceFirst("(?i)^CREATE TABLE", "CREATE TABLE IF NOT EXISTS") + ";\n");
        }
        long count = db.get().forEach(current, row -> {
            try {
                out.write(RowFormats.insert(table.name(), table.columns(), row));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.write("COMMIT;\n");
        return count;
    }

    private void load(TableQuery next) {
        TableQuery before = query.get();
        // A new filter may leave out the row whose cell is shown: the viewer is emptied rather
        // than show a value the table no longer lists (a new order keeps every row).
        if (before == null || !before.filters().equals(next.filters()) || !Objects.equals(before.anyText(), next.anyText())) {
            cell.set(null);
        }
        query.set(next);
        rows.reload(next);
    }

    private void failed(Throwable error) {
        dialogs.readFailed(location, error);
    }

    @Override
    public void close() {
        rows.cancel();
        db.close(runner);
    }
}
