package dev.leanspec.inspector.persistence.chat;

/**
 * Which conversations to list (newest update first). A null filter means "any".
 *
 * @param projectId only this project's
 * @param archived  only archived (true) or only not archived (false)
 * @param titleText only those whose title contains this text (literally, ignoring case)
 */
public record ConversationQuery(String projectId, Boolean archived, String titleText) {

    public static ConversationQuery all() {
        return new ConversationQuery(null, null, null);
    }

    public ConversationQuery withProject(String value) {
        return new ConversationQuery(value, archived, titleText);
    }

    public ConversationQuery withArchived(Boolean value) {
        return new ConversationQuery(projectId, value, titleText);
    }

    public ConversationQuery withTitleText(String value) {
        return new ConversationQuery(projectId, archived, value);
    }
}
