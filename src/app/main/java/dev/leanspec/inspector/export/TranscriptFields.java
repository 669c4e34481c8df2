package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fields a transcript's page starts with, the same in Markdown and HTML; empty ones left out. */
public final class TranscriptFields {

    /**
     * One field.
     *
     * @param name  what it is ({@code Status}, {@code Runner})
     * @param value its text; never empty
     * @param code  whether it is literal (an id, a path) rather than prose
     */
    public record Field(String name, String value, boolean code) {
    }

    private TranscriptFields() {
    }

    /** {@return a session's id, status, runner, mode, protocol, project, specs, times, tokens, plan and file} */
    public static List<Field> session(SessionTranscript transcript) {
        Session s = transcript.detail().session();
        SessionSummary summary = transcript.summary();
        List<Field> fields = new ArrayList<>();
        add(fields, "Id", s.id(), true);
        add(fields, "Status", s.status().value() + (s.exitCode() == null ? "" : " (exit code " + s.exitCode() + ")"), false);
        add(fields, "Runner", s.runner(), false);
        add(fields, "Mode", s.mode().value(), false);
        add(fields, "Protocol", summary.protocol(), false);
        add(fields, "Project", s.projectPath(), true);
        add(fields, "Specs", String.join(", ", transcript.detail().specs()), false);
        add(fields, "Started", Times.at(s.startedAt()), false);
        add(fields, "Ended", Times.at(s.endedAt()), false);
        add(fields, "Duration", Times.duration(s.durationMs()), false);
        // LeanSpec never wrote token_count: NULL means not recorded, never 0.
        add(fields, "Tokens", s.tokenCount() == null ? "not recorded" : String.format("%,d", s.tokenCount()), false);
        summary.plan().ifPresent(plan -> add(fields, "Plan", plan.progress(), false));
        summary.activeToolCall().ifPresent(call -> add(fields, "Active tool call", call.title(), false));
        add(fields, "File", transcript.file(), true);
        return fields;
    }

    /** {@return a conversation's id, project, model, times, message count and file} */
    public static List<Field> conversation(ConversationTranscript transcript) {
        Conversation c = transcript.conversation();
        List<Field> fields = new ArrayList<>();
        add(fields, "Id", c.id(), true);
        add(fields, "Project", c.projectId(), true);
        add(fields, "Model", String.join(" / ", java.util.stream.Stream.of(c.providerId(), c.modelId()).filter(v -> v != null && !v.isBlank()).toList()), false);
        add(fields, "Created", Times.at(c.createdAt()), false);
        add(fields, "Updated", Times.at(c.updatedAt()), false);
        add(fields, "Messages", String.valueOf(transcript.messages().size()), false);
        add(fields, "Archived", c.archived() ? "yes" : "", false);
        add(fields, "File", transcript.file(), true);
        return fields;
    }

    /** {@return a session's metadata, by key} */
    public static Map<String, String> metadata(SessionTranscript transcript) {
        return new java.util.TreeMap<>(transcript.detail().metadata());
    }

    /** {@return how a message's role is named: User, Assistant, System, Tool, or the stored value} */
    public static String role(String role) {
        return switch (role) {
            case "user" -> "User";
            case "assistant", "agent" -> "Assistant";
            case "system" -> "System";
            case "tool" -> "Tool";
            default -> role;
        };
    }

    /** A link's scheme that only shows or fetches, or none (a relative link): anything else is dropped. */
    private static final java.util.regex.Pattern SAFE_URL = java.util.regex.Pattern.compile("(?i)(https?|mailto):.*|[^:]*", java.util.regex.Pattern.DOTALL);

    /**
     * {@return a part's link as it is when it is http(s), mailto or relative, else "#": a page or
     * document must never carry a stored javascript:, data: or file: URL}
     */
    static String safeUrl(String url) {
        return url != null && SAFE_URL.matcher(url.strip()).matches() ? url.strip() : "#";
    }

    private static void add(List<Field> fields, String name, String value, boolean code) {
        if (value != null && !value.isBlank()) {
            fields.add(new Field(name, value, code));
        }
    }
}
