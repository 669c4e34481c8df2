package dev.leanspec.inspector.persistence.chat;

/**
 * Changes to a conversation: each field is changed only when given (non-null).
 *
 * @param title      the new title, or null to keep it
 * @param providerId the new provider, or null to keep it
 * @param modelId    the new model, or null to keep it
 */
public record ConversationUpdate(String title, String providerId, String modelId) {

    /** {@return whether no field is to change} */
    public boolean isEmpty() {
        return title == null && providerId == null && modelId == null;
    }
}
