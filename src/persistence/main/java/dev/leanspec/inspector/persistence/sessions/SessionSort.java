package dev.leanspec.inspector.persistence.sessions;

/**
 * The order of a session list. Every sort ends with the session id, so pages never skip or
 * repeat a row when many sessions share a value.
 *
 * @param column     what to sort by
 * @param descending newest (or Z) first when true
 */
public record SessionSort(Column column, boolean descending) {

    /** Sortable columns: the non-null ones, which keyset paging can seek on. */
    public enum Column {
        /** When the session was created. */
        CREATED_AT,
        /** When it started. */
        STARTED_AT,
        /** When it last changed. */
        UPDATED_AT,
        /** Its status, as text. */
        STATUS,
        /** Its runner. */
        RUNNER,
        /** Its mode, as text. */
        MODE,
        /** Its project path. */
        PROJECT,
        /** Its id alone. */
        ID
    }

    /** Newest first by creation time: what LeanSpec's own list shows. */
    public static final SessionSort NEWEST_FIRST = new SessionSort(Column.CREATED_AT, true);

    /**
     * Checks the column.
     *
     * @throws IllegalArgumentException when {@code column} is null
     */
    public SessionSort {
        if (column == null) {
            throw new IllegalArgumentException("sort column must not be null");
        }
    }
}
