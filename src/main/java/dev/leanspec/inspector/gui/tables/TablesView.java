package dev.leanspec.inspector.gui.tables;

import dev.leanspec.inspector.persistence.raw.TableInfo;

import java.util.List;

import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

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
        dev.leanspec.inspector.gui.common.PagedTables.loadMoreOnScroll(table, model::loadMore);
        model.selectedProperty().addListener((o, a, info) -> {
            table.getColumns().clear();
            if (info == null) {
                return;
            }
            for (int i = 0; i < info.columns().size(); i++) {
                int index = i;
                TableColumn<List<Object>, String> column = new TableColumn<>(info.columns().get(i));
                column.setSortable(false);
                column.setPrefWidth(140);
                column.setCellValueFactory(cell -> {
                    Object value = cell.getValue().get(index);
                    // A preview line per cell; the full (cut) value shows in the tooltip-free copy.
                    return new SimpleStringProperty(value == null ? "NULL" : value.toString().replace('\n', '↵'));
                });
                table.getColumns().add(column);
            }
        });
        Label total = new Label();
        total.textProperty().bind(model.totalProperty());
        total.setPadding(new Insets(4, 8, 4, 8));
        BorderPane right = new BorderPane(table);
        right.setTop(total);
        getItems().addAll(list, right);
        setDividerPositions(0.22);
    }
}
