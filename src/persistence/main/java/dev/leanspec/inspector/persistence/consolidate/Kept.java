package dev.leanspec.inspector.persistence.consolidate;

import java.util.List;

/**
 * Rows of one table a merge into PostgreSQL did not copy because the target had their key already.
 *
 * @param table     its name
 * @param identical how many were equal, value for value, to the target's
 * @param differing how many differ from the target's (the target's were left as they are)
 * @param named     the keys of the first differing ones, for the report; empty when none differ
 */
public record Kept(String table, long identical, long differing, List<String> named) {

    /** Copies the list. */
    public Kept {
        named = List.copyOf(named);
    }
}
