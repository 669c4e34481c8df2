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

    /**
     * Backup and adoption as given, never forced.
     *
     * @param backup whether to copy the file beside it first
     * @param adoptLegacy whether a file LeanSpec wrote may get our history
     */
    public MigrateOptions(boolean backup, boolean adoptLegacy) {
        this(backup, adoptLegacy, false);
    }

    /** {@return backup on; legacy files are refused until adoption is confirmed; files in use are refused} */
    public static MigrateOptions safe() {
        return new MigrateOptions(true, false, false);
    }

    /** {@return these options, adopting a file LeanSpec wrote (a baseline at its shape's version)} */
    public MigrateOptions withAdoption() {
        return new MigrateOptions(backup, true, force);
    }

    /** {@return these options, without the backup copy} */
    public MigrateOptions withoutBackup() {
        return new MigrateOptions(false, adoptLegacy, force);
    }

    /** {@return the same, migrating even while another process has the file open (it may break)} */
    public MigrateOptions forced() {
        return new MigrateOptions(backup, adoptLegacy, true);
    }
}
