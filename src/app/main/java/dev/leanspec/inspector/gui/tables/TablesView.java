package dev.leanspec.inspector.gui.tables;

import dev.leanspec.inspector.export.RowFormats;
import dev.leanspec.inspector.gui.common.ColumnWidths;
import dev.leanspec.inspector.gui.common.Controls;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.PagedTables;
import dev.leanspec.inspector.gui.tables.TablesViewModel.Cell;
import dev.leanspec.inspector.gui.tables.TablesViewModel.Row;
import dev.leanspec.inspector.persistence.raw.TableInfo;
import dev.leanspec.inspector.persistence.raw.TableQuery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The file's tables and views: the selected one's rows in a read-only grid, sorted by SQLite on
 * a header's click, filtered by a box under each header and one over all columns (as you type),
 * with a cell viewer (text, JSON pretty and as a tree, blobs in hex and as an image), copy of
 * rows in four formats, and export of what the filters match.
 */
public final class TablesView extends SplitPane {

    /** At most this many columns are in the table at once. */
    public static final int COLUMN_GROUP = PagedTables.COLUMN_GROUP;

    private final TablesViewModel model;
    private final TableView<Row> table;

    public TablesView(TablesViewModel model) {
        this.model = model;
        setId("tables-view");
        ListView<TableInfo> list = new ListView<>(model.tables());
        list.setId("table-list");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(TableInfo table, boolean empty) {
                super.updateItem(table, empty);
                setText(empty || table == null ? null : table.name() + (table.type().equals("view") ? "  (view)" : ""));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, table) -> model.select(table));

