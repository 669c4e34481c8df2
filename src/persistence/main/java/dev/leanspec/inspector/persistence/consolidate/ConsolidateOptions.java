package dev.leanspec.inspector.persistence.consolidate;

/**
 * How {@link Consolidation#run} may proceed.
 *
 * @param merge         write into a target leanspec.db that already holds rows, as LeanSpec's own
 *                      import would (a row whose id is there already, identical, is counted as
 *                      already there); without it such a target is refused
 * @param renameSources afterwards rename each source to {@code *.db.migrated} (with its
 *                      {@code -wal}), as LeanSpec 0.2.25+ does, so that LeanSpec does not import it
 *                      again at its next start
 * @param force         go on even while another program (LeanSpec) has a source or the target open
 */
public record ConsolidateOptions(boolean merge, boolean renameSources, boolean force) {

    /** {@return no merge, no renaming, never forced} */
    public static ConsolidateOptions safe() {
        return new ConsolidateOptions(false, false, false);
    }

    /** {@return these options, merging into a target that already holds rows (conflicting ids are refused)} */
    public ConsolidateOptions withMerge() {
        return new ConsolidateOptions(true, renameSources, force);
    }

    /** {@return these options, renaming each source to {@code *.db.migrated} afterwards, as LeanSpec does} */
    public ConsolidateOptions withRenamedSources() {
        return new ConsolidateOptions(merge, true, force);
    }

    /** {@return these options, going on while another process has a file open} */
    public ConsolidateOptions forced() {
        return new ConsolidateOptions(merge, renameSources, true);
    }
}
