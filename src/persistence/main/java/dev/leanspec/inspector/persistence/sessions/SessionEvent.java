package dev.leanspec.inspector.persistence.sessions;

import dev.leanspec.inspector.persistence.Timestamp;

/**
 * A step in a session's life (created, started, paused, ...).
 *
 * @param id        increasing with insertion
 * @param sessionId the session
 * @param type      what happened
 * @param data      details as JSON text, or null
 * @param timestamp when
 */
public record SessionEvent(long id, String sessionId, EventType type, String data, Timestamp timestamp) {
}
