package dev.leanspec.inspector.persistence.chat;

import java.time.Instant;

/**
 * A conversation's cloud-sync state.
 *
 * @param conversationId the conversation
 * @param cloudId        its cloud id, or null
 * @param lastSyncedAt   when it last synced, or null
 * @param status         its sync status, or null when none is recorded
 * @param version        the sync version, or null
 */
public record SyncMetadata(String conversationId, String cloudId, Instant lastSyncedAt, SyncStatus status, Long version) {
}
