package dev.leanspec.inspector.persistence.sessions;

import dev.leanspec.inspector.persistence.Code;

import java.util.List;

/**
 * A session event's {@code event_type}. Any other stored value is kept as it is ({@link #isKnown()} is then false).
 *
 * @param value the text as stored; never null
 */
public record EventType(String value) implements Code {
    public static final EventType CREATED = new EventType("created");
    public static final EventType STARTED = new EventType("started");
    public static final EventType PAUSED = new EventType("paused");
    public static final EventType RESUMED = new EventType("resumed");
    public static final EventType COMPLETED = new EventType("completed");
    public static final EventType FAILED = new EventType("failed");
    public static final EventType CANCELLED = new EventType("cancelled");
    public static final EventType ARCHIVED = new EventType("archived");

    /** The values LeanSpec writes, in its own order. */
    public static final List<EventType> KNOWN = List.of(CREATED, STARTED, PAUSED, RESUMED, COMPLETED, FAILED, CANCELLED, ARCHIVED);

    /**
     * Keeps any value, known or not.
     *
     * @throws IllegalArgumentException when {@code value} is null
     */
    public EventType {
        Code.require(value, "event_type");
    }

    @Override
    public List<EventType> known() {
        return KNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
