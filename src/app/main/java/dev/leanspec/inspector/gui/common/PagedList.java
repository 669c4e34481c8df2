package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.gui.common.TaskRunner.Cancellable;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;

/**
 * The rows of a filtered list as a table shows them, for lists of any length: only the pages
 * near what is on screen are held (at most {@link #MAX_PAGES}), so a million rows cost what a
 * few thousand do.
 *
 * <p>The first keyset page comes at once; the total is counted afterwards in the background
 * (never before the first page). Until it is known the list grows page by page as the user
 * scrolls to its end ({@link #loadMore()}); once it is known the list has that many rows and
 * the scroll bar covers all of them: rows not loaded yet are {@code null} until their page
 * arrives, and the view asks for the rows it draws ({@link #show(int)}). A page whose start is
 * not known (after a jump) is found by its position ({@link Seek}), then read as a keyset page.
 * Results of a superseded query are dropped, so a fast typist never sees an older filter's rows.
 *
 * @param <Q> the query (filters and order)
 * @param <T> the row type
 */
public final class PagedList<Q, T> {

    /** Where the rows come from; called on the runner's thread. */
    public interface Pages<Q, T> {
        Page<T> page(Q query, PageRequest request);
    }

    /** The key a page must start after to begin at a position; called on the runner's thread. */
    public interface Seek<Q> {
        PageKey keyBefore(Q query, long position);
    }

    /** How many rows a query has; called on the runner's thread. */
    public interface Counter<Q> {
        long count(Q query);
    }

    /** Pages held at most; the ones used longest ago go first. */
    static final int MAX_PAGES = 24;

    private final TaskRunner runner;
    private final Runnable cancelQuery;
    private final Pages<Q, T> pages;
    private final Seek<Q> seek;
    private final Counter<Q> counter;
    private final int pageSize;
    private final String noun;
    private final Consumer<Throwable> onFailure;

    private final Rows items = new Rows();
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper refreshed = new ReadOnlyIntegerWrapper();

    private Q query;
    private int generation;
    /** Loaded pages by number, in order of use on screen (least recent first; see {@link #show}). */
    private final LinkedHashMap<Integer, List<T>> loaded = new LinkedHashMap<>();
    /** The key each known page starts after (page 0 starts at the top). */
    private final Map<Integer, PageKey> starts = new HashMap<>();
    private final Set<Integer> requested = new HashSet<>();
    /** Rows in the list: the total once counted, else the rows seen so far. */
    private int size;
    /** Whether the total is known (counted, or the last page was seen). */
    private boolean sized;
    /** The page the user looked at last: pages requested long ago and far from it are not read. */
    private volatile int focus;
    private Cancellable countTask = Cancellable.DONE;
    /** The first page read ahead of the first reload (see {@link #readAhead}); null when none waits. */
    private Ahead<Q, T> ahead;
    private final Set<Cancellable> pageTasks = new HashSet<>();

    /**
     * @param cancelQuery stops the query running on the source (e.g. a store's {@code cancel})
     * @param noun        what a row is, for the total: "session" gives "1,234 sessions"
     */
    public PagedList(TaskRunner runner, Runnable cancelQuery, Pages<Q, T> pages, Seek<Q> seek, Counter<Q> counter, int pageSize,
                     String noun, Consumer<Throwable> onFailure) {
        this.runner = runner;
        this.cancelQuery = cancelQuery;
        this.pages = pages;
        this.seek = seek;
        this.counter = counter;
        this.pageSize = pageSize;
        this.noun = noun;
        this.onFailure = onFailure;
    }

    /** The rows; an element is null while its page is not loaded. */
    public ObservableList<T> items() {
        return items;
    }

    /** "1,234 sessions", "counting…", or "count cancelled". */
    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Counts completed in-place refreshes, so a view can restore its selection after each. */
    public ReadOnlyIntegerProperty refreshedProperty() {
        return refreshed.getReadOnlyProperty();
    }

    /** Whether rows may follow the last one in the list (the total is not known yet). */
    public boolean hasMore() {
        return !sized;
    }

    /** {@return the query the rows are of, or null before the first {@link #reload}} */
    public Q query() {
        return query;
    }

    /**
     * Reads the first page of {@code firstQuery} ahead, on the worker, if {@code readable} (asked
     * there, after what is queued before it) says the rows can be read: a {@link #reload} of the
     * same query, before or after it arrives, takes it instead of reading it again. A file being
     * opened has its first rows read while the window lays out the view that shows them.
     */
    public void readAhead(Q firstQuery, BooleanSupplier readable) {
        Ahead<Q, T> early = new Ahead<>(firstQuery);
        ahead = early;
        runner.submit(() -> readable.getAsBoolean() ? pages.page(firstQuery, PageRequest.first(pageSize)) : null, null,
                early::arrived, error -> early.arrived(null)); // a failure is read again, and said, by the reload
    }

