package dev.leanspec.inspector.persistence.migration;

import java.util.List;

/**
 * What {@code migrate} would do to a file, worked out without writing to it.
 *
 * @param status     the file's status the plan is based on
 * @param baseline   the version adoption would record, or null when the file is not legacy
 * @param migrations the migrations that would run, in order
 */
public record MigrationPlan(DatabaseStatus status, String baseline, List<PlannedMigration> migrations) {
    /** Copies the list. */
    public MigrationPlan {
        migrations = List.copyOf(migrations);
    }
}
