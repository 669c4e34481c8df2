package dev.leanspec.inspector.gui.common;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

/**
 * Sizes a table's columns to what they show: each as wide as its header and the longest value of
 * the rows read so far, within a bound, and the width left over to one column of long text. Fixed
 * widths cut short values ("autonom…", "Defa…") while half the table stayed empty. A column the
 * user has resized keeps the user's width.
 */
public final class ColumnWidths {

    /** The widest a column is made; a longer value shows in the detail pane or the cell viewer. */
    private static final double MAX = 420;
    /** The rows measured: the first ones read, enough for a page in view. */
    private static final int ROWS = 200;
    /** A cell's and a header's padding and borders; a sortable header's arrow beside its title. */
    private static final double CELL_PADDING = 22;
    private static final double SORT_ARROW = 18;
    private static final double GRAPHIC_PADDING = 12;
    private static final String CELL = ".table-row-cell .table-cell";
    /** Room for the vertical scroll bar. */
    private static final double SCROLL_BAR = 16;

    private ColumnWidths() {
    }

    /**
     * Sizes {@code table}'s columns from now on, whenever rows arrive or the table is resized; the
     * width left over goes to the column whose content is widest.
     */
    public static <S> void fitToContent(TableView<S> table) {
        fitToContent(table, null);
    }

    /**
     * Sizes {@code table}'s columns from now on, whenever rows arrive or the table is resized.
     *
     * @param fill the column that takes the width left over (the one of long text); null for the
     *             column whose content is widest
     */
    public static <S> void fitToContent(TableView<S> table, TableColumn<S, ?> fill) {
        fitToContent(table, fill, null);
    }

    /**
     * Sizes the columns of a {@link WindowedTable}'s table from the first rows of the whole list,
     * not of the window it holds: the window moves as the user scrolls, and rows still on their
     * way would make every column as narrow as its title.
     *
     * @return measures the same rows again in the columns given (values that arrive after their
     *         rows, in place of "…"); the others keep their widths
     */
    public static <S> Consumer<Collection<TableColumn<S, ?>>> fitToContent(WindowedTable<S> windowed, TableColumn<S, ?> fill) {
        return fitToContent(windowed.table(), fill, windowed.all());
    }

    /** {@code all}: the rows to measure, or null for the table's items (whichever list they are). */
    private static <S> Consumer<Collection<TableColumn<S, ?>>> fitToContent(TableView<S> table, TableColumn<S, ?> fill, ObservableList<S> all) {
        Supplier<ObservableList<S>> items = all == null ? table::getItems : () -> all;
        Set<TableColumn<S, ?>> userSized = new HashSet<>();
        boolean[] ours = {false};
        // Measured once per set of rows (a new query's first rows), not at each page that comes
        // as the table scrolls: a frame while scrolling a million rows must not pay for it.
        Object[] measuredFirst = {null};
        // Columns whose values came after their rows, to measure again on the same rows.
        Set<TableColumn<S, ?>> again = new HashSet<>();
        PauseTransition soon = new PauseTransition(Duration.millis(50));
        soon.setOnFinished(e -> {
            List<S> measured = items.get();
            S first = measured.isEmpty() ? null : measured.getFirst();
            // The first row let go (scrolled far past; its page is read again on the way back):
            // the same rows, nothing to measure.
            boolean newRows = first != measuredFirst[0] && (first != null || measured.isEmpty());
            if (newRows && first != null && table.lookup(CELL) == null) {
                // No row drawn yet (its tab not shown): measured once one is, in the cells' font.
                return;
            }
            measuredFirst[0] = first;
            ours[0] = true;
            try {
                fit(table, measured, fill, userSized, newRows ? null : Set.copyOf(again));
            } finally {
                ours[0] = false;
                again.clear();
            }
        });
        Runnable later = soon::playFromStart;
        ListChangeListener<S> rows = c -> {
            if (items.get().isEmpty() || items.get().getFirst() != measuredFirst[0]) {
                later.run();
            }
        };
        items.get().addListener(rows);
        if (all == null) {
            table.itemsProperty().addListener((o, was, now) -> {
                userSized.clear();
                measuredFirst[0] = null;
                now.addListener(rows);
                later.run();
            });
        }
        table.widthProperty().addListener((o, was, now) -> later.run());
        table.needsLayoutProperty().addListener((o, was, now) -> {
            if (!now && measuredFirst[0] == null && !items.get().isEmpty()) {
                later.run(); // rows drawn for the first time
            }
        });
        table.getColumns().addListener((ListChangeListener<TableColumn<S, ?>>) c -> {
            userSized.retainAll(table.getColumns());
            watch(table, userSized, ours);
            measuredFirst[0] = null;
            later.run();
        });
        watch(table, userSized, ours);
        later.run();
        // Only those columns: measuring all of them again (2,400 cells) took the FX thread ~0.1 s
        // as the first rows came, a frame of figure 8b's drag.
        return columns -> {
            again.addAll(columns);
            later.run();
        };
    }

