package dev.leanspec.inspector.persistence.transcript;

import dev.leanspec.inspector.persistence.transcript.Entry.Plan;
import dev.leanspec.inspector.persistence.transcript.Entry.ToolCall;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent session's conversation, folded from its log lines ({@link TranscriptFolder}).
 *
 * @param entries        the conversation in order: messages, thoughts, tool calls, the plan,
 *                       permission requests, mode changes, LeanSpec's lifecycle lines, raw lines
 * @param lines          how many log lines were read
 * @param acp            whether any line was an ACP notification (the session ran an ACP agent,
 *                       whatever its metadata says: LeanSpec lost that row at times)
 * @param activeToolCall the last tool call that has not finished, as LeanSpec's list showed it
 * @param plan           the latest plan, with its progress
 */
public record Transcript(List<Entry> entries, long lines, boolean acp, Optional<ToolCall> activeToolCall, Optional<Plan> plan) {

    /** Copies the entries. */
    public Transcript {
        entries = List.copyOf(entries);
    }

    /**
     * How the session ran: its {@code protocol} metadata when LeanSpec wrote one ({@code acp},
     * {@code shell}, {@code subprocess}), else {@code acp} when its logs hold ACP notifications
     * and {@code subprocess} otherwise. (LeanSpec itself guessed {@code acp} from the runner's name,
     * wrongly for the copilot and codex sessions of 0.2.22–0.2.24, whose logs are plain lines.)
     *
     * @param metadata the session's metadata; empty for none
     * @return the protocol; never null
     */
    public String protocol(Map<String, String> metadata) {
        return protocol(metadata, acp);
    }

    /**
     * {@return the same rule for a session whose lines were not all folded}
     *
     * @param metadata the session's metadata; empty for none
     * @param acp      whether any of its lines is an ACP notification
     */
    static String protocol(Map<String, String> metadata, boolean acp) {
        String recorded = metadata.get("protocol");
        if (recorded != null && !recorded.isBlank()) {
            return recorded;
        }
        return acp ? "acp" : "subprocess";
    }

    /**
     * The entries LeanSpec's "Messages" tab showed: everything but raw lines and its heartbeats
     * ("Session still running").
     *
     * @return those entries, in order; empty when there are none
     */
    public List<Entry> conversation() {
        return entries.stream().filter(entry -> !(entry instanceof Entry.Raw)
                && !(entry instanceof Entry.Lifecycle lifecycle && lifecycle.heartbeat())).toList();
    }
}
