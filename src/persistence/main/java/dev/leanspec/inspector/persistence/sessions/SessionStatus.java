package dev.leanspec.inspector.persistence.sessions;

import dev.leanspec.inspector.persistence.Code;

import java.util.List;

/**
 * A session's {@code status}. Any other stored value is kept as it is ({@link #isKnown()} is then false).
 *
 * @param value the text as stored; never null
 */
public record SessionStatus(String value) implements Code {
    public static final SessionStatus PENDING = new SessionStatus("pending");
    public static final SessionStatus RUNNING = new SessionStatus("running");
    public static final SessionStatus PAUSED = new SessionStatus("paused");
    public static final SessionStatus COMPLETED = new SessionStatus("completed");
    public static final SessionStatus FAILED = new SessionStatus("failed");
    public static final SessionStatus CANCELLED = new SessionStatus("cancelled");

    /** The values LeanSpec writes, in its own order. */
    public static final List<SessionStatus> KNOWN = List.of(PENDING, RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED);

    /**
     * Keeps any value, known or not.
     *
     * @throws IllegalArgumentException when {@code value} is null
     */
    public SessionStatus {
        Code.require(value, "status");
    }

    @Override
    public List<SessionStatus> known() {
        return KNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
