package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.export.Json;
import dev.leanspec.inspector.export.Times;
import dev.leanspec.inspector.persistence.Timestamp;

import java.time.Instant;
import java.util.Optional;

/** How values look in the window: one place, so every table shows them the same way. */
public final class Formats {

    private Formats() {
    }

    /** The zone times are shown in: {@code UTC}, or the zone's id ({@code Europe/Berlin}). */
    public static String zone() {
        return Times.zone();
    }

    /** A stored timestamp in local time; text that does not parse is shown as it is. */
    public static String timestamp(Timestamp timestamp) {
        return Times.at(timestamp);
    }

    public static String instant(Instant instant) {
        return Times.at(instant);
    }

    /** {@code 3m 12s}, {@code 1h 02m}, {@code 850 ms}; empty for null. */
    public static String duration(Long millis) {
        return Times.duration(millis);
    }

    /** A whole number with thousands separators; empty for null. */
    public static String number(Long value) {
        return value == null ? "" : String.format("%,d", value);
    }

    /**
     * How much of one text value the window reads and shows (a prompt, a log line, a message):
     * more than any real one, and little enough that a hostile 100 MB cell costs nothing.
     */
    public static final int SHOWN_TEXT_CHARS = 100_000;

    /** The first 8 characters of an id: enough to tell sessions apart in a table. */
    public static String shortId(String id) {
        return id == null ? null : Times.shortId(id);
    }

    /** JSON text pretty-printed, or empty when the text is not JSON (it is then shown as it is). */
    public static Optional<String> prettyJson(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(Json.pretty(text));
    }

    /** Pretty JSON when the text is JSON, otherwise the text itself; empty for null. */
    public static String jsonOrText(String text) {
        return text == null ? "" : prettyJson(text).orElse(text);
    }

    /** A byte count for people: {@code 1.4 MB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
