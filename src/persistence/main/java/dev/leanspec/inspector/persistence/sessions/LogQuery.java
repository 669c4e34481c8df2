package dev.leanspec.inspector.persistence.sessions;

import java.util.Set;

/**
 * Which log lines of a session to list (always oldest first).
 *
 * @param sessionId the session; never null
 * @param levels    only these levels; empty means all
 * @param text      only lines containing this text (literally, ignoring case), or null
 */
public record LogQuery(String sessionId, Set<LogLevel> levels, String text) {
    /**
     * Copies the levels; null means all.
     *
     * @throws IllegalArgumentException when {@code sessionId} is null
     */
    public LogQuery {
        if (sessionId == null) {
            throw new IllegalArgumentException("sessionId must not be null");
        }
        levels = levels == null ? Set.of() : Set.copyOf(levels);
    }

    /**
     * {@return a query for every line of a session}
     *
     * @param sessionId the session; not null
     */
    public static LogQuery of(String sessionId) {
        return new LogQuery(sessionId, Set.of(), null);
    }
}
