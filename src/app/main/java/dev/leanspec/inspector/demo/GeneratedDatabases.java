package dev.leanspec.inspector.demo;

import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.migration.LegacyShapes;
import dev.leanspec.inspector.persistence.migration.Shape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Writes big LeanSpec files in their oldest shapes ({@code sessions.db} tool-era, {@code chat.db}
 * jan20) for load tests and the benchmark: a year of daily agent runs at scale 1 (200,000
 * sessions, 5,000,000 events, 5,000,000 log lines, 100,000 conversations, 2,000,000 messages).
 *
 * <p>Fast because it writes the way a bulk loader should, not the way LeanSpec did: batched
 * statements, a transaction per 250,000 rows, no journal while filling (a failed run leaves a
 * file nobody should use, so it is deleted), and the secondary indexes dropped first and rebuilt
 * at the end from their original SQL, so the finished file has exactly the legacy schema.
 * Deterministic: the same seed and volumes give the same rows.
 *
 * <p>One session (the "big session") holds a fifth of all events and log lines, and one
 * conversation holds up to 1,000 messages, so deep pages of one parent can be measured.
 */
public final class GeneratedDatabases {

    /** How many rows of each kind. */
    public record Volumes(int sessions, long events, long logs, int conversations, long messages) {
        public Volumes {
            if (sessions < 1 || conversations < 1 || events < 0 || logs < 0 || messages < 0) {
                throw new IllegalArgumentException("volumes need at least one session and one conversation: " + sessions + ", " + conversations);
            }
        }

        /** Scale 1 is a year of heavy use; 0.001 is a quick test. */
        public static Volumes scale(double scale) {
            if (!(scale > 0) || scale > 100) {
                throw new IllegalArgumentException("scale must be > 0 and <= 100, was " + scale);
            }
            return new Volumes(atLeastOne(200_000 * scale), Math.round(5_000_000 * scale), Math.round(5_000_000 * scale),
                    atLeastOne(100_000 * scale), Math.round(2_000_000 * scale));
        }

        private static int atLeastOne(double n) {
            return (int) Math.max(1, Math.round(n));
        }

        public long rows() {
            return sessions + events + logs + conversations + messages;
        }
    }

    /** What was written, and the ids worth measuring on. */
    public record GeneratedFiles(Path sessions, Path chat, Volumes volumes, long seed, String bigSessionId,
                                 long bigSessionEvents, String bigConversationId, long bigConversationMessages) {
    }

    private static final int BATCH = 5_000;
    private static final int ROWS_PER_TRANSACTION = 250_000;
    private static final long START_SECOND = LocalDateTime.parse("2025-06-01T00:00:00").toEpochSecond(ZoneOffset.UTC);
    private static final long YEAR_SECONDS = 365L * 24 * 3600;

    private static final String[] RUNNERS = {"claude", "copilot", "codex", "opencode"};
    private static final String[] MODES = {"guided", "autonomous", "ralph"};
    private static final String[] STATUSES = {"completed", "completed", "completed", "failed", "cancelled", "running", "paused", "pending"};
    private static final String[] LEVELS = {"stdout", "stdout", "stdout", "stderr", "debug", "info", "info", "warning", "error"};
    private static final String[] EVENT_TYPES = {"created", "started", "paused", "resumed", "completed", "failed", "cancelled", "archived"};
    private static final String[] ROLES = {"user", "assistant", "assistant", "tool"};

    private GeneratedDatabases() {
    }

    /**
     * Writes {@code sessions.db} and {@code chat.db} into {@code dir} (created if needed).
     *
     * @param progress told a line now and then ("sessions.db: 1,250,000 of 10,200,000 rows")
     * @throws PersistenceException when a file exists already or cannot be written
     */
    public static GeneratedFiles write(Path dir, Volumes volumes, long seed, Consumer<String> progress) {
        DemoDatabases.DemoFiles files = DemoDatabases.newFiles(dir);
        Path sessionsDb = files.sessions();
        Path chatDb = files.chat();
        try {
            LegacyShapes.create(sessionsDb, Shape.TOOL_ERA);
            SessionsWriter sessions = new SessionsWriter(volumes, new SplittableRandom(seed), progress);
            fill(sessionsDb, sessions::write);
            LegacyShapes.create(chatDb, Shape.JAN20);
            ChatWriter chat = new ChatWriter(volumes, new SplittableRandom(seed ^ 0x5DEECE66DL), progress);
            fill(chatDb, chat::write);
            return new GeneratedFiles(sessionsDb, chatDb, volumes, seed, sessions.bigSessionId, sessions.bigSessionEvents,
                    chat.bigConversationId, chat.bigConversationMessages);
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(sessionsDb);
            deleteQuietly(chatDb);
            if (e instanceof PersistenceException known) {
                throw known;
            }
            throw new PersistenceException(Reason.FAILED, dir, "Could not write the generated files in " + dir + ": " + e.getMessage(), e);
        }
    }

