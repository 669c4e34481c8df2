package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@link MigrationService#migrate} did.
 *
 * @param location      the file or PostgreSQL database
 * @param kind          the database kind
 * @param shapeBefore   the file's shape before (a legacy shape means it was adopted)
 * @param versionBefore the version before, or null when the file was empty
 * @param versionAfter  the version now
 * @param baseline      the version recorded as baseline on adoption, or null when none was
 * @param applied       the migrations that ran, in order; empty when the file was up to date
 * @param backup        the checked backup made before writing, or null (none needed, or turned off)
 * @param took          the whole operation's time, backup included
 */
public record MigrationReport(Location location, DatabaseKind kind, Shape shapeBefore, String versionBefore,
                              String versionAfter, String baseline, List<AppliedMigration> applied,
                              Path backup, Duration took) {
    /** Copies the list. */
    public MigrationReport {
        applied = List.copyOf(applied);
    }

    /** {@return whether anything was written} */
    public boolean changedFile() {
        return baseline != null || !applied.isEmpty();
    }
}
