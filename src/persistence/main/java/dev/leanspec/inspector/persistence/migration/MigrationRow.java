package dev.leanspec.inspector.persistence.migration;

import java.time.Instant;

/**
 * One line of a file's migration history or of its pending migrations.
 *
 * @param version         the version, e.g. {@code "2"}
 * @param description     what it does, e.g. {@code "rename tool to runner"}
 * @param type            {@code SQL} for a migration script, {@code BASELINE} for an adoption record
 * @param state           the state as Flyway names it: {@code SUCCESS}, {@code PENDING},
 *                        {@code BASELINE}, {@code BELOW_BASELINE}, {@code FAILED}, {@code OUTDATED},
 *                        {@code MISSING_SUCCESS}, {@code FUTURE_SUCCESS}, ...
 * @param installedOn     when it was applied, or null when it was not
 * @param executionTimeMs how long it took, or null when it was not applied
 * @param checksum        the script's checksum, or null (baselines have none)
 * @param script          the script's file name (e.g. {@code V2__rename_tool_to_runner.sql}), or null
 */
public record MigrationRow(String version, String description, String type, String state,
                           Instant installedOn, Integer executionTimeMs, Integer checksum, String script) {

    /** {@return whether this version is recorded in the file (applied, baselined, or failed)} */
    public boolean isApplied() {
        return installedOn != null;
    }
}
