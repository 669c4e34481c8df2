package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.persistence.chat.Part;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.persistence.transcript.Transcript;

/** A conversation's entries and a message's parts for the terminal, as plain text. */
final class Transcripts {

    private Transcripts() {
    }

    static String protocol(SessionDetail detail, Transcript transcript) {
        return transcript.protocol(detail.metadata());
    }

    /** One entry as text, Markdown left as it is. */
    static String text(Entry entry) {
        return switch (entry) {
            case Entry.Message m -> (m.role().equals("user") ? "> user: " : "agent: ") + m.text() + (m.done() ? "" : " …");
            case Entry.Thought t -> "(reasoning) " + t.text();
            case Entry.ToolCall c -> "[tool " + c.title() + (c.kind() == null ? "" : " · " + c.kind()) + " · " + c.status() + "]"
                    + (c.input() == null ? "" : "\n  input:  " + c.input()) + (c.output() == null ? "" : "\n  output: " + c.output())
                    + (c.locations().isEmpty() ? "" : "\n  files:  " + String.join(", ", c.locations()));
            case Entry.Plan p -> "[plan " + p.progress() + "]" + String.join("", p.entries().stream()
                    .map(step -> "\n  " + switch (step.status()) {
                        case "completed" -> "✓";
                        case "in_progress" -> "⟳";
                        default -> "○";
                    } + " " + step.title()).toList());
            case Entry.PermissionRequest r -> "[permission asked: " + r.tool() + "]" + (r.input() == null ? "" : " " + r.input())
                    + "\n  options: " + String.join(" | ", r.options().stream().map(Entry.PermissionOption::name).toList());
            case Entry.ModeChange m -> "[mode: " + m.mode() + "]";
            case Entry.Lifecycle l -> "-- " + l.text();
            case Entry.Raw r -> r.level() + ": " + r.text();
        };
    }

    /** One part as text, Markdown left as it is. */
    static String text(Part part) {
        return switch (part) {
            case Part.Text t -> t.text();
            case Part.Reasoning r -> "(reasoning) " + r.text();
            case Part.ToolUse u -> "[tool " + u.name() + (u.error() ? " · failed" : u.output() == null ? " · no result" : " · done") + "]"
                    + (u.input() == null ? "" : "\n  input:  " + u.input()) + (u.output() == null ? "" : "\n  output: " + u.output())
                    + (u.errorText() == null ? "" : "\n  error:  " + u.errorText());
            case Part.File f -> "[file " + (f.filename() == null ? "" : f.filename() + " ") + f.url()
                    + (f.mediaType() == null ? "" : " (" + f.mediaType() + ")") + "]";
            case Part.Source s -> "[source " + (s.title() == null ? "" : s.title() + " ") + (s.url() == null ? s.id() : s.url()) + "]";
            case Part.Unknown u -> "[" + u.type() + "] " + u.json();
        };
    }
}
