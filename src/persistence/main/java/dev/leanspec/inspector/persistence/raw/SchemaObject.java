package dev.leanspec.inspector.persistence.raw;

import java.util.List;

/**
 * A table, view, index or trigger of a SQLite file, as its schema describes it.
 *
 * @param type        {@code table}, {@code view}, {@code index} or {@code trigger}
 * @param name        its name, exactly
 * @param table       the table it belongs to (itself for a table or view)
 * @param sql         its {@code CREATE} statement as stored; null for indexes SQLite made itself
 *                    (for a {@code UNIQUE} or {@code PRIMARY KEY} constraint)
 * @param columns     its columns: a table's or view's, or the columns an index covers; empty
 *                    for a trigger
 * @param foreignKeys a table's foreign keys; empty for anything else
 */
public record SchemaObject(String type, String name, String table, String sql, List<Column> columns, List<ForeignKey> foreignKeys) {

    /** Copies the lists. */
    public SchemaObject {
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /**
     * A column of a table or view, or a column an index covers.
     *
     * @param name         its name (for an index on an expression, the expression's text is not
     *                     known: {@code <expression>})
     * @param type         its declared type; empty when it has none
     * @param notNull      whether it is declared NOT NULL
     * @param defaultValue its default as written in the DDL, or null
     * @param primaryKey   its position in the primary key (1-based), or 0 when it is not in it
     */
    public record Column(String name, String type, boolean notNull, String defaultValue, int primaryKey) {
    }

    /**
     * A foreign key of a table.
     *
     * @param from     the columns of this table, in order
     * @param table    the table it refers to
     * @param to       the columns referred to, in order; empty when it refers to the primary key
     * @param onUpdate what an update of the referred row does ({@code NO ACTION}, {@code CASCADE}, ...)
     * @param onDelete what a delete of the referred row does
     */
    public record ForeignKey(List<String> from, String table, List<String> to, String onUpdate, String onDelete) {

        /** Copies the lists. */
        public ForeignKey {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }
}
