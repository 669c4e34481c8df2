package dev.leanspec.inspector.persistence.sessions;

import dev.leanspec.inspector.persistence.Timestamp;

/**
 * One line a session's runner printed (or a message about it).
 *
 * @param id        increasing with insertion, so ordering by it is chronological
 * @param sessionId the session
 * @param timestamp when
 * @param level     which stream or severity
 * @param message   the text, possibly multi-line
 */
public record SessionLog(long id, String sessionId, Timestamp timestamp, LogLevel level, String message) {
}
