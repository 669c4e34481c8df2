package dev.leanspec.inspector.persistence;

import java.util.List;

/**
 * Where the next page starts: the sort values of the last row of the previous page. Stores make
 * these; callers only pass them back in a {@link PageRequest}. Keyset pages cost the same on page
 * one and page ten thousand, which OFFSET pages do not.
 *
 * @param values the last row's sort values, in sort order
 */
public record PageKey(List<Object> values) {
    /**
     * Copies the values.
     *
     * @throws IllegalArgumentException when there are none
     */
    public PageKey {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a page key needs at least one value");
        }
        values = List.copyOf(values);
    }

    /**
     * {@return a key of these values, in the sort's column order}
     *
     * @param values the sort columns' values of the row to start after; at least one
     */
    public static PageKey of(Object... values) {
        return new PageKey(List.of(values));
    }
}
