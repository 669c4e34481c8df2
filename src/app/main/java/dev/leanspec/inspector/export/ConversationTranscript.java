package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.Message;

import java.util.List;
import java.util.Optional;

/**
 * One chat conversation, whole: its row and every message with its parts. What
 * {@code show conversation}, Export… and the archive render.
 *
 * @param file         where it was read (a path or a PostgreSQL URL without its password)
 * @param conversation the row
 * @param messages     its messages, oldest first, text uncut
 */
public record ConversationTranscript(String file, Conversation conversation, List<Message> messages) {

    /** Copies the messages. */
    public ConversationTranscript {
        messages = List.copyOf(messages);
    }

    /** Reads the conversation {@code id} of {@code store}; empty when the file has none. */
    public static Optional<ConversationTranscript> read(ChatStore store, String id) {
        return store.get(id).map(c -> read(store, c));
    }

    /** {@return the conversation {@code c}, read already (the archive has every row), with its messages} */
    public static ConversationTranscript read(ChatStore store, Conversation c) {
        return new ConversationTranscript(store.where(), c, Page.all(1_000, request -> store.messages(c.id(), request)));
    }
}
