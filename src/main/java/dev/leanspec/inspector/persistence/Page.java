package dev.leanspec.inspector.persistence;

import java.util.List;
import java.util.Optional;

/**
 * One page of rows, and where the next one starts.
 *
 * @param items the rows, in the requested order; empty when there are none
 * @param next  the key of the next page, or null when this is the last page
 * @param <T>   the row type
 */
public record Page<T>(List<T> items, PageKey next) {
    public Page {
        items = List.copyOf(items);
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return next != null;
    }

    /** The request for the next page of the same size, if there is one. */
    public Optional<PageRequest> nextRequest(int size) {
        return next == null ? Optional.empty() : Optional.of(new PageRequest(size, next));
    }
}
