package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.MessageParts;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sessions and conversations as JSON values, every field by its name: what {@code list --json}
 * and {@code show --json} print, Export… writes as JSON and the archive's {@code .jsonl} files hold.
 */
public final class TranscriptJson {

    private TranscriptJson() {
    }

    /** {@return a session's row with its specs and metadata, and what its logs say (protocol, active tool call, plan progress)} */
    public static Map<String, Object> sessionRow(String file, SessionDetail detail, SessionSummary summary) {
        Session s = detail.session();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", file);
        row.put("id", s.id());
        row.put("projectPath", s.projectPath());
        row.put("specs", detail.specs());
        row.put("prompt", s.prompt());
        row.put("runner", s.runner());
        row.put("mode", s.mode().value());
        row.put("status", s.status().value());
        row.put("protocol", summary.protocol());
        row.put("exitCode", s.exitCode());
        row.put("startedAt", text(s.startedAt()));
        row.put("endedAt", text(s.endedAt()));
        row.put("durationMs", s.durationMs());
        row.put("tokenCount", s.tokenCount());
        row.put("createdAt", text(s.createdAt()));
        row.put("updatedAt", text(s.updatedAt()));
        row.put("activeToolCall", summary.activeToolTitle());
        row.put("planProgress", summary.planProgress());
        row.put("metadata", new TreeMap<>(detail.metadata()));
        return row;
    }

    /** {@return a conversation's row} */
    public static Map<String, Object> conversationRow(String file, Conversation c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", file);
        row.put("id", c.id());
        row.put("projectId", c.projectId());
        row.put("title", c.title());
        row.put("providerId", c.providerId());
        row.put("modelId", c.modelId());
        row.put("createdAt", c.createdAt().toString());
        row.put("updatedAt", c.updatedAt().toString());
        row.put("messageCount", c.messageCount());
        row.put("lastMessage", c.lastMessage());
        row.put("tags", c.tags());
        row.put("archived", c.archived());
        row.put("cloudId", c.cloudId());
        return row;
    }

    /**
     * {@return a session whole: its row, its events, how many log lines it has and its
     * conversation (with {@code verbose}, every entry: raw lines and heartbeats too)}
     */
    public static Map<String, Object> session(SessionTranscript transcript, boolean verbose) {
        Map<String, Object> row = sessionRow(transcript.file(), transcript.detail(), transcript.summary());
        // Arrays made as they are written (an Iterable is written as one): a session can hold
        // 100,000 events and as many log lines, and their maps all at once would not fit a small heap.
        row.put("events", lazily(transcript.events(), event -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", event.id());
            e.put("type", event.type().value());
            e.put("data", event.data());
            e.put("timestamp", event.timestamp().text());
            return e;
        }));
        row.put("logLines", transcript.transcript().lines());
        List<Entry> entries = verbose ? transcript.transcript().entries() : transcript.transcript().conversation();
        row.put("transcript", lazily(entries, entry -> of((Record) entry)));
        return row;
    }

    /** {@return a conversation whole: its row and every message with its parts} */
    public static Map<String, Object> conversation(ConversationTranscript transcript) {
        Map<String, Object> row = conversationRow(transcript.file(), transcript.conversation());
        row.put("messages", lazily(transcript.messages(), message -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", message.id());
            m.put("role", message.role().value());
            m.put("timestamp", message.timestamp().toString());
            m.put("parts", MessageParts.of(message).stream().map(part -> of((Record) part)).toList());
            return m;
        }));
        return row;
    }

    /** {@return a record's components by name, with its kind first ({@code "type": "toolCall"})} */
    public static Map<String, Object> of(Record value) {
        Map<String, Object> json = new LinkedHashMap<>();
        String type = value.getClass().getSimpleName();
        json.put("type", Character.toLowerCase(type.charAt(0)) + type.substring(1));
        for (var component : value.getClass().getRecordComponents()) {
            try {
                Object field = component.getAccessor().invoke(value);
                if (field instanceof Timestamp timestamp) {
                    field = timestamp.text();
                } else if (field instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Record) {
                    field = list.stream().map(item -> of((Record) item)).toList();
                }
                json.put(component.getName(), field);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return json;
    }

    /** {@return the items mapped one by one as they are iterated, never all at once} */
    private static <T, R> Iterable<R> lazily(List<T> items, java.util.function.Function<T, R> map) {
        return () -> items.stream().map(map).iterator();
    }

    private static String text(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.text();
    }
}
