package dev.leanspec.inspector.gui.common;

import java.util.Collections;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Skin;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * A table over a list of any length (a {@link PagedList}'s rows, a million of them): the table
 * holds a window of at most {@link #WINDOW} rows, moved as the user scrolls, and a scroll bar of
 * this node's own, drawn where the table's is, spans the whole list.
 *
 * <p>Why not hand JavaFX the million rows: its {@code VirtualFlow} walks its list of row sizes
 * from row 0 to the row in view several times a frame (to find the first row, the offset and the
 * estimated height; the same from JavaFX 21 to 26), so a frame costs in proportion to how far
 * down the table is. Dragged to the end of a million sessions, those walks took over half the FX
 * thread's time (JFR) and frames reached 70 ms. In a window every walk is at most
 * {@link #WINDOW} rows long.
 *
 * <p>Indexes in this class's methods are the list's; the table's own (its selection model, its
 * rows) are the window's, which begins at list row {@code base}. Lists no longer than the window
 * are shown whole: the window is the list.
 *
 * @param <T> the row type
 */
public final class WindowedTable<T> extends Region {

    /** Rows the table holds at once: a hundred screens of the tallest window. */
    public static final int WINDOW = 4_000;

    /** The window moves when the rows in view come this close to one of its ends. */
    private static final int MARGIN = WINDOW / 4;

    private static final double ROW = PagedTables.ROW_HEIGHT;

    /** The scroll bar's thumb is at least this long, in pixels: a screen of a million rows is a hair's breadth. */
    private static final double MIN_THUMB = 24;

    private final ObservableList<T> all;
    private final Window window = new Window();
    private final TableView<T> table;
    private final ScrollBar bar = new ScrollBar();
    private Flow flow;
    /** The list row the window begins at. */
    private int base;
    /** The list row selected, kept while the window is elsewhere; -1 for none. */
    private int selected = -1;
    /** The window is being moved or the bar set from the table: selection changes are not the user's. */
    private boolean moving;
    private boolean moveQueued;

    /** A table over {@code all}, with nothing else wired; see {@link #paged} for a paged list's. */
    public WindowedTable(ObservableList<T> all) {
        this.all = all;
        this.table = new TableView<>(window) {
            @Override
            protected Skin<?> createDefaultSkin() {
                return new WindowSkin(this);
            }
        };
        // Every row one line high: with a fixed height the table neither measures rows nor keeps
        // a size per row, and the window's scroll position maps to a row by arithmetic.
        table.setFixedCellSize(ROW);
        table.getStyleClass().add("windowed");
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.getSelectionModel().selectedIndexProperty().addListener((o, was, index) -> {
            if (!moving) {
                selected = index.intValue() < 0 ? -1 : base + index.intValue();
            }
        });
        // Home and End mean the list's ends, not the window's; arrows and pages start from a
        // selection the window has moved away from, as a table scrolled away from it does.
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        all.addListener(window::sourceChanged);
        window.shown = window.size();

        bar.setOrientation(Orientation.VERTICAL);
        bar.getStyleClass().add("windowed-bar");
        bar.setFocusTraversable(false);
        bar.setUnitIncrement(1);
        bar.valueProperty().addListener((o, was, now) -> {
            if (!moving) {
                scrollToRow(now.doubleValue());
            }
        });
        bar.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (flow != null) {
                flow.scrollPixels(-e.getDeltaY());
            }
            e.consume();
        });
        getChildren().addAll(table, bar);
    }

    /**
     * A table over a paged list's rows: each row drawn asks for its page, and a row near the end
     * while the total is not known yet reads the next page.
     */
    public static <T> WindowedTable<T> paged(PagedList<?, T> rows) {
        WindowedTable<T> windowed = new WindowedTable<>(rows.items());
        windowed.table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (!empty) {
                    int index = windowed.base + getIndex();
                    rows.show(index);
                    if (index >= windowed.all.size() - PagedTables.PREFETCH_ROWS) {
                        rows.loadMore();
                    }
                }
            }
        });
        return windowed;
    }

    /** The table (its columns, placeholder, sort policy are the caller's); its rows are the window. */
    public TableView<T> table() {
        return table;
    }

    /** The whole list, of which the table holds a window. */
    ObservableList<T> all() {
        return all;
    }

    /** Scrolls so that list row {@code index} is the first in view (the scroll bar's path, dragged there). */
    public void scrollTo(int index) {
        bar.setValue(Math.clamp(index, 0, bar.getMax()));
        if (bar.getValue() != index) {
            scrollToRow(index);  // the bar's range is not known before the first layout
        }
    }

    /** Selects list row {@code index} (its row may still be on its way) and shows it. */
    public void select(int index) {
        if (index < 0 || index >= all.size()) {
            return;
        }
        if (index < base || index >= base + window.size()) {
            moveTo(Math.max(0, index - visibleRows() / 2.0));
        }
        selected = index;
        table.getSelectionModel().clearAndSelect(index - base);
        if (flow != null) {
            int row = index - base;
            double top = topRow();
            if (row < top || row >= top + visibleRows() - 1) {
                flow.scrollTo(row);
            }
        } else {
            table.scrollTo(index - base);
        }
    }

    /** {@return the list row selected, or -1} It stays selected while the window shows other rows. */
    public int selectedIndex() {
        return selected;
    }

    /**
     * Tells {@code onSelect} of each selection the user makes (null when none is left); keeps the
     * selection on the same id when a refresh replaces the rows (without telling it, so a detail
     * pane does not reload) and while the window moves.
     */
    public void keepSelection(PagedList<?, T> rows, Function<T, String> idOf, Consumer<T> onSelect) {
        String[] selectedId = {null};
        int[] pending = {-1};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (moving) {
                return;
            }
            if (row != null) {
                // The same row again, its page back after it was let go: the pane shows it already.
                String id = idOf.apply(row);
                if (!id.equals(selectedId[0])) {
                    selectedId[0] = id;
                    onSelect.accept(row);
                }
            } else if (table.getSelectionModel().getSelectedIndex() < 0) {
                selectedId[0] = null;
                onSelect.accept(null);
            } else {
                // A row whose page is still on its way (End, a click after a jump): select it
                // again once it arrives, since the table keeps the index selected with no item.
                pending[0] = selected;
            }
        });
        all.addListener((ListChangeListener<T>) change -> {
            int index = pending[0];
            if (index >= 0 && index < all.size() && all.get(index) != null) {
                pending[0] = -1;
                // After the table has handled this very change.
                Platform.runLater(() -> {
                    if (selected == index && index >= base && index < base + window.size()) {
                        table.getSelectionModel().select(index - base);
                    }
                });
            }
        });
        rows.refreshedProperty().addListener((o, a, b) -> {
            // Only loaded rows are searched: looking through a million would read them all.
            String id = selectedId[0];
            int index = id == null ? -1 : rows.indexOfLoaded(row -> id.equals(idOf.apply(row)));
            if (index >= 0) {
                quietly(() -> {
                    selected = index;
                    if (index >= base && index < base + window.size()) {
                        table.getSelectionModel().select(index - base);
                    }
                });
            }
        });
    }

    @Override
    protected void layoutChildren() {
        table.resizeRelocate(0, 0, getWidth(), getHeight());
        // The table first, so that its own scroll bar is where it is drawn this frame; this one
        // lies over it (that one is transparent: app.css), so the header's corner and the
        // bottom's look as in any table.
        table.layout();
        ScrollBar own = flow == null ? null : flow.lengthBar();
        boolean shown = own != null && own.isVisible() && table.getSkin() != null;
        bar.setVisible(shown);
        if (shown) {
            Bounds at = sceneToLocal(own.localToScene(own.getLayoutBounds()));
            bar.resizeRelocate(snapPositionX(at.getMinX()), snapPositionY(at.getMinY()), snapSizeX(at.getWidth()), snapSizeY(at.getHeight()));
            showPosition();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return table.prefWidth(height);
    }

    @Override
    protected double computePrefHeight(double width) {
        return table.prefHeight(width);
    }

    /** Rows that fit in the table's viewport. */
    private int visibleRows() {
        return flow == null ? 1 : Math.max(1, (int) (viewport() / ROW));
    }

    private double viewport() {
        ScrollBar across = flow.breadthBar();
        return Math.max(0, flow.getHeight() - (across.isVisible() ? across.getHeight() : 0));
    }

    /** The window row at the top of the view, with the fraction of it scrolled past. */
    private double topRow() {
        double range = Math.max(0, window.size() * ROW - viewport());
        return flow.getPosition() * range / ROW;
    }

    /** Sets the bar from where the table is, and queues a move of the window if it nears an end. */
    private void showPosition() {
        if (flow == null) {
            return;
        }
        int visible = visibleRows();
        double max = Math.max(0, all.size() - viewport() / ROW);
        double top = topRow();
        quietly(() -> {
            bar.setMax(max);
            // The thumb's share of the track: a screen's share of the rows, or enough to grab.
            double share = all.isEmpty() ? 1 : Math.max((double) visible / all.size(), MIN_THUMB / Math.max(1, bar.getHeight()));
            bar.setVisibleAmount(max * Math.min(1, share));
            bar.setBlockIncrement(Math.max(1, visible - 1));
            bar.setValue(Math.min(max, base + top));
        });
        boolean nearStart = top < MARGIN && base > 0;
        boolean nearEnd = top + visible > window.size() - MARGIN && base + window.size() < all.size();
        if ((nearStart || nearEnd) && !moveQueued) {
            // Not from inside the table's layout or scroll handling, where the rows are in use.
            moveQueued = true;
            Platform.runLater(() -> {
                moveQueued = false;
                moveTo(base + topRow());
            });
        }
    }

    /** The bar moved (a drag, a click on its track, an arrow): show list row {@code row} at the top. */
    private void scrollToRow(double row) {
        int first = (int) row;
        int local = first - base;
        boolean inside = local >= 0 && local + visibleRows() <= window.size();
        boolean farFromEnds = (local >= MARGIN || base == 0) && (local + visibleRows() <= window.size() - MARGIN || base + window.size() == all.size());
        if (inside && farFromEnds && flow != null) {
            flow.scrollToTop(local);
            flow.scrollPixels((row - first) * ROW);
        } else {
            moveTo(row);
        }
    }

    /** Moves the window so that list row {@code row} is in its middle, and shows it at the top. */
    private void moveTo(double row) {
        int first = Math.clamp((int) row, 0, Math.max(0, all.size() - 1));
        int newBase = Math.clamp(first - WINDOW / 2, 0, Math.max(0, all.size() - WINDOW));
        if (newBase != base) {
            quietly(() -> {
                base = newBase;
                window.allChanged();
                int local = selected - base;
                if (selected >= 0 && local >= 0 && local < window.size()) {
                    table.getSelectionModel().clearAndSelect(local);
                } else {
                    table.getSelectionModel().clearSelection();
                    table.getFocusModel().focus(-1);
                }
            });
        }
        if (flow != null) {
            flow.scrollToTop(first - base);
            flow.scrollPixels((row - first) * ROW);
        } else {
            table.scrollTo(first - base);
        }
    }

    private void key(KeyEvent e) {
        KeyCode code = e.getCode();
        if ((code == KeyCode.HOME || code == KeyCode.END) && !e.isShiftDown() && !all.isEmpty()) {
            select(code == KeyCode.HOME ? 0 : all.size() - 1);
            e.consume();
        } else if (code == KeyCode.UP || code == KeyCode.DOWN || code == KeyCode.PAGE_UP || code == KeyCode.PAGE_DOWN) {
            if (selected >= 0 && (selected < base || selected >= base + window.size())) {
                select(selected);
            }
        }
    }

    private void quietly(Runnable change) {
        boolean was = moving;
        moving = true;
        try {
            change.run();
        } finally {
            moving = was;
        }
    }

    /** The table's skin, with a flow whose scroll bars this node can see. */
    private final class WindowSkin extends TableViewSkin<T> {
        WindowSkin(TableView<T> table) {
            super(table);
        }

        @Override
        protected VirtualFlow<TableRow<T>> createVirtualFlow() {
            flow = new Flow();
            flow.positionProperty().addListener((o, was, now) -> showPosition());
            flow.heightProperty().addListener((o, was, now) -> requestLayout());
            return flow;
        }
    }

    private final class Flow extends VirtualFlow<TableRow<T>> {
        ScrollBar lengthBar() {
            return getVbar();
        }

        ScrollBar breadthBar() {
            return getHbar();
        }
    }

    /** The rows the table holds: list rows {@code base} to {@code base + size() - 1}. */
    private final class Window extends ObservableListBase<T> {
        /** The size the table was last told of. */
        private int shown;

        @Override
        public T get(int index) {
            Objects.checkIndex(index, size());
            return all.get(base + index);
        }

        @Override
        public int size() {
            return Math.max(0, Math.min(WINDOW, all.size() - base));
        }

        /**
         * Every row is another one (the window moved), and as many: reported as updated, which
         * keeps the table's cells and redraws them, where a replacement would empty and refill
         * them and clear the selection.
         */
        void allChanged() {
            beginChange();
            for (int i = 0; i < size(); i++) {
                nextUpdate(i);
            }
            endChange();
        }

        void sourceChanged(ListChangeListener.Change<? extends T> c) {
            int total = all.size();
            boolean reset = false;
            boolean fromStart = false;
            while (c.next()) {
                boolean sameRows = c.wasUpdated() || c.wasReplaced() && c.getAddedSize() == c.getRemovedSize();
                if (!sameRows && c.getFrom() < base + shown) {
                    reset = true;
                    fromStart |= c.getFrom() == 0 && c.getRemovedSize() > 0 && c.getAddedSize() == total;
                }
            }
            c.reset();
            beginChange();
            if (reset) {
                // A new query (the list starts over), or rows in or before the window came or went.
                if (shown > 0) {
                    nextRemove(0, Collections.nCopies(shown, null));
                }
                base = fromStart ? 0 : Math.clamp(base, 0, Math.max(0, total - WINDOW));
                shown = size();
                if (shown > 0) {
                    nextAdd(0, shown);
                }
            } else {
                while (c.next()) {
                    int from = Math.max(c.getFrom(), base);
                    int to = Math.min(c.getTo(), base + shown);
                    for (int i = from; i < to; i++) {
                        if (c.wasUpdated()) {
                            nextUpdate(i - base);
                        } else if (c.wasReplaced()) {
                            nextSet(i - base, c.getRemoved().get(i - c.getFrom()));
                        }
                    }
                }
                // Rows added or removed after the window: it grows or shrinks at its end only.
                int now = size();
                if (now > shown) {
                    nextAdd(shown, now);
                } else if (now < shown) {
                    nextRemove(now, Collections.nCopies(shown - now, null));
                }
                shown = now;
            }
            endChange();
            if (selected >= total) {
                selected = -1;
            }
            showPosition();
        }
    }
}
