package dev.leanspec.inspector.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One page of rows, and where the next one starts.
 *
 * @param items the rows, in the requested order; empty when there are none
 * @param next  the key of the next page, or null when this is the last page
 * @param <T>   the row type
 */
public record Page<T>(List<T> items, PageKey next) {
    /** Copies {@code items}; {@code next} is null on the last page. */
    public Page {
        items = List.copyOf(items);
    }

    /** {@return whether another page follows} */
    public boolean hasNext() {
        return next != null;
    }

    /**
     * The request for the next page of the same size, if there is one.
     *
     * @param size how many rows the next page should hold
     * @return the request for the next page, or empty on the last page
     */
    public Optional<PageRequest> nextRequest(int size) {
        return next == null ? Optional.empty() : Optional.of(new PageRequest(size, next));
    }

    /**
     * Hands every item of every page {@code read} returns to {@code action}, first to last,
     * {@code size} at a time, holding one page at a time.
     *
     * @param <T> the row type
     * @param size rows per page
     * @param read reads one page for a request
     * @param action takes each row, in order
     */
    public static <T> void forEach(int size, Function<PageRequest, Page<T>> read,
                                   Consumer<T> action) {
        Page<T> page = read.apply(PageRequest.first(size));
        page.items().forEach(action);
        while (page.hasNext()) {
            page = read.apply(page.nextRequest(size).orElseThrow());
            page.items().forEach(action);
        }
    }

    /**
     * Every item of every page {@code read} returns, first to last; empty when there is none.
     *
     * @param <T> the row type
     * @param size rows per page
     * @param read reads one page for a request
     * @return every row, in order; empty when there are none
     */
    public static <T> List<T> all(int size, Function<PageRequest, Page<T>> read) {
        List<T> items = new ArrayList<>();
        forEach(size, read, items::add);
        return items;
    }
}
