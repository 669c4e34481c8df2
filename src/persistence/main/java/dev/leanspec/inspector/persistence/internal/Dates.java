package dev.leanspec.inspector.persistence.internal;

import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The few date computations the dashboards' figures need, in each backend's own functions (jOOQ
 * has no portable "Monday of this ISO day" over text). LeanSpec's timestamps stay text and epoch
 * milliseconds in both databases; only these group keys are computed.
 */
public final class Dates {

    private Dates() {
    }

    /**
     * The Monday of the week of an ISO day ({@code 2026-03-05}) as the same text, in the
     * dialect's date functions; NULL for text that is no day.
     */
    public static Field<String> mondayOf(SQLDialect dialect, Field<String> isoDay) {
        return dialect.family() == SQLDialect.POSTGRES
                ? DSL.field("CASE WHEN {0} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN to_char(date_trunc('week', {0}::date), 'YYYY-MM-DD') END",
                        String.class, isoDay)
                : DSL.field("date({0}, 'weekday 0', '-6 days')", String.class, isoDay);
    }

    /** The ISO day ({@code 2026-03-05}) of a count of days since 1970-01-01, in the dialect's date functions. */
    public static Field<String> epochDay(SQLDialect dialect, Field<Long> days) {
        return dialect.family() == SQLDialect.POSTGRES
                ? DSL.field("to_char(DATE '1970-01-01' + ({0})::integer, 'YYYY-MM-DD')", String.class, days)
                : DSL.field("date({0} * 86400, 'unixepoch')", String.class, days);
    }
}
