package dev.leanspec.inspector.persistence.migration;

import java.time.Duration;

/**
 * One migration that ran.
 *
 * @param version     its version
 * @param description what it does
 * @param took        how long it ran
 */
public record AppliedMigration(String version, String description, Duration took) {
}
