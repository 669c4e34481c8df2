package dev.leanspec.inspector.persistence.consolidate;

/** What {@link Consolidation} does, into a file ({@link FileConsolidation}) or PostgreSQL ({@link PostgresCopy}). */
sealed interface Consolidator permits FileConsolidation, PostgresCopy {

    /** {@return what {@link #run} would do, read without writing anything} */
    ConsolidationPlan plan(ConsolidateOptions options);

    /** {@return what was written and checked, once committed} */
    ConsolidationReport run(ConsolidateOptions options);

    /** Stops a run from another thread; the run then fails with {@code CANCELLED}, the target as it was. */
    void cancel();
}
