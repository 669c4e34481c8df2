package dev.leanspec.inspector.persistence.migration;

/**
 * One row of LeanSpec's own migration history, {@code _sqlx_migrations} (LeanSpec 0.2.28 runs its
 * migrations through sqlx and checks this table at every start). Read only; this project never
 * writes it.
 *
 * @param version             sqlx's version, e.g. 1
 * @param description         e.g. {@code "initial schema"}; never null
 * @param installedOn         SQLite's {@code CURRENT_TIMESTAMP} text (UTC), as stored; never null
 * @param success             whether it completed (sqlx refuses to start on a failed one: "dirty")
 * @param checksumHex         the SHA-384 of the migration's SQL, in lower-case hex; empty if none
 * @param executionTimeNanos  how long it took, in nanoseconds (-1 while sqlx was still running it)
 */
public record LeanSpecMigration(long version, String description, String installedOn, boolean success,
                                String checksumHex, long executionTimeNanos) {
}
