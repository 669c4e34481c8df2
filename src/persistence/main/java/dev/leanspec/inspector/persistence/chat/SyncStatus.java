package dev.leanspec.inspector.persistence.chat;

import dev.leanspec.inspector.persistence.Code;

import java.util.List;

/**
 * A conversation's {@code sync_status}; the file's CHECK constraint allows only the known values. Any other stored value is kept as it is ({@link #isKnown()} is then false).
 *
 * @param value the text as stored; never null
 */
public record SyncStatus(String value) implements Code {
    public static final SyncStatus LOCAL_ONLY = new SyncStatus("local-only");
    public static final SyncStatus SYNCED = new SyncStatus("synced");
    public static final SyncStatus CONFLICT = new SyncStatus("conflict");
    public static final SyncStatus PENDING = new SyncStatus("pending");

    /** The values LeanSpec writes, in its own order. */
    public static final List<SyncStatus> KNOWN = List.of(LOCAL_ONLY, SYNCED, CONFLICT, PENDING);

    /**
     * Keeps any value, known or not.
     *
     * @throws IllegalArgumentException when {@code value} is null
     */
    public SyncStatus {
        Code.require(value, "sync_status");
    }

    @Override
    public List<SyncStatus> known() {
        return KNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
