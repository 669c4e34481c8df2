package dev.leanspec.inspector.reliability;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.TableInfo;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads files holding 100 MB cells the way the inspector does, in a JVM started with
 * {@code -Xmx256m} by {@link BigCellsTest}; prints what it saw, one fact per line.
 */
public final class BigCellsProbe {

    private BigCellsProbe() {
    }

    public static void main(String[] args) {
        Path sessionsDb = Path.of(args[0]);
        Path chatDb = Path.of(args[1]);
        try (RawDatabase raw = RawDatabase.openReadOnly(Location.of(sessionsDb))) {
            for (TableInfo table : raw.tables()) {
                for (List<Object> row : raw.rows(table, PageRequest.first(100)).rows()) {
                    for (Object value : row) {
                        if (value instanceof String text && text.length() > 1_000) {
                            System.out.println("raw " + table.name() + " preview " + text.length() + " " + text.substring(text.length() - 40).strip());
                        }
                    }
                }
            }
        }
        // The stores as the window reads them: long text cut in SQL.
        int shown = dev.leanspec.inspector.gui.common.Formats.SHOWN_TEXT_CHARS;
        try (SessionStore full = SessionStore.openReadOnly(Location.of(sessionsDb))) {
            SessionStore store = full.withTextLimit(shown);
            for (Session session : store.list(SessionQuery.all(), PageRequest.first(100)).items()) {
                if (session.prompt() != null) {
                    System.out.println("list prompt " + session.prompt().length());
                }
            }
            String id = store.list(SessionQuery.all(), PageRequest.first(1)).items().get(0).id();
            for (SessionLog log : store.logs(LogQuery.of(id), PageRequest.first(100)).items()) {
                System.out.println("log message " + log.message().length());
            }
            store.events(EventQuery.of(id), PageRequest.first(100));
            String prompt = store.get(id).orElseThrow().session().prompt();
            System.out.println("detail prompt " + prompt.length() + " " + prompt.substring(prompt.length() - 40).strip());
        }
        try (ChatStore fullChat = ChatStore.openReadOnly(Location.of(chatDb))) {
            ChatStore chat = fullChat.withTextLimit(shown);
            String conversation = chat.conversations(dev.leanspec.inspector.persistence.chat.ConversationQuery.all(), PageRequest.first(1))
                    .items().get(0).id();
            for (Message message : chat.messages(conversation, PageRequest.first(100)).items()) {
                System.out.println("message content " + message.content().length());
            }
        }
        System.out.println("heap max " + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
        System.out.println("done");
    }
}
