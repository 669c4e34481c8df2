package dev.leanspec.inspector.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Builds files in LeanSpec's legacy shapes with the DDL LeanSpec itself ran (copied from
 * shared/reference/legacy-databases.md), independent of our migrations: if V1/V2 ever drift
 * from what LeanSpec really wrote, adoption tests built on these fail.
 */
public final class LegacyFiles {

    private static final String SESSIONS_TABLES = """
            CREATE TABLE IF NOT EXISTS sessions (
              id TEXT PRIMARY KEY, project_path TEXT NOT NULL, spec_id TEXT,
              %1$s TEXT NOT NULL,
              mode TEXT NOT NULL, status TEXT NOT NULL, exit_code INTEGER,
              started_at TEXT NOT NULL, ended_at TEXT, duration_ms INTEGER, token_count INTEGER,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS session_metadata (
              session_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
              PRIMARY KEY (session_id, key),
              FOREIGN KEY (session_id) REFERENCES sessions(id) ON DELETE CASCADE);
            CREATE TABLE IF NOT EXISTS session_logs (
              id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL,
              timestamp TEXT NOT NULL, level TEXT NOT NULL, message TEXT NOT NULL,
              FOREIGN KEY (session_id) REFERENCES sessions(id) ON DELETE CASCADE);
            CREATE TABLE IF NOT EXISTS session_events (
              id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL,
              event_type TEXT NOT NULL, data TEXT, timestamp TEXT NOT NULL,
              FOREIGN KEY (session_id) REFERENCES sessions(id) ON DELETE CASCADE);
            CREATE INDEX IF NOT EXISTS idx_sessions_spec ON sessions(spec_id);
            CREATE INDEX IF NOT EXISTS idx_sessions_status ON sessions(status);
            CREATE INDEX IF NOT EXISTS idx_sessions_%1$s ON sessions(%1$s);
            CREATE INDEX IF NOT EXISTS idx_session_logs_session ON session_logs(session_id);
            CREATE INDEX IF NOT EXISTS idx_session_events_session ON session_events(session_id);
            """;

    private static final String CHAT_TABLES = """
            CREATE TABLE IF NOT EXISTS conversations (
              id TEXT PRIMARY KEY, project_id TEXT NOT NULL, title TEXT NOT NULL,
              provider_id TEXT, model_id TEXT,
              created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
              message_count INTEGER DEFAULT 0, last_message TEXT,
              tags TEXT,
              archived INTEGER DEFAULT 0, cloud_id TEXT);
            CREATE TABLE IF NOT EXISTS messages (
              id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, project_id TEXT NOT NULL,
              role TEXT NOT NULL, content TEXT NOT NULL,
              timestamp INTEGER NOT NULL,
              metadata TEXT,
              FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE);
            CREATE INDEX IF NOT EXISTS idx_conversations_project_id ON conversations(project_id);
            CREATE INDEX IF NOT EXISTS idx_conversations_created_at ON conversations(created_at);
            CREATE INDEX IF NOT EXISTS idx_conversations_updated_at ON conversations(updated_at);
            CREATE INDEX IF NOT EXISTS idx_messages_conversation_id ON messages(conversation_id);
            CREATE INDEX IF NOT EXISTS idx_messages_project_id ON messages(project_id);
            CREATE INDEX IF NOT EXISTS idx_messages_timestamp ON messages(timestamp);
            """;

    private static final String SYNC_TABLE = """
            CREATE TABLE IF NOT EXISTS sync_metadata (
              conversation_id TEXT PRIMARY KEY, cloud_id TEXT, last_synced_at INTEGER,
              sync_status TEXT CHECK(sync_status IN ('local-only', 'synced', 'conflict', 'pending')),
              version INTEGER DEFAULT 1,
              FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE);
            PRAGMA user_version = 1;
            """;

    private LegacyFiles() {
    }

    public static Path toolEra(Path file) throws SQLException {
        return run(file, SESSIONS_TABLES.formatted("tool"), SAMPLE_SESSIONS.formatted("tool"));
    }

    public static Path runnerEra(Path file) throws SQLException {
        return run(file, SESSIONS_TABLES.formatted("runner"), SAMPLE_SESSIONS.formatted("runner"));
    }

    public static Path jan20(Path file) throws SQLException {
        return run(file, CHAT_TABLES, SAMPLE_CHAT);
    }

    public static Path chatV1(Path file) throws SQLException {
        return run(file, CHAT_TABLES + SYNC_TABLE, SAMPLE_CHAT + SAMPLE_SYNC);
    }

