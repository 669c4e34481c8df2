package dev.leanspec.inspector.persistence.search;

import java.util.List;

/**
 * What a search found.
 *
 * @param hits    the sessions, conversations and runners that matched, best first (relevance,
 *                then the newest), each once; empty when nothing matched
 * @param indexed true when answered from the index, false when the database was read through
 *                (slower: the index could not be kept, or its first build was under way; see {@code note})
 * @param note    why it was not indexed, or empty
 */
public record SearchResult(List<SearchHit> hits, boolean indexed, String note) {

    /** Copies the hits. */
    public SearchResult {
        hits = List.copyOf(hits);
    }
}