        table = new TableView<>(model.rows());
        table.setId("raw-table");
        Label empty = new Label();
        empty.textProperty().bind(Bindings.createStringBinding(() -> {
            TableQuery query = model.queryProperty().get();
            if (model.list().loadingProperty().get()) {
                return "Loading…";
            }
            if (model.selectedProperty().get() == null) {
                return "Select a table on the left to see its rows.";
            }
            boolean filtered = query != null && (!query.filters().isEmpty() || query.anyText() != null && !query.anyText().isEmpty());
            return filtered ? "No rows match the filters." : "This table has no rows.";
        }, model.list().loadingProperty(), model.selectedProperty(), model.queryProperty()));
        table.setPlaceholder(empty);
        ColumnWidths.fitToContent(table);
        PagedTables.pageOnScroll(table, model.list());
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // Sorting is SQLite's (the whole table, not the rows on screen).
        table.setSortPolicy(t -> {
            if (t.getSortOrder().isEmpty()) {
                model.sortBy(null, false);
            } else {
                TableColumn<Row, ?> first = t.getSortOrder().getFirst();
                TableInfo info = model.selectedProperty().get();
                model.sortBy(info.columns().get((Integer) first.getUserData()), first.getSortType() == TableColumn.SortType.DESCENDING);
            }
            return true;
        });
        table.getSelectionModel().getSelectedCells().addListener((ListChangeListener<TablePosition>) c -> {
            TablePosition<?, ?> focused = table.getFocusModel().getFocusedCell();
            if (focused != null && focused.getRow() >= 0 && focused.getTableColumn() != null && focused.getRow() < table.getItems().size()) {
                model.view(table.getItems().get(focused.getRow()), (Integer) focused.getTableColumn().getUserData());
            }
        });
        table.setContextMenu(copyMenu());
        // Another order or filter: the old selection points at other rows.
        model.queryProperty().addListener((o, was, now) -> table.getSelectionModel().clearSelection());
        table.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copyRows(RowFormats.Format.TSV);
                e.consume();
            }
        });

        // A table's columns are shown COLUMN_GROUP at a time: JavaFX builds a header and a cell
        // per column for every row in view, and a 500-column table took seconds to appear.
        ComboBox<Integer> group = new ComboBox<>();
        group.setId("column-group");
        group.setVisible(false);
        group.setManaged(false);
        group.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer first) {
                TableInfo info = model.selectedProperty().get();
                int count = info == null ? 0 : info.columns().size();
                return first == null ? "" : String.format("Columns %,d–%,d of %,d", first + 1, Math.min(count, first + COLUMN_GROUP), count);
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        group.valueProperty().addListener((o, a, first) -> table.getColumns().setAll(columns(model.selectedProperty().get(), first == null ? 0 : first)));
        model.selectedProperty().addListener((o, a, info) -> {
            int count = info == null ? 0 : info.columns().size();
            List<Integer> starts = new ArrayList<>();
            for (int first = 0; first < count; first += COLUMN_GROUP) {
                starts.add(first);
            }
            group.getItems().setAll(starts);
            group.setVisible(starts.size() > 1);
            group.setManaged(starts.size() > 1);
            group.setValue(null);
            table.getColumns().setAll(columns(info, 0));
            group.setValue(starts.isEmpty() ? null : starts.get(0));  // the chooser says "Columns 1–20 of 60"
        });

        TextField any = new TextField();
        any.setId("table-filter");
        any.setPromptText("Find in every column");
        any.setPrefWidth(240);
        any.textProperty().bindBidirectional(model.anyTextProperty());
        Controls.applyAsTyped(any, model::applyFilters);
        Label total = new Label();
        total.setId("table-total");
        total.textProperty().bind(model.totalProperty());
        Button stop = new Button("Stop");
        stop.setId("table-stop");
        stop.visibleProperty().bind(model.list().loadingProperty().or(model.totalProperty().isEqualTo("counting…")));
        stop.setOnAction(e -> model.cancel());
        Button export = new Button("Export…");
        export.setId("table-export");
        export.setOnAction(e -> model.exportChosen());
        BorderPane bar = Controls.toolBar(List.of(any, group), total, stop, export);

        SplitPane rowsAndCell = new SplitPane(table, cellViewer());
        rowsAndCell.setOrientation(Orientation.VERTICAL);
        rowsAndCell.setDividerPositions(0.7);
        BorderPane right = new BorderPane(rowsAndCell);
        right.setTop(bar);
        getItems().addAll(list, right);
        setDividerPositions(0.22);
    }

    /**
     * The columns from {@code first}, at most {@link #COLUMN_GROUP}; past the first group the first
     * column (the id, in LeanSpec's tables) stays at the left, so each row can still be told.
     * Each header has a filter box under its name.
     */
    private List<TableColumn<Row, ?>> columns(TableInfo info, int first) {
        if (info == null) {
            return List.of();
        }
        List<Integer> indexes = new ArrayList<>();
        if (first > 0) {
            indexes.add(0);
        }
        for (int i = first; i < Math.min(info.columns().size(), first + COLUMN_GROUP); i++) {
            indexes.add(i);
        }
        List<TableColumn<Row, ?>> columns = PagedTables.valueColumns(info.columns(), indexes, Row::values);
        for (TableColumn<Row, ?> column : columns) {
            String name = column.getText();
            column.setSortable(true);
            TextField filter = new TextField(model.filters().getOrDefault(name, ""));
            filter.setPromptText("filter");
            filter.getStyleClass().add("column-filter");
            filter.textProperty().addListener((o, was, now) -> model.filters().put(name, now));
            Controls.applyAsTyped(filter, model::applyFilters);
            Label title = new Label(name);
            title.setMaxWidth(Double.MAX_VALUE);
            VBox header = new VBox(2, title, filter);
            header.setPadding(new Insets(2, 0, 2, 0));
            column.setText("");
            column.setGraphic(header);
        }
        return columns;
    }

    private ContextMenu copyMenu() {
        MenuItem cell = new MenuItem("Copy cell");
        cell.setOnAction(e -> {
            Cell shown = model.cellProperty().get();
            if (shown != null) {
                paste(text(shown.value()));
            }
        });
        Menu rows = new Menu("Copy rows as");
        for (RowFormats.Format format : RowFormats.Format.values()) {
            MenuItem item = new MenuItem(format == RowFormats.Format.SQL ? "SQL INSERT" : format.name());
            item.setOnAction(e -> copyRows(format));
            rows.getItems().add(item);
        }
        ContextMenu menu = new ContextMenu(cell, rows);
        // Where the row under the caret leads (its session, conversation, runner), first.
        List<MenuItem> copying = List.of(cell, rows);
        menu.setOnShowing(e -> {
            int focused = table.getFocusModel().getFocusedIndex();
            Row row = focused >= 0 && focused < table.getItems().size() ? table.getItems().get(focused) : null;
            List<MenuItem> items = new ArrayList<>();
            for (TablesViewModel.RowLink link : model.links(row)) {
                MenuItem go = new MenuItem(link.label());
                go.getStyleClass().add("row-link");
                go.setOnAction(a -> model.follow(link));
                items.add(go);
            }
            if (!items.isEmpty()) {
                items.add(new SeparatorMenuItem());
            }
            items.addAll(copying);
            menu.getItems().setAll(items);
        });
        return menu;
    }

    /** The rows of the selected cells, each once, in order. */
    private void copyRows(RowFormats.Format format) {
        LinkedHashSet<Integer> indexes = new LinkedHashSet<>();
        for (TablePosition<?, ?> position : table.getSelectionModel().getSelectedCells()) {
            indexes.add(position.getRow());
        }
        List<Row> chosen = indexes.stream().sorted().filter(i -> i < table.getItems().size()).map(table.getItems()::get).toList();
        model.copy(chosen, format, TablesView::paste);
    }

    private static void paste(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** The selected cell, whole: as text, as JSON (pretty and a tree), as hex, as an image. */
    private BorderPane cellViewer() {
        Label about = new Label("Select a cell to see its whole value.");
        about.setId("cell-about");
        about.setPadding(new Insets(4, 8, 4, 8));
        TextArea text = new TextArea();
        text.setId("cell-text");
        text.setEditable(false);
        text.setWrapText(true);
        TextArea json = new TextArea();
        json.setId("cell-json");
        json.setEditable(false);
        json.getStyleClass().add("monospace");
        TreeView<String> tree = new TreeView<>();
        tree.setId("cell-json-tree");
        TextArea hex = new TextArea();
        hex.setId("cell-hex");
        hex.setEditable(false);
        hex.getStyleClass().add("monospace");
        ImageView image = new ImageView();
        image.setId("cell-image");
        image.setPreserveRatio(true);
        image.setFitHeight(240);
        Tab textTab = new Tab("Text", text);
        Tab jsonTab = new Tab("JSON", new SplitPane(json, tree));
        Tab hexTab = new Tab("Hex", hex);
        Tab imageTab = new Tab("Image", new BorderPane(image));
        TabPane tabs = new TabPane(textTab, jsonTab, hexTab, imageTab);
        tabs.setId("cell-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        model.cellProperty().addListener((o, was, shown) -> {
            Object value = shown == null ? null : shown.value();
            byte[] bytes = value instanceof byte[] b ? b : null;
            String asText = text(value);
            about.setText(shown == null ? "Select a cell to see its whole value." : shown.column()
                    + (shown.rowid() == null ? "" : " · " + model.rowKey(shown.rowid())) + " · " + kind(value)
                    + (shown.rowid() == null ? " · (no rowid: the preview)" : ""));
            text.setText(bytes == null ? asText : new String(bytes, StandardCharsets.UTF_8));
            var pretty = bytes == null && value instanceof String s ? Formats.prettyJson(s) : Optional.<String>empty();
            json.setText(pretty.orElse(""));
            tree.setRoot(pretty.map(p -> jsonTree((String) value)).orElse(null));
            jsonTab.setDisable(pretty.isEmpty());
            hex.setText(bytes == null ? "" : hexDump(bytes));
            hexTab.setDisable(bytes == null);
            Image picture = bytes == null ? null : new Image(new ByteArrayInputStream(bytes));
            boolean isImage = picture != null && !picture.isError() && picture.getWidth() > 0;
            image.setImage(isImage ? picture : null);
            imageTab.setDisable(!isImage);
            Tab best = isImage ? imageTab : pretty.isPresent() ? jsonTab : bytes != null ? hexTab : textTab;
            tabs.getSelectionModel().select(best);
        });
        BorderPane pane = new BorderPane(tabs);
        pane.setTop(about);
        return pane;
    }

    private static String text(Object value) {
        return value == null ? "NULL" : value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value.toString();
    }

    private static String kind(Object value) {
        return switch (value) {
            case null -> "NULL";
            case byte[] bytes -> "blob, " + Formats.bytes(bytes.length);
            case String s -> String.format("text, %,d characters", s.length());
            case Double d -> "real";
            default -> "integer";
        };
    }

    /** Offset, 16 bytes in hex, and their printable characters, for the first 64 KB. */
    static String hexDump(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(bytes.length, 64 * 1024);
        for (int line = 0; line < shown; line += 16) {
            out.append(String.format("%08x  ", line));
            StringBuilder chars = new StringBuilder();
            for (int i = line; i < line + 16; i++) {
                if (i < shown) {
                    out.append(String.format("%02x ", bytes[i] & 0xff));
                    chars.append(bytes[i] >= 0x20 && bytes[i] < 0x7f ? (char) bytes[i] : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append(' ').append(chars).append('\n');
        }
        if (shown < bytes.length) {
            out.append(String.format("… %,d more bytes%n", bytes.length - shown));
        }
        return out.toString();
    }

    private static TreeItem<String> jsonTree(String text) {
        try {
            return node("(root)", new ObjectMapper().readTree(text));
        } catch (IOException e) {
            return null;
        }
    }

    private static TreeItem<String> node(String name, JsonNode json) {
        TreeItem<String> item = new TreeItem<>(json.isContainerNode() ? name + (json.isArray() ? " [" + json.size() + "]" : " {" + json.size() + "}")
                : name + ": " + json.toString());
        item.setExpanded(true);
        if (json.isObject()) {
            json.properties().forEach(field -> item.getChildren().add(node(field.getKey(), field.getValue())));
        } else if (json.isArray()) {
            for (int i = 0; i < json.size(); i++) {
                item.getChildren().add(node("[" + i + "]", json.get(i)));
            }
        }
        return item;
    }
}
