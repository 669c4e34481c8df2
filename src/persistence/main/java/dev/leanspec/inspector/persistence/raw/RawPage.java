package dev.leanspec.inspector.persistence.raw;

import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;

import java.util.Collections;
import java.util.List;

/**
 * One page of a table's rows, as previews: numbers as {@code Long}/{@code Double}, text cut at
 * {@link RawDatabase#PREVIEW_CHARS} characters, blobs as {@code <BLOB n bytes>}, NULL as null.
 *
 * @param columns the column names
 * @param rows    the rows, each a list of values in column order
 * @param rowids  each row's rowid, in the same order; an entry is null when the table has none
 * @param next    the key of the next page, or null when this is the last
 */
public record RawPage(List<String> columns, List<List<Object>> rows, List<Long> rowids, PageKey next) {
    /** Copies the columns; rows and rowids are kept as given (values may be SQL NULL). */
    public RawPage {
        columns = List.copyOf(columns);
        // Values may be null (SQL NULL), which List.copyOf refuses.
        rows = Collections.unmodifiableList(rows);
        rowids = Collections.unmodifiableList(rowids);
    }

    /**
     * The request for the next page of the given size, or null when this is the last page.
     *
     * @param size how many rows the next page should hold
     * @return the request for the next page, or null on the last page
     */
    public PageRequest nextRequest(int size) {
        return next == null ? null : new PageRequest(size, next);
    }
}
