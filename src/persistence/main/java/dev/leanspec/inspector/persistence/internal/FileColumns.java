package dev.leanspec.inspector.persistence.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jooq.Field;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Which columns one open file really has, so that a store written once against the newest
 * generated classes reads every shape LeanSpec left as it is, without rewriting it: a column the
 * file lacks reads as NULL, a column stored under an older name ({@code tool} for {@code runner})
 * is read under the new one, and a table the file lacks is known to be absent. Built once per
 * file from its schema.
 *
 * @param tables table name to its column names, as the file has them
 */
public record FileColumns(Map<String, List<String>> tables) {

    /** Columns LeanSpec renamed without migrating: table.newName to the old name. */
    private static final Map<String, String> OLD_NAMES = Map.of("sessions.runner", "tool");

    public FileColumns {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    /** The columns of the schema just read. */
    public static FileColumns of(SchemaSnapshot schema) {
        return new FileColumns(schema.tables());
    }

    /** Whether the file has this table. */
    public boolean has(Table<?> table) {
        return tables.containsKey(table.getName());
    }

    /** Whether the file has this column under its own name. */
    public boolean has(Field<?> column) {
        List<String> columns = tables.get(tableOf(column));
        return columns != null && columns.contains(column.getName());
    }

    /**
     * What stands for {@code column} in this file: the column itself, its older name, or NULL
     * of its type when the file has neither.
     */
    public <T> Field<T> get(Field<T> column) {
        if (has(column)) {
            return column;
        }
        String table = tableOf(column);
        String old = OLD_NAMES.get(table + "." + column.getName());
        List<String> columns = tables.get(table);
        if (old != null && columns != null && columns.contains(old)) {
            return DSL.field(DSL.name(table, old), column.getDataType());
        }
        return DSL.inline(null, column.getDataType());
    }

    /**
     * {@code table}'s columns as a select list, each under its generated name (so records map as
     * usual), those in {@code longText} cut to {@code limit} characters ({@link Previews}).
     * {@code replacements} stand for columns the file lacks (e.g. a sub-select) in place of NULL.
     */
    public List<SelectField<?>> select(Table<?> table, int limit, Set<Field<String>> longText,
                                       Map<Field<?>, Field<?>> replacements) {
        List<SelectField<?>> columns = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            Field<?> source = !has(field) && replacements.containsKey(field) ? replacements.get(field) : get(field);
            @SuppressWarnings("unchecked")
            boolean cut = limit > Previews.NONE && longText.contains(field);
            @SuppressWarnings("unchecked")
            Field<?> shown = cut ? Previews.cut((Field<String>) source, limit) : source;
            columns.add(shown == field ? field : shown.as(field.getUnqualifiedName()));
        }
        return columns;
    }

    private static String tableOf(Field<?> column) {
        // Generated columns are qualified by their table: "sessions"."runner".
        String[] parts = column.getQualifiedName().getName();
        return parts.length > 1 ? parts[parts.length - 2] : "";
    }
}
