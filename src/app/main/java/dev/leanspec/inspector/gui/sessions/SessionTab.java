package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.persistence.sessions.Session;

/**
 * A tab of the selected session (Details, Conversation, Events, Logs), as JabRef's entry editor
 * tabs: each reads what it shows when a session is selected, so the screen's model only tells
 * them which one.
 */
interface SessionTab {

    /** Shows {@code session}, or nothing for null; what it read for the previous one is dropped. */
    void show(Session session);
}
