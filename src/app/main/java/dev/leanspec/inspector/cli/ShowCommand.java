package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.export.ConversationTranscript;
import dev.leanspec.inspector.export.Json;
import dev.leanspec.inspector.export.Redaction;
import dev.leanspec.inspector.export.SessionTranscript;
import dev.leanspec.inspector.export.TranscriptFormat;
import dev.leanspec.inspector.export.TranscriptJson;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.chat.MessageParts;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.transcript.Entry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code show session ID} and {@code show conversation ID}: one session with its fields, metadata,
 * specs, events and its conversation folded as LeanSpec's UI showed it; one conversation with its
 * messages and their parts. Read-only, on every known shape. As text for the terminal, or as the
 * Markdown, HTML or JSON that the window's Export… writes (the same {@link TranscriptFormat}).
 */
final class ShowCommand extends Command {

    enum What { session, conversation }

    /** The fewest characters of an id taken as its start. */
    private static final int MIN_PREFIX = 4;
    /** The most candidates an ambiguous start lists. */
    private static final int AMBIGUOUS_SHOWN = 10;

    private final LeanSpecPaths paths;
    private final Targets targets = new Targets(this);
    private final Arg<What> what = parameter(0, "WHAT", What.class, "session or conversation");
    private final Arg<String> id = parameter(1, "ID", String.class, "its id, or the first 4 or more characters of it (as the window shows)");
    private final Arg<Boolean> json = flag("--json", "Print the typed structure as JSON (the same as --format json).");
    private final Arg<String> format = option("--format", "FORMAT", String.class,
            "text (the default), md (Markdown), html (one page that needs nothing else) or json. Text is whole, never cut.");
    private final Arg<Boolean> redact = flag("--redact", "Take API keys, tokens, private keys and password= values out (gitleaks' rules), "
            + "and write the home folder as ~; says on stderr how many of each.");
    private final Arg<Boolean> verbose = flag("--verbose", "Also show the raw lines (JSON-RPC responses, stderr) and LeanSpec's heartbeats.");

    ShowCommand(LeanSpecPaths paths) {
        super("show", "Show one session (fields, metadata, specs, events, its conversation) or one conversation (messages with their parts).");
        this.paths = paths;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        TranscriptFormat written = written();
        List<String> notes = new ArrayList<>();
        List<Target> holding = targets.resolve(paths, notes).stream()
                .filter(target -> what.value() == What.session ? target.kind().hasSessions() : target.kind().hasConversations()).toList();
        for (Target target : holding) {
            if (print(target, id.value(), written, out)) {
                return redacted();
            }
        }
        // The window shows ids cut to 8 characters: a unique start of one names it too.
        List<Match> matches = new ArrayList<>();
        if (id.value().length() >= MIN_PREFIX) {
            for (Target target : holding) {
                idsStartingWith(target).forEach(full -> matches.add(new Match(target, full)));
            }
        }
        if (matches.size() == 1) {
            print(matches.getFirst().target(), matches.getFirst().id(), written, out);
            return redacted();
        }
        notes.forEach(err::println);
        if (matches.size() > 1) {
            err.println(id.value() + " is the start of " + (matches.size() > AMBIGUOUS_SHOWN ? "more than " + AMBIGUOUS_SHOWN : matches.size())
                    + " " + what.value() + " ids; give more of the one you mean:");
            matches.stream().limit(AMBIGUOUS_SHOWN).forEach(match -> err.println("  " + match.id() + "  " + match.target().where()));
            return Cli.FAILED;
        }
        String where = holding.isEmpty() ? "any file (no file found holds " + what.value() + "s)"
                : String.join(", ", holding.stream().map(Target::where).toList());
        err.println("No " + what.value() + " " + id.value() + " in " + where + "."
                + (id.value().length() < MIN_PREFIX ? " Give the whole id or at least its first " + MIN_PREFIX + " characters." : ""));
        return Cli.FAILED;
    }

    private record Match(Target target, String id) {
    }

    private List<String> idsStartingWith(Target target) {
        if (what.value() == What.session) {
            try (SessionStore store = target.db().sessions()) {
                return store.idsStartingWith(id.value(), AMBIGUOUS_SHOWN + 1);
            }
        }
        try (ChatStore store = target.db().chat()) {
            return store.idsStartingWith(id.value(), AMBIGUOUS_SHOWN + 1);
        }
    }

