package dev.leanspec.inspector.persistence.sessions;

import dev.leanspec.inspector.persistence.Code;

import java.util.List;

/**
 * A log line's {@code level}. Any other stored value is kept as it is ({@link #isKnown()} is then false).
 *
 * @param value the text as stored; never null
 */
public record LogLevel(String value) implements Code {
    public static final LogLevel STDOUT = new LogLevel("stdout");
    public static final LogLevel STDERR = new LogLevel("stderr");
    public static final LogLevel DEBUG = new LogLevel("debug");
    public static final LogLevel INFO = new LogLevel("info");
    public static final LogLevel WARNING = new LogLevel("warning");
    public static final LogLevel ERROR = new LogLevel("error");

    /** The values LeanSpec writes, in its own order. */
    public static final List<LogLevel> KNOWN = List.of(STDOUT, STDERR, DEBUG, INFO, WARNING, ERROR);

    /**
     * Keeps any value, known or not.
     *
     * @throws IllegalArgumentException when {@code value} is null
     */
    public LogLevel {
        Code.require(value, "level");
    }

    @Override
    public List<LogLevel> known() {
        return KNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
