package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.chat.MessageParts;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionEvent;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;
import dev.leanspec.inspector.persistence.transcript.Transcript;
import dev.leanspec.inspector.persistence.transcript.TranscriptFolder;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code show session ID} and {@code show conversation ID}: one session with its fields, metadata,
 * specs, events and its conversation folded as LeanSpec's UI showed it; one conversation with its
 * messages and their parts. Read-only, on every known shape. The window's Conversation tab is the
 * same library call.
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
    private final Arg<Boolean> json = flag("--json", "Print the typed structure as JSON.");
    private final Arg<Boolean> verbose = flag("--verbose", "Also show the raw lines (JSON-RPC responses, stderr) and LeanSpec's heartbeats.");

    ShowCommand(LeanSpecPaths paths) {
        super("show", "Show one session (fields, metadata, specs, events, its conversation) or one conversation (messages with their parts).");
        this.paths = paths;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        List<String> notes = new ArrayList<>();
        List<Target> holding = targets.resolve(paths, notes).stream()
                .filter(target -> what.value() == What.session ? target.kind().hasSessions() : target.kind().hasConversations()).toList();
        for (Target target : holding) {
            if (print(target, id.value(), out)) {
                return 0;
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
            print(matches.getFirst().target(), matches.getFirst().id(), out);
            return 0;
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

    /** Prints the session or conversation {@code wanted} of one file; false when it has none. */
    private boolean print(Target target, String wanted, PrintWriter out) {
        Optional<Map<String, Object>> found = what.value() == What.session ? session(target, wanted) : conversation(target, wanted);
        if (found.isPresent() && json.value()) {
            out.println(Json.write(found.get()));
        }
        return found.isPresent();
    }

    private Optional<Map<String, Object>> session(Target target, String id) {
        try (SessionStore store = target.db().sessions()) {
            Optional<SessionDetail> found = store.get(id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            SessionDetail detail = found.get();
            List<SessionEvent> events = Page.all(1_000, request -> store.events(EventQuery.of(id), request));
            // Text is cut for showing (a 100 MB log line costs what its first 100,000 characters do).
            Transcript transcript = TranscriptFolder.read(store.withTextLimit(100_000), id);
            List<Entry> entries = verbose.value() ? transcript.entries() : transcript.conversation();
            Map<String, Object> row = Rows.session(target, detail, SessionSummary.of(transcript, detail.metadata()));
            List<Map<String, Object>> eventRows = new ArrayList<>();
            for (SessionEvent event : events) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", event.id());
                e.put("type", event.type().value());
                e.put("data", event.data());
                e.put("timestamp", event.timestamp().text());
                eventRows.add(e);
            }
            row.put("events", eventRows);
            row.put("logLines", transcript.lines());
            row.put("transcript", entries.stream().map(entry -> Transcripts.toJson((Record) entry)).toList());
            if (!json.value()) {
                printSession(out(), row, entries);
            }
            return Optional.of(row);
        }
    }

    private static void printSession(PrintWriter out, Map<String, Object> row, List<Entry> entries) {
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
        @SuppressWarnings("unchecked")
        Map<String, String> metadata = (Map<String, String>) row.get("metadata");
        metadata.forEach((key, value) -> out.printf("  metadata        %s = %s%n", key, value));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) row.get("events");
        out.printf("  events (%d):%n", events.size());
        events.forEach(e -> out.printf("    %s  %s%s%n", e.get("timestamp"), e.get("type"), e.get("data") == null ? "" : "  " + e.get("data")));
        out.printf("  conversation (%d entries from %d log lines):%n", entries.size(), row.get("logLines"));
        entries.forEach(entry -> out.println(indent(Transcripts.text(entry), "    ")));
        out.println();
    }

    private Optional<Map<String, Object>> conversation(Target target, String id) {
        try (ChatStore store = target.db().chat()) {
            Optional<Conversation> found = store.get(id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Conversation c = found.get();
            ChatStore shown = store.withTextLimit(100_000);
            List<Message> messages = Page.all(1_000, request -> shown.messages(id, request));
            Map<String, Object> row = Rows.conversation(target, c);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Message message : messages) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", message.id());
                m.put("role", message.role().value());
                m.put("timestamp", message.timestamp().toString());
                m.put("parts", MessageParts.of(message).stream().map(part -> Transcripts.toJson((Record) part)).toList());
                rows.add(m);
            }
            row.put("messages", rows);
            if (!json.value()) {
                PrintWriter out = out();
                out.printf("conversation  %s  %s%n  file:     %s%n  project:  %s%n  model:    %s%n  messages: %d%n", c.id(), c.title(),
                        row.get("file"), c.projectId(), c.providerId() == null ? "" : c.providerId() + " / " + c.modelId(), messages.size());
                for (Message message : messages) {
                    out.printf("%n  %s  %s%n", message.role().value(), message.timestamp());
                    MessageParts.of(message).forEach(part -> out.println(indent(Transcripts.text(part), "    ")));
                }
                out.println();
            }
            return Optional.of(row);
        } catch (PersistenceException e) {
            if (e.reason() == Reason.INVALID_ARGUMENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String indent(String text, String by) {
        return by + text.replace("\n", "\n" + by);
    }
}