    private interface Filler {
        void write(Connection db) throws SQLException;
    }

    private static void fill(Path file, Filler filler) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri())) {
            try (Statement statement = db.createStatement()) {
                statement.execute("PRAGMA journal_mode = OFF");
                statement.execute("PRAGMA synchronous = OFF");
                statement.execute("PRAGMA cache_size = -262144");
            }
            List<String> indexes = dropSecondaryIndexes(db);
            db.setAutoCommit(false);
            filler.write(db);
            db.commit();
            db.setAutoCommit(true);
            try (Statement statement = db.createStatement()) {
                for (String sql : indexes) {
                    statement.execute(sql);
                }
                statement.execute("ANALYZE");
                // LeanSpec opened its files in WAL mode, so the finished file is a WAL file too.
                statement.execute("PRAGMA journal_mode = WAL");
            }
        }
    }

    /** Drops the indexes a bulk load would keep re-sorting, returning the SQL that rebuilds them. */
    private static List<String> dropSecondaryIndexes(Connection db) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> sql = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
                sql.add(rows.getString(2));
            }
        }
        try (Statement statement = db.createStatement()) {
            for (String name : names) {
                statement.execute("DROP INDEX \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
        return sql;
    }

    private static void deleteQuietly(Path file) {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // best effort: the caller reports the original failure
            }
        }
    }

    /** Counts rows into batches and transactions, and reports progress. */
    private static final class Flow {
        private final Connection db;
        private final String file;
        private final long total;
        private final Consumer<String> progress;
        private final List<PreparedStatement> statements = new ArrayList<>();
        private long rows;

        Flow(Connection db, String file, long total, Consumer<String> progress) {
            this.db = db;
            this.file = file;
            this.total = total;
            this.progress = progress;
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = db.prepareStatement(sql);
            statements.add(statement);
            return statement;
        }

        void added(PreparedStatement statement) throws SQLException {
            statement.addBatch();
            rows++;
            if (rows % BATCH == 0) {
                flush();
            }
            if (rows % ROWS_PER_TRANSACTION == 0) {
                db.commit();
            }
            if (rows % 1_000_000 == 0) {
                progress.accept(String.format("%s: %,d of %,d rows", file, rows, total));
            }
        }

        void flush() throws SQLException {
            for (PreparedStatement statement : statements) {
                statement.executeBatch();
            }
        }

        void finish() throws SQLException {
            flush();
            for (PreparedStatement statement : statements) {
                statement.close();
            }
            progress.accept(String.format("%s: %,d rows written, building indexes", file, rows));
        }
    }

    private static final class SessionsWriter {
        private final Volumes volumes;
        private final SplittableRandom random;
        private final Consumer<String> progress;
        private final int bigSession;
        String bigSessionId;
        long bigSessionEvents;

        SessionsWriter(Volumes volumes, SplittableRandom random, Consumer<String> progress) {
            this.volumes = volumes;
            this.random = random;
            this.progress = progress;
            this.bigSession = volumes.sessions() / 2;
        }

        void write(Connection db) throws SQLException {
            Flow flow = new Flow(db, "sessions.db", volumes.sessions() * 3L + volumes.events() + volumes.logs(), progress);
            PreparedStatement session = flow.prepare("INSERT INTO sessions (id, project_path, spec_id, tool, mode, status, exit_code, "
                    + "started_at, ended_at, duration_ms, token_count, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
            PreparedStatement metadata = flow.prepare("INSERT INTO session_metadata (session_id, key, value) VALUES (?,?,?)");
            PreparedStatement event = flow.prepare("INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES (?,?,?,?)");
            PreparedStatement log = flow.prepare("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES (?,?,?,?)");
            int n = volumes.sessions();
            // The big session takes a fifth of the children; the rest share the remainder evenly.
            long bigEvents = n == 1 ? volumes.events() : volumes.events() / 5;
            long bigLogs = n == 1 ? volumes.logs() : volumes.logs() / 5;
            Share events = new Share(volumes.events() - bigEvents, Math.max(1, n - 1));
            Share logs = new Share(volumes.logs() - bigLogs, Math.max(1, n - 1));
            double spacing = (double) YEAR_SECONDS / n;
            for (int i = 0; i < n; i++) {
                boolean big = i == bigSession;
                String id = uuid();
                long created = START_SECOND + (long) (i * spacing) + random.nextInt(Math.max(1, (int) spacing));
                long createdMicros = created * 1_000_000 + random.nextInt(1_000_000);
                String status = big ? "completed" : STATUSES[random.nextInt(STATUSES.length)];
                boolean ended = status.equals("completed") || status.equals("failed") || status.equals("cancelled");
                long eventCount = big ? bigEvents : events.next(i - (i > bigSession ? 1 : 0));
                long logCount = big ? bigLogs : logs.next(i - (i > bigSession ? 1 : 0));
                long stepMicros = 50_000L + random.nextInt(2_000_000);
                long endMicros = createdMicros + (Math.max(eventCount, logCount) + 2) * stepMicros;
                String spec = random.nextInt(5) == 0 ? null : String.format("%03d-%s", 1 + random.nextInt(300), SPEC_NAMES[random.nextInt(SPEC_NAMES.length)]);
                session.setString(1, id);
                session.setString(2, PROJECTS[random.nextInt(PROJECTS.length)]);
                session.setString(3, spec);
                session.setString(4, RUNNERS[random.nextInt(RUNNERS.length)]);
                session.setString(5, MODES[random.nextInt(MODES.length)]);
                session.setString(6, status);
                session.setObject(7, ended ? (status.equals("completed") ? 0 : 1 + random.nextInt(130)) : null);
                session.setString(8, timestamp(createdMicros + 1_500_000));
                session.setString(9, ended ? timestamp(endMicros) : null);
                session.setObject(10, ended ? (endMicros - createdMicros) / 1000 : null);
                session.setObject(11, status.equals("pending") ? null : 1_000L + random.nextInt(400_000));
                session.setString(12, timestamp(createdMicros));
                session.setString(13, timestamp(ended ? endMicros : createdMicros + 1_500_000));
                flow.added(session);

                metadata.setString(1, id);
                metadata.setString(2, "branch");
                metadata.setString(3, "feature/" + (spec == null ? "misc" : spec));
                flow.added(metadata);
                metadata.setString(1, id);
                metadata.setString(2, "git");
                metadata.setString(3, "{\"commit\":\"" + Long.toHexString(random.nextLong()) + "\",\"dirty\":" + random.nextBoolean() + "}");
                flow.added(metadata);

                long at = createdMicros;
                for (long e = 0; e < eventCount; e++) {
                    at += stepMicros;
                    event.setString(1, id);
                    String type = e == 0 ? "created" : e == 1 ? "started" : EVENT_TYPES[2 + random.nextInt(EVENT_TYPES.length - 2)];
                    event.setString(2, type);
                    event.setString(3, e == 0 ? null : eventData(type, e));
                    event.setString(4, timestamp(at));
                    flow.added(event);
                }
                at = createdMicros;
                for (long l = 0; l < logCount; l++) {
                    at += stepMicros;
                    log.setString(1, id);
                    log.setString(2, timestamp(at));
                    int level = random.nextInt(LEVELS.length);
                    log.setString(3, LEVELS[level]);
                    log.setString(4, logLine(level, l));
                    flow.added(log);
                }
                if (big) {
                    bigSessionId = id;
                    bigSessionEvents = eventCount;
                }
            }
            flow.finish();
        }

        private String uuid() {
            return String.format("%08x-%04x-4%03x-a%03x-%012x", random.nextInt(), random.nextInt(0x10000),
                    random.nextInt(0x1000), random.nextInt(0x1000), random.nextLong() & 0xffffffffffffL);
        }

        private String eventData(String type, long n) {
            return switch (type) {
                case "started" -> "{\"runner\":\"" + RUNNERS[random.nextInt(RUNNERS.length)] + "\",\"pid\":" + (1000 + random.nextInt(60000)) + "}";
                case "paused" -> "{\"reason\":\"waiting for review\",\"step\":" + n + "}";
                case "completed", "failed", "cancelled" -> "{\"exit_code\":" + random.nextInt(3) + ",\"files_changed\":[\"src/main.rs\",\"README.md\"],"
                        + "\"tokens\":{\"in\":" + random.nextInt(20000) + ",\"out\":" + random.nextInt(8000) + "}}";
                default -> random.nextInt(3) == 0 ? null : "{\"step\":" + n + "}";
            };
        }

        private String logLine(int level, long n) {
            // One line in forty is a multi-KB block (a compiler error dump or a file written).
            if (random.nextInt(40) == 0) {
                return BIG_LOG_BLOCKS[random.nextInt(BIG_LOG_BLOCKS.length)];
            }
            return switch (LEVELS[level]) {
                case "stderr" -> "error[E0308]: mismatched types\n  --> src/lib.rs:" + (10 + n % 900) + ":5\n   = note: expected `u32`, found `&str`";
                case "error" -> "Runner exited unexpectedly: signal 9 (out of memory?) after " + n + " steps";
                case "warning" -> "warning: unused variable `café` — prefix it with an underscore (src/sync/engine.rs:" + (n % 700) + ")";
                case "debug" -> "spawn claude --print --output-format stream-json (cwd=/home/ana/code, step " + n + ")";
                case "info" -> "Applying spec step " + (n % 12 + 1) + " of 12 ✓";
                default -> SHORT_LINES[random.nextInt(SHORT_LINES.length)] + " #" + n;
            };
        }
    }

    private static final class ChatWriter {
        private final Volumes volumes;
        private final SplittableRandom random;
        private final Consumer<String> progress;
        String bigConversationId;
        long bigConversationMessages;

        ChatWriter(Volumes volumes, SplittableRandom random, Consumer<String> progress) {
            this.volumes = volumes;
            this.random = random;
            this.progress = progress;
        }

        void write(Connection db) throws SQLException {
            Flow flow = new Flow(db, "chat.db", volumes.conversations() + volumes.messages(), progress);
            PreparedStatement conversation = flow.prepare("INSERT INTO conversations (id, project_id, title, provider_id, model_id, "
                    + "created_at, updated_at, message_count, last_message, tags, archived, cloud_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
            PreparedStatement message = flow.prepare("INSERT INTO messages (id, conversation_id, project_id, role, content, "
                    + "timestamp, metadata) VALUES (?,?,?,?,?,?,?)");
            int n = volumes.conversations();
            int big = n / 2;
            long bigCount = n == 1 ? volumes.messages() : Math.min(1_000, volumes.messages() / 2);
            Share share = new Share(volumes.messages() - bigCount, Math.max(1, n - 1));
            double spacing = (double) YEAR_SECONDS * 1000 / n;
            for (int i = 0; i < n; i++) {
                // Ids sort in creation order, so the primary-key index is appended to, not shuffled.
                String id = String.format("conv-%07d-%04x", i, random.nextInt(0x10000));
                String project = "proj-" + (1 + random.nextInt(12));
                long created = START_SECOND * 1000 + (long) (i * spacing);
                long count = i == big ? bigCount : share.next(i - (i > big ? 1 : 0));
                long at = created;
                String last = null;
                for (long m = 0; m < count; m++) {
                    at += 2_000 + random.nextInt(90_000);
                    String role = m == 0 && i % 4 == 0 ? "system" : m % 2 == 0 ? "user" : ROLES[1 + random.nextInt(ROLES.length - 1)];
                    last = content(role, m);
                    DemoDatabases.bindMessage(message, id, m, project, role, last, at,
                            role.equals("assistant") ? DemoDatabases.usage(random.nextInt(40000), random.nextInt(4000)) : null);
                    flow.added(message);
                }
                conversation.setString(1, id);
                conversation.setString(2, project);
                conversation.setString(3, TITLES[random.nextInt(TITLES.length)] + " (" + i + ")");
                conversation.setString(4, i % 3 == 2 ? null : "anthropic");
                conversation.setString(5, i % 3 == 2 ? null : "claude-sonnet-4");
                conversation.setLong(6, created);
                conversation.setLong(7, at);
                conversation.setLong(8, count);
                conversation.setString(9, last);
                conversation.setString(10, i % 2 == 0 ? "[\"spec\",\"sync\"]" : null);
                conversation.setInt(11, i % 9 == 8 ? 1 : 0);
                conversation.setString(12, i % 4 == 0 ? "cloud-" + Integer.toHexString(random.nextInt()) : null);
                flow.added(conversation);
                if (i == big) {
                    bigConversationId = id;
                    bigConversationMessages = count;
                }
            }
            flow.finish();
        }

        private String content(String role, long n) {
            return switch (role) {
                case "system" -> "You are LeanSpec's planning assistant. Answer briefly.";
                case "user" -> USER_LINES[random.nextInt(USER_LINES.length)];
                case "tool" -> "{\"tool\":\"read_file\",\"path\":\"specs/042-login/README.md\",\"bytes\":" + random.nextInt(9000) + "}";
                default -> random.nextInt(20) == 0 ? BIG_ANSWERS[random.nextInt(BIG_ANSWERS.length)]
                        : "Here is what I found (step " + n + "):\n\n1. The session token expires after " + (n % 60 + 5) + " minutes.\n"
                        + "2. The test uses a fixed clock, so it passes locally but not in CI.\n\n```rust\nlet clock = Clock::fixed();\n```\n"
                        + "Let me know if you want me to apply the fix. 🚀";
            };
        }
    }

    /** Splits {@code total} children over {@code parents} as evenly as integers allow. */
    private record Share(long total, int parents) {
        long next(int parent) {
            return total / parents + (parent < total % parents ? 1 : 0);
        }
    }

    /** RFC 3339 with microseconds and {@code +00:00}, as LeanSpec writes; much cheaper than a DateTimeFormatter. */
    static String timestamp(long epochMicros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(32);
        text.append(t.getYear()).append('-');
        pad(text, t.getMonthValue(), 2).append('-');
        pad(text, t.getDayOfMonth(), 2).append('T');
        pad(text, t.getHour(), 2).append(':');
        pad(text, t.getMinute(), 2).append(':');
        pad(text, t.getSecond(), 2).append('.');
        pad(text, (int) Math.floorMod(epochMicros, 1_000_000), 6).append("+00:00");
        return text.toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        text.append("0".repeat(width - digits.length())).append(digits);
        return text;
    }

    private static final String[] PROJECTS = {"/home/ana/code/lean-spec", "/home/ana/code/café-pos", "/srv/projets/données",
            "/Users/kenji/開発/webapp", "/home/ci/builds/api-gateway", "/work/monorepo/packages/ui"};
    private static final String[] SPEC_NAMES = {"login-flow", "dark-mode", "sync-engine", "café-menu", "i18n-日本語", "billing", "search"};
    private static final String[] SHORT_LINES = {"Compiling lean-spec v0.4.2", "Running 128 tests", "128 passed; 0 failed",
            "Writing src/sync/engine.rs", "$ cargo fmt --check", "$ git diff --stat", "Finished dev [unoptimized] target(s)"};
    private static final String[] TITLES = {"Why does the login spec fail?", "Plan the sync engine", "Traduire l'interface en français",
            "日本語のエラーメッセージ", "Refactor \"SessionStore\"", "Dark mode colours", "Explain WAL mode", "Release checklist"};
    private static final String[] USER_LINES = {"Why does `cargo test` fail on the login spec?", "Can you write the migration for it?",
            "Merci ! Et pour les accents : é, è, ç ?", "もう一度説明してください。", "Show me the diff first, please."};
    private static final String[] BIG_LOG_BLOCKS = repeatBlocks("thread 'sync::tests::conflict' panicked at src/sync/engine.rs:%d:9\n"
            + "called `Result::unwrap()` on an `Err` value: Conflict { local: 3, remote: 4 }\nstack backtrace:\n", "   %d: lean_spec::sync::engine::resolve\n"
            + "             at ./src/sync/engine.rs:%d:13\n");
    private static final String[] BIG_ANSWERS = repeatBlocks("Here is the full migration (%d):\n\n```sql\n",
            "ALTER TABLE sessions ADD COLUMN prompt_%d TEXT; -- keeps every row, %d\n");

    /** A few multi-KB texts (1 to 8 KB), made once. */
    private static String[] repeatBlocks(String head, String line) {
        String[] blocks = new String[8];
        for (int b = 0; b < blocks.length; b++) {
            StringBuilder text = new StringBuilder(String.format(head, b));
            int lines = 12 * (b + 1);
            for (int l = 0; l < lines; l++) {
                text.append(String.format(line, l, l * 7 + b));
            }
            blocks[b] = text.toString();
        }
        return blocks;
    }
}