    /** A first page read ahead: the reload that takes it is called when it arrives (with null when it was not read). */
    private static final class Ahead<Q, T> {
        private final Q query;
        private boolean ended;
        private Page<T> page;
        private Consumer<Page<T>> taker;

        Ahead(Q query) {
            this.query = query;
        }

        void arrived(Page<T> read) {
            ended = true;
            page = read;
            if (taker != null) {
                taker.accept(read);
            }
        }

        void takeWith(Consumer<Page<T>> reload) {
            if (ended) {
                reload.accept(page);
            } else {
                taker = reload;
            }
        }
    }

    /** Starts over from the first page of {@code newQuery}; the count follows. */
    public void reload(Q newQuery) {
        stopTasks();
        int current = ++generation;
        query = newQuery;
        loading.set(true);
        total.set("counting…");
        Consumer<Page<T>> first = page -> {
            if (current != generation) {
                return;
            }
            loading.set(false);
            loaded.clear();
            starts.clear();
            requested.clear();
            focus = 0;
            sized = false;
            loaded.put(0, List.copyOf(page.items()));
            boolean last = pageArrived(0, page);
            items.replaceAll(page.items().size());
            sized = last;
            countTask = runner.submit(() -> counter.count(newQuery), cancelQuery, count -> {
                if (current == generation) {
                    total.set(String.format("%,d %s%s", count, noun, count == 1 ? "" : "s"));
                    resize((int) Math.min(Integer.MAX_VALUE - 8, count), true);
                }
            }, error -> total.set(""));
        };
        Ahead<Q, T> early = ahead;
        ahead = null;
        if (early != null && early.query.equals(newQuery)) {
            early.takeWith(page -> {
                if (page != null) {
                    first.accept(page);
                } else if (current == generation) {
                    submitPage(() -> pages.page(newQuery, PageRequest.first(pageSize)), first);
                }
            });
            return;
        }
        submitPage(() -> pages.page(newQuery, PageRequest.first(pageSize)), first);
    }

    /** The view draws row {@code index}: its page is read if it is not here. */
    public void show(int index) {
        if (index < 0 || index >= size) {
            return;
        }
        int page = index / pageSize;
        focus = page;
        List<T> rows = loaded.remove(page);
        if (rows == null) {
            request(page);
        } else {
            loaded.put(page, rows);  // most recently used now
        }
    }

    /** Reads the page after the last row, while the total is not known (scrolling to the end). */
    public void loadMore() {
        if (!sized && query != null) {
            request((size + pageSize - 1) / pageSize);
        }
    }

    /** The index of the first loaded row matching {@code test}, or -1 (rows not loaded are not read). */
    public int indexOfLoaded(Predicate<T> test) {
        List<Integer> numbers = new ArrayList<>(loaded.keySet());
        Collections.sort(numbers);
        for (int page : numbers) {
            List<T> rows = loaded.get(page);
            for (int i = 0; i < rows.size(); i++) {
                if (test.test(rows.get(i))) {
                    return page * pageSize + i;
                }
            }
        }
        return -1;
    }

    /**
     * Reads again what is loaded and the count, then swaps them in at once: the rows on screen
     * stay where they are (live refresh). Rows are placed by position, so rows LeanSpec added
     * above shift the rest down, as in any table that is refreshed.
     */
    public void refreshInPlace() {
        if (query == null || loading.get()) {
            return;
        }
        int current = generation;
        Q q = query;
        List<Integer> numbers = new ArrayList<>(loaded.keySet());
        record Fresh<T>(Map<Integer, Page<T>> pages, long count) {
        }
        runner.submit(() -> {
            Map<Integer, Page<T>> fresh = new HashMap<>();
            for (int number : numbers) {
                fresh.put(number, pages.page(q, new PageRequest(pageSize, seek.keyBefore(q, (long) number * pageSize))));
            }
            return new Fresh<>(fresh, sized ? counter.count(q) : -1);
        }, cancelQuery, result -> {
            if (current != generation) {
                return;
            }
            Map<Integer, List<T>> before = new HashMap<>(loaded);
            loaded.clear();
            starts.clear();
            requested.clear();
            result.pages().forEach((number, page) -> {
                loaded.put(number, List.copyOf(page.items()));
                pageArrived(number, page);
            });
            if (result.count() >= 0) {
                total.set(String.format("%,d %s%s", result.count(), noun, result.count() == 1 ? "" : "s"));
                resize((int) Math.min(Integer.MAX_VALUE - 8, result.count()), true);
            }
            items.changed(before);
            refreshed.set(refreshed.get() + 1);
        }, this::failed);
    }

    /** Stops the page or count that is running. */
    public void cancel() {
        stopTasks();
        loading.set(false);
        requested.clear();
        if (total.get().equals("counting…")) {
            total.set("count cancelled");
        }
    }

    private void stopTasks() {
        List.copyOf(pageTasks).forEach(Cancellable::cancel);
        pageTasks.clear();
        countTask.cancel();
    }

