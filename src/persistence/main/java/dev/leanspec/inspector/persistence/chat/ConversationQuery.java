package dev.leanspec.inspector.persistence.chat;

/**
 * Which conversations to list (newest update first). A null filter means "any".
 *
 * @param projectId only this project's
 * @param archived  only archived (true) or only not archived (false)
 * @param titleText only those whose title contains this text (literally, ignoring case)
 */
public record ConversationQuery(String projectId, Boolean archived, String titleText) {

    /** {@return a query for every conversation} */
    public static ConversationQuery all() {
        return new ConversationQuery(null, null, null);
    }

    /**
     * {@return this query for one project}
     *
     * @param value the project id; null for all
     */
    public ConversationQuery withProject(String value) {
        return new ConversationQuery(value, archived, titleText);
    }

    /**
     * {@return this query for archived or active conversations}
     *
     * @param value true for archived only, false for active only, null for both
     */
    public ConversationQuery withArchived(Boolean value) {
        return new ConversationQuery(projectId, value, titleText);
    }

    /**
     * {@return this query for titles containing a text}
     *
     * @param value the text, matched literally ignoring case; null or empty for all
     */
    public ConversationQuery withTitleText(String value) {
        return new ConversationQuery(projectId, archived, value);
    }
}
