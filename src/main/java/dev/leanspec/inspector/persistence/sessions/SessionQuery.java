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
    public SessionQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        runners = runners == null ? Set.of() : Set.copyOf(runners);
        modes = modes == null ? Set.of() : Set.copyOf(modes);
        sort = sort == null ? SessionSort.NEWEST_FIRST : sort;
    }

    /** Every session, newest first. */
    public static SessionQuery all() {
        return new SessionQuery(Set.of(), Set.of(), Set.of(), null, null, null, SessionSort.NEWEST_FIRST);
    }

    public SessionQuery withStatuses(Set<SessionStatus> value) {
        return new SessionQuery(value, runners, modes, spec, project, text, sort);
    }

    public SessionQuery withRunners(Set<String> value) {
        return new SessionQuery(statuses, value, modes, spec, project, text, sort);
    }

    public SessionQuery withModes(Set<SessionMode> value) {
        return new SessionQuery(statuses, runners, value, spec, project, text, sort);
    }

    public SessionQuery withSpec(String value) {
        return new SessionQuery(statuses, runners, modes, value, project, text, sort);
    }

    public SessionQuery withProject(String value) {
        return new SessionQuery(statuses, runners, modes, spec, value, text, sort);
    }

    public SessionQuery withText(String value) {
        return new SessionQuery(statuses, runners, modes, spec, project, value, sort);
    }

    public SessionQuery withSort(SessionSort value) {
        return new SessionQuery(statuses, runners, modes, spec, project, text, value);
    }
}
