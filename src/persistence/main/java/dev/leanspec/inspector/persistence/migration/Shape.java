package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.DatabaseKind;

import java.util.Set;

/**
 * What a file's schema says about it. LeanSpec never versioned its files, so a file is
 * recognised by its tables, columns and indexes, never by its name.
 *
 * <p>Each unversioned LeanSpec shape equals the schema one of our migration chains builds at its
 * {@linkplain #referenceVersion() reference version}, less the tables it {@linkplain #missingTables()
 * lacks}. Adopting it records its {@linkplain #baselineVersion() baseline} and runs what follows;
 * a shape that lacks tables is baselined one version lower, so that the reference version's
 * script (all {@code IF NOT EXISTS}) adds exactly what is missing.
 */
public enum Shape {
    /** No tables at all (a new file): migrated from scratch. */
    EMPTY("empty", null, 0, 0, Set.of(), "a new, empty SQLite file"),
    /** Has this project's migration history. */
    MANAGED("managed", null, 0, 0, Set.of(), "migrated by LeanSpec Inspector"),
    /** sessions.db with column {@code tool}. Adopted at sessions version 1. */
    TOOL_ERA("tool-era", DatabaseKind.SESSIONS, 1, 1, Set.of(), "LeanSpec 0.2.22"),
    /** sessions.db with {@code runner} instead of {@code tool}. Adopted at sessions version 2. */
    RUNNER_ERA("runner-era", DatabaseKind.SESSIONS, 2, 2, Set.of(), "LeanSpec 0.2.23–0.2.24"),
    /**
     * A sessions.db that LeanSpec 0.2.25+ opened in place (a 0.2.27 {@code databaseUrl} pointing
     * at it): {@code prompt} and {@code session_specs} added, {@code spec_id} kept. Sessions version 3.
     */
    SPECS_ERA("specs-era", DatabaseKind.SESSIONS, 3, 3, Set.of(), "LeanSpec 0.2.25–0.2.27 through databaseUrl"),
    /** The oldest chat.db: conversations and messages only. Adopted at chat version 1. */
    JAN20("jan20", DatabaseKind.CHAT, 1, 1, Set.of(), "a LeanSpec pre-release"),
    /** chat.db with {@code sync_metadata} (LeanSpec's user_version 1). Adopted at chat version 2. */
    CHAT_V1("v1", DatabaseKind.CHAT, 2, 2, Set.of(), "LeanSpec 0.2.20–0.2.23"),
    /** chat.db whose messages have {@code parts} (in either column order). Chat version 3. */
    CHAT_PARTS("v0.2.24", DatabaseKind.CHAT, 3, 3, Set.of(), "LeanSpec 0.2.24"),
    /** leanspec.db made by the 0.2.25–0.2.27 CLI alone: the session tables only. */
    LEANSPEC_CLI("cli-only", DatabaseKind.LEANSPEC, 0, 1,
            Set.of("conversations", "messages", "sync_metadata", "runners"), "the LeanSpec 0.2.25–0.2.27 CLI"),
    /** leanspec.db of the rusqlite era before runners were stored. */
    LEANSPEC_RUSQLITE("rusqlite-era", DatabaseKind.LEANSPEC, 0, 1, Set.of("runners"), "LeanSpec 0.2.25–0.2.26"),
    /** leanspec.db of the rusqlite era with the runners table. Equals leanspec version 1. */
    LEANSPEC_RUNNERS("rusqlite-era+runners", DatabaseKind.LEANSPEC, 1, 1, Set.of(), "LeanSpec 0.2.27"),
    /** leanspec.db managed by sqlx ({@code _sqlx_migrations}). Equals leanspec version 1. */
    LEANSPEC_SQLX("sqlx-era", DatabaseKind.LEANSPEC, 1, 1, Set.of(), "LeanSpec 0.2.28"),
    /** History holds versions this build does not know: never touched. */
    NEWER("newer", null, 0, 0, Set.of(), "a newer LeanSpec Inspector"),
    /** Matches no known shape: never migrated; the status says what differs. */
    UNKNOWN("unknown", null, 0, 0, Set.of(), "nothing this build knows");

    private final String label;
    private final DatabaseKind legacyKind;
    private final int baselineVersion;
    private final int referenceVersion;
    private final Set<String> missingTables;
    private final String writtenBy;

    Shape(String label, DatabaseKind legacyKind, int baselineVersion, int referenceVersion, Set<String> missingTables,
          String writtenBy) {
        this.label = label;
        this.legacyKind = legacyKind;
        this.baselineVersion = baselineVersion;
        this.referenceVersion = referenceVersion;
        this.missingTables = missingTables;
        this.writtenBy = writtenBy;
    }

    /** {@return the name used in the CLI, JSON and the window: {@code tool-era}, {@code jan20}, ..} */
    public String label() {
        return label;
    }

    /** {@return who leaves files of this shape, e.g} {@code "LeanSpec 0.2.23–0.2.24"}; never null. */
    public String writtenBy() {
        return writtenBy;
    }

    /** {@return whether this is an unversioned LeanSpec shape that can be adopted} */
    public boolean isLegacy() {
        return legacyKind != null;
    }

    /** {@return for a legacy shape, the kind of database it is; null otherwise} */
    public DatabaseKind legacyKind() {
        return legacyKind;
    }

    /**
     * For a legacy shape, the version adoption records as the baseline (0: none, the chain runs
     * from version 1); 0 otherwise.
     *
     * @return the version adoption records for this shape: everything up to it is already there
     */
    public int baselineVersion() {
        return baselineVersion;
    }

    /** {@return for a legacy shape, the version whose schema (less {@link #missingTables()}) it equals} */
    public int referenceVersion() {
        return referenceVersion;
    }

    /** {@return tables of the reference version this shape does not have; empty for most} */
    public Set<String> missingTables() {
        return missingTables;
    }

    /**
     * The shape with this label, e.g. {@code "tool-era"}.
     *
     * @param label a shape's {@link #label()}
     * @return the shape
     * @throws IllegalArgumentException when no shape has that label
     */
    public static Shape fromLabel(String label) {
        for (Shape shape : values()) {
            if (shape.label.equals(label)) {
                return shape;
            }
        }
        throw new IllegalArgumentException("no shape is called " + label);
    }

    @Override
    public String toString() {
        return label;
    }
}
