package dev.leanspec.inspector.demo;

import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.migration.LegacyShapes;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.sessions.EventType;
import dev.leanspec.inspector.persistence.sessions.LogLevel;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Writes a realistic pair of LeanSpec files in their oldest shapes ({@code sessions.db} tool-era,
 * {@code chat.db} jan20), so a first-time user sees adoption and migration on data that looks
 * like theirs. The rows are written the way LeanSpec wrote them (plain SQL on the legacy schema),
 * not through the stores, which only work on migrated files. Deterministic: the same seed gives
 * the same files.
 */
public final class DemoDatabases {

    /** The two files written. */
    public record DemoFiles(Path sessions, Path chat) {
    }

    private static final List<String> RUNNERS = List.of("claude", "copilot", "codex", "opencode");
    private static final List<String> PROJECTS = List.of("/home/ana/code/lean-spec", "/home/ana/code/café-pos",
            "/srv/projets/données", "/Users/kenji/開発/webapp");
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    private DemoDatabases() {
    }

    /**
     * Writes {@code sessions.db} and {@code chat.db} into {@code dir} (created if needed).
     *
     * @throws PersistenceException when either file already exists or cannot be written
     */
    public static DemoFiles write(Path dir) {
        return write(dir, 42L, 48);
    }

    /** The same with a chosen seed and number of sessions. */
    public static DemoFiles write(Path dir, long seed, int sessions) {
        DemoFiles files = newFiles(dir);
        Path sessionsDb = files.sessions();
        Path chatDb = files.chat();
        LegacyShapes.create(sessionsDb, Shape.TOOL_ERA);
        LegacyShapes.create(chatDb, Shape.JAN20);
        Random random = new Random(seed);
        try {
            fillSessions(sessionsDb, random, sessions);
            fillChat(chatDb, random, Math.max(6, sessions / 3));
        } catch (SQLException e) {
            throw new PersistenceException(Reason.FAILED, dir, "Could not write the demo files in " + dir + ": " + e.getMessage(), e);
        }
        return new DemoFiles(sessionsDb, chatDb);
    }

