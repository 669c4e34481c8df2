package dev.leanspec.inspector.persistence.consolidate;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.migration.Orphans;
import dev.leanspec.inspector.persistence.migration.Shape;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Consolidation#run} would do, read without writing anything.
 *
 * @param target      the leanspec.db or PostgreSQL schema to write
 * @param targetState what is at the target now
 * @param sources     the files to read, each with its kind and shape, in the order given
 * @param rows        how many rows each table of the target would receive from the sources, by
 *                    table name (in a fixed order)
 * @param orphans     rows of the sources whose session or conversation is gone: carried over too
 * @param problems    what stops it (unknown shapes, a target with rows and no merge, ...); empty
 *                    when it can run
 */
public record ConsolidationPlan(Location target, TargetState targetState, List<Source> sources, Map<String, Long> rows,
                                List<Orphans> orphans, List<String> problems) {

    /** What is at the target path. */
    public enum TargetState {
        /** Nothing: the leanspec.db or the schema is created. */
        MISSING,
        /**
         * A leanspec.db without a single row (what LeanSpec 0.2.28's failed import leaves):
         * replaced; a schema without a table, or with this build's newest tables and no row: filled.
         */
        EMPTY,
        /** A leanspec.db or schema with rows: merged into only when asked. */
        HAS_ROWS
    }

    /**
     * One file to read.
     *
     * @param path  the file
     * @param kind  {@code SESSIONS} or {@code CHAT} ({@code LEANSPEC} too into PostgreSQL); null when it is no LeanSpec file
     * @param shape its shape (any known one, migrated or not)
     */
    public record Source(Path path, DatabaseKind kind, Shape shape) {
    }

    /** Copies the lists and the map. */
    public ConsolidationPlan {
        sources = List.copyOf(sources);
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        orphans = List.copyOf(orphans);
        problems = List.copyOf(problems);
    }

    /** {@return whether {@code run} would go ahead (given {@code merge} for a target with rows)} */
    public boolean canRun() {
        return problems.isEmpty();
    }
}
