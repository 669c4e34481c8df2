package dev.leanspec.inspector.persistence.sessions;

import dev.leanspec.inspector.persistence.Tally;

import java.util.List;

/**
 * How a file's sessions went, in aggregates computed by SQLite (no row reaches Java): what a
 * dashboard draws. Lists are in drawing order; empty when the file has no such data.
 *
 * @param sessions         how many sessions the file has
 * @param period           {@code day} or {@code week}: the bucket of {@code perPeriod} and
 *                         {@code tokensPerPeriod} (weeks, starting Monday, when the sessions span
 *                         more than {@value #MAX_DAYS} days)
 * @param perPeriod        sessions started per day (or week), one tally per status: key = the
 *                         day ({@code 2026-03-01}), series = the status
 * @param byRunner         sessions per runner, most first
 * @param byMode           sessions per mode, most first
 * @param durations        sessions per duration bucket ({@code < 1 s} … {@code ≥ 1 h}, then
 *                         {@code not recorded}), in that order
 * @param failures         failed sessions per exit code (key = the code, or {@code none}), most
 *                         first; past {@value #TOP} codes, the rest in one {@code other (N codes)}
 * @param tokensPerPeriod  tokens recorded per day (or week), for sessions that recorded any
 * @param busiestLogs      the {@value #TOP} sessions with the most log lines: key = session id
 * @param projects         the {@value #TOP} projects with the most sessions
 * @param specs            the {@value #TOP} specs with the most sessions
 */
public record SessionStats(long sessions, String period, List<Tally> perPeriod, List<Tally> byRunner, List<Tally> byMode,
                           List<Tally> durations, List<Tally> failures, List<Tally> tokensPerPeriod, List<Tally> busiestLogs,
                           List<Tally> projects, List<Tally> specs) {

    /** Above this many days of sessions, the per-period charts count weeks. */
    public static final int MAX_DAYS = 120;

    /** How many projects, specs and sessions the top lists hold. */
    public static final int TOP = 15;

    /** Copies the lists. */
    public SessionStats {
        perPeriod = List.copyOf(perPeriod);
        byRunner = List.copyOf(byRunner);
        byMode = List.copyOf(byMode);
        durations = List.copyOf(durations);
        failures = List.copyOf(failures);
        tokensPerPeriod = List.copyOf(tokensPerPeriod);
        busiestLogs = List.copyOf(busiestLogs);
        projects = List.copyOf(projects);
        specs = List.copyOf(specs);
    }
}