    private Redaction redaction;

    private <T> T clean(T value) {
        if (!redact.value()) {
            return value;
        }
        if (redaction == null) {
            redaction = Redaction.of(paths.home());
        }
        return redaction.apply(value);
    }

    /** Says what --redact took out (on stderr: the output stays the document); 0, the exit code. */
    private int redacted() {
        if (redaction != null) {
            err().println("Redacted: " + redaction.summary() + ".");
        }
        return 0;
    }

    /** {@return the format asked for, null for text} */
    private TranscriptFormat written() {
        String named = format.value();
        if (named == null || named.equalsIgnoreCase("text")) {
            return json.value() ? TranscriptFormat.JSON : null;
        }
        TranscriptFormat asked;
        try {
            asked = TranscriptFormat.named(named);
        } catch (IllegalArgumentException e) {
            throw usage("--format " + named + ": give text, md, html or json");
        }
        if (json.value() && asked != TranscriptFormat.JSON) {
            throw usage("--json and --format " + named + " ask for two formats: give one");
        }
        return asked;
    }

    /** Prints the session or conversation {@code wanted} of one file; false when it has none. */
    private boolean print(Target target, String wanted, TranscriptFormat written, PrintWriter out) {
        if (what.value() == What.session) {
            try (SessionStore store = target.db().sessions()) {
                Optional<SessionTranscript> found = SessionTranscript.read(store, wanted).map(this::clean);
                found.ifPresent(transcript -> out.print(written == null ? text(transcript)
                        : written == TranscriptFormat.JSON ? Json.write(TranscriptJson.session(transcript, verbose.value())) + "\n"
                        : written.write(transcript)));
                return found.isPresent();
            }
        }
        try (ChatStore store = target.db().chat()) {
            Optional<ConversationTranscript> found = ConversationTranscript.read(store, wanted).map(this::clean);
            found.ifPresent(transcript -> out.print(written == null ? text(transcript) : written.write(transcript)));
            return found.isPresent();
        }
    }

    private String text(SessionTranscript transcript) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        Map<String, Object> row = TranscriptJson.sessionRow(transcript.file(), transcript.detail(), transcript.summary());
        out.printf("session  %s%n  file:     %s%n", row.get("id"), row.get("file"));
        for (String key : List.of("projectPath", "specs", "runner", "mode", "status", "protocol", "exitCode", "startedAt", "endedAt",
                "durationMs", "activeToolCall", "planProgress")) {
            Object value = row.get(key);
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                out.printf("  %-15s %s%n", key + ":", value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : value);
            }
        }
        if (row.get("prompt") != null) {
            out.printf("  prompt:%n%s%n", indent(row.get("prompt").toString(), "    "));
        }
        transcript.detail().metadata().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.printf("  metadata        %s = %s%n", e.getKey(), e.getValue()));
        out.printf("  events (%d):%n", transcript.events().size());
        transcript.events().forEach(e -> out.printf("    %s  %s%s%n", e.timestamp().text(), e.type().value(), e.data() == null ? "" : "  " + e.data()));
        List<Entry> entries = verbose.value() ? transcript.transcript().entries() : transcript.transcript().conversation();
        out.printf("  conversation (%d entries from %d log lines):%n", entries.size(), transcript.transcript().lines());
        entries.forEach(entry -> out.println(indent(Transcripts.text(entry), "    ")));
        out.println();
        out.flush();
        return text.toString();
    }

    private static String text(ConversationTranscript transcript) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        Conversation c = transcript.conversation();
        out.printf("conversation  %s  %s%n  file:     %s%n  project:  %s%n  model:    %s%n  messages: %d%n", c.id(), c.title(),
                transcript.file(), c.projectId(), c.providerId() == null ? "" : c.providerId() + " / " + c.modelId(), transcript.messages().size());
        for (Message message : transcript.messages()) {
            out.printf("%n  %s  %s%n", message.role().value(), message.timestamp());
            MessageParts.of(message).forEach(part -> out.println(indent(Transcripts.text(part), "    ")));
        }
        out.println();
        out.flush();
        return text.toString();
    }

    static String indent(String text, String by) {
        return by + text.replace("\n", "\n" + by);
    }
}
