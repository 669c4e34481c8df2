package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.persistence.Timestamp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** How values look in the window: one place, so every table shows them the same way. */
public final class Formats {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /**
     * Made when a value is first pretty-printed, not when a table first formats a date: Jackson's
     * first ObjectMapper loads some 400 classes, which the window's first rows waited for.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private Formats() {
    }

    /**
     * The zone times are shown in, said once (in a column's title) rather than on every row:
     * {@code UTC}, or the zone's id ({@code Europe/Berlin}).
     */
    public static String zone() {
        ZoneId zone = ZoneId.systemDefault();
        return zone.getRules().isFixedOffset() && zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() == 0 ? "UTC" : zone.getId();
    }

    /** A stored timestamp in local time; text that does not parse is shown as it is. */
    public static String timestamp(Timestamp timestamp) {
        if (timestamp == null) {
            return "";
        }
        return timestamp.instant().map(LOCAL::format).orElse(timestamp.text());
    }

    public static String instant(Instant instant) {
        return instant == null ? "" : LOCAL.format(instant);
    }

    /** {@code 3m 12s}, {@code 1h 02m}, {@code 850 ms}; empty for null. */
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
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m " + d.toSecondsPart() + "s";
        }
        return d.toSecondsPart() + "." + (d.toMillisPart() / 100) + "s";
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
        return id == null || id.length() <= 8 ? id : id.substring(0, 8);
    }

    /** JSON text pretty-printed, or empty when the text is not JSON (it is then shown as it is). */
    public static Optional<String> prettyJson(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(trimmed);
            return Optional.of(Json.MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
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
