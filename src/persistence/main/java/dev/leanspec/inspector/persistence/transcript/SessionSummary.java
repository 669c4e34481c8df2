package dev.leanspec.inspector.persistence.transcript;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.transcript.Entry.Plan;
import dev.leanspec.inspector.persistence.transcript.Entry.ToolCall;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What LeanSpec's session list showed beside each session, read without folding its whole
 * conversation: a list of 200 sessions reads only the lines that can carry a tool call or a plan.
 *
 * @param protocol       how the session ran ({@link Transcript#protocol}); never null
 * @param activeToolCall the last tool call that has not finished; empty when none is running
 * @param plan           the latest plan; empty when the agent never sent one
 */
public record SessionSummary(String protocol, Optional<ToolCall> activeToolCall, Optional<Plan> plan) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when one is null
     */
    public SessionSummary {
        if (protocol == null || activeToolCall == null || plan == null) {
            throw new IllegalArgumentException("protocol, activeToolCall and plan must not be null (use Optional.empty())");
        }
    }

    /** {@return the plan's progress ("3/5"), or null without a plan} */
    public String planProgress() {
        return plan.map(Plan::progress).orElse(null);
    }

    /** {@return the active tool call's title, or null when none is running} */
    public String activeToolTitle() {
        return activeToolCall.map(ToolCall::title).orElse(null);
    }

    /**
     * The summary of a conversation already folded whole.
     *
     * @param transcript the whole conversation
     * @param metadata the session's metadata; empty for none
     * @return its summary
     */
    public static SessionSummary of(Transcript transcript, Map<String, String> metadata) {
        return new SessionSummary(transcript.protocol(metadata), transcript.activeToolCall(), transcript.plan());
    }

    /**
     * Reads the summary of one session: its {@code metadata} (as {@link SessionStore#get} gave it)
     * and the log lines that mention a tool call or a plan, folded as {@link TranscriptFolder} does.
     * Lines that mention neither cannot change either fact, so the result equals folding them all.
     *
     * @param store the store the session is in
     * @param sessionId the session's id
     * @param metadata the session's metadata; empty for none
     * @return its summary; {@code subprocess} with no tool call and no plan for an unknown session
     */
    public static SessionSummary read(SessionStore store, String sessionId, Map<String, String> metadata) {
        Transcript tools = fold(store, new LogQuery(sessionId, Set.of(), "tool_call"));
        Transcript plans = fold(store, new LogQuery(sessionId, Set.of(), "\"plan\""));
        boolean acp = tools.acp() || plans.acp()
                || !store.logs(new LogQuery(sessionId, Set.of(), TranscriptFolder.ACP_PREFIX), PageRequest.first(1)).items().isEmpty();
        return new SessionSummary(Transcript.protocol(metadata, acp), tools.activeToolCall(), plans.plan());
    }

    private static Transcript fold(SessionStore store, LogQuery query) {
        TranscriptFolder folder = new TranscriptFolder();
        Page.forEach(2_000, request -> store.logs(query, request), folder::accept);
        return folder.finish();
    }
}
