package dev.leanspec.inspector.persistence;

/** The two LeanSpec databases. Each has its own migration chain under {@code migrations/}. */
public enum DatabaseKind {
    /** {@code sessions.db}: agent sessions with their metadata, logs and events. */
    SESSIONS("sessions", "sessions.db"),
    /** {@code chat.db}: conversations and their messages. */
    CHAT("chat", "chat.db");

    private final String chain;
    private final String fileName;

    DatabaseKind(String chain, String fileName) {
        this.chain = chain;
        this.fileName = fileName;
    }

    /** The folder name of this kind's migrations, and its name on the command line. */
    public String chain() {
        return chain;
    }

    /** The file name LeanSpec gives this database. */
    public String fileName() {
        return fileName;
    }
}
