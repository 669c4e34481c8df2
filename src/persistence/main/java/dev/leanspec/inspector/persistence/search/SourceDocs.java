package dev.leanspec.inspector.persistence.search;

import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.chat.MessageParts;
import dev.leanspec.inspector.persistence.chat.Part;
import dev.leanspec.inspector.persistence.sessions.LogLevel;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.persistence.transcript.TranscriptFolder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A LeanSpec SQLite file's text as search documents, in whatever shape a release left it: a
 * column the file lacks is left out, {@code tool} is read as the runner, a session's log is
 * folded into its conversation by LeanSpec's rules (what a person remembers is the agent's text,
 * not the JSON lines it came in). Reads only.
 */
final class SourceDocs {

    /** Output lines of a subprocess (not an agent's conversation) go into one document up to this size. */
    private static final int OUTPUT_CHUNK = 4_000;

    /**
     * One searchable text.
     *
     * @param owner  the session's, conversation's or runner's id
     * @param place  what it is (see {@link SearchHit#where})
     * @param source which table it came from: {@code session}, {@code log}, {@code event}, {@code conversation}, {@code message}, {@code runner}
     * @param key    the source row's own id where the owner's existence is not enough (a message), else null
     * @param logId  the first log line of the entry, the event's id for an event, or -1
     * @param at     epoch milliseconds, or 0 when unknown
     */
    record Doc(SearchHit.Kind kind, String owner, String place, String project, long at, String source, String key, long logId,
               String text) {
    }

    /** How far a table has been read: its largest rowid, and its newest {@code updated_at} where it has one. */
    record Mark(long rowid, String updated) {
        static final Mark NONE = new Mark(0, "");
    }

    /** Rows read from the database at a time: PostgreSQL's driver otherwise reads a whole result into memory. */
    private static final int FETCH = 1_000;

    private final Connection source;
    private final boolean postgres;
    private final Map<String, Set<String>> columns = new HashMap<>();

