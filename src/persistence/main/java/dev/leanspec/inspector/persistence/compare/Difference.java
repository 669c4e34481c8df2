package dev.leanspec.inspector.persistence.compare;

import java.util.List;
import java.util.Map;

/**
 * What differs between two databases: their schemas, then each table's rows.
 *
 * @param left   where the first database is (as messages name it)
 * @param right  where the second one is
 * @param schema the differences of tables, columns, indexes, triggers, views and settings, in
 *               that order
 * @param tables the tables whose rows differ, by name; a table in only one of them is under
 *               {@code schema}, not here
 */
public record Difference(String left, String right, List<SchemaChange> schema, List<TableDifference> tables) {

    /** Copies the lists. */
    public Difference {
        schema = List.copyOf(schema);
        tables = List.copyOf(tables);
    }

    /** {@return whether the two hold the same: the same schema, settings and rows} */
    public boolean same() {
        return schema.isEmpty() && tables.isEmpty();
    }

    /**
     * One thing of the schema that differs.
     *
     * @param what  what it is: {@code table sessions}, {@code column sessions.prompt},
     *              {@code index idx_logs}, {@code pragma user_version}, ...
     * @param left  how the first database has it, or null when it has none
     * @param right how the second one has it, or null when it has none
     */
    public record SchemaChange(String what, String left, String right) {
    }

    /**
     * How one table's rows differ.
     *
     * @param table       its name
     * @param key         the columns its rows are matched by: its primary key, or every column
     *                    compared when it has none (then a row is added or removed, never changed)
     * @param added       how many rows only the second database has
     * @param removed     how many rows only the first one has
     * @param changed     how many rows both have, with other values
     * @param addedKeys   the keys of the added rows, in key order (the first {@code limit} when
     *                    the comparison was limited)
     * @param removedKeys the keys of the removed rows, likewise
     * @param changedRows the changed rows, likewise
     */
    public record TableDifference(String table, List<String> key, long added, long removed, long changed, List<List<Object>> addedKeys,
                                  List<List<Object>> removedKeys, List<ChangedRow> changedRows) {

        /** Copies the lists. */
        public TableDifference {
            key = List.copyOf(key);
            addedKeys = List.copyOf(addedKeys);
            removedKeys = List.copyOf(removedKeys);
            changedRows = List.copyOf(changedRows);
        }

        /** {@return whether the lists hold fewer rows than the counts say (the comparison was limited)} */
        public boolean cut() {
            return addedKeys.size() < added || removedKeys.size() < removed || changedRows.size() < changed;
        }
    }

    /**
     * A row both databases have, with other values.
     *
     * @param key     its key's values (nulls allowed: SQLite lets a primary key be null)
     * @param columns each column that differs, in the table's order, with its two values
     */
    public record ChangedRow(List<Object> key, Map<String, Change> columns) {

        /** Keeps the key and the columns as given, read-only (a key may hold nulls; the columns keep their order). */
        public ChangedRow {
            key = java.util.Collections.unmodifiableList(key);
            columns = java.util.Collections.unmodifiableMap(columns);
        }
    }

    /**
     * A column's two values.
     *
     * @param before the first database's value
     * @param after  the second one's
     */
    public record Change(Object before, Object after) {
    }
}
