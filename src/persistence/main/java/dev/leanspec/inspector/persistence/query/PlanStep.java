package dev.leanspec.inspector.persistence.query;

import java.util.List;

/**
 * A line of SQLite's {@code EXPLAIN QUERY PLAN}, with the lines under it.
 *
 * @param detail   what SQLite does there ({@code SCAN sessions}, {@code SEARCH ... USING INDEX ...})
 * @param children the steps under it, in order; empty for a leaf
 */
public record PlanStep(String detail, List<PlanStep> children) {

    /** Copies the children. */
    public PlanStep {
        children = List.copyOf(children);
    }
}
