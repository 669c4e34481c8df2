package dev.leanspec.inspector.persistence.migration;

/**
 * A migration that {@code migrate} would run, with its SQL, for dry runs and the window's
 * "what will run" list.
 *
 * @param version     its version
 * @param description what it does
 * @param script      the script's file name
 * @param sql         the script's text, exactly as it will run
 */
public record PlannedMigration(String version, String description, String script, String sql) {
}
