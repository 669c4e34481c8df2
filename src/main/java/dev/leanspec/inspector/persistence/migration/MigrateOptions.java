package dev.leanspec.inspector.persistence.migration;

/**
 * How {@link MigrationService#migrate} may proceed.
 *
 * @param backup      make and check a backup next to the file before writing (default yes;
 *                    turn it off only when the caller made its own)
 * @param adoptLegacy the user said yes to adopting an unversioned LeanSpec file (recording a
 *                    baseline is a write, so it is never implied)
 */
public record MigrateOptions(boolean backup, boolean adoptLegacy) {

    /** Backup on; legacy files are refused until adoption is confirmed. */
    public static MigrateOptions safe() {
        return new MigrateOptions(true, false);
    }

    public MigrateOptions withAdoption() {
        return new MigrateOptions(backup, true);
    }

    public MigrateOptions withoutBackup() {
        return new MigrateOptions(false, adoptLegacy);
    }
}
