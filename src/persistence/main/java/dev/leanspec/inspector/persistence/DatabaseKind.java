package dev.leanspec.inspector.persistence;

/**
 * The three kinds of file LeanSpec wrote. Each has its own migration chain under
 * {@code migrations/}; a file's kind comes from its schema, never its name.
 */
public enum DatabaseKind {
    /** {@code sessions.db}: agent sessions with their metadata, logs and events. */
    SESSIONS("sessions", "sessions.db"),
    /** {@code chat.db}: conversations and their messages. */
    CHAT("chat", "chat.db"),
    /**
     * {@code leanspec.db} (LeanSpec 0.2.25+): sessions and conversations in one file, plus the
     * runners (0.2.27+) and, from 0.2.28, sqlx's own {@code _sqlx_migrations} history.
     */
    LEANSPEC("leanspec", "leanspec.db");

    private final String chain;
    private final String fileName;

    DatabaseKind(String chain, String fileName) {
        this.chain = chain;
        this.fileName = fileName;
    }

    /** {@return the folder name of this kind's migrations, and its name on the command line} */
    public String chain() {
        return chain;
    }

    /** {@return whether a file of this kind holds sessions (and can be browsed as such)} */
    public boolean hasSessions() {
        return this != CHAT;
    }

    /** {@return whether a file of this kind holds conversations} */
    public boolean hasConversations() {
        return this != SESSIONS;
    }

    /** {@return the file name LeanSpec gives this database} */
    public String fileName() {
        return fileName;
    }
}
