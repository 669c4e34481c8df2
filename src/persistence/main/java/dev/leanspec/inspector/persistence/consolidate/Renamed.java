package dev.leanspec.inspector.persistence.consolidate;

import java.util.List;

/**
 * Rows of one table a merge into PostgreSQL added under a new id, because the target used theirs
 * already (the chat client's message ids are unique only within one file).
 *
 * @param table its name
 * @param rows  how many
 * @param named the first of them, as {@code "old → new"}
 */
public record Renamed(String table, long rows, List<String> named) {

    /** Copies the list. */
    public Renamed {
        named = List.copyOf(named);
    }
}
