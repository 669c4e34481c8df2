package dev.leanspec.inspector.persistence.consolidate;

/**
 * One table's share of a consolidation, checked before it was committed.
 *
 * @param table        e.g. {@code session_logs}
 * @param fromSources  rows the sources hold: into a file all of them, orphans included; into
 *                     PostgreSQL those whose parent is there (orphans stay behind, see
 *                     {@link ConsolidationReport#orphans()})
 * @param added        rows written to the target
 * @param alreadyThere rows of the sources the target held already, identical (a merge), not written again
 */
public record TableCopy(String table, long fromSources, long added, long alreadyThere) {
}
