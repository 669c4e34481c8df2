package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A session and a conversation as JSON rows, every field by its name: what {@code list} and {@code show} print. */
final class Rows {

    private Rows() {
    }

    /** A session with its specs and metadata, and what its logs say (protocol, active tool call, plan progress). */
    static Map<String, Object> session(Target target, SessionDetail detail, SessionSummary summary) {
        Session s = detail.session();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", target.where());
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

    static Map<String, Object> conversation(Target target, Conversation c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", target.where());
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

    private static String text(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.text();
    }
}
