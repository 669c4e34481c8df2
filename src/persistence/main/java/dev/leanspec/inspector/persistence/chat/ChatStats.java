package dev.leanspec.inspector.persistence.chat;

import dev.leanspec.inspector.persistence.Tally;

import java.util.List;

/**
 * How a file's chats went, in aggregates computed by SQLite: what a dashboard draws. Lists are
 * in drawing order; empty when the file has no such data.
 *
 * @param conversations how many conversations the file has
 * @param messages      how many messages
 * @param period        {@code day} or {@code week} (past {@value #MAX_DAYS} days): the bucket of {@code perPeriod}
 * @param perPeriod     messages per day (UTC; or week, named by its Monday), in order
 * @param byModel       messages per provider and model ({@code openai / gpt-4o}, or
 *                      {@code (not recorded)}), most first
 * @param projects      the {@value #TOP} projects with the most messages
 */
public record ChatStats(long conversations, long messages, String period, List<Tally> perPeriod, List<Tally> byModel,
                        List<Tally> projects) {

    /** Above this many days of messages, the per-period chart counts weeks. */
    public static final int MAX_DAYS = 120;

    /** How many projects the top list holds. */
    public static final int TOP = 15;

    /** Copies the lists. */
    public ChatStats {
        perPeriod = List.copyOf(perPeriod);
        byModel = List.copyOf(byModel);
        projects = List.copyOf(projects);
    }
}
