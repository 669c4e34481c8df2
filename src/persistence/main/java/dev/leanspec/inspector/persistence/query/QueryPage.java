package dev.leanspec.inspector.persistence.query;

import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One page of a query's result, as previews (see {@link SqlConsole}): numbers as
 * {@code Long}/{@code Double}, text cut at {@link SqlConsole#PREVIEW_CHARS} characters with a
 * note, blobs as {@code <BLOB n bytes>}, NULL as null.
 *
 * @param columns the result's column names, in order (duplicates kept)
 * @param rows    the rows, each a list of values in column order
 * @param next    the key of the next page, or null when this is the last
 * @param elapsed how long SQLite took for this page
 */
public record QueryPage(List<String> columns, List<List<Object>> rows, PageKey next, Duration elapsed) {

    /** Copies the columns; rows are kept as given (values may be SQL NULL). */
    public QueryPage {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(rows);
    }

    /**
     * {@return the request for the next page, or empty on the last page}
     *
     * @param size how many rows the next page should hold
     */
    public Optional<PageRequest> nextRequest(int size) {
        return next == null ? Optional.empty() : Optional.of(new PageRequest(size, next));
    }
}
