package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.DatabaseKind;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code status} knows about one file, read without writing to it.
 *
 * @param path           the file
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
 */
public record DatabaseStatus(Path path, DatabaseKind kind, Shape shape, String currentVersion,
                             String latestVersion, List<String> pending, List<MigrationRow> migrations,
                             String summary, List<String> problems) {

    public DatabaseStatus {
        pending = List.copyOf(pending);
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
    }

    /** Whether {@code migrate} has work to do and is allowed to do it. */
    public boolean canMigrate() {
        return problems.isEmpty() && !pending.isEmpty()
                && shape != Shape.UNKNOWN && shape != Shape.NEWER;
    }

    /** Whether a migration must first adopt the file (a write that needs the user's yes). */
    public boolean needsAdoption() {
        return shape.isLegacy();
    }

    /** Whether the file is at the newest version this build knows. */
    public boolean isUpToDate() {
        return shape == Shape.MANAGED && pending.isEmpty() && problems.isEmpty();
    }
}
