package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.gui.common.TaskRunner.Cancellable;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;

import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rows of a filtered list as a table shows them: the first keyset page at once, more pages as
 * the user scrolls, the total counted afterwards in the background (never before the first page),
 * and an in-place refresh that keeps as many rows as are loaded. Results of a superseded query are
 * dropped, so a fast typist never sees an older filter's rows.
 *
 * @param <Q> the query (filters and order)
 * @param <T> the row type
 */
public final class PagedList<Q, T> {

    /** Where the rows come from; called on the runner's thread. */
    public interface Pages<Q, T> {
        Page<T> page(Q query, PageRequest request);
    }

    /** How many rows a query has; called on the runner's thread. */
    public interface Counter<Q> {
        long count(Q query);
    }

    private final TaskRunner runner;
    private final Runnable cancelQuery;
    private final Pages<Q, T> pages;
    private final Counter<Q> counter;
    private final int pageSize;
    private final String noun;
    private final Consumer<Throwable> onFailure;

    private final ObservableList<T> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper refreshed = new ReadOnlyIntegerWrapper();

    private Q query;
    private PageKey next;
    private int generation;
    private Cancellable pageTask = Cancellable.DONE;
    private Cancellable countTask = Cancellable.DONE;

    /**
     * @param cancelQuery stops the query running on the source (e.g. a store's {@code cancel})
     * @param noun        what a row is, for the total: "session" gives "1,234 sessions"
     */
    public PagedList(TaskRunner runner, Runnable cancelQuery, Pages<Q, T> pages, Counter<Q> counter, int pageSize,
                     String noun, Consumer<Throwable> onFailure) {
        this.runner = runner;
        this.cancelQuery = cancelQuery;
        this.pages = pages;
        this.counter = counter;
        this.pageSize = pageSize;
        this.noun = noun;
        this.onFailure = onFailure;
    }

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

    public boolean hasMore() {
        return next != null;
    }

    /** Starts over from the first page of {@code newQuery}; the count follows. */
    public void reload(Q newQuery) {
        pageTask.cancel();
        countTask.cancel();
        int current = ++generation;
        query = newQuery;
        loading.set(true);
        total.set("counting…");
        pageTask = runner.submit(() -> pages.page(newQuery, PageRequest.first(pageSize)), cancelQuery, page -> {
            if (current != generation) {
                return;
            }
            loading.set(false);
            items.setAll(page.items());
            next = page.next();
            countTask = runner.submit(() -> counter.count(newQuery), cancelQuery, count -> {
                if (current == generation) {
                    total.set(String.format("%,d %s%s", count, noun, count == 1 ? "" : "s"));
                }
            }, error -> total.set(""));
        }, this::failed);
    }

    /** Appends the next page, if there is one and none is loading. */
    public void loadMore() {
        if (next == null || loading.get()) {
            return;
        }
        int current = generation;
        PageRequest request = new PageRequest(pageSize, next);
        loading.set(true);
        pageTask = runner.submit(() -> pages.page(query, request), cancelQuery, (Page<T> page) -> {
            if (current != generation) {
                return;
            }
            loading.set(false);
            items.addAll(page.items());
            next = page.next();
        }, this::failed);
    }

    /** Reads as many rows as are loaded now, so the table keeps its place (live refresh). */
    public void refreshInPlace() {
        if (query == null || loading.get()) {
            return;
        }
        int current = generation;
        int size = Math.min(PageRequest.MAX_SIZE, Math.max(pageSize, items.size()));
        runner.submit(() -> pages.page(query, PageRequest.first(size)), cancelQuery, page -> {
            if (current != generation) {
                return;
            }
            items.setAll(page.items());
            next = page.next();
            refreshed.set(refreshed.get() + 1);
        }, this::failed);
    }

    /** Stops the page or count that is running. */
    public void cancel() {
        pageTask.cancel();
        countTask.cancel();
        loading.set(false);
        if (total.get().equals("counting…")) {
            total.set("count cancelled");
        }
    }

    private void failed(Throwable error) {
        loading.set(false);
        onFailure.accept(error);
    }
}
