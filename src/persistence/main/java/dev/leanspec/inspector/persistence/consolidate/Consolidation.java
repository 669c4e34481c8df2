package dev.leanspec.inspector.persistence.consolidate;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * LeanSpec's files written into one leanspec database, checked before anything is committed: the
 * upgrade LeanSpec's own 0.2.25+ import gets wrong (sessions.db and chat.db files of any known
 * shape into a {@code leanspec.db} that LeanSpec 0.2.28 starts on), or a team member's files into
 * a PostgreSQL schema at the newest version (a leanspec.db, or a sessions.db and/or chat.db).
 *
 * <pre>{@code
 * Consolidation consolidation = Consolidation.of(List.of(sessionsDb, chatDb), Location.of(leanspecDb));
 * ConsolidationPlan plan = consolidation.plan(ConsolidateOptions.safe());   // reads only
 * if (plan.canRun()) {
 *     ConsolidationReport report = consolidation.run(ConsolidateOptions.safe());
 * }
 * }</pre>
 *
 * <p>Into a file, the new leanspec.db is built beside the target under a temporary name, checked
 * (integrity, every table's row count, every source row there value for value) and moved into
 * place in one rename; orphan rows are carried over. Into PostgreSQL, the tables are built and
 * filled in a staging schema, checked (row counts and a checksum of every value), and moved into
 * place or merged from in one transaction; orphan rows are left out (its foreign keys refuse
 * them). Either way a failure, a cancel or a process killed at any moment leaves the target as it
 * was, and the sources are only read (unless asked to rename them, as LeanSpec does).
 */
public final class Consolidation {

    private final List<Path> sources;
    private final Location target;
    private final Consumer<String> progress;
    private final Consumer<Path> beforeCheck;
    private final Consolidator consolidator;

    private Consolidation(List<Path> sources, Location target, Consumer<String> progress, Consumer<Path> beforeCheck) {
        this.sources = List.copyOf(sources);
        this.target = Objects.requireNonNull(target, "target");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.beforeCheck = beforeCheck;
        // By type, not by a switch over it: a type switch spins a class at its first run, on every CLI start (Backend says more).
        this.consolidator = target instanceof Location.Server server ? new PostgresCopy(this.sources, server.url(), progress)
                : new FileConsolidation(this.sources, ((Location.File) target).path(), progress, beforeCheck);
    }

    /**
     * A consolidation of {@code sources} into {@code target}; nothing is read before {@link #plan}
     * or {@link #run}.
     *
     * @param sources into a file: the sessions.db and/or chat.db files to copy from (their kind
     *                comes from their schema); into PostgreSQL: one leanspec.db, or a sessions.db
     *                and/or a chat.db; any known shape, at least one
     * @param target  the leanspec.db to write (missing, empty, or, with merge, one with rows), or
     *                the PostgreSQL schema to fill (empty, or, with merge, one at the newest version)
     * @return the consolidation
     */
    public static Consolidation of(List<Path> sources, Location target) {
        return new Consolidation(sources, target, step -> { }, built -> { });
    }

    /**
     * The same consolidation, telling {@code listener} what it is doing ("Copying sessions",
     * "Checking the new file"), from the thread that runs it.
     *
     * @param listener takes a short sentence per step
     * @return a consolidation that reports its steps
     */
    public Consolidation withProgress(Consumer<String> listener) {
        return new Consolidation(sources, target, listener, beforeCheck);
    }

    /** For tests: the same into a file, with {@code fault} run on the new file between its build and its check, which must catch it. */
    Consolidation withFaultBeforeCheck(Consumer<Path> fault) {
        return new Consolidation(sources, target, progress, fault);
    }

    /** {@return the leanspec.db or PostgreSQL schema it writes} */
    public Location target() {
        return target;
    }

    /**
     * What {@link #run} would do with {@code options}: the sources' kinds and shapes, the rows per
     * table, the orphans, what is at the target, what stands in the way. Reads only.
     *
     * @param options what to allow
     * @return what would be written and what stops it
     * @throws PersistenceException when a source or the target is missing, unreadable, unreachable or not a database
     */
    public ConsolidationPlan plan(ConsolidateOptions options) {
        return consolidator.plan(options);
    }

    /**
     * Writes the target and checks it, or changes nothing: refuses what {@link #plan} refuses, and,
     * into a file, while another program (LeanSpec) has a source or the target open unless forced.
     *
     * @param options what to allow
     * @return what was written and checked
     * @throws PersistenceException naming the file or database and what to do, when refused, failed
     *                              or cancelled; the target and the sources are then as they were
     */
    public ConsolidationReport run(ConsolidateOptions options) {
        return consolidator.run(options);
    }

    /**
     * Stops {@link #run} (from another thread): it fails with {@code CANCELLED} once it has undone
     * its work; the target is as it was. A cancelled consolidation stays cancelled: make another
     * to try again.
     */
    public void cancel() {
        consolidator.cancel();
    }
}