    private void request(int page) {
        if (!requested.add(page)) {
            return;
        }
        int current = generation;
        Q q = query;
        PageKey start = starts.get(page);
        boolean known = page == 0 || start != null;
        submitPage(() -> {
            // Scrolled far past it while it waited: not worth reading any more.
            if (Math.abs(page - focus) > MAX_PAGES / 2) {
                return null;
            }
            PageKey after = known ? start : seek.keyBefore(q, (long) page * pageSize);
            if (!known && after == null) {
                return new Page<T>(List.of(), null);
            }
            return pages.page(q, new PageRequest(pageSize, after));
        }, (Page<T> result) -> {
            if (current != generation) {
                return;
            }
            requested.remove(page);
            if (result == null) {
                return;
            }
            loaded.put(page, List.copyOf(result.items()));
            boolean last = pageArrived(page, result);
            evict();
            int end = page * pageSize + result.items().size();
            if (!sized && (end > size || last)) {
                resize(Math.max(end, last ? end : size), last);
            }
            items.rowsArrived(page * pageSize, result.items().size());
        });
    }

    /**
     * Reads a page on the runner, remembered only while it runs (so that a new query or a cancel
     * can stop it): a long scroll submits thousands of them.
     */
    private <R> void submitPage(Callable<R> work, Consumer<R> onSuccess) {
        Cancellable[] task = {null};
        boolean[] ended = {false};
        task[0] = runner.submit(work, cancelQuery, result -> {
            ended[0] = true;
            pageTasks.remove(task[0]);
            onSuccess.accept(result);
        }, error -> {
            ended[0] = true;
            pageTasks.remove(task[0]);
            failed(error);
        });
        if (!ended[0]) {  // a runner that finished before returning (tests) left nothing to stop
            pageTasks.add(task[0]);
        }
    }

    /** Remembers where the next page starts; returns whether this was the last page. */
    private boolean pageArrived(int page, Page<T> result) {
        if (result.next() != null) {
            starts.put(page + 1, result.next());
            return false;
        }
        return true;
    }

    private void evict() {
        var eldest = loaded.keySet().iterator();
        while (loaded.size() > MAX_PAGES && eldest.hasNext()) {
            int page = eldest.next();
            if (Math.abs(page - focus) > 1) {
                eldest.remove();
            }
        }
    }

    private void resize(int newSize, boolean known) {
        sized = known;
        items.resize(newSize);
    }

    private void failed(Throwable error) {
        loading.set(false);
        requested.clear();
        onFailure.accept(error);
    }

    private T row(int index) {
        List<T> page = loaded.get(index / pageSize);
        int offset = index % pageSize;
        return page == null || offset >= page.size() ? null : page.get(offset);
    }

    /** The list the table sees: {@code size} rows, each read from the loaded pages. */
    private final class Rows extends ObservableListBase<T> {

        @Override
        public T get(int index) {
            Objects.checkIndex(index, size);
            return row(index);
        }

        @Override
        public int size() {
            return size;
        }

        /** Everything changed (a new query): {@code newSize} rows, the first page loaded. */
        void replaceAll(int newSize) {
            int old = size;
            beginChange();
            if (old > 0) {
                nextRemove(0, Collections.nCopies(old, null));
            }
            size = newSize;
            if (size > 0) {
                nextAdd(0, size);
            }
            endChange();
        }

        void resize(int newSize) {
            int old = size;
            if (newSize == old) {
                return;
            }
            beginChange();
            size = newSize;
            if (newSize > old) {
                nextAdd(old, newSize);
            } else {
                nextRemove(newSize, Collections.nCopies(old - newSize, null));
            }
            endChange();
        }

        void rowsArrived(int from, int count) {
            int to = Math.min(size, from + count);
            if (from >= to) {
                return;
            }
            // Reported as updated, not replaced: a table takes a replacement for new contents,
            // empties and refills every row in view, and its selection and focus models look the
            // selected row up among all rows (a walk over a million of them, most not loaded) to
            // select it again; an update keeps the cells and the selection where they are and
            // redraws the rows whose items changed. One change per page.
            beginChange();
            for (int i = from; i < to; i++) {
                nextUpdate(i);
            }
            endChange();
        }

        /** Rows that differ from {@code before} (pages by number) are reported as replaced. */
        void changed(Map<Integer, List<T>> before) {
            beginChange();
            Set<Integer> numbers = new HashSet<>(before.keySet());
            numbers.addAll(loaded.keySet());
            for (int number : numbers) {
                for (int i = number * pageSize; i < Math.min(size, (number + 1) * pageSize); i++) {
                    List<T> old = before.get(number);
                    int offset = i - number * pageSize;
                    T was = old == null || offset >= old.size() ? null : old.get(offset);
                    if (!Objects.equals(was, row(i))) {
                        nextSet(i, was);
                    }
                }
            }
            endChange();
        }
    }
}
