package dev.leanspec.inspector.persistence.raw;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which rows of a table to show, in which order: what a table browser's header and filter boxes
 * ask for. Filters match a value's text literally, ignoring case ({@code 50%} finds "50%").
 *
 * @param table      the table or view
 * @param sortColumn the column to sort by, or null for the table's own order (rowid)
 * @param descending whether the sort is descending
 * @param filters    column name to the text its values must contain; empty for none
 * @param anyText    text that some column must contain, or null / empty for none
 */
public record TableQuery(TableInfo table, String sortColumn, boolean descending, Map<String, String> filters, String anyText) {

    /** Copies the filters, leaving out empty ones. */
    public TableQuery {
        if (table == null) {
            throw new IllegalArgumentException("table must not be null");
        }
        if (sortColumn != null && !table.columns().contains(sortColumn)) {
            throw new IllegalArgumentException(table.name() + " has no column " + sortColumn);
        }
        Map<String, String> kept = new TreeMap<>();
        (filters == null ? Map.<String, String>of() : filters).forEach((column, text) -> {
            if (text != null && !text.isEmpty()) {
                if (!table.columns().contains(column)) {
                    throw new IllegalArgumentException(table.name() + " has no column " + column);
                }
                kept.put(column, text);
            }
        });
        filters = Collections.unmodifiableMap(kept);
        anyText = anyText == null || anyText.isEmpty() ? null : anyText;
    }

    /**
     * {@return every row of a table, in its own order}
     *
     * @param table the table
     */
    public static TableQuery all(TableInfo table) {
        return new TableQuery(table, null, false, Map.of(), null);
    }

    /** {@return whether rows come in the table's own order, unfiltered (then pages seek on rowid)} */
    public boolean isPlain() {
        return sortColumn == null && filters.isEmpty() && anyText == null;
    }
}
