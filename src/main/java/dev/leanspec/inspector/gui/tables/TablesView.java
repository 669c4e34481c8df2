package dev.leanspec.inspector.gui.tables;

import dev.leanspec.inspector.gui.common.PagedTables;

import dev.leanspec.inspector.persistence.raw.TableInfo;

import java.util.List;

import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/** A list of the file's tables and views; the selected one's rows in a read-only table. */
public final class TablesView extends SplitPane {

    public TablesView(TablesViewModel model) {
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

        TableView<List<Object>> table = new TableView<>(model.rows());
        table.setId("raw-table");
        table.setPlaceholder(new Label("Select a table."));
        PagedTables.pageOnScroll(table, model.list());
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
        group.valueProperty().addListener((o, a, first) -> table.getColumns().setAll(
                columns(model.selectedProperty().get(), first == null ? 0 : first)));
        model.selectedProperty().addListener((o, a, info) -> {
            int count = info == null ? 0 : info.columns().size();
            List<Integer> starts = new java.util.ArrayList<>();
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
        Label total = new Label();
        total.textProperty().bind(model.totalProperty());
        total.setPadding(new Insets(4, 8, 4, 8));
        HBox top = new HBox(8, total, group);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        BorderPane right = new BorderPane(table);
        right.setTop(top);
        getItems().addAll(list, right);
        setDividerPositions(0.22);
    }

    /** At most this many columns are in the table at once. */
    public static final int COLUMN_GROUP = PagedTables.COLUMN_GROUP;

    private static List<TableColumn<List<Object>, ?>> columns(TableInfo info, int first) {
        return PagedTables.valueColumns(info == null ? List.of() : info.columns(), first);
    }
}
