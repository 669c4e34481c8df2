package dev.leanspec.inspector.persistence.consolidate;

import dev.leanspec.inspector.persistence.migration.Orphans;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@link Consolidation#run} did.
 *
 * @param target  the leanspec.db written
 * @param tables  per table: rows read from the sources, rows added, rows already there (identical)
 * @param orphans orphan rows carried over (their session or conversation is gone); never dropped
 * @param renamed the sources renamed to {@code *.db.migrated}, if asked; empty otherwise
 * @param took    how long it took
 */
public record ConsolidationReport(Path target, List<TableCopy> tables, List<Orphans> orphans, List<Path> renamed, Duration took) {

    /**
     * One table's share.
     *
     * @param table        e.g. {@code session_logs}
     * @param fromSources  rows the sources hold
     * @param added        rows written to the target
     * @param alreadyThere rows the target held already, identical (a merge)
     */
    public record TableCopy(String table, long fromSources, long added, long alreadyThere) {
    }

    /** Copies the lists. */
    public ConsolidationReport {
        tables = List.copyOf(tables);
        orphans = List.copyOf(orphans);
        renamed = List.copyOf(renamed);
    }
}
