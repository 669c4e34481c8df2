package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;

import java.util.List;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The shared half of keyset paging: stores fetch one row more than asked to know if more follow. */
public final class Keyset {

    private Keyset() {
    }

    /** How many rows to fetch for a request. */
    public static int fetchSize(PageRequest request) {
        return request.size() + 1;
    }

    /** Cuts the extra row off and makes the next page's key from the last row kept. */
    public static <T> Page<T> page(List<T> fetched, PageRequest request, Function<T, PageKey> keyOf) {
        if (fetched.size() <= request.size()) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, request.size());
        return new Page<>(items, keyOf.apply(items.get(items.size() - 1)));
    }

    /** The seek values of a request's key, checked against the number the sort needs. */
    public static Object[] seekValues(PageRequest request, int expected) {
        List<Object> values = request.after().values();
        if (values.size() != expected) {
            throw new IllegalArgumentException("this page key belongs to another list (it has "
                    + values.size() + " values, this list sorts on " + expected + ")");
        }
        return values.toArray();
    }

    /** A whole-number seek value (keys that went through JSON may come back as any Number). */
    public static Long longAt(PageRequest request, int index, int expected) {
        Object value = seekValues(request, expected)[index];
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("page key value " + index + " must be a number, was " + value);
        }
        return number.longValue();
    }

    /** A text seek value. */
    public static String stringAt(PageRequest request, int index, int expected) {
        return String.valueOf(seekValues(request, expected)[index]);
    }

    /**
     * A literal-text "contains, ignoring case" condition on any of {@code fields}: nothing in
     * {@code text} is a wildcard. {@code instr(lower(…), lower(…))} rather than LIKE: SQLite's
     * LIKE reads a value only up to its first NUL character, so text after one could never be
     * found, while instr and lower use the value's full length. (Case is folded for ASCII only,
     * exactly as LIKE does without ICU.)
     */
    public static Condition containsText(String text, List<Field<String>> fields) {
        Condition any = DSL.falseCondition();
        for (Field<String> field : fields) {
            any = any.or(contains(field, text));
        }
        return any;
    }

    /** One field's literal-text "contains, ignoring case" condition (see {@link #containsText}). */
    public static Condition contains(Field<String> field, String text) {
        // instr(…) on SQLite, strpos/position(…) on PostgreSQL.
        return DSL.position(DSL.lower(field), DSL.lower(DSL.val(text))).gt(0);
    }
}
