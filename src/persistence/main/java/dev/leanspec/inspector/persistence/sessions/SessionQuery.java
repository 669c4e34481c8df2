package dev.leanspec.inspector.persistence.sessions;

import java.util.Set;

/**
 * Which sessions to list, and in which order. Each filter narrows the list; an empty set or a
 * null value means "any". Text is matched literally (no wildcards), ignoring case.
 *
 * @param statuses only these statuses
 * @param runners  only these runners
 * @param modes    only these modes
 * @param spec     only sessions on this spec (its {@code spec_id} or one of its specs)
 * @param project  only this project path (exact)
 * @param text     only sessions whose id, project, spec, runner or prompt contains this text
 * @param sort     the order; never null
 */
public record SessionQuery(Set<SessionStatus> statuses, Set<String> runners, Set<SessionMode> modes,
                           String spec, String project, String text, SessionSort sort) {
    /** Copies the sets (null means all) and takes newest first when {@code sort} is null. */
    public SessionQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        runners = runners == null ? Set.of() : Set.copyOf(runners);
        modes = modes == null ? Set.of() : Set.copyOf(modes);
        sort = sort == null ? SessionSort.NEWEST_FIRST : sort;
    }

    /** {@return every session, newest first} */
    public static SessionQuery all() {
        return new SessionQuery(Set.of(), Set.of(), Set.of(), null, null, null, SessionSort.NEWEST_FIRST);
    }

    /**
     * {@return this query for these statuses}
     *
     * @param value the statuses; null or empty for all
     */
    public SessionQuery withStatuses(Set<SessionStatus> value) {
        return new SessionQuery(value, runners, modes, spec, project, text, sort);
    }

    /**
     * {@return this query for these runners}
     *
     * @param value the runners; null or empty for all
     */
    public SessionQuery withRunners(Set<String> value) {
        return new SessionQuery(statuses, value, modes, spec, project, text, sort);
    }

    /**
     * {@return this query for these modes}
     *
     * @param value the modes; null or empty for all
     */
    public SessionQuery withModes(Set<SessionMode> value) {
        return new SessionQuery(statuses, runners, value, spec, project, text, sort);
    }

    /**
     * {@return this query for sessions of one spec}
     *
     * @param value the spec; null for all
     */
    public SessionQuery withSpec(String value) {
        return new SessionQuery(statuses, runners, modes, value, project, text, sort);
    }

    /**
     * {@return this query for one project}
     *
     * @param value the project path; null for all
     */
    public SessionQuery withProject(String value) {
        return new SessionQuery(statuses, runners, modes, spec, value, text, sort);
    }

    /**
     * {@return this query for sessions whose id, project, spec, runner or prompt contains a text}
     *
     * @param value the text, matched literally ignoring case; null or empty for all
     */
    public SessionQuery withText(String value) {
        return new SessionQuery(statuses, runners, modes, spec, project, value, sort);
    }

    /**
     * {@return this query in another order}
     *
     * @param value the order; null for newest first
     */
    public SessionQuery withSort(SessionSort value) {
        return new SessionQuery(statuses, runners, modes, spec, project, text, value);
    }
}