    /** Notes the columns whose width changes other than through {@link #fit} (a user's drag). */
    private static <S> void watch(TableView<S> table, Set<TableColumn<S, ?>> userSized, boolean[] ours) {
        for (TableColumn<S, ?> column : table.getColumns()) {
            if (column.getProperties().putIfAbsent(ColumnWidths.class, Boolean.TRUE) == null) {
                column.widthProperty().addListener((o, was, now) -> {
                    if (!ours[0] && column.getTableView() != null && column.getTableView().getSkin() != null && !table.getItems().isEmpty()
                            && Math.abs(now.doubleValue() - column.getPrefWidth()) > 0.5) {
                        userSized.add(column);
                    }
                });
            }
        }
    }

    /** {@code only}: the columns to measure; null for all of them, empty for none (the rest given out again). */
    private static <S> void fit(TableView<S> table, List<S> items, TableColumn<S, ?> fill, Set<TableColumn<S, ?>> userSized,
                                Set<TableColumn<S, ?>> only) {
        if (only != null && only.isEmpty()) {
            giveTheRestTo(table, fill == null ? widest(table) : fill, userSized);
            return;
        }
        // Each column's own cells' font: an id column may be monospaced, smaller than the rest.
        Map<TableColumn<?, ?>, Font> fonts = new HashMap<>();
        for (Node node : table.lookupAll(CELL)) {
            if (node instanceof TableCell<?, ?> cell && cell.getTableColumn() != null) {
                fonts.putIfAbsent(cell.getTableColumn(), cell.getFont());
            }
        }
        Font cellFont = font(table, CELL, Font.getDefault());
        Font headerFont = font(table, ".column-header .label",
                Font.font(cellFont.getFamily(), FontWeight.BOLD, cellFont.getSize()));
        for (TableColumn<S, ?> column : table.getVisibleLeafColumns()) {
            if (userSized.contains(column) || only != null && !only.contains(column)) {
                continue;
            }
            // A title drawn as a graphic (a label with a tooltip, a title above a filter) sits in its own padding.
            double width = textWidth(title(column), headerFont) + CELL_PADDING + (column.isSortable() ? SORT_ARROW : 0)
                    + (column.getGraphic() != null ? GRAPHIC_PADDING : 0);
            int measured = 0;
            for (int i = 0; i < Math.min(items.size(), ROWS); i++) {
                S row = items.get(i);
                if (row == null) {
                    continue;
                }
                ObservableValue<?> value = column.getCellObservableValue(row);
                Object shown = value == null ? null : value.getValue();
                if (shown != null) {
                    width = Math.max(width, textWidth(shown.toString(), fonts.getOrDefault(column, cellFont)) + CELL_PADDING + extra(column));
                }
                measured++;
            }
            width = Math.ceil(Math.min(width, Math.max(MAX, column.getMinWidth())));
            column.setPrefWidth(width);
            column.getProperties().put(CONTENT_WIDTH, width);
        }
        giveTheRestTo(table, fill == null ? widest(table) : fill, userSized);
    }

    private static <S> TableColumn<S, ?> widest(TableView<S> table) {
        TableColumn<S, ?> widest = null;
        double most = 0;
        for (TableColumn<S, ?> column : table.getVisibleLeafColumns()) {
            if (column.getProperties().get(CONTENT_WIDTH) instanceof Double width && width > most) {
                most = width;
                widest = column;
            }
        }
        return widest;
    }

    /** The key under which a column keeps the width its content asked for. */
    private static final String CONTENT_WIDTH = "leanspec.contentWidth";

    /** Widens {@code fill} by what the other columns leave of the table's width. */
    private static <S> void giveTheRestTo(TableView<S> table, TableColumn<S, ?> fill, Set<TableColumn<S, ?>> userSized) {
        if (fill == null || !fill.isVisible() || userSized.contains(fill) || !(fill.getProperties().get(CONTENT_WIDTH) instanceof Double own)) {
            return;
        }
        double others = 0;
        for (TableColumn<S, ?> column : table.getVisibleLeafColumns()) {
            if (column != fill) {
                others += userSized.contains(column) ? column.getWidth() : column.getPrefWidth();
            }
        }
        fill.setPrefWidth(Math.max(own, Math.floor(table.getWidth() - others - SCROLL_BAR)));
    }

    /**
     * Says that {@code column}'s cells draw their text with {@code pixels} more around it than a
     * plain cell (a badge's padding).
     */
    public static void extra(TableColumn<?, ?> column, double pixels) {
        column.getProperties().put(EXTRA, pixels);
    }

    private static final String EXTRA = "leanspec.extraWidth";

    private static double extra(TableColumn<?, ?> column) {
        return column.getProperties().get(EXTRA) instanceof Double pixels ? pixels : 0;
    }

    private static String title(TableColumn<?, ?> column) {
        if (column.getText() != null && !column.getText().isEmpty()) {
            return column.getText();
        }
        return labelIn(column.getGraphic());
    }

    /** The text of a header's graphic: a label, or the first label in it (a title above a filter). */
    private static String labelIn(Node graphic) {
        if (graphic instanceof Labeled label) {
            return label.getText();
        }
        if (graphic instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                String text = labelIn(child);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static Font font(TableView<?> table, String selector, Font otherwise) {
        Node node = table.lookup(selector);
        return node instanceof Labeled labeled ? labeled.getFont() : otherwise;
    }

    private static double textWidth(String text, Font font) {
        String firstLine = text.lines().findFirst().orElse("");
        Text measure = new Text(firstLine.length() > 200 ? firstLine.substring(0, 200) : firstLine);
        measure.setFont(font);
        return measure.getLayoutBounds().getWidth();
    }
}
