package dev.leanspec.inspector.persistence.sessions;

/**
 * What a session's log lines and events add up to: how many, and their first and last ids. LeanSpec
 * only ever appends them and deletes them with their session (and the app's own pruning deletes the
 * oldest lines), so a different tally is how a reader that kept a copy knows the rows changed,
 * without reading them.
 *
 * @param logs       how many log lines
 * @param firstLog   the first line's id; 0 when none
 * @param lastLog    the last line's id; 0 when none
 * @param events     how many events
 * @param firstEvent the first event's id; 0 when none
 * @param lastEvent  the last event's id; 0 when none
 */
public record SessionTally(long logs, long firstLog, long lastLog, long events, long firstEvent, long lastEvent) {

    /** A session with no log line and no event. */
    public static final SessionTally NONE = new SessionTally(0, 0, 0, 0, 0, 0);
}
