package dev.leanspec.inspector.persistence.sessions;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A session with what hangs off it: its metadata and its specs.
 *
 * @param session  the row
 * @param metadata key to value (values are free text, often JSON), ordered by key; empty when none
 * @param specs    spec ids in their recorded order; empty when none
 */
public record SessionDetail(Session session, Map<String, String> metadata, List<String> specs) {
    /**
     * Copies metadata (sorted by key) and specs; null means none.
     *
     * @throws IllegalArgumentException when {@code session} is null
     */
    public SessionDetail {
        if (session == null) {
            throw new IllegalArgumentException("session must not be null");
        }
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metadata));
        specs = specs == null ? List.of() : List.copyOf(specs);
    }

    /**
     * A session with no metadata, whose specs are its {@code specId} if it has one.
     *
     * @param session the session
     * @return it with no metadata and no specs
     */
    public static SessionDetail of(Session session) {
        return new SessionDetail(session, Map.of(), session.specId() == null ? List.of() : List.of(session.specId()));
    }
}
