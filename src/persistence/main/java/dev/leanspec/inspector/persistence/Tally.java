package dev.leanspec.inspector.persistence;

/**
 * One bar (or slice) of a chart of a file's figures ({@code SessionStats}, {@code ChatStats}).
 *
 * @param key    what is counted (a day, a runner, a bucket…); never null
 * @param series which series it belongs to (a status, a role), or empty for a single series
 * @param value  the count (or sum)
 */
public record Tally(String key, String series, long value) {
}