    /**
     * @param postgres the database is PostgreSQL (one of our chains' schemas), not SQLite: it has
     *                 no {@code rowid} for sessions and conversations, and other names for a few functions
     */
    SourceDocs(Connection source, boolean postgres) throws SQLException {
        this.source = source;
        this.postgres = postgres;
        for (String table : List.of("sessions", "session_specs", "session_metadata", "session_logs", "session_events",
                "conversations", "messages", "runners")) {
            Set<String> names = new HashSet<>();
            try (PreparedStatement statement = source.prepareStatement(postgres
                    ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                    : "SELECT name FROM pragma_table_info(?)")) {
                statement.setString(1, table);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            if (!names.isEmpty()) {
                columns.put(table, names);
            }
        }
    }

    /**
     * The expression that orders a table's rows by when they were written, for the tables whose
     * rows are read again when changed: SQLite's rowid; on PostgreSQL (which has none) the id of
     * the transaction that last wrote the row. A row written by a transaction that commits after
     * a later one was read can be missed there; nothing writes these tables any more but this
     * app's copy, one transaction at a time.
     */
    private String written(String alias) {
        return postgres ? "(" + alias + ".xmin::text::bigint)" : alias + ".rowid";
    }

    private String concat(String value, String separator) {
        return (postgres ? "string_agg(" : "group_concat(") + value + ", " + separator + ")";
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = source.prepareStatement(sql);
        statement.setFetchSize(FETCH);
        return statement;
    }

    boolean has(String table) {
        return columns.containsKey(table);
    }

    private boolean has(String table, String column) {
        return columns.getOrDefault(table, Set.of()).contains(column);
    }

    private String column(String table, String column) {
        return has(table, column) ? table.charAt(0) + "." + column : "NULL";
    }

    /** The sessions added after {@code from}'s rowid or changed after its time; returns how far it read. */
    Mark sessions(Mark from, BooleanSupplier stopped, Consumer<Doc> out) throws SQLException {
        if (!has("sessions")) {
            return from;
        }
        String runner = has("sessions", "runner") ? "s.runner" : column("sessions", "tool");
        List<String> specs = new ArrayList<>();
        if (has("sessions", "spec_id")) {
            specs.add("s.spec_id");
        }
        if (has("session_specs")) {
            specs.add("(SELECT " + concat("spec_id", "' '") + " FROM session_specs WHERE session_id = s.id)");
        }
        String spec = specs.isEmpty() ? "NULL" : specs.size() == 1 ? specs.getFirst() : "coalesce(" + String.join(", ", specs) + ")";
        String metadata = has("session_metadata")
                ? "(SELECT " + concat("key || ' = ' || value", postgres ? "chr(10)" : "char(10)") + " FROM session_metadata WHERE session_id = s.id)"
                : "NULL";
        String updated = has("sessions", "updated_at") ? "s.updated_at" : "''";
        String sql = "SELECT " + written("s") + ", s.id, s.project_path, " + column("sessions", "prompt") + ", " + runner + ", " + spec + ", "
                + metadata + ", " + column("sessions", "started_at") + ", " + updated
                + " FROM sessions s WHERE " + written("s") + " > ? OR " + updated + " > ? ORDER BY 1";
        long rowid = from.rowid();
        String newest = from.updated();
        try (PreparedStatement statement = prepare(sql)) {
            statement.setLong(1, from.rowid());
            statement.setString(2, from.updated());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next() && !stopped.getAsBoolean()) {
                    rowid = Math.max(rowid, rs.getLong(1));
                    String id = rs.getString(2);
                    String project = rs.getString(3);
                    long at = millis(rs.getString(8));
                    String changed = rs.getString(9);
                    if (changed != null && changed.compareTo(newest) > 0) {
                        newest = changed;
                    }
                    out.accept(new Doc(SearchHit.Kind.SESSION, id, "session", project, at, "session", null, -1,
                            join(id, project, rs.getString(5), rs.getString(6))));
                    String prompt = rs.getString(4);
                    if (prompt != null && !prompt.isBlank()) {
                        out.accept(new Doc(SearchHit.Kind.SESSION, id, "prompt", project, at, "session", null, -1, prompt));
                    }
                    String meta = rs.getString(7);
                    if (meta != null && !meta.isBlank()) {
                        out.accept(new Doc(SearchHit.Kind.SESSION, id, "metadata", project, at, "session", null, -1, meta));
                    }
                }
            }
        }
        return new Mark(rowid, newest);
    }

    /** {@return the sessions that have log lines after {@code afterLogId}} */
    List<String> sessionsLoggedAfter(long afterLogId) throws SQLException {
        if (!has("session_logs")) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = prepare("SELECT DISTINCT session_id FROM session_logs WHERE id > ?")) {
            statement.setLong(1, afterLogId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** {@return the largest log line id, or 0} */
    long lastLogId() throws SQLException {
        return has("session_logs") ? single("SELECT coalesce(max(id), 0) FROM session_logs") : 0;
    }

    /** {@return the ids of the sessions that have log lines, in order, after {@code after} (exclusive; "" for all)} */
    List<String> loggedSessions(String after, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        if (!has("session_logs")) {
            return ids;
        }
        // The index on session_logs(session_id) lists them in order without reading the lines.
        try (PreparedStatement statement = source.prepareStatement(
                "SELECT DISTINCT session_id FROM session_logs WHERE session_id > ? ORDER BY session_id LIMIT ?")) {
            statement.setString(1, after);
            statement.setInt(2, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /**
     * Folds one session's log lines up to {@code lastLogId} into its conversation's entries, as
     * documents. Plain-text lines (a console's output, LeanSpec's own lines) never join another
     * entry: they become documents as they are read, so a session of a million console lines is
     * never held whole; only the agent's JSON lines go through the folder.
     */
    int log(String sessionId, long lastLogId, Consumer<Doc> out) throws SQLException {
        String project = projectOf(sessionId);
        TranscriptFolder folder = new TranscriptFolder();
        Output output = new Output(sessionId, project, out);
        int lines = 0;
        try (PreparedStatement statement = prepare(
                "SELECT id, timestamp, level, message FROM session_logs WHERE session_id = ? AND id <= ? ORDER BY id")) {
            statement.setString(1, sessionId);
            statement.setLong(2, lastLogId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    lines++;
                    SessionLog line = new SessionLog(rs.getLong(1), sessionId, Timestamp.ofNullable(rs.getString(2)),
                            new LogLevel(String.valueOf(rs.getString(3))), String.valueOf(rs.getString(4)));
                    if (line.message().startsWith("{")) {
                        folder.accept(line);
                    } else {
                        entry(TranscriptFolder.plain(line), output, sessionId, project, out);
                    }
                }
            }
        }
        // Every entry, the output lines (which the Conversation tab leaves to the Logs tab) among them.
        for (Entry entry : folder.finish().entries()) {
            entry(entry, output, sessionId, project, out);
        }
        output.flush();
        return lines;
    }

    private static void entry(Entry entry, Output output, String sessionId, String project, Consumer<Doc> out) {
        if (entry instanceof Entry.Raw raw) {
            output.add(raw);
            return;
        }
        String text = text(entry);
        if (text != null && !text.isBlank()) {
            out.accept(doc(sessionId, project, entry, place(entry), text));
        }
    }

    /** A session's output lines, as documents of about {@link #OUTPUT_CHUNK} characters. */
    private static final class Output {
        private final String sessionId;
        private final String project;
        private final Consumer<Doc> out;
        private final StringBuilder text = new StringBuilder();
        private Entry first;

        Output(String sessionId, String project, Consumer<Doc> out) {
            this.sessionId = sessionId;
            this.project = project;
            this.out = out;
        }

        void add(Entry.Raw raw) {
            if (first == null) {
                first = raw;
            }
            text.append(raw.text()).append('\n');
            if (text.length() >= OUTPUT_CHUNK) {
                flush();
            }
        }

        void flush() {
            if (first != null) {
                out.accept(doc(sessionId, project, first, "output", text.toString()));
                text.setLength(0);
                first = null;
            }
        }
    }

    private static Doc doc(String sessionId, String project, Entry entry, String place, String text) {
        return new Doc(SearchHit.Kind.SESSION, sessionId, place, project, entry.at().instant().map(Instant::toEpochMilli).orElse(0L),
                "log", null, entry.logId(), text);
    }

    private static String place(Entry entry) {
        return switch (entry) {
            case Entry.Message m -> "user".equals(m.role()) ? "prompt" : "message";
            case Entry.Thought t -> "thought";
            case Entry.ToolCall c -> "tool call";
            case Entry.Plan p -> "plan";
            case Entry.PermissionRequest r -> "permission";
            case Entry.ModeChange m -> "mode";
            case Entry.Lifecycle l -> "lifecycle";
            case Entry.Raw r -> "output";
        };
    }

    private static String text(Entry entry) {
        return switch (entry) {
            case Entry.Message m -> m.text();
            case Entry.Thought t -> t.text();
            case Entry.ToolCall c -> join(c.title(), c.input(), c.output(), String.join("\n", c.locations()));
            case Entry.Plan p -> p.entries().stream().map(Entry.PlanStep::title).collect(Collectors.joining("\n"));
            case Entry.PermissionRequest r -> join(r.tool(), r.input());
            case Entry.ModeChange m -> m.mode();
            case Entry.Lifecycle l -> l.heartbeat() ? null : l.text();
            case Entry.Raw r -> r.text();
        };
    }

    /** The events after {@code afterId}; returns the last id read. */
    long events(long afterId, BooleanSupplier stopped, Consumer<Doc> out) throws SQLException {
        if (!has("session_events")) {
            return afterId;
        }
        long last = afterId;
        try (PreparedStatement statement = prepare("SELECT e.id, e.session_id, e.event_type, e.data, e.timestamp, "
                + "(SELECT project_path FROM sessions WHERE id = e.session_id) FROM session_events e WHERE e.id > ? ORDER BY e.id")) {
            statement.setLong(1, afterId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next() && !stopped.getAsBoolean()) {
                    last = rs.getLong(1);
                    out.accept(new Doc(SearchHit.Kind.SESSION, rs.getString(2), "event", rs.getString(6), millis(rs.getString(5)),
                            "event", null, last, join(rs.getString(3), rs.getString(4))));
                }
            }
        }
        return last;
    }

    /** The conversations added after {@code from}'s rowid or changed after its time (milliseconds, as text). */
    Mark conversations(Mark from, BooleanSupplier stopped, Consumer<Doc> out) throws SQLException {
        if (!has("conversations")) {
            return from;
        }
        long rowid = from.rowid();
        long newest = from.updated().isEmpty() ? 0 : Long.parseLong(from.updated());
        String updated = has("conversations", "updated_at") ? "c.updated_at" : "0";
        try (PreparedStatement statement = prepare("SELECT " + written("c") + ", c.id, c.project_id, c.title, " + updated
                + " FROM conversations c WHERE " + written("c") + " > ? OR " + updated + " > ? ORDER BY 1")) {
            statement.setLong(1, from.rowid());
            statement.setLong(2, newest);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next() && !stopped.getAsBoolean()) {
                    rowid = Math.max(rowid, rs.getLong(1));
                    long at = rs.getLong(5);
                    newest = Math.max(newest, at);
                    String id = rs.getString(2);
                    String project = rs.getString(3);
                    out.accept(new Doc(SearchHit.Kind.CONVERSATION, id, "title", project, at, "conversation", null, -1,
                            String.valueOf(rs.getString(4))));
                    out.accept(new Doc(SearchHit.Kind.CONVERSATION, id, "conversation", project, at, "conversation", null, -1,
                            join(id, project)));
                }
            }
        }
        return new Mark(rowid, Long.toString(newest));
    }

    /** The messages added after {@code afterRowid} (a replaced conversation's messages are new rows); returns the last rowid. */
    long messages(long afterRowid, BooleanSupplier stopped, Consumer<Doc> out) throws SQLException {
        if (!has("messages")) {
            return afterRowid;
        }
        long last = afterRowid;
        try (PreparedStatement statement = prepare("SELECT m.rowid, m.id, m.conversation_id, m.project_id, m.role, "
                + "m.content, " + column("messages", "parts") + ", m.timestamp FROM messages m WHERE m.rowid > ? ORDER BY m.rowid")) {
            statement.setLong(1, afterRowid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next() && !stopped.getAsBoolean()) {
                    last = rs.getLong(1);
                    String text = MessageParts.of(rs.getString(7), rs.getString(6)).stream().map(SourceDocs::text)
                            .collect(Collectors.joining("\n"));
                    if (!text.isBlank()) {
                        out.accept(new Doc(SearchHit.Kind.CONVERSATION, rs.getString(3), "message (" + rs.getString(5) + ")",
                                rs.getString(4), rs.getLong(8), "message", rs.getString(2), -1, text));
                    }
                }
            }
        }
        return last;
    }

    private static String text(Part part) {
        return switch (part) {
            case Part.Text t -> t.text();
            case Part.Reasoning r -> r.text();
            case Part.ToolUse u -> join(u.name(), u.input(), u.output(), u.errorText());
            case Part.File f -> join(f.filename(), f.url());
            case Part.Source s -> join(s.title(), s.url());
            case Part.Unknown u -> u.json();
        };
    }

    /** Every runner (a few rows: read whole each time), and a fingerprint that changes when any does. */
    String runners(Consumer<Doc> out) throws SQLException {
        if (!has("runners")) {
            return "";
        }
        int count = 0;
        String newest = "";
        try (Statement statement = source.createStatement();
             ResultSet rs = statement.executeQuery("SELECT runner_id, project_path, config_json, updated_at FROM runners")) {
            while (rs.next()) {
                count++;
                String changed = String.valueOf(rs.getString(4));
                newest = changed.compareTo(newest) > 0 ? changed : newest;
                String project = rs.getString(2);
                out.accept(new Doc(SearchHit.Kind.RUNNER, rs.getString(1), "runner", project == null || project.isEmpty() ? null : project,
                        millis(changed), "runner", null, -1, join(rs.getString(1), rs.getString(3))));
            }
        }
        return count + "|" + newest;
    }

    /** Whether the owner of a hit (and the message it matched in) is still in the file. */
    boolean exists(SearchHit.Kind kind, String owner, String key) throws SQLException {
        String sql = switch (kind) {
            case SESSION -> "SELECT 1 FROM sessions WHERE id = ?";
            case CONVERSATION -> key == null ? "SELECT 1 FROM conversations WHERE id = ?" : "SELECT 1 FROM messages WHERE id = ?";
            case RUNNER -> "SELECT 1 FROM runners WHERE runner_id = ?";
        };
        try (PreparedStatement statement = source.prepareStatement(sql)) {
            statement.setString(1, key == null ? owner : key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {@return the ids of sessions and conversations that start with {@code prefix}, at most two} */
    List<SearchHit.Kind> idsStartingWith(String prefix, List<String> ids) throws SQLException {
        List<SearchHit.Kind> kinds = new ArrayList<>();
        for (SearchHit.Kind kind : List.of(SearchHit.Kind.SESSION, SearchHit.Kind.CONVERSATION)) {
            String table = kind == SearchHit.Kind.SESSION ? "sessions" : "conversations";
            if (!has(table)) {
                continue;
            }
            // A range on the primary key, not LIKE (which ignores case, so no index serves it): one seek per keystroke.
            // PostgreSQL orders text by the database's collation, where no character is sure to sort last: a prefix test.
            try (PreparedStatement statement = source.prepareStatement(postgres
                    ? "SELECT id FROM " + table + " WHERE starts_with(id, ?) LIMIT 2"
                    : "SELECT id FROM " + table + " WHERE id >= ? AND id < ? LIMIT 2")) {
                statement.setString(1, prefix);
                if (!postgres) {
                    statement.setString(2, prefix + Character.MAX_VALUE);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                        kinds.add(kind);
                    }
                }
            }
        }
        return kinds;
    }

    String projectOf(String sessionId) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("SELECT project_path FROM sessions WHERE id = ?")) {
            statement.setString(1, sessionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long single(String sql) throws SQLException {
        try (Statement statement = source.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long millis(String timestamp) {
        return timestamp == null ? 0 : Timestamp.ofNullable(timestamp).instant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static String join(String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part);
            }
        }
        return text.toString();
    }
}
