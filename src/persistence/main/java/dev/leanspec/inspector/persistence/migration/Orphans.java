package dev.leanspec.inspector.persistence.migration;

/**
 * Rows whose parent is gone. LeanSpec ran with foreign keys off before 0.2.28, so deleting a
 * session or a conversation left its logs, events, metadata, specs or messages behind. They are
 * counted and shown, never dropped.
 *
 * @param table  the child table, e.g. {@code session_logs}; never null
 * @param parent the table its rows point at, e.g. {@code sessions}; never null
 * @param rows   how many of its rows point at no parent (more than 0)
 * @param parents how many distinct missing parents they point at
 */
public record Orphans(String table, String parent, long rows, long parents) {
}
