package dev.leanspec.inspector.persistence.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What to find: words that must all appear (case ignored, punctuation taken literally, any
 * script), a {@code "quoted phrase"} as one, and optional filters.
 *
 * @param text    what the user typed; not blank
 * @param kinds   what to find; empty finds every kind
 * @param project only this project's sessions and conversations, or null for all
 * @param since   only what happened at or after this instant, or null for all
 * @param limit   at most this many sessions, conversations or runners (each with its best match); at least 1
 */
public record SearchQuery(String text, Set<SearchHit.Kind> kinds, String project, Instant since, int limit) {

    /** How many hits a query returns unless told otherwise. */
    public static final int DEFAULT_LIMIT = 50;

    /** Checks the text and the limit, and copies the kinds. */
    public SearchQuery {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("nothing to search for");
        }
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        if (limit < 1) {
            throw new IllegalArgumentException("a limit must be at least 1, was " + limit);
        }
    }

    /**
     * {@return a query for {@code text}, of every kind, in every project, at any time, up to 50 hits}
     *
     * @param text what the user typed; not blank
     */
    public static SearchQuery of(String text) {
        return new SearchQuery(text, Set.of(), null, null, DEFAULT_LIMIT);
    }

    /**
     * {@return the same query, finding only these kinds}
     *
     * @param only the kinds to find; empty for all
     */
    public SearchQuery withKinds(Set<SearchHit.Kind> only) {
        return new SearchQuery(text, only, project, since, limit);
    }

    /**
     * {@return the same query, in one project only}
     *
     * @param only a project path (a session's) or id (a conversation's), or null for all
     */
    public SearchQuery withProject(String only) {
        return new SearchQuery(text, kinds, only, since, limit);
    }

    /**
     * {@return the same query, finding only what happened at or after {@code from}}
     *
     * @param from an instant, or null for any time
     */
    public SearchQuery since(Instant from) {
        return new SearchQuery(text, kinds, project, from, limit);
    }

    /**
     * {@return the same query, with at most {@code most} hits}
     *
     * @param most at least 1
     */
    public SearchQuery withLimit(int most) {
        return new SearchQuery(text, kinds, project, since, most);
    }

    /**
     * {@return the words and phrases that must all appear, lower-cased: split on white space,
     * except inside double quotes; a lone quote is taken literally}
     */
    public List<String> terms() {
        List<String> terms = new ArrayList<>();
        String rest = text.strip();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int close = c == '"' ? rest.indexOf('"', i + 1) : -1;
            if (close > i + 1) {
                terms.add(rest.substring(i + 1, close).toLowerCase(Locale.ROOT));
                i = close + 1;
                continue;
            }
            int end = i;
            while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                end++;
            }
            terms.add(rest.substring(i, end).toLowerCase(Locale.ROOT));
            i = end;
        }
        return terms;
    }

    /** Whether {@code kind} is asked for. */
    boolean wants(SearchHit.Kind kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }
}
