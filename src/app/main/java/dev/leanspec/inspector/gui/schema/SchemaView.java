package dev.leanspec.inspector.gui.schema;

import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.SqlHighlighting;
import dev.leanspec.inspector.persistence.raw.FilePragmas;
import dev.leanspec.inspector.persistence.raw.SchemaObject;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Callback;

import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The Schema tab: the file and its objects as a tree (tables, views, indexes, triggers, each
 * with its size on disk), and the selected one's DDL highlighted, columns, foreign keys and row
 * count; for the file, its pragmas and an integrity check on request.
 */
public final class SchemaView extends SplitPane {

    private static final String FILE = "\u0000file";
    private static final String DIAGRAM = "\u0000diagram";

    private final SchemaViewModel model;
    private final TreeView<Object> tree = new TreeView<>();
    private final BorderPane detail = new BorderPane();

    public SchemaView(SchemaViewModel model) {
        this.model = model;
        setId("schema-view");
        tree.setId("schema-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : label(item));
            }
        });
        model.objects().addListener((ListChangeListener<SchemaObject>) c -> rebuild());
        model.sizes().addListener((MapChangeListener<String, Long>) c -> tree.refresh());
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, item) -> {
            Object value = item == null ? null : item.getValue();
            if (value instanceof SchemaObject object) {
                model.select(object);
                detail.setCenter(objectDetail(object));
            } else if (FILE.equals(value)) {
                model.select(null);
                detail.setCenter(fileDetail());
            } else if (DIAGRAM.equals(value)) {
                model.select(null);
                detail.setCenter(diagram());
            }
        });
        model.pragmasProperty().addListener((o, was, now) -> {
            if (isFileSelected()) {
                detail.setCenter(fileDetail());
            }
        });
        detail.setPadding(new Insets(8));
        Label hint = new Label(model.isPostgres() ? "Select the database or an object." : "Select the file or an object.");
        detail.setCenter(hint);
        getItems().addAll(tree, detail);
        setDividerPositions(0.28);
    }

    private boolean isFileSelected() {
        TreeItem<Object> item = tree.getSelectionModel().getSelectedItem();
        return item != null && FILE.equals(item.getValue());
    }

    private void rebuild() {
        TreeItem<Object> root = new TreeItem<>("root");
        TreeItem<Object> file = new TreeItem<>(FILE);
        root.getChildren().add(file);
        root.getChildren().add(new TreeItem<>(DIAGRAM));
        Map<String, TreeItem<Object>> groups = new LinkedHashMap<>();
        for (SchemaObject object : model.objects()) {
            TreeItem<Object> group = groups.computeIfAbsent(object.type(), type -> {
                TreeItem<Object> g = new TreeItem<>(type);
                g.setExpanded(type.equals("table") || type.equals("view"));
                root.getChildren().add(g);
                return g;
            });
            group.getChildren().add(new TreeItem<>(object));
        }
        groups.forEach((type, group) -> group.setValue(plural(type) + " (" + group.getChildren().size() + ")"));
        tree.setRoot(root);
        tree.getSelectionModel().select(file);
    }

    private String label(Object item) {
        if (FILE.equals(item)) {
            return model.isPostgres() ? "Database" : "File";
        }
        if (DIAGRAM.equals(item)) {
            return "Diagram (tables and their keys)";
        }
        if (item instanceof SchemaObject object) {
            Long bytes = model.sizes().get(object.name());
            return object.name() + (bytes == null ? "" : "   " + Formats.bytes(bytes));
        }
        return item.toString();
    }

    private Node objectDetail(SchemaObject object) {
        Label title = new Label(object.name());
        title.getStyleClass().add("title-4");
        Label facts = new Label();
        facts.setId("schema-facts");
        // A binding (its listeners are weak), so that the facts of objects shown before are not
        // kept and updated for ever, as listeners added on every selection were.
        facts.textProperty().bind(Bindings.createStringBinding(() -> {
            Long bytes = model.sizes().get(object.name());
            String on = object.table().equals(object.name()) ? "" : " on " + object.table();
            String size = bytes == null ? model.sizeNoteProperty().get() : Formats.bytes(bytes) + " on disk";
            return String.join(" · ", Stream.of(object.type() + on, size, model.rowCountProperty().get())
                    .filter(s -> !s.isBlank()).toList());
        }, model.sizes(), model.sizeNoteProperty(), model.rowCountProperty()));
        Button stop = new Button("Stop");
        stop.setId("schema-stop");
        stop.disableProperty().bind(model.rowCountProperty().isNotEqualTo("counting…").and(model.sizeNoteProperty().isNotEqualTo("measuring…")));
        stop.setOnAction(e -> model.cancel());
        HBox head = new HBox(12, title, facts, stop);
        head.setAlignment(Pos.CENTER_LEFT);

        VBox body = new VBox(8, head);
        var ddl = SqlHighlighting.readOnly(object.sql() == null ? "-- made by SQLite for a UNIQUE or PRIMARY KEY constraint" : object.sql());

        ddl.setId("schema-ddl");
        ddl.setPrefHeight(160);
        body.getChildren().add(new TitledPane("DDL", new VirtualizedScrollPane<>(ddl)));
        if (!object.columns().isEmpty()) {
            TableView<SchemaObject.Column> columns = new TableView<>(FXCollections.observableArrayList(object.columns()));
            columns.setId("schema-columns");
            columns.getColumns().add(column("Column", 180, SchemaObject.Column::name));
            if (!object.type().equals("index")) {
                columns.getColumns().add(column("Type", 110, SchemaObject.Column::type));
                columns.getColumns().add(column("Not null", 70, c -> c.notNull() ? "yes" : ""));
                columns.getColumns().add(column("Default", 140, c -> c.defaultValue() == null ? "" : c.defaultValue()));
                columns.getColumns().add(column("Primary key", 90, c -> c.primaryKey() == 0 ? "" : "#" + c.primaryKey()));
            }
            columns.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            columns.setPrefHeight(Math.min(420, 44 + 38 * object.columns().size()));
            body.getChildren().add(new TitledPane("Columns (" + object.columns().size() + ")", columns));
        }
        if (!object.foreignKeys().isEmpty()) {
            TableView<SchemaObject.ForeignKey> keys = new TableView<>(FXCollections.observableArrayList(object.foreignKeys()));
            keys.setId("schema-foreign-keys");
            keys.getColumns().add(column("Columns", 160, k -> String.join(", ", k.from())));
            keys.getColumns().add(column("References", 220, k -> k.table() + (k.to().isEmpty() ? "" : "(" + String.join(", ", k.to()) + ")")));
            keys.getColumns().add(column("On update", 100, SchemaObject.ForeignKey::onUpdate));
            keys.getColumns().add(column("On delete", 100, SchemaObject.ForeignKey::onDelete));
            keys.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            keys.setPrefHeight(44 + 38 * object.foreignKeys().size());
            body.getChildren().add(new TitledPane("Foreign keys (" + object.foreignKeys().size() + ")", keys));
        }
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Node diagram() {
        SchemaDiagram drawing = new SchemaDiagram(model.objects());
        drawing.setId("schema-diagram");
        Button save = new Button("Save as PNG…");
        save.setId("schema-diagram-save");
        save.setOnAction(e -> model.chooseDiagramFile().ifPresent(path -> {
            try {
                drawing.savePng(path);
            } catch (IOException failed) {
                model.diagramFailed(path, failed);
            }
        }));
        ScrollPane scroll = new ScrollPane(drawing);
        BorderPane pane = new BorderPane(scroll);
        pane.setTop(new ToolBar(save, new Label("An arrow goes from a table to the table its foreign key refers to.")));
        return pane;
    }

    private Node fileDetail() {
        if (model.isPostgres()) {
            Label where = new Label(model.where());
            where.setId("schema-database");
            Label note = new Label("A PostgreSQL schema, read on a read-only connection. The server keeps its own settings and "
                    + "checks its own pages: there are no file pragmas or integrity check here. Sizes are each table's and index's "
                    + "bytes on disk (pg_relation_size).");
            note.getStyleClass().add("text-muted");
            note.setWrapText(true);
            VBox box = new VBox(12, new Label(model.objects().isEmpty() ? "" : summary()), where, note);
            box.setPadding(new Insets(4));
            return box;
        }
        FilePragmas p = model.pragmasProperty().get();
        GridPane grid = new GridPane();
        grid.setId("schema-pragmas");
        grid.setHgap(16);
        grid.setVgap(6);
        if (p != null) {
            String[][] rows = {
                    {"Page size", String.format("%,d bytes", p.pageSize())},
                    {"Pages", String.format("%,d (%s)", p.pageCount(), Formats.bytes(p.pageCount() * p.pageSize()))},
                    {"Free pages", String.format("%,d (%s a VACUUM would give back)", p.freelistCount(), Formats.bytes(p.freelistCount() * p.pageSize()))},
                    {"Journal mode", p.journalMode()},
                    {"user_version", Long.toString(p.userVersion())},
                    {"application_id", Long.toString(p.applicationId())},
                    {"Encoding", p.encoding()},
                    {"Schema version", Long.toString(p.schemaVersion())},
                    {"Auto-vacuum", p.autoVacuum()},
                    {"SQLite", p.sqliteVersion()}};
            for (int i = 0; i < rows.length; i++) {
                Label name = new Label(rows[i][0]);
                name.getStyleClass().add("text-muted");
                grid.addRow(i, name, new Label(rows[i][1]));
            }
        }
        Button check = new Button("Check integrity");
        check.setId("schema-integrity");
        check.setOnAction(e -> model.checkIntegrity());
        Button stop = new Button("Stop");
        stop.disableProperty().bind(model.integrityProperty().isNotEqualTo("checking…"));
        stop.setOnAction(e -> model.cancel());
        Label found = new Label();
        found.setId("schema-integrity-result");
        found.textProperty().bind(model.integrityProperty());
        found.setWrapText(true);
        Label note = new Label("Read-only: these are shown, never set. The check reads every page and index.");
        note.getStyleClass().add("text-muted");
        VBox box = new VBox(12, new Label(model.objects().isEmpty() ? "" : summary()), grid, new HBox(8, check, stop), found, note);
        box.setPadding(new Insets(4));
        return box;
    }

    private String summary() {
        Map<String, Long> counts = new LinkedHashMap<>();
        model.objects().forEach(o -> counts.merge(o.type(), 1L, Long::sum));
        return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + (e.getValue() == 1 ? e.getKey() : plural(e.getKey()).toLowerCase(Locale.ROOT))).toList());
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        Callback<TableColumn.CellDataFeatures<T, String>, ObservableValue<String>> factory =
                cell -> new SimpleStringProperty(value.apply(cell.getValue()));
        column.setCellValueFactory(factory);
        return column;
    }

    private static String plural(String type) {
        return switch (type) {
            case "index" -> "Indexes";
            default -> Character.toUpperCase(type.charAt(0)) + type.substring(1) + "s";
        };
    }


}
