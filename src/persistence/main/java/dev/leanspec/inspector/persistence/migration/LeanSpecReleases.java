package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.DatabaseKind;

import java.util.List;

/**
 * The compatibility table: which LeanSpec releases can still read and write a file, by its kind,
 * shape and version (from the project's reference, release by release, and checked against the
 * real 0.2.24 and 0.2.28 binaries in the tests). In short:
 * <ul>
 *   <li>sessions.db is used by 0.2.22–0.2.24. 0.2.22 names {@code tool} in every query, 0.2.23 and
 *       0.2.24 name {@code runner}: a file works for one side of the rename only. The later
 *       versions add {@code prompt} and {@code session_specs}, which 0.2.23 and 0.2.24 ignore
 *       (they go on writing {@code spec_id}, which the stores read as the session's spec).</li>
 *   <li>chat.db is used by 0.2.20–0.2.24, which all name their columns; every version works for
 *       all of them (0.2.24 adds {@code parts} itself where it is missing).</li>
 *   <li>leanspec.db is used by 0.2.25–0.2.28, whose schema code is all {@code IF NOT EXISTS}; every
 *       version works for all of them, and {@code _sqlx_migrations} is never touched.</li>
 * </ul>
 */
public final class LeanSpecReleases {

    /** Every release that wrote a database, oldest first. */
    public static final List<String> ALL = List.of("0.2.20", "0.2.21", "0.2.22", "0.2.23", "0.2.24",
            "0.2.25", "0.2.26", "0.2.27", "0.2.28");

    private LeanSpecReleases() {
    }

    /**
     * The releases that read and write a file of {@code kind} with schema {@code shape} (for
     * {@link Shape#MANAGED}, at {@code version} of its chain); empty for unknown, newer and empty
     * files. Only the releases that use that kind of file by default are named.
     *
     * @param kind which file
     * @param shape its shape
     * @param version our version it is at (0 before adoption)
     * @return the LeanSpec releases that start and work on it; empty when none
     */
    public static List<String> working(DatabaseKind kind, Shape shape, int version) {
        if (shape == Shape.UNKNOWN || shape == Shape.NEWER || shape == Shape.EMPTY) {
            return List.of();
        }
        return switch (kind) {
            case SESSIONS -> shape == Shape.TOOL_ERA || (shape == Shape.MANAGED && version == 1)
                    ? List.of("0.2.22") : List.of("0.2.23", "0.2.24");
            case CHAT -> between("0.2.20", "0.2.24");
            case LEANSPEC -> between("0.2.25", "0.2.28");
        };
    }

    /**
     * What migrating a file from its current state to {@code latest} changes for LeanSpec.
     *
     * @param kind which file
     * @param shape its shape
     * @param currentVersion our version it is at, or null before adoption
     * @param latest the version a migration leaves
     * @return which releases work now and after
     */
    public static Compatibility compatibility(DatabaseKind kind, Shape shape, String currentVersion, int latest) {
        int current = currentVersion == null ? 0 : Integer.parseInt(currentVersion);
        List<String> now = working(kind, shape, current);
        boolean migratable = shape != Shape.UNKNOWN && shape != Shape.NEWER;
        List<String> after = migratable ? working(kind, Shape.MANAGED, latest) : now;
        return new Compatibility(now, after);
    }

    /** {@code 0.2.23–0.2.24}, {@code 0.2.22}, or a list where the releases are not consecutive. */
    static String range(List<String> releases) {
        if (releases.isEmpty()) {
            return "(none)";
        }
        if (releases.size() == 1) {
            return releases.getFirst();
        }
        int first = ALL.indexOf(releases.getFirst());
        int last = ALL.indexOf(releases.getLast());
        return last - first + 1 == releases.size() ? releases.getFirst() + "–" + releases.getLast() : String.join(", ", releases);
    }

    private static List<String> between(String first, String last) {
        return ALL.subList(ALL.indexOf(first), ALL.indexOf(last) + 1);
    }
}
