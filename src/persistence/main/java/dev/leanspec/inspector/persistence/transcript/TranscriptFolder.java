package dev.leanspec.inspector.persistence.transcript;

import static dev.leanspec.inspector.persistence.internal.JsonText.list;
import static dev.leanspec.inspector.persistence.internal.JsonText.map;
import static dev.leanspec.inspector.persistence.internal.JsonText.string;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.internal.JsonText;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.transcript.Entry.Lifecycle;
import dev.leanspec.inspector.persistence.transcript.Entry.Message;
import dev.leanspec.inspector.persistence.transcript.Entry.ModeChange;
import dev.leanspec.inspector.persistence.transcript.Entry.PermissionOption;
import dev.leanspec.inspector.persistence.transcript.Entry.PermissionRequest;
import dev.leanspec.inspector.persistence.transcript.Entry.Plan;
import dev.leanspec.inspector.persistence.transcript.Entry.PlanStep;
import dev.leanspec.inspector.persistence.transcript.Entry.Raw;
import dev.leanspec.inspector.persistence.transcript.Entry.Thought;
import dev.leanspec.inspector.persistence.transcript.Entry.ToolCall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds an agent session's log lines into its conversation, one line at a time, by LeanSpec's
 * own rules (its web UI's {@code session-stream.ts}, reference §3.6): message chunks of the same
 * role are joined until one says {@code done}, even across thoughts and tool calls in between;
 * thought chunks until a message or a finished tool call; tool calls merged by {@code toolCallId}
 * (non-empty input and output win); the latest plan replaces the previous one in place. Both
 * payload shapes are read: LeanSpec's simplified one and the ACP v1 specification's.
 *
 * <p>It holds the entries, never the lines: a session of 100,000 lines folds page by page
 * ({@link #read}). Lines cut for display (a 100 MB line) that are no longer JSON are kept as raw.
 * Not thread-safe.
 */
public final class TranscriptFolder {

    /** How a log line that carries an ACP notification starts, as LeanSpec stores it (keys sorted). */
    public static final String ACP_PREFIX = "{\"__acp_method\"";

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Integer> toolCalls = new HashMap<>();
    private int openMessage = -1;
    private int openThought = -1;
    private int plan = -1;
    private long lines;
    private boolean acp;
    private PageRequest next = PageRequest.first(PAGE); // where readNext goes on; null when all is read

    /** Lines per page read from the store: the round trips stay few, the rows held stay bounded. */
    private static final int PAGE = 2_000;

    /** A folder that has read nothing yet: give it lines with {@link #accept}, then {@link #finish}. */
    public TranscriptFolder() {
    }

    /**
     * Reads every log line of a session from {@code store}, page by page, and folds them.
     *
     * @param store the store the session is in
     * @param sessionId the session's id
     * @return the conversation; no entries for an unknown session
     */
    public static Transcript read(SessionStore store, String sessionId) {
        TranscriptFolder folder = new TranscriptFolder();
        while (folder.readNext(store, sessionId, PAGE)) {
            // each call folds one page; the folder keeps where it stopped
        }
        return folder.finish();
    }

    /**
     * Reads and folds the next {@code size} lines of a session, from where the last call stopped
     * (the first lines on the first call). A window shows {@link #snapshot} after a first small
     * page, then reads the rest: the first screen does not wait for the whole session.
     *
     * @param store the store the session is in
     * @param sessionId the session's id; the same on every call
     * @param size how many lines to read at most
     * @return whether lines follow the ones read
     */
    public boolean readNext(SessionStore store, String sessionId, int size) {
        if (next == null) {
            return false;
        }
        Page<SessionLog> page = store.logs(LogQuery.of(sessionId), next.size() == size ? next : new PageRequest(size, next.after()));
        page.items().forEach(this::accept);
        next = page.nextRequest(size).orElse(null);
        return next != null;
    }

    /**
     * Folds lines given in order (oldest first).
     *
     * @param logs the lines, oldest first
     * @return the conversation
     */
    public static Transcript fold(Iterable<SessionLog> logs) {
        TranscriptFolder folder = new TranscriptFolder();
        logs.forEach(folder::accept);
        return folder.finish();
    }

    /**
     * Takes the next log line (they must come in id order).
     *
     * @param log the next line
     */
    public void accept(SessionLog log) {
        lines++;
        String text = log.message();
        Optional<Object> json = text.startsWith("{") ? JsonText.parse(text) : Optional.empty();
        Map<String, Object> payload = map(json.orElse(null));
        if (payload.containsKey("__acp_method")) {
            acp = true;
            String method = string(payload, "__acp_method");
            Map<String, Object> params = map(payload.get("params"));
            if ("session/request_permission".equals(method)) {
                permission(log, params);
            } else {
                update(log, map(params.get("update")));
            }
            return;
        }
        if ("acp_message".equals(payload.get("type"))) {
            // The prompt LeanSpec sent the agent, logged once.
            closeMessage();
            add(new Message(log.id(), log.timestamp(), string(payload, "role") == null ? "user" : string(payload, "role"),
                    textOf(payload.get("content")), true));
            return;
        }
        // A JSON line (even one cut for display, no longer parseable) is the agent's.
        add(text.startsWith("{") ? new Raw(log.id(), log.timestamp(), log.level().value(), text) : plain(log));
    }

    /**
     * A line that is not JSON, as the conversation shows it: LeanSpec's own at info, warning and
     * error, a process's output otherwise. It never joins another entry, so a reader of a long
     * console may take such lines as they come instead of giving them to a folder.
     *
     * @param log a line whose text does not start with <code>{</code>
     * @return its entry
     */
    public static Entry plain(SessionLog log) {
        String level = log.level().value();
        String text = log.message();
        boolean lifecycle = level.equals("info") || level.equals("error") || level.equals("warning");
        return lifecycle
                ? new Lifecycle(log.id(), log.timestamp(), level, text, text.startsWith("Session still running"))
                : new Raw(log.id(), log.timestamp(), level, text);
    }

    private void update(SessionLog log, Map<String, Object> update) {
        String kind = string(update, "sessionUpdate", "type");
        if (kind == null) {
            add(new Raw(log.id(), log.timestamp(), log.level().value(), log.message()));
            return;
        }
        switch (kind) {
            case "agent_message_chunk", "user_message_chunk" -> messageChunk(log, kind.startsWith("agent") ? "agent" : "user",
                    textOf(update.get("content")), Boolean.TRUE.equals(update.get("done")));
            case "agent_thought_chunk" -> thoughtChunk(log, textOf(update.get("content")));
            case "tool_call", "tool_call_update" -> toolCall(log, update);
            case "plan" -> plan(log, update);
            case "current_mode_update" -> add(new ModeChange(log.id(), log.timestamp(),
                    string(update, "currentModeId", "mode", "modeId")));
            default -> add(new Raw(log.id(), log.timestamp(), log.level().value(), log.message()));
        }
    }

    private void messageChunk(SessionLog log, String role, String text, boolean done) {
        openThought = -1; // a message ends the reasoning before it
        if (openMessage >= 0 && entries.get(openMessage) instanceof Message open && open.role().equals(role) && !open.done()) {
            entries.set(openMessage, new Message(open.logId(), open.at(), role, open.text() + text, done));
        } else {
            openMessage = add(new Message(log.id(), log.timestamp(), role, text, done));
        }
        if (done) {
            openMessage = -1;
        }
    }

    private void thoughtChunk(SessionLog log, String text) {
        if (openThought >= 0 && entries.get(openThought) instanceof Thought open) {
            entries.set(openThought, new Thought(open.logId(), open.at(), open.text() + text));
        } else {
            openThought = add(new Thought(log.id(), log.timestamp(), text));
        }
    }

    private void toolCall(SessionLog log, Map<String, Object> update) {
        String id = string(update, "toolCallId", "id");
        String title = string(update, "title", "toolName", "tool", "name");
        String status = status(string(update, "status"), update.get("done"));
        Object inputValue = first(update, "rawInput", "input", "args", "arguments");
        String input = inputValue == null ? null : JsonText.write(inputValue);
        String output = output(update);
        List<String> locations = new ArrayList<>();
        for (Object location : list(update.get("locations"))) {
            String path = location instanceof String text ? text : string(map(location), "path");
            if (path != null) {
                locations.add(path);
            }
        }
        Integer index = id == null ? null : toolCalls.get(id);
        ToolCall call;
        if (index != null && entries.get(index) instanceof ToolCall known) {
            // Updates carry what changed: non-empty input and output win, the rest is kept.
            call = new ToolCall(known.logId(), known.at(), known.id(), title != null ? title : known.title(),
                    string(update, "kind") != null ? string(update, "kind") : known.kind(),
                    string(update, "status") != null || update.containsKey("done") ? status : known.status(),
                    input != null && !input.equals("{}") ? input : known.input(), output != null ? output : known.output(),
                    locations.isEmpty() ? known.locations() : locations);
            entries.set(index, call);
        } else {
            call = new ToolCall(log.id(), log.timestamp(), id == null ? "" : id, title == null ? "tool" : title,
                    string(update, "kind"), status, input, output, locations);
            int added = add(call);
            if (id != null) {
                toolCalls.put(id, added);
            }
        }
        if (call.finished()) {
            openThought = -1; // a finished tool call ends the reasoning before it
        }
    }

    private static String status(String status, Object done) {
        if (status == null) {
            return Boolean.TRUE.equals(done) ? "completed" : "running";
        }
        return switch (status) {
            case "completed", "done", "success" -> "completed";
            case "failed", "error" -> "failed";
            case "pending" -> "pending";
            default -> "running";
        };
    }

    /** {@code rawOutput ?? result ?? output ?? content}: an ACP content list becomes its text. */
    private static String output(Map<String, Object> update) {
        Object value = first(update, "rawOutput", "result", "output");
        if (value == null && update.get("content") != null) {
            String text = textOf(update.get("content"));
            return text.isEmpty() ? JsonText.write(update.get("content")) : text;
        }
        if (value == null) {
            return null;
        }
        return value instanceof String text ? text : JsonText.write(value);
    }

    private void plan(SessionLog log, Map<String, Object> update) {
        List<PlanStep> steps = new ArrayList<>();
        for (Object entry : list(update.get("entries"))) {
            Map<String, Object> step = map(entry);
            String title = string(step, "title", "content");
            steps.add(new PlanStep(title == null ? "" : title, string(step, "status") == null ? "pending" : string(step, "status"),
                    string(step, "priority")));
        }
        if (plan >= 0 && entries.get(plan) instanceof Plan previous) {
            entries.set(plan, new Plan(previous.logId(), log.timestamp(), steps));
        } else {
            plan = add(new Plan(log.id(), log.timestamp(), steps));
        }
    }

    private void permission(SessionLog log, Map<String, Object> params) {
        Map<String, Object> toolCall = map(params.get("toolCall"));
        String tool = string(toolCall, "title", "toolName", "name");
        if (tool == null) {
            tool = string(params, "tool", "title", "name");
        }
        Object input = first(toolCall, "rawInput", "input", "args");
        if (input == null) {
            input = first(params, "args", "input", "rawInput");
        }
        List<PermissionOption> options = new ArrayList<>();
        for (Object option : list(params.get("options"))) {
            if (option instanceof String text) {
                options.add(new PermissionOption(text, text, null));
            } else {
                Map<String, Object> choice = map(option);
                String id = string(choice, "optionId", "id");
                String name = string(choice, "name", "optionId", "id");
                options.add(new PermissionOption(id, name == null ? "" : name, string(choice, "kind")));
            }
        }
        add(new PermissionRequest(log.id(), log.timestamp(), tool == null ? "a tool" : tool, JsonText.write(input), options));
    }

    /** The text of a content value: a string, {@code {text}}, {@code {type:"text",text}}, or a list of those. */
    static String textOf(Object content) {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof List<?> blocks) {
            StringBuilder joined = new StringBuilder();
            for (Object block : blocks) {
                String text = textOf(block);
                if (!text.isEmpty()) {
                    joined.append(joined.isEmpty() ? "" : "\n").append(text);
                }
            }
            return joined.toString();
        }
        Map<String, Object> block = map(content);
        if (block.get("text") instanceof String text) {
            return text;
        }
        // ACP tool output: {"type":"content","content":{"type":"text","text":…}}.
        return block.containsKey("content") ? textOf(block.get("content")) : "";
    }

    private static Object first(Map<String, Object> map, String... keys) {
        for (String key : keys) {
            Object value = map.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private int add(Entry entry) {
        entries.add(entry);
        return entries.size() - 1;
    }

    private void closeMessage() {
        openMessage = -1;
        openThought = -1;
    }

    /**
     * Ends the replay (everything open is closed) and returns the conversation.
     *
     * @return the conversation folded so far
     */
    public Transcript finish() {
        closeMessage();
        return snapshot();
    }

    /**
     * The conversation folded so far, leaving the folder open for more lines: the message being
     * streamed stays open (its next chunk still joins it), the active tool call is the last one
     * not finished yet.
     *
     * @return a copy of the entries so far, with the derived facts
     */
    public Transcript snapshot() {
        ToolCall active = null;
        for (Entry entry : entries) {
            if (entry instanceof ToolCall call && !call.finished()) {
                active = call;
            }
        }
        Plan latest = plan >= 0 ? (Plan) entries.get(plan) : null;
        return new Transcript(entries, lines, acp, Optional.ofNullable(active), Optional.ofNullable(latest));
    }

    /**
     * Whether a stored log line is an ACP notification (cheap: no parsing).
     *
     * @param message a log line's text, or null
     * @return whether it starts as LeanSpec stores an ACP notification
     */
    public static boolean isAcpLine(String message) {
        return message != null && message.startsWith(ACP_PREFIX);
    }
}
