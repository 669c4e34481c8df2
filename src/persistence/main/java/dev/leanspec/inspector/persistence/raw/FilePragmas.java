package dev.leanspec.inspector.persistence.raw;

/**
 * The settings a SQLite file carries, read without changing any.
 *
 * @param pageSize      bytes per page
 * @param pageCount     pages in the file
 * @param freelistCount unused pages (space a VACUUM would give back)
 * @param journalMode   {@code delete}, {@code wal}, ...
 * @param userVersion   the {@code user_version} header field
 * @param applicationId the {@code application_id} header field
 * @param encoding      the text encoding ({@code UTF-8}, ...)
 * @param schemaVersion how many times the schema changed
 * @param autoVacuum    {@code none}, {@code full} or {@code incremental}
 * @param sqliteVersion the SQLite library reading it
 */
public record FilePragmas(long pageSize, long pageCount, long freelistCount, String journalMode, long userVersion,
                          long applicationId, String encoding, long schemaVersion, String autoVacuum, String sqliteVersion) {
}
