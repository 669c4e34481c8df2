package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.DatabaseKind;

/**
 * What a file's schema says about it. LeanSpec never versioned its files, so a file is
 * recognised by its tables, columns and indexes, never by its name.
 */
public enum Shape {
    /** No tables at all (a new or zero-length file): migrated from scratch. */
    EMPTY("empty", null, 0),
    /** Has this project's migration history. */
    MANAGED("managed", null, 0),
    /** Oldest sessions.db: column {@code tool}. Adopted at sessions version 1. */
    TOOL_ERA("tool-era", DatabaseKind.SESSIONS, 1),
    /** sessions.db with {@code runner} instead of {@code tool}. Adopted at sessions version 2. */
    RUNNER_ERA("runner-era", DatabaseKind.SESSIONS, 2),
    /** First chat.db release: conversations and messages only. Adopted at chat version 1. */
    JAN20("jan20", DatabaseKind.CHAT, 1),
    /** chat.db with {@code sync_metadata} (LeanSpec's user_version 1). Adopted at chat version 2. */
    CHAT_V1("v1", DatabaseKind.CHAT, 2),
    /** History holds versions this build does not know: never touched. */
    NEWER("newer", null, 0),
    /** Matches no known shape: never migrated; the status says what differs. */
    UNKNOWN("unknown", null, 0);

    private final String label;
    private final DatabaseKind legacyKind;
    private final int baselineVersion;

    Shape(String label, DatabaseKind legacyKind, int baselineVersion) {
        this.label = label;
        this.legacyKind = legacyKind;
        this.baselineVersion = baselineVersion;
    }

    /** The name used in the CLI, JSON and the window: {@code tool-era}, {@code jan20}, ... */
    public String label() {
        return label;
    }

    /** Whether this is an unversioned LeanSpec shape that can be adopted. */
    public boolean isLegacy() {
        return legacyKind != null;
    }

    /** For a legacy shape, the kind of database it is; null otherwise. */
    public DatabaseKind legacyKind() {
        return legacyKind;
    }

    /** For a legacy shape, the version its schema equals (recorded as the baseline); 0 otherwise. */
    public int baselineVersion() {
        return baselineVersion;
    }

    /** The shape with this label, e.g. {@code "tool-era"}. */
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
