package dev.leanspec.inspector.persistence.raw;

import java.util.List;

/**
 * A table or view of any SQLite file.
 *
 * @param name     its name, exactly (it may contain quotes, spaces, anything)
 * @param type     {@code table} or {@code view}
 * @param columns  its column names, in order
 * @param hasRowid whether rows have a rowid (then pages are keyset pages on it)
 */
public record TableInfo(String name, String type, List<String> columns, boolean hasRowid) {
    /** Copies the columns. */
    public TableInfo {
        columns = List.copyOf(columns);
    }
}
