package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.Timestamp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times, durations and ids as people read them, in the window and in what it writes: local time,
 * the zone said once (in a column's title, at a page's foot) rather than on every row.
 */
public final class Times {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Times() {
    }

    /** {@code UTC}, or the zone's id ({@code Asia/Shanghai}). */
    public static String zone() {
        ZoneId zone = ZoneId.systemDefault();
        return zone.getRules().isFixedOffset() && zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() == 0 ? "UTC" : zone.getId();
    }

    /** A stored time in local time; text that does not parse as it is; empty for none. */
    public static String at(Timestamp timestamp) {
        return timestamp == null ? "" : timestamp.instant().map(LOCAL::format).orElse(timestamp.text());
    }

    public static String at(Instant instant) {
        return instant == null ? "" : LOCAL.format(instant);
    }

    /** {@code 3m 12s}, {@code 1h 02m}, {@code 850 ms}; empty for none. */
    public static String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        Duration d = Duration.ofMillis(millis);
        if (d.toHours() > 0) {
            return d.toHours() + "h " + String.format("%02dm", d.toMinutesPart());
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m " + d.toSecondsPart() + "s" : d.toSecondsPart() + "." + d.toMillisPart() / 100 + "s";
    }

    /** The first 8 characters of an id, as the window's tables show it. */
    public static String shortId(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }
}
