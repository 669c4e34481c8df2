package dev.leanspec.inspector.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jooq.Field;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Long text cut by SQLite before it reaches Java: a single 100 MB log line or prompt must not
 * need 100 MB of heap (or a UI control) to be listed. The cut value ends with
 * {@code "… (N more characters)"}, the same as the generic table view's previews.
 */
public final class Previews {

    /** No limit: values as stored (the library's default, and what export and writes need). */
    public static final int NONE = 0;

    private Previews() {
    }

    /**
     * {@code table}'s columns in order, those in {@code longText} cut to {@code limit}
     * characters (under their own names, so records map as usual); all as stored when the
     * limit is {@link #NONE}.
     */
    public static List<SelectField<?>> columns(Table<?> table, int limit, Set<Field<String>> longText) {
        List<SelectField<?>> columns = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            @SuppressWarnings("unchecked")
            boolean cut = limit > NONE && longText.contains(field);
            columns.add(cut ? cut((Field<String>) field, limit).as(field.getUnqualifiedName()) : field);
        }
        return columns;
    }

    /** One value cut to {@code limit} characters (as stored when the limit is {@link #NONE}). */
    public static Field<String> cut(Field<String> field, int limit) {
        if (limit <= NONE) {
            return field;
        }
        return DSL.when(DSL.length(field).gt(DSL.inline(limit)),
                        DSL.substring(field, DSL.inline(1), DSL.inline(limit))
                                .concat(DSL.inline("… ("), DSL.length(field).minus(DSL.inline(limit)).cast(String.class),
                                        DSL.inline(" more characters)")))
                .otherwise(field);
    }

    /**
     * The SQL of a value's preview in a grid of any table or query: blobs as
     * {@code <BLOB n bytes>}, text over {@code chars} characters cut with a note of how many more,
     * anything else as it is. Cut by SQLite, so a 100 MB cell never reaches Java whole.
     */
    public static String sql(String expression, int chars) {
        String c = expression;
        return "CASE typeof(" + c + ") WHEN 'blob' THEN '<BLOB ' || length(" + c + ") || ' bytes>'"
                + " WHEN 'text' THEN CASE WHEN length(" + c + ") > " + chars
                + " THEN substr(" + c + ", 1, " + chars + ") || '… (' || (length(" + c + ") - " + chars + ") || ' more characters)'"
                + " ELSE " + c + " END ELSE " + c + " END";
    }
}
