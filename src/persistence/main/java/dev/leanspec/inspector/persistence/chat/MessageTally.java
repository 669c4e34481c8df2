package dev.leanspec.inspector.persistence.chat;

/**
 * What a conversation's messages add up to: how many, and their first and last timestamps.
 * LeanSpec 0.2.24+ only appends messages, and 0.2.20-0.2.23 rewrote a whole thread with new
 * timestamps, so a different tally is how a reader that kept a copy knows they changed, without
 * reading them.
 *
 * @param messages how many
 * @param firstAt  the first one's timestamp (epoch milliseconds); 0 when none
 * @param lastAt   the last one's timestamp (epoch milliseconds); 0 when none
 */
public record MessageTally(long messages, long firstAt, long lastAt) {

    /** A conversation with no message. */
    public static final MessageTally NONE = new MessageTally(0, 0, 0);
}
