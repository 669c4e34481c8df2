package dev.leanspec.inspector.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An RFC 3339 timestamp as LeanSpec stores it in sessions.db: the text is the truth and is kept
 * exactly, so a value that does not parse is still shown and written back unchanged (the legacy
 * code replaced such values with "now").
 *
 * @param text the stored text; never null
 */
public record Timestamp(String text) {

    // LeanSpec (chrono's to_rfc3339) writes microseconds and a numeric offset.
    private static final DateTimeFormatter LEANSPEC_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    /**
     * Keeps the text as stored.
     *
     * @throws IllegalArgumentException when {@code text} is null
     */
    public Timestamp {
        if (text == null) {
            throw new IllegalArgumentException("timestamp text must not be null");
        }
    }

    /**
     * The timestamp LeanSpec would write for this instant, in UTC.
     *
     * @param instant a moment
     * @return its RFC 3339 text in UTC, as LeanSpec writes it
     */
    public static Timestamp of(Instant instant) {
        return new Timestamp(LEANSPEC_FORMAT.format(instant.atOffset(ZoneOffset.UTC)));
    }

    /** {@return wraps stored text; null stays null (for nullable columns)} */
    public static Timestamp ofNullable(String text) {
        return text == null ? null : new Timestamp(text);
    }

    /** {@return the instant, or empty when the text is not an RFC 3339 timestamp} */
    public Optional<Instant> instant() {
        Instant common = commonShape(text);
        if (common != null) {
            return Optional.of(common);
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException notRfc3339) {
            return Optional.empty();
        }
    }

    /**
     * The shape every LeanSpec release writes ({@code 2026-02-27T04:28:57.123456789+00:00}, 0 to 9
     * fractional digits, {@code Z} or {@code ±HH:MM}) read by hand: a list sorts and shows
     * thousands of them, and the formatter's general parser took a tenth of an archive's time.
     * Anything else, or a value out of range, is left to the formatter (null here).
     */
    private static Instant commonShape(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                nanos = nanos * 10 + (s.charAt(i++) - '0');
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, 2);
            int minutes = digits(s, i + 4, 2);
            if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return java.time.LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (java.time.DateTimeException outOfRange) {
            return null;
        }
    }

    /** {@return the ASCII digits at {@code from}, or -1 when one of them is not a digit} */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@return whether the text parses as RFC 3339} */
    public boolean isValid() {
        return instant().isPresent();
    }

    @Override
    public String toString() {
        return text;
    }
}
