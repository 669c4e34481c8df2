package dev.leanspec.inspector.persistence.consolidate;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.migration.Orphans;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Consolidation#run} did, into a leanspec.db file or a PostgreSQL schema.
 *
 * @param target         the leanspec.db or PostgreSQL schema written
 * @param tables         every table filled and checked, in the order filled
 * @param orphans        rows whose session or conversation is gone: carried over into a file
 *                       (LeanSpec works on it), left out of PostgreSQL (its foreign keys refuse
 *                       them); empty when there were none
 * @param kept           on a merge into PostgreSQL, per table, the rows whose key the target had
 *                       already (not copied); empty otherwise
 * @param renamedIds     on a merge into PostgreSQL, per table, the rows added under a new id
 *                       (theirs was taken); empty otherwise
 * @param renamedSources the sources renamed to {@code *.db.migrated}, when asked; empty otherwise
 * @param took           how long it took
 */
public record ConsolidationReport(Location target, List<TableCopy> tables, List<Orphans> orphans, List<Kept> kept,
                                  List<Renamed> renamedIds, List<Path> renamedSources, Duration took) {

    /** Copies the lists. */
    public ConsolidationReport {
        tables = List.copyOf(tables);
        orphans = List.copyOf(orphans);
        kept = List.copyOf(kept);
        renamedIds = List.copyOf(renamedIds);
        renamedSources = List.copyOf(renamedSources);
    }

    /** {@return every row written, over all tables} */
    public long added() {
        return tables.stream().mapToLong(TableCopy::added).sum();
    }

    /** {@return what was written, kept, renamed and what happened to orphans, a line per fact: for the CLI and the window} */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        boolean file = target instanceof Location.File;
        boolean merged = tables.stream().anyMatch(t -> t.alreadyThere() > 0) || !kept.isEmpty();
        for (TableCopy table : tables) {
            // Into PostgreSQL, what was already there is said per key below (identical or not).
            lines.add(String.format("%-17s %,d rows%s%s", table.table() + ":", table.added(), file || merged ? " added" : "",
                    file && table.alreadyThere() > 0 ? String.format(" (%,d already there)", table.alreadyThere()) : ""));
        }
        for (Kept k : kept) {
            if (k.identical() > 0) {
                lines.add(String.format("already there: %,d in %s (identical, skipped with what belongs to them)", k.identical(), k.table()));
            }
            if (k.differing() > 0) {
                lines.add(String.format("kept as they are: %,d in %s differ from the files' and were not overwritten: %s%s", k.differing(),
                        k.table(), String.join(", ", k.named()), k.differing() > k.named().size() ? ", …" : ""));
            }
        }
        for (Renamed r : renamedIds) {
            lines.add(String.format("new ids:  %,d in %s, whose id the database already used for another conversation's: %s%s", r.rows(),
                    r.table(), String.join(", ", r.named()), r.rows() > r.named().size() ? ", …" : ""));
        }
        if (!orphans.isEmpty()) {
            String counts = String.join(", ", orphans.stream().map(o -> String.format("%,d in %s", o.rows(), o.table())).toList());
            lines.add(file ? "orphans:  " + counts + " (carried over, never dropped)"
                    : "left out: " + counts + " (orphans: their session or conversation is gone, and PostgreSQL's foreign keys refuse them)");
        }
        if (file) {
            lines.add("checked:  integrity, row counts, every value equal to the sources'");
        } else {
            lines.add(merged ? "checked:  every table's added rows (count and a checksum of every value but new ids), equal to the files'"
                    : "checked:  every table's row count and a checksum of every value, equal to the files'");
        }
        renamedSources.forEach(path -> lines.add("renamed:  " + path));
        return lines;
    }
}
