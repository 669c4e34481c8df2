package dev.leanspec.inspector.gui.common;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The wiring every paged table of the window shares. */
public final class PagedTables {

    /** How close to the end a row must come into view before the next page is fetched. */
    static final int PREFETCH_ROWS = 30;

    private PagedTables() {
    }

    /** A read-only text column. */
    public static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return column;
    }

    /** Fetches the next page when a row near the end comes into view. */
    public static <T> void loadMoreOnScroll(TableView<T> table, Runnable loadMore) {
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (!empty && getIndex() >= t.getItems().size() - PREFETCH_ROWS) {
                    loadMore.run();
                }
            }
        });
    }

    /**
     * Tells {@code onSelect} of each selection the user makes; after an in-place refresh (which
     * replaces the rows) selects the row with the same id again without telling it, so the detail
     * pane does not reload.
     */
    public static <T> void keepSelection(TableView<T> table, ObservableValue<Number> refreshed, Function<T, String> idOf,
                                         Consumer<T> onSelect) {
        String[] selectedId = {null};
        boolean[] restoring = {false};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (!restoring[0]) {
                selectedId[0] = row == null ? null : idOf.apply(row);
                onSelect.accept(row);
            }
        });
        refreshed.addListener((o, a, b) -> {
            restoring[0] = true;
            try {
                for (int i = 0; i < table.getItems().size(); i++) {
                    if (Objects.equals(idOf.apply(table.getItems().get(i)), selectedId[0])) {
                        table.getSelectionModel().select(i);
                        break;
                    }
                }
            } finally {
                restoring[0] = false;
            }
        });
    }
}
