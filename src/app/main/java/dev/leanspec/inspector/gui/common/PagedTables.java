package dev.leanspec.inspector.gui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The wiring every paged table of the window shares. */
public final class PagedTables {

    /** How close to the end a row must come into view before the next page is fetched. */
    static final int PREFETCH_ROWS = 30;

    /** The height of a row of a paged table, in pixels: one line of text or a status badge. */
    public static final double ROW_HEIGHT = 28;

    private PagedTables() {
    }

    /** A read-only text column. */
    public static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        // A row whose page is still on its way is null: its cells stay blank until it arrives.
        column.setCellValueFactory(cell -> new SimpleStringProperty(blankAsSpace(cell.getValue() == null ? null : value.apply(cell.getValue()))));
        return column;
    }

    /**
     * A cell's text, a space where there is none: a cell drops its text node when its text is
     * empty and adds it back, its styles matched again, when the next row has some; scrolling a
     * million rows, every cell did so twice per screen (blank while its page was on its way).
     */
    public static String blankAsSpace(String text) {
        return text == null || text.isEmpty() ? " " : text;
    }

    /**
     * Tells the list which rows are drawn, so their pages are read ({@code show}), and reads the
     * next page when a row near the end comes into view while the total is not known yet.
     */
    public static <T> void pageOnScroll(TableView<T> table, PagedList<?, T> rows) {
        // Every row one line high: with a fixed height the table neither measures rows nor keeps
        // a size per row (a million of them made the garbage collector pause for 75 ms), and it
        // lays out only the cells in view. (Lists of a million rows: WindowedTable.)
        table.setFixedCellSize(ROW_HEIGHT);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (!empty) {
                    rows.show(getIndex());
                    if (getIndex() >= t.getItems().size() - PREFETCH_ROWS) {
                        rows.loadMore();
                    }
                }
            }
        });
    }

    /** At most this many columns of a wide table or result are shown at once (see {@link #valueColumns}). */
    public static final int COLUMN_GROUP = 20;

    /**
     * Columns of preview values (rows as lists, NULL shown as such, line breaks as ↵), for the
     * names from index {@code first}, at most {@link #COLUMN_GROUP} of them: JavaFX builds a
     * header and a cell per column for every row in view, and a 500-column table took seconds
     * to appear.
     */
    public static List<TableColumn<List<Object>, ?>> valueColumns(List<String> names, int first) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = first; i < Math.min(names.size(), first + COLUMN_GROUP); i++) {
            indexes.add(i);
        }
        return valueColumns(names, indexes, row -> row);
    }

    /** The same for the columns at {@code indexes}, of rows of any type whose values {@code values} gives. */
    public static <T> List<TableColumn<T, ?>> valueColumns(List<String> names, List<Integer> indexes, Function<T, List<Object>> values) {
        List<TableColumn<T, ?>> columns = new ArrayList<>();
        for (int index : indexes) {
            TableColumn<T, String> column = new TableColumn<>(names.get(index));
            column.setSortable(false);
            column.setPrefWidth(140);
            column.setUserData(index);
            column.setCellValueFactory(cell -> {
                List<Object> row = cell.getValue() == null ? null : values.apply(cell.getValue());
                Object value = row == null || index >= row.size() ? null : row.get(index);
                // A row whose page is on its way stays blank; NULL says so.
                return new SimpleStringProperty(row == null ? null : value == null ? "NULL" : value.toString().replace('\n', '↵'));
            });
            columns.add(column);
        }
        return columns;
    }
}