    /**
     * The two paths in {@code dir}, after creating the folder and checking that neither file
     * exists: demo and generated files never overwrite anything.
     */
    static DemoFiles newFiles(Path dir) {
        Path sessionsDb = dir.resolve("sessions.db");
        Path chatDb = dir.resolve("chat.db");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PersistenceException(Reason.READ_ONLY, dir, "Could not create the folder " + dir + ": " + e.getMessage(), e);
        }
        for (Path file : List.of(sessionsDb, chatDb)) {
            if (Files.exists(file)) {
                throw new PersistenceException(Reason.INVALID_ARGUMENT, file,
                        file + " already exists; demo files never overwrite a file. Choose an empty folder.");
            }
        }
        return new DemoFiles(sessionsDb, chatDb);
    }

    private static Connection connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri());
        connection.setAutoCommit(false);
        return connection;
    }

    private static void fillSessions(Path file, Random random, int count) throws SQLException {
        List<SessionStatus> statuses = SessionStatus.KNOWN;
        List<SessionMode> modes = SessionMode.KNOWN;
        try (Connection db = connect(file);
             PreparedStatement session = db.prepareStatement("INSERT INTO sessions (id, project_path, spec_id, tool, mode, status, "
                     + "exit_code, started_at, ended_at, duration_ms, token_count, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement metadata = db.prepareStatement("INSERT INTO session_metadata (session_id, key, value) VALUES (?,?,?)");
             PreparedStatement log = db.prepareStatement("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES (?,?,?,?)");
             PreparedStatement event = db.prepareStatement("INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES (?,?,?,?)")) {
            for (int i = 0; i < count; i++) {
                String id = String.format("%08x-%04x-4%03x-a%03x-%012x", random.nextInt(), random.nextInt(0x10000),
                        random.nextInt(0x1000), random.nextInt(0x1000), random.nextLong() & 0xffffffffffffL);
                SessionStatus status = statuses.get(i % statuses.size());
                Instant created = START.plus(Duration.ofMinutes(97L * i + random.nextInt(60)));
                Instant started = created.plusSeconds(1 + random.nextInt(5));
                boolean ended = status.equals(SessionStatus.COMPLETED) || status.equals(SessionStatus.FAILED) || status.equals(SessionStatus.CANCELLED);
                long durationMs = 5_000L + random.nextInt(900_000);
                Instant end = started.plusMillis(durationMs);
                String spec = i % 5 == 4 ? null : String.format("%03d-%s", 1 + random.nextInt(60),
                        List.of("login-flow", "dark-mode", "sync-engine", "café-menu", "i18n-日本語").get(random.nextInt(5)));
                session.setString(1, id);
                session.setString(2, PROJECTS.get(random.nextInt(PROJECTS.size())));
                session.setString(3, spec);
                session.setString(4, RUNNERS.get(i % RUNNERS.size()));
                session.setString(5, modes.get((i / 2) % modes.size()).value());
                session.setString(6, status.value());
                session.setObject(7, ended ? (status.equals(SessionStatus.COMPLETED) ? 0 : 1 + random.nextInt(130)) : null);
                session.setString(8, Timestamp.of(started).text());
                session.setString(9, ended ? Timestamp.of(end).text() : null);
                session.setObject(10, ended ? durationMs : null);
                session.setObject(11, status.equals(SessionStatus.PENDING) ? null : 1_000L + random.nextInt(250_000));
                session.setString(12, Timestamp.of(created).text());
                session.setString(13, Timestamp.of(ended ? end : started).text());
                session.executeUpdate();

                insert(metadata, id, "branch", "feature/" + (spec == null ? "misc" : spec));
                insert(metadata, id, "git", "{\"commit\":\"" + Long.toHexString(random.nextLong()) + "\",\"dirty\":" + random.nextBoolean() + "}");
                if (i % 3 == 0) {
                    insert(metadata, id, "note", "Reviewed by Zoë – \"looks good\"\nsecond line");
                }

                Instant t = started;
                insert(event, id, EventType.CREATED.value(), null, Timestamp.of(created).text());
                insert(event, id, EventType.STARTED.value(), "{\"runner\":\"" + RUNNERS.get(i % RUNNERS.size()) + "\",\"pid\":" + (1000 + random.nextInt(50000)) + "}", Timestamp.of(started).text());
                if (i % 4 == 1) {
                    insert(event, id, EventType.PAUSED.value(), "{\"reason\":\"waiting for review\"}", Timestamp.of(t.plusSeconds(30)).text());
                    insert(event, id, EventType.RESUMED.value(), null, Timestamp.of(t.plusSeconds(90)).text());
                }
                if (ended) {
                    insert(event, id, status.value(), "{\"exit_code\":" + (status.equals(SessionStatus.COMPLETED) ? 0 : 1)
                            + ",\"files_changed\":[\"src/main.rs\",\"README.md\"],\"tokens\":{\"in\":1200,\"out\":3400}}", Timestamp.of(end).text());
                }

                int lines = 8 + random.nextInt(40);
                for (int n = 0; n < lines; n++) {
                    t = t.plusMillis(200 + random.nextInt(4000));
                    LogLevel level = LogLevel.KNOWN.get(n % 7 == 6 ? 1 : random.nextInt(LogLevel.KNOWN.size()));
                    insert(log, id, Timestamp.of(t).text(), level.value(), logLine(random, level, n));
                }
            }
            db.commit();
        }
    }

    private static String logLine(Random random, LogLevel level, int n) {
        return switch (level.value()) {
            case "stderr" -> "error[E0308]: mismatched types\n  --> src/lib.rs:" + (10 + n) + ":5\n   |\n   = note: expected `u32`, found `&str`";
            case "error" -> "Runner exited unexpectedly: signal 9 (out of memory?)";
            case "warning" -> "warning: unused variable `café` — prefix it with an underscore";
            case "debug" -> "spawn claude --print --output-format stream-json (cwd=/home/ana/code)";
            case "info" -> "Applying spec step " + (n + 1) + " of 12 ✓";
            default -> List.of("Compiling lean-spec v0.4.2", "Running 128 tests\n128 passed; 0 failed",
                    "Writing src/sync/engine.rs (" + (100 + random.nextInt(900)) + " lines)", "$ cargo fmt --check").get(random.nextInt(4));
        };
    }

    private static void fillChat(Path file, Random random, int count) throws SQLException {
        try (Connection db = connect(file);
             PreparedStatement conversation = db.prepareStatement("INSERT INTO conversations (id, project_id, title, provider_id, model_id, "
                     + "created_at, updated_at, message_count, last_message, tags, archived, cloud_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement message = db.prepareStatement("INSERT INTO messages (id, conversation_id, project_id, role, content, "
                     + "timestamp, metadata) VALUES (?,?,?,?,?,?,?)")) {
            List<String> titles = List.of("Why does the login spec fail?", "Plan the sync engine", "Traduire l'interface en français",
                    "日本語のエラーメッセージ", "Refactor \"SessionStore\"", "Dark mode colours", "Explain WAL mode", "Release checklist 0.5");
            for (int i = 0; i < count; i++) {
                String id = "conv-" + String.format("%04d", i) + "-" + Integer.toHexString(random.nextInt(0x10000));
                String project = "proj-" + (1 + i % 3);
                long created = START.plus(Duration.ofHours(7L * i)).toEpochMilli();
                int turns = 2 + random.nextInt(10);
                long at = created;
                String last = null;
                for (int n = 0; n < turns; n++) {
                    at += 5_000 + random.nextInt(120_000);
                    String role = n == 0 && i % 4 == 0 ? "system" : (n % 2 == 0 ? "user" : (n % 5 == 3 ? "tool" : "assistant"));
                    last = content(role, n, random);
                    bindMessage(message, id, n, project, role, last, at, role.equals("assistant") ? usage(random.nextInt(4000), random.nextInt(2000)) : null);
                    message.executeUpdate();
                }
                conversation.setString(1, id);
                conversation.setString(2, project);
                conversation.setString(3, titles.get(i % titles.size()));
                conversation.setString(4, i % 3 == 2 ? null : "anthropic");
                conversation.setString(5, i % 3 == 2 ? null : "claude-sonnet-4");
                conversation.setLong(6, created);
                conversation.setLong(7, at);
                conversation.setInt(8, turns);
                conversation.setString(9, last);
                conversation.setString(10, i % 2 == 0 ? "[\"spec\",\"sync\"]" : null);
                conversation.setInt(11, i % 5 == 4 ? 1 : 0);
                conversation.setString(12, i % 4 == 0 ? "cloud-" + Integer.toHexString(random.nextInt()) : null);
                conversation.executeUpdate();
            }
            db.commit();
        }
    }

    /** Binds one row of LeanSpec's INSERT INTO messages (id, conversation_id, project_id, role, content, timestamp, metadata). */
    static void bindMessage(PreparedStatement message, String conversation, long n, String project, String role, String content,
                            long at, String metadata) throws SQLException {
        message.setString(1, conversation + "-m" + n);
        message.setString(2, conversation);
        message.setString(3, project);
        message.setString(4, role);
        message.setString(5, content);
        message.setLong(6, at);
        message.setString(7, metadata);
    }

    /** An assistant message's metadata as LeanSpec recorded it. */
    static String usage(int inputTokens, int outputTokens) {
        return "{\"model\":\"claude-sonnet-4\",\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":" + outputTokens + "}}";
    }

    private static String content(String role, int n, Random random) {
        return switch (role) {
            case "system" -> "You are LeanSpec's planning assistant. Answer briefly.";
            case "user" -> List.of("Why does `cargo test` fail on the login spec?", "Can you write the migration for it?",
                    "Merci ! Et pour les accents : é, è, ç ?", "もう一度説明してください。").get(random.nextInt(4));
            case "tool" -> "{\"tool\":\"read_file\",\"path\":\"specs/042-login/README.md\",\"bytes\":" + random.nextInt(9000) + "}";
            default -> "Here is what I found:\n\n1. The session token expires after " + (n + 5) + " minutes.\n"
                    + "2. The test uses a fixed clock, so it passes locally but not in CI.\n\n```rust\nlet clock = Clock::fixed();\n```\n"
                    + "Let me know if you want me to apply the fix. 🚀";
        };
    }

    private static void insert(PreparedStatement statement, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setString(i + 1, values[i]);
        }
        statement.executeUpdate();
    }
}
