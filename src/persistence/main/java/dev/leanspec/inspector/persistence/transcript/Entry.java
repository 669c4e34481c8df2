package dev.leanspec.inspector.persistence.transcript;

import dev.leanspec.inspector.persistence.Timestamp;

import java.util.List;

/**
 * One entry of an agent session's conversation, as LeanSpec's own web UI showed it: folded from
 * the session's log lines by {@link TranscriptFolder}. {@code logId} is the first log line the
 * entry comes from; {@code at} that line's time.
 */
public sealed interface Entry {

    /** {@return the id of the first log line behind this entry} */
    long logId();

    /** {@return when that line was written} */
    Timestamp at();

    /**
     * A message: the user's prompt ({@code role} {@code user}) or the agent's text, chunks joined.
     *
     * @param logId the id of the log line it starts at
     * @param at that line's timestamp
     * @param role {@code user} or {@code agent}
     * @param text Markdown as the agent wrote it
     * @param done whether the agent marked it complete (an unfinished one was still streaming)
     */
    record Message(long logId, Timestamp at, String role, String text, boolean done) implements Entry {
    }

    /**
     * The agent's reasoning ("thought"), chunks joined; LeanSpec folded it as "Reasoning".
     *
     * @param logId the id of the log line it starts at
     * @param at that line's timestamp
     * @param text the reasoning, chunks joined
     */
    record Thought(long logId, Timestamp at, String text) implements Entry {
    }

    /**
     * A tool call, merged from its {@code tool_call} and {@code tool_call_update}s by id.
     *
     * @param logId the id of the log line it starts at
     * @param at that line's timestamp
     * @param id        the agent's {@code toolCallId}; may be empty
     * @param title     {@code title ?? toolName ?? tool ?? name}, never null
     * @param kind      ACP's kind ({@code read}, {@code edit}, ...), or null
     * @param status    {@code pending}, {@code running}, {@code completed} or {@code failed}
     * @param input     the arguments as JSON text, or null
     * @param output    the result as JSON text or plain text, or null
     * @param locations the file paths it touched; empty when none
     */
    record ToolCall(long logId, Timestamp at, String id, String title, String kind, String status, String input, String output,
                    List<String> locations) implements Entry {
        /** Copies the locations. */
        public ToolCall {
            locations = List.copyOf(locations);
        }

        /** {@return whether it has finished (completed or failed)} */
        public boolean finished() {
            return status.equals("completed") || status.equals("failed");
        }
    }

    /**
     * The agent's plan; a later plan replaces it in place.
     *
     * @param logId the id of the log line of the first plan
     * @param at that line's timestamp
     * @param entries its steps, in order
     */
    record Plan(long logId, Timestamp at, List<PlanStep> entries) implements Entry {
        /** Copies the steps. */
        public Plan {
            entries = List.copyOf(entries);
        }

        /** {@return how many steps are completed} */
        public long completed() {
            return entries.stream().filter(step -> step.status().equals("completed")).count();
        }

        /** {@return "3/5", as LeanSpec's list showed the progress} */
        public String progress() {
            return completed() + "/" + entries.size();
        }
    }

    /**
     * One step of a plan.
     *
     * @param title    {@code title ?? content}, never null
     * @param status   {@code pending}, {@code in_progress} or {@code completed} (as written)
     * @param priority ACP's priority, or null
     */
    record PlanStep(String title, String status, String priority) {
    }

    /**
     * The agent asked for permission.
     *
     * @param logId the id of the log line
     * @param at that line's timestamp
     * @param tool    what it wants to run, never null
     * @param input   its arguments as JSON text, or null
     * @param options the choices offered, in order
     */
    record PermissionRequest(long logId, Timestamp at, String tool, String input, List<PermissionOption> options) implements Entry {
        /** Copies the options. */
        public PermissionRequest {
            options = List.copyOf(options);
        }
    }

    /**
     * One choice of a permission request: a plain string in LeanSpec's own shape, an object in
     * ACP v1's.
     *
     * @param id   {@code optionId}, or the string itself
     * @param name what to show, never null
     * @param kind {@code allow_once}, {@code reject_once}, ..., or null
     */
    record PermissionOption(String id, String name, String kind) {
    }

    /**
     * The agent switched mode ({@code current_mode_update}).
     *
     * @param logId the id of the log line
     * @param at that line's timestamp
     * @param mode the mode's id, or null when the line named none
     */
    record ModeChange(long logId, Timestamp at, String mode) implements Entry {
    }

    /**
     * One of LeanSpec's own lines about the session (started, completed, still running, ...).
     *
     * @param logId the id of the log line
     * @param at that line's timestamp
     * @param level the line's level
     * @param text the line
     * @param heartbeat whether it is the "still running" line LeanSpec's UI hid
     */
    record Lifecycle(long logId, Timestamp at, String level, String text, boolean heartbeat) implements Entry {
    }

    /**
     * Anything else: JSON-RPC responses, stderr, lines that are not ACP. Shown only verbosely.
     *
     * @param logId the id of the log line
     * @param at that line's timestamp
     * @param level the line's level
     * @param text the line as stored (cut when read through a text limit)
     */
    record Raw(long logId, Timestamp at, String level, String text) implements Entry {
    }
}
