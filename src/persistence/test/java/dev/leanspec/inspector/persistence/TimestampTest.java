package dev.leanspec.inspector.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampTest {

    /** The hand-read common shape must agree with the general parser on every text, valid or not. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-02-27T04:28:57.123456789+00:00", "2026-02-27T04:28:57+00:00", "2026-02-27T04:28:57.1Z",
            "2026-02-27T04:28:57.123456+05:30", "2026-02-27T04:28:57.123-08:00", "2024-02-29T23:59:59Z", "2025-02-29T10:00:00Z",
            "2026-13-01T00:00:00Z", "2026-02-27T24:00:00Z", "2026-02-27T04:28:60Z", "2026-02-27T04:28:57.Z",
            "2026-02-27T04:28:57.1234567890Z", "2026-02-27T04:28:57+19:00", "2026-02-27T04:28:57+05:60", "2026-02-27t04:28:57Z",
            "2026-02-27 04:28:57Z", "2026-02-27T04:28Z", "2026-02-27T04:28:57", "2026-02-27T04:28:57+0000", "2026-02-27T04:28:57z",
            "2026-02-27T04:28:57+00:00:00", "２０２６-02-27T04:28:57Z", "2026-02-27T04:28:57.١Z", "not a timestamp", "", "+2026-02-27T04:28:57Z",
            "1969-12-31T23:59:59.999999999-00:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+18:00"})
    void readsAsTheGeneralParserDoes(String text) {
        Optional<java.time.Instant> expected;
        try {
            expected = Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            expected = Optional.empty();
        }
        assertEquals(expected, new Timestamp(text).instant(), text);
    }
}