    /** Runs SQL scripts on a file as LeanSpec opened it (WAL, foreign keys on). */
    public static Path run(Path file, String... scripts) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toUri());
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA foreign_keys=ON");
            for (String script : scripts) {
                for (String sql : script.split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
        }
        return file;
    }

    // Varied rows: NULLs, non-ASCII, quotes, multi-line text, JSON, an unknown status and mode,
    // a timestamp that does not parse, and a spec_id on some sessions but not others.
    private static final String SAMPLE_SESSIONS = """
            INSERT INTO sessions (id, project_path, spec_id, %1$s, mode, status, exit_code, started_at, ended_at, duration_ms, token_count, created_at, updated_at)
              VALUES ('s-1', '/home/ana/projects/café', '042-login', 'claude', 'guided', 'completed', 0,
                      '2026-01-28T09:14:03.123456+00:00', '2026-01-28T09:17:15.000001+00:00', 192000, 12345,
                      '2026-01-28T09:14:03.123456+00:00', '2026-01-28T09:17:15.000001+00:00');
            INSERT INTO sessions (id, project_path, spec_id, %1$s, mode, status, exit_code, started_at, ended_at, duration_ms, token_count, created_at, updated_at)
              VALUES ('s-2', '/srv/it''s "quoted"', NULL, 'codex', 'ralph', 'hibernating', NULL,
                      'yesterday-ish', NULL, NULL, NULL, '2026-01-29T10:00:00.000000+00:00', '2026-01-29T10:00:00.000000+00:00');
            INSERT INTO sessions (id, project_path, spec_id, %1$s, mode, status, exit_code, started_at, ended_at, duration_ms, token_count, created_at, updated_at)
              VALUES ('s-3', '/srv/日本語', '007-日本', 'opencode', 'swarm', 'failed', 137,
                      '2026-01-30T11:00:00.000000+02:00', '2026-01-30T11:00:05.500000+02:00', 5500, 0,
                      '2026-01-30T09:00:00.000000+00:00', '2026-01-30T09:00:05.500000+00:00');
            INSERT INTO session_metadata VALUES ('s-1', 'branch', 'feature/login');
            INSERT INTO session_metadata VALUES ('s-1', 'env', '{"CI": "1", "note": "line1\\nline2"}');
            INSERT INTO session_metadata VALUES ('s-3', 'emoji', '🚀 déjà vu');
            INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('s-1', '2026-01-28T09:14:04.000000+00:00', 'stdout', 'first line
            second line
            third	tabbed line');
            INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('s-1', '2026-01-28T09:14:05.000000+00:00', 'stderr', 'warning: it''s "odd"');
            INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('s-3', '2026-01-30T09:00:01.000000+00:00', 'trace', 'unknown level kept');
            INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES ('s-1', 'created', NULL, '2026-01-28T09:14:03.123456+00:00');
            INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES ('s-1', 'completed', '{"exit_code":0,"files":["a.rs","b.rs"]}', '2026-01-28T09:17:15.000001+00:00');
            INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES ('s-3', 'exploded', '{"why":"ünknown"}', '2026-01-30T09:00:05.500000+00:00');
            """;

    private static final String SAMPLE_CHAT = """
            INSERT INTO conversations (id, project_id, title, provider_id, model_id, created_at, updated_at, message_count, last_message, tags, archived, cloud_id)
              VALUES ('c-1', 'proj-a', 'Fix the "login" bug – ünïcode', 'anthropic', 'claude-sonnet', 1769591643123, 1769591700000, 2, 'Done!', '["bug","auth"]', 0, NULL);
            INSERT INTO conversations (id, project_id, title, provider_id, model_id, created_at, updated_at, message_count, last_message, tags, archived, cloud_id)
              VALUES ('c-2', 'proj-b', 'Old chat', NULL, NULL, 1769000000000, 1769000000000, NULL, NULL, NULL, 1, 'cloud-9');
            INSERT INTO messages (id, conversation_id, project_id, role, content, timestamp, metadata)
              VALUES ('m-1', 'c-1', 'proj-a', 'user', 'Why does
            login fail?', 1769591643123, NULL);
            INSERT INTO messages (id, conversation_id, project_id, role, content, timestamp, metadata)
              VALUES ('m-2', 'c-1', 'proj-a', 'assistant', 'Done! It''s fixed 🎉', 1769591700000, '{"tokens": 42, "tool_calls": []}');
            INSERT INTO messages (id, conversation_id, project_id, role, content, timestamp, metadata)
              VALUES ('m-3', 'c-2', 'proj-b', 'narrator', 'unknown role kept', 1769000000000, 'not json at all');
            """;

    private static final String SAMPLE_SYNC = """
            INSERT INTO sync_metadata (conversation_id, cloud_id, last_synced_at, sync_status, version)
              VALUES ('c-2', 'cloud-9', 1769000000500, 'synced', 3);
            """;
}
