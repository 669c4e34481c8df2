package dev.leanspec.inspector.persistence.chat;

import java.time.Instant;

/**
 * One message of a conversation.
 *
 * @param id             the message id; never null
 * @param conversationId its conversation; never null
 * @param projectId      the project; never null
 * @param role           who wrote it
 * @param content        its text; never null
 * @param timestamp      when (stored as epoch milliseconds)
 * @param metadata       JSON text (or any text LeanSpec stored), or null
 * @param parts          the message's parts as JSON text, or null (older messages have none)
 */
public record Message(String id, String conversationId, String projectId, MessageRole role, String content,
                      Instant timestamp, String metadata, String parts) {
    /**
     * Checks the required components.
     *
     * @throws IllegalArgumentException when id, conversationId, projectId, role, content or timestamp is null
     */
    public Message {
        if (id == null || conversationId == null || projectId == null || role == null || content == null || timestamp == null) {
            throw new IllegalArgumentException("message " + id + ": id, conversationId, projectId, role, content and timestamp are required");
        }
    }
}
