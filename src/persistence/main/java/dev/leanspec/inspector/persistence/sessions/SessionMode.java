package dev.leanspec.inspector.persistence.sessions;

import dev.leanspec.inspector.persistence.Code;

import java.util.List;

/**
 * A session's {@code mode}. Any other stored value is kept as it is ({@link #isKnown()} is then false).
 *
 * @param value the text as stored; never null
 */
public record SessionMode(String value) implements Code {
    public static final SessionMode GUIDED = new SessionMode("guided");
    public static final SessionMode AUTONOMOUS = new SessionMode("autonomous");
    public static final SessionMode RALPH = new SessionMode("ralph");

    /** The values LeanSpec writes, in its own order. */
    public static final List<SessionMode> KNOWN = List.of(GUIDED, AUTONOMOUS, RALPH);

    /**
     * Keeps any value, known or not.
     *
     * @throws IllegalArgumentException when {@code value} is null
     */
    public SessionMode {
        Code.require(value, "mode");
    }

    @Override
    public List<SessionMode> known() {
        return KNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
