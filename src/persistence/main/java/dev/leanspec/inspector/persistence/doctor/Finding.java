package dev.leanspec.inspector.persistence.doctor;

import java.util.List;

/**
 * One thing LeanSpec left in a user's files that no release reports.
 *
 * @param code     stable, for scripts: {@code stuck-session}, {@code orphan-rows}, ...
 * @param severity how much it matters
 * @param file     the file (or folder) it is in, as shown to people
 * @param count    how many rows (or files, runners) it concerns
 * @param ids      the first of their ids, at most {@link Doctor#IDS}; empty when they have none
 * @param message  what it is and why LeanSpec left it, in a sentence or two
 * @param repair   what a repair would do, or how to deal with it
 * @param query    a read-only SQL query that lists its rows in {@code file}, where ids cannot name
 *                 them (orphan rows); null for the others
 */
public record Finding(String code, Severity severity, String file, long count, List<String> ids, String message, String repair,
                      String query) {

    /** Copies the ids. */
    public Finding {
        ids = List.copyOf(ids);
    }

    /**
     * A finding whose rows its ids name, or that has none.
     *
     * @param code     stable, for scripts
     * @param severity how much it matters
     * @param file     the file (or folder) it is in
     * @param count    how many rows (or files, runners) it concerns
     * @param ids      the first of their ids
     * @param message  what it is and why LeanSpec left it
     * @param repair   what a repair would do, or how to deal with it
     */
    public Finding(String code, Severity severity, String file, long count, List<String> ids, String message, String repair) {
        this(code, severity, file, count, ids, message, repair, null);
    }

    /** How much a finding matters: a warning is worth acting on; a note is worth knowing. */
    public enum Severity {
        /** Data LeanSpec shows wrongly or lost from its view: {@code doctor} exits 3. */
        WARNING,
        /** Worth knowing, nothing wrong with the data: shown, exit code unchanged. */
        NOTE;

        /** {@return the name in JSON and in the text output} */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
