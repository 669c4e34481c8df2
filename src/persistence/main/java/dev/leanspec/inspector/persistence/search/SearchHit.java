package dev.leanspec.inspector.persistence.search;

import dev.leanspec.inspector.persistence.Location;

import java.time.Instant;
import java.util.Locale;

/**
 * A session, conversation or runner that matched, with its best match.
 *
 * @param kind       what it is
 * @param id         the session's or conversation's whole id, or the runner's
 * @param location   the database it is in
 * @param where      what matched: {@code prompt}, {@code session} (id, project, runner, specs),
 *                   {@code metadata}, {@code message}, {@code thought}, {@code tool call},
 *                   {@code plan}, {@code permission}, {@code output}, {@code event},
 *                   {@code title}, {@code conversation}, {@code message (user)} …, {@code runner}
 * @param snippet    the matching text around the match, on one line
 * @param matchStart where the match starts in {@code snippet}
 * @param matchEnd   where it ends
 * @param project    its project, or null
 * @param at         when it happened (the matching line or message), or null when unknown
 * @param logId      the log line (or first line of the entry) that matched, the event's id for an
 *                   {@code event}, or -1
 */
public record SearchHit(Kind kind, String id, Location location, String where, String snippet, int matchStart, int matchEnd,
                        String project, Instant at, long logId) {

    /** What a hit is. */
    public enum Kind {
        /** A session: its fields, prompt, metadata, folded log or events matched. */
        SESSION,
        /** A conversation: its title, project or a message's part matched. */
        CONVERSATION,
        /** A runner (a leanspec.db's): its id or configuration matched. */
        RUNNER;

        /** {@return its name as the CLI's JSON writes it: {@code session}, {@code conversation}, {@code runner}} */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
