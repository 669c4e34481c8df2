package dev.leanspec.inspector.persistence.chat;

import java.time.Instant;

/**
 * One row of {@code conversations}.
 *
 * @param id           the conversation id; never null
 * @param projectId    the project it belongs to; never null
 * @param title        its title; never null
 * @param providerId   the model provider, or null
 * @param modelId      the model, or null
 * @param createdAt    when it was created (stored as epoch milliseconds)
 * @param updatedAt    when it last changed (stored as epoch milliseconds)
 * @param messageCount the stored message count, or null when the row has none
 * @param lastMessage  the last message's text, or null
 * @param tags         tags as stored (a JSON array text), or null
 * @param archived     whether it is archived (a NULL flag reads as not archived)
 * @param cloudId      its cloud copy's id, or null
 */
public record Conversation(String id, String projectId, String title, String providerId, String modelId,
                           Instant createdAt, Instant updatedAt, Long messageCount, String lastMessage,
                           String tags, boolean archived, String cloudId) {
    /**
     * Checks the required components.
     *
     * @throws IllegalArgumentException when id, projectId, title, createdAt or updatedAt is null
     */
    public Conversation {
        if (id == null || projectId == null || title == null || createdAt == null || updatedAt == null) {
            throw new IllegalArgumentException("conversation " + id + ": id, projectId, title, createdAt and updatedAt are required");
        }
    }
}
