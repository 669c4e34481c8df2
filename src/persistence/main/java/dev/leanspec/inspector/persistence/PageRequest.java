package dev.leanspec.inspector.persistence;

/**
 * Which page to fetch.
 *
 * @param size  rows per page, 1 to {@value #MAX_SIZE}
 * @param after the key of the previous page's last row, or null for the first page
 */
public record PageRequest(int size, PageKey after) {

    /** Larger pages are refused: a page is what a screen shows, not a whole table. */
    public static final int MAX_SIZE = 10_000;

    /**
     * Checks the size.
     *
     * @throws IllegalArgumentException when {@code size} is not 1..{@value #MAX_SIZE}
     */
    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_SIZE + ", was " + size);
        }
    }

    /**
     * The first page of the given size.
     *
     * @param size how many rows, 1..{@value #MAX_SIZE}
     * @return the request for the first page
     */
    public static PageRequest first(int size) {
        return new PageRequest(size, null);
    }
}
