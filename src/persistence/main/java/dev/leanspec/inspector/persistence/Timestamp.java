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
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException notRfc3339) {
            return Optional.empty();
        }
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
