package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.chat.MessageParts;
import dev.leanspec.inspector.persistence.chat.Part;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session or a conversation as Markdown (GitHub's flavour, which folds {@code <details>}):
 * what Copy as Markdown, Export…, {@code show --format md} and the archive's twins hold. The
 * agent's and the user's text stay as they wrote it (Markdown already); tool input and output,
 * console lines and JSON go into code fences long enough that nothing inside closes them.
 */
public final class TranscriptMarkdown {

    private TranscriptMarkdown() {
    }

    /** The session's fields, its prompt, its conversation (or console), its events and metadata. */
    public static String session(SessionTranscript transcript) {
        return sessionText(transcript).toString();
    }

    /** {@return the session's Markdown, not copied into a String: the archive writes it out as it is} */
    static CharSequence sessionText(SessionTranscript transcript) {
        Session s = transcript.detail().session();
        StringBuilder md = new StringBuilder();
        md.append("# Session ").append(Times.shortId(s.id()));
        if (!transcript.detail().specs().isEmpty()) {
            md.append(" · ").append(inline(String.join(", ", transcript.detail().specs())));
        }
        md.append("\n\n");
        fields(md, TranscriptFields.session(transcript));
        md.append("\nTimes are ").append(Times.zone()).append(".\n");
        if (s.prompt() != null && !s.prompt().isBlank()) {
            md.append("\n## Prompt\n\n").append(s.prompt().strip()).append('\n');
        }
        if (transcript.acp()) {
            md.append("\n## Conversation\n");
            List<Entry> entries = transcript.transcript().conversation();
            if (entries.isEmpty()) {
                md.append("\n*No messages were logged.*\n");
            }
            entries.forEach(entry -> entry(md, entry));
        } else {
            console(md, transcript.transcript().entries());
        }
        md.append("\n## Events\n\n");
        if (transcript.events().isEmpty()) {
            md.append("*None recorded.*\n");
        } else {
            // Rows made as they are written: a session can hold 100,000 events.
            Iterable<List<String>> rows = () -> transcript.events().stream().map(event -> List.of(Times.at(event.timestamp()),
                    inline(event.type().value()), event.data() == null ? "" : code(event.data()))).iterator();
            table(md, List.of("Time", "Type", "Data"), rows);
        }
        if (!transcript.detail().metadata().isEmpty()) {
            md.append("\n## Metadata\n\n");
            table(md, List.of("Key", "Value"), TranscriptFields.metadata(transcript).entrySet().stream()
                    .map(e -> List.of(code(e.getKey()), e.getValue() == null ? "" : code(e.getValue()))).toList());
        }
        return md;
    }

    /** The conversation's fields, then every message with its parts. */
    public static String conversation(ConversationTranscript transcript) {
        Conversation c = transcript.conversation();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(inline(c.title().isBlank() ? "Conversation " + Times.shortId(c.id()) : c.title())).append("\n\n");
        fields(md, TranscriptFields.conversation(transcript));
        md.append("\nTimes are ").append(Times.zone()).append(".\n");
        if (transcript.messages().isEmpty()) {
            md.append("\n*No messages.*\n");
        }
        for (Message message : transcript.messages()) {
            md.append("\n## ").append(TranscriptFields.role(message.role().value())).append(" · ").append(Times.at(message.timestamp())).append('\n');
            List<Part> parts = MessageParts.of(message);
            for (Part part : parts) {
                part(md, part);
            }
        }
        return md.toString();
    }

    private static void fields(StringBuilder md, List<TranscriptFields.Field> fields) {
        table(md, List.of("Field", "Value"), fields.stream().map(f -> List.of(f.name(), f.code() ? code(f.value()) : inline(f.value()))).toList());
    }

    private static void entry(StringBuilder md, Entry entry) {
        switch (entry) {
            case Entry.Message m -> {
                md.append("\n### ").append(m.role().equals("user") ? "User" : "Agent").append(" · ").append(Times.at(m.at()))
                        .append(m.done() ? "" : " · *unfinished*").append("\n\n").append(m.text().strip()).append('\n');
            }
            case Entry.Thought t -> details(md, "Thought · " + Times.at(t.at()), t.text().strip());
            case Entry.ToolCall c -> {
                md.append("\n### Tool · ").append(inline(c.title())).append(c.kind() == null ? "" : " · " + c.kind())
                        .append(" · ").append(c.status()).append(" · ").append(Times.at(c.at())).append('\n');
                if (!c.locations().isEmpty()) {
                    md.append("\nFiles: ").append(String.join(", ", c.locations().stream().map(TranscriptMarkdown::code).toList())).append('\n');
                }
                block(md, "Input", c.input());
                block(md, "Output", c.output());
            }
            case Entry.Plan p -> {
                md.append("\n### Plan · ").append(p.progress()).append("\n\n");
                for (Entry.PlanStep step : p.entries()) {
                    md.append("- [").append(step.status().equals("completed") ? "x" : " ").append("] ").append(inline(step.title()))
                            .append(step.status().equals("in_progress") ? " *(in progress)*" : "").append('\n');
                }
            }
            case Entry.PermissionRequest r -> {
                md.append("\n### Permission asked · ").append(inline(r.tool())).append(" · ").append(Times.at(r.at())).append('\n');
                block(md, "Input", r.input());
                md.append("\nOptions: ").append(String.join(" · ", r.options().stream()
                        .map(o -> inline(o.name()) + (o.kind() == null ? "" : " (" + o.kind() + ")")).toList())).append('\n');
            }
            case Entry.ModeChange m -> md.append("\n*Mode changed to ").append(m.mode() == null ? "an unnamed mode" : code(m.mode()))
                    .append(" · ").append(Times.at(m.at())).append("*\n");
            case Entry.Lifecycle l -> md.append("\n*LeanSpec: ").append(inline(l.text())).append(" · ").append(Times.at(l.at())).append("*\n");
            case Entry.Raw r -> md.append("\n").append(fence(r.level() + ": " + r.text(), ""));
        }
    }

    /** A session that ran a plain process: its lines as the console showed them, stderr marked. */
    private static void console(StringBuilder md, List<Entry> entries) {
        md.append("\n## Console\n\n");
        StringBuilder lines = new StringBuilder();
        for (Entry entry : entries) {
            switch (entry) {
                case Entry.Raw r -> lines.append(r.level().equals("stdout") ? "" : "[" + r.level() + "] ").append(r.text()).append('\n');
                case Entry.Lifecycle l -> {
                    if (!l.heartbeat()) {
                        lines.append("-- ").append(l.text()).append('\n');
                    }
                }
                // A console session's logs hold no ACP, but a stray entry is shown rather than lost.
                default -> lines.append(entry).append('\n');
            }
        }
        if (lines.isEmpty()) {
            md.append("*No lines were logged.*\n");
        } else {
            fence(md, lines, "text");
        }
    }

    private static void part(StringBuilder md, Part part) {
        switch (part) {
            case Part.Text t -> md.append('\n').append(t.text().strip()).append('\n');
            case Part.Reasoning r -> details(md, "Reasoning", r.text().strip());
            case Part.ToolUse u -> {
                md.append("\n**Tool ").append(inline(u.name())).append("** · ")
                        .append(u.error() ? "failed" : u.output() == null ? "no result" : "completed").append('\n');
                block(md, "Input", u.input());
                block(md, "Output", u.output());
                block(md, "Error", u.errorText());
            }
            case Part.File f -> md.append("\nFile: [").append(inline(f.filename() == null ? f.url() : f.filename())).append("](")
                    .append(link(f.url())).append(")").append(f.mediaType() == null ? "" : " (" + f.mediaType() + ")").append('\n');
            case Part.Source s -> md.append("\nSource: ").append(s.url() == null ? inline(s.title() == null ? s.id() : s.title())
                    : "[" + inline(s.title() == null ? s.url() : s.title()) + "](" + link(s.url()) + ")").append('\n');
            case Part.Unknown u -> block(md, "Part " + inline(u.type()), u.json());
        }
    }

    private static void details(StringBuilder md, String summary, String text) {
        md.append("\n<details>\n<summary>").append(Html.escape(summary)).append("</summary>\n\n").append(text).append("\n\n</details>\n");
    }

    /** A labelled code block: JSON pretty-printed and fenced as json, other text as it is. */
    private static void block(StringBuilder md, String label, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        String json = Json.pretty(text);
        md.append('\n').append(label).append(":\n\n").append(json != null ? fence(json, "json") : fence(text, ""));
    }


    /** A fenced code block that nothing in {@code text} can close: one backtick longer than its longest run. */
    static String fence(String text, String language) {
        return fence(new StringBuilder(text.length() + 16), text, language).toString();
    }

    private static StringBuilder fence(StringBuilder md, CharSequence text, String language) {
        String ticks = "`".repeat(Math.max(3, longestRun('`', text) + 1));
        md.append(ticks).append(language).append('\n').append(text);
        if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
            md.append('\n');
        }
        return md.append(ticks).append('\n');
    }

    /** Inline code that nothing in {@code text} ends: backticks one more than its longest run. */
    static String code(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String oneLine = text.replace("\r", "").replace('\n', ' ');
        String ticks = "`".repeat(longestRun('`', oneLine) + 1);
        boolean pad = oneLine.startsWith("`") || oneLine.endsWith("`");
        return ticks + (pad ? " " : "") + oneLine + (pad ? " " : "") + ticks;
    }

    private static int longestRun(char c, CharSequence text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** Text in running prose or a heading: Markdown's and HTML's special characters taken literally. */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.replace("\r", "").replace('\n', ' ').toCharArray()) {
            if ("\\`*_[]<>~".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** A link target: angle brackets keep spaces and parentheses inside it. */
    private static String link(String url) {
        url = TranscriptFields.safeUrl(url);
        return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\n", "") + ">";
    }

    /**
     * A GitHub table. Cells are already Markdown ({@link #code}, {@link #inline}); a pipe, even
     * inside inline code, ends a cell, so it is escaped, and a line break becomes a space.
     */
    private static void table(StringBuilder md, List<String> header, Iterable<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row.stream().map(cell -> cell.replace("|", "\\|").replace("\n", " ")).toList())).append(" |\n");
        }
    }
}
