package dev.leanspec.inspector.persistence.sessions;

import java.util.Set;

/**
 * Which events to list (always in insertion order).
 *
 * @param sessionId only this session's events, or null for all sessions
 * @param types     only these types; empty means all
 */
public record EventQuery(String sessionId, Set<EventType> types) {
    /** Copies the types; null means all. */
    public EventQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /**
     * {@return a query for every event of a session}
     *
     * @param sessionId the session; not null
     */
    public static EventQuery of(String sessionId) {
        return new EventQuery(sessionId, Set.of());
    }
}
