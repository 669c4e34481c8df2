package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code status} knows about one file, read without writing to it.
 *
 * @param location       the file or PostgreSQL database
 * @param kind           which database this is meant to be
 * @param shape          what its schema is
 * @param currentVersion the version the schema is at (for a legacy file, the version its schema
 *                       equals); null when empty, unknown, or nothing was applied
 * @param latestVersion  the newest version this build knows
 * @param pending        the versions {@code migrate} would run, oldest first; empty when none or
 *                       when the file cannot be migrated
 * @param migrations     the history and the pending versions, oldest first. For a legacy file the
 *                       rows show what the history will say right after adoption
 * @param summary        one sentence: what the file is and what migrate would do, or why it won't
 * @param problems       what stops a migration (schema differences, validation errors); empty when
 *                       none
 * @param leanSpecHistory LeanSpec's own history ({@code _sqlx_migrations}, 0.2.28+), oldest first;
 *                       empty when the file has none
 * @param orphans        rows whose session or conversation is gone, per table; empty when none or
 *                       not counted ({@link MigrationService#orphans()} counts them, {@link #withOrphans} adds them)
 * @param note           a sentence about the file beyond its schema (LeanSpec's renamed
 *                       {@code *.db.migrated} leftovers), or null
 * @param compatibility  which LeanSpec releases can use the file now and after migrating; never null
 */
public record DatabaseStatus(Location location, DatabaseKind kind, Shape shape, String currentVersion,
                             String latestVersion, List<String> pending, List<MigrationRow> migrations,
                             String summary, List<String> problems, List<LeanSpecMigration> leanSpecHistory,
                             List<Orphans> orphans, String note, Compatibility compatibility) {

    /** Copies the lists. */
    public DatabaseStatus {
        pending = List.copyOf(pending);
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
        leanSpecHistory = List.copyOf(leanSpecHistory);
        orphans = List.copyOf(orphans);
        compatibility = compatibility == null ? new Compatibility(List.of(), List.of()) : compatibility;
    }

    /**
     * A status with no LeanSpec history, no orphans and no note.
     *
     * @param location the file or PostgreSQL database
     * @param kind what it holds
     * @param shape who wrote it
     * @param currentVersion our version it is at, or null before adoption
     * @param latestVersion the newest version of its chain
     * @param pending versions still to run, oldest first; empty when up to date
     * @param migrations every version, applied or not
     * @param problems what stops a migration; empty when none
     * @param summary one sentence for the user
     */
    public DatabaseStatus(Location location, DatabaseKind kind, Shape shape, String currentVersion, String latestVersion,
                          List<String> pending, List<MigrationRow> migrations, String summary, List<String> problems) {
        this(location, kind, shape, currentVersion, latestVersion, pending, migrations, summary, problems, List.of(), List.of(), null,
                LeanSpecReleases.compatibility(kind, shape, currentVersion, Integer.parseInt(latestVersion)));
    }

    /** This status with what the file says of LeanSpec's doings. */
    DatabaseStatus with(List<LeanSpecMigration> history, List<Orphans> orphanRows, String aNote) {
        return new DatabaseStatus(location, kind, shape, currentVersion, latestVersion, pending, migrations, summary, problems,
                history, orphanRows, aNote, compatibility);
    }

    /**
     * This status for a {@code *.db.migrated} leftover: nothing reads it any more, so nothing
     * proposes migrating it (a migration would change a file kept as a record).
     */
    DatabaseStatus asLeftover(String aNote, List<LeanSpecMigration> history) {
        return new DatabaseStatus(location, kind, shape, currentVersion, latestVersion, pending, migrations,
                "A " + kind.fileName() + " of " + shape.label() + " shape, kept as it was after its import into leanspec.db: "
                        + "there is nothing to migrate.", problems, history, List.of(), aNote, compatibility);
    }

    /**
     * This status with the orphan rows {@link MigrationService#orphans()} counted.
     *
     * @param counted the orphan rows per table
     * @return this status with them
     */
    public DatabaseStatus withOrphans(List<Orphans> counted) {
        return with(leanSpecHistory, counted, note);
    }

    /** {@return whether this is one of the files LeanSpec 0.2.25+ renamed after importing it} */
    public boolean isLeftover() {
        return location instanceof Location.File(Path path) && path.getFileName().toString().endsWith(".db.migrated");
    }

    /** {@return all orphan rows together} */
    public long orphanRows() {
        return orphans.stream().mapToLong(Orphans::rows).sum();
    }

    /** {@return whether {@code migrate} has work to do and is allowed to do it} */
    public boolean canMigrate() {
        return problems.isEmpty() && !pending.isEmpty() && !isLeftover()
                && shape != Shape.UNKNOWN && shape != Shape.NEWER;
    }

    /** {@return whether a migration must first adopt the file (a write that needs the user's yes)} */
    public boolean needsAdoption() {
        return shape.isLegacy();
    }

    /**
     * Whether its sessions, conversations or runners can be read as they are: any shape this build
     * knows, at any version, migrated or not.
     *
     * @return whether the stores can read it as it is
     */
    public boolean isBrowsable() {
        return shape != Shape.UNKNOWN && shape != Shape.NEWER && shape != Shape.EMPTY;
    }

    /** {@return whether the file is at the newest version this build knows} */
    public boolean isUpToDate() {
        return shape == Shape.MANAGED && pending.isEmpty() && problems.isEmpty();
    }
}
