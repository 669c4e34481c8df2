package dev.leanspec.inspector.persistence.migration;

/**
 * How {@link MigrationService#migrate} may proceed.
 *
 * @param backup      make and check a backup next to the file before writing (default yes;
 *                    turn it off only when the caller made its own)
 * @param adoptLegacy the user said yes to adopting an unversioned LeanSpec file (recording a
 *                    baseline is a write, so it is never implied)
 * @param force       migrate even though another process (LeanSpec) has the file open or writes
 *                    to it: that process may then fail on the new schema (default no)
 */
public record MigrateOptions(boolean backup, boolean adoptLegacy, boolean force) {

    /** Backup and adoption as given, never forced. */
    public MigrateOptions(boolean backup, boolean adoptLegacy) {
        this(backup, adoptLegacy, false);
    }

    /** Backup on; legacy files are refused until adoption is confirmed; files in use are refused. */
    public static MigrateOptions safe() {
        return new MigrateOptions(true, false, false);
    }

    public MigrateOptions withAdoption() {
        return new MigrateOptions(backup, true, force);
    }

    public MigrateOptions withoutBackup() {
        return new MigrateOptions(false, adoptLegacy, force);
    }

    /** The same, migrating even while another process has the file open (it may break). */
    public MigrateOptions forced() {
        return new MigrateOptions(backup, adoptLegacy, true);
    }
}
