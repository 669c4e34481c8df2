package dev.leanspec.inspector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.LeanSpecMigration;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.runners.Runner;
import dev.leanspec.inspector.persistence.runners.RunnerStore;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionSort;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file LeanSpec's own released binaries wrote (0.2.24 and 0.2.28, see
 * src/fixtures/README.md) is recognised by its schema and browses fully, read-only and
 * without migrating, its bytes unchanged; then it migrates, and browses the same afterwards.
 */
class RealLeanSpecFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} is a {1} of shape {2}")
    @CsvSource(textBlock = """
            leanspec-0.2.24/sessions.db,                 sessions, runner-era
            leanspec-0.2.24/chat.db,                     chat,     v0.2.24
            leanspec-0.2.24/as-left/sessions.db,         sessions, runner-era
            leanspec-0.2.24/as-left/chat.db,             chat,     v0.2.24
            leanspec-0.2.24-upgraded/chat.db,            chat,     v0.2.24
            leanspec-0.2.28/leanspec.db,                 leanspec, sqlx-era
            leanspec-0.2.28/as-left/leanspec.db,         leanspec, sqlx-era
            leanspec-0.2.28-upgrade/leanspec.db,         leanspec, sqlx-era
            leanspec-0.2.28-upgrade/sessions.db,         sessions, runner-era
            """)
    void everyRealFileIsRecognisedByItsSchemaWithItsBytesUnchanged(String fixture, String kind, String shape) throws Exception {
        Path file = RealFixtures.copy(fixture, dir);
        Map<String, String> before = FileBytes.folder(dir);

        DatabaseKind detected = MigrationService.detectKind(file).orElseThrow();
        DatabaseStatus status = MigrationService.of(Location.of(file), detected).status();

        assertThat(detected.chain()).isEqualTo(kind);
        assertThat(status.shape().label()).isEqualTo(shape);
        assertThat(status.problems()).isEmpty();
        assertThat(status.isBrowsable()).isTrue();
        assertThat(status.canMigrate()).isTrue();
        assertThat(MigrationService.of(Location.of(file), detected).orphans()).as("real deletes cascade (see the fixtures README)").isEmpty();
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void bothColumnOrdersOfMessagePartsAreTheSameShape() throws Exception {
        Path fresh = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("fresh"));
        Path upgraded = RealFixtures.copy("leanspec-0.2.24-upgraded/chat.db", dir.resolve("upgraded"));

        assertThat(columns(fresh, "messages")).endsWith("timestamp", "parts", "metadata");
        assertThat(columns(upgraded, "messages")).endsWith("timestamp", "metadata", "parts");
        assertThat(MigrationService.of(Location.of(fresh), DatabaseKind.CHAT).status().shape()).isEqualTo(Shape.CHAT_PARTS);
        assertThat(MigrationService.of(Location.of(upgraded), DatabaseKind.CHAT).status().shape()).isEqualTo(Shape.CHAT_PARTS);
        // The messages written before 0.2.24 have no parts; those 0.2.24 wrote have them, by name.
        try (ChatStore chat = ChatStore.openReadOnly(Location.of(upgraded))) {
            Conversation before = chat.conversations(ConversationQuery.all().withTitleText("Before parts"), PageRequest.first(5))
                    .items().getFirst();
            assertThat(chat.messages(before.id(), PageRequest.first(10)).items()).extracting(Message::parts).containsOnlyNulls();
            Conversation after = chat.conversations(ConversationQuery.all().withTitleText("Specs of lean-spec"), PageRequest.first(5))
                    .items().getFirst();
            assertThat(chat.messages(after.id(), PageRequest.first(10)).items().getFirst().parts()).contains("\"type\":\"text\"");
        }
    }

    @Test
    void aRunnerEraSessionsDbBrowsesWithItsSpecsLogsAndEventsWithoutMigrating() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("browsed"));
        Path oracle = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("oracle"));
        String hash = FileBytes.sha256(file);

        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            List<Session> all = allSessions(store, SessionQuery.all());
            assertThat(all).hasSize(((Number) Databases.scalar(oracle, "SELECT count(*) FROM sessions")).intValue());
            assertThat(all).extracting(Session::prompt).containsOnlyNulls();
            assertThat(store.runners()).contains("ok-runner", "fail-runner", "slow-runner", "chatty-runner");
            Session withSpec = all.stream().filter(s -> s.specId() != null).findFirst().orElseThrow();
            SessionDetail detail = store.get(withSpec.id()).orElseThrow();
            assertThat(detail.specs()).containsExactly("001-first");
            assertThat(store.list(SessionQuery.all().withSpec("001-first"), PageRequest.first(50)).items())
                    .allMatch(s -> "001-first".equals(s.specId()));
            Session failed = store.list(SessionQuery.all().withStatuses(Set.of(new SessionStatus("failed"))), PageRequest.first(50))
                    .items().stream().filter(s -> s.runner().equals("fail-runner")).findFirst().orElseThrow();
            assertThat(failed.exitCode()).isEqualTo(3L);
            assertThat(store.logs(LogQuery.of(failed.id()), PageRequest.first(50)).items())
                    .extracting(l -> l.level().value() + " " + l.message())
                    .contains("stdout starting", "stderr error: something broke");
            assertThat(store.events(new EventQuery(failed.id(), Set.of()), PageRequest.first(50)).items())
                    .extracting(e -> e.type().value()).contains("created", "started", "failed");
            // Sorted on every sortable column, database-side, and paged without gaps or repeats.
            for (SessionSort.Column column : SessionSort.Column.values()) {
                assertThat(allSessions(store, SessionQuery.all().withSort(new SessionSort(column, false)), 2))
                        .extracting(Session::id).doesNotHaveDuplicates().hasSize(all.size());
            }
        }
        assertThat(FileBytes.sha256(file)).isEqualTo(hash);
    }

    @Test
    void aSqlxLeanspecDbBrowsesSessionsConversationsAndRunnersAsOneFile() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/as-left/leanspec.db", dir.resolve("browsed"));
        Path oracle = RealFixtures.copy("leanspec-0.2.28/as-left/leanspec.db", dir.resolve("oracle"));
        Map<String, String> before = FileBytes.folder(file.getParent());

        try (SessionStore sessions = SessionStore.openReadOnly(Location.of(file));
             ChatStore chat = ChatStore.openReadOnly(Location.of(file));
             RunnerStore runners = RunnerStore.openReadOnly(Location.of(file))) {
            List<Session> all = allSessions(sessions, SessionQuery.all());
            assertThat(all).hasSize(((Number) Databases.scalar(oracle, "SELECT count(*) FROM sessions")).intValue());
            assertThat(all).extracting(Session::prompt).contains("Implement it", "Update the README");
            String twoSpecs = (String) Databases.scalar(oracle,
                    "SELECT session_id FROM session_specs GROUP BY session_id HAVING count(*) = 2 LIMIT 1");
            assertThat(sessions.get(twoSpecs).orElseThrow().specs()).containsExactly("001-first", "002-second");
            assertThat(all.stream().filter(s -> s.id().equals(twoSpecs)).findFirst().orElseThrow().specId())
                    .as("the list shows the first spec").isEqualTo("001-first");
            Session acp = all.stream().filter(s -> s.runner().equals("acp-agent") && s.status().value().equals("completed"))
                    .findFirst().orElseThrow();
            assertThat(sessions.logs(LogQuery.of(acp.id()), PageRequest.first(100)).items())
                    .anyMatch(l -> l.message().startsWith("{\"__acp_method\":\"session/update\""));

            List<Conversation> conversations = chat.conversations(ConversationQuery.all(), PageRequest.first(50)).items();
            assertThat(conversations).hasSize(((Number) Databases.scalar(oracle, "SELECT count(*) FROM conversations")).intValue());
            Conversation specs = conversations.stream().filter(c -> c.title().equals("Specs of lean-spec")).findFirst().orElseThrow();
            List<Message> messages = chat.messages(specs.id(), PageRequest.first(50)).items();
            assertThat(messages).extracting(Message::id).containsExactly("m1", "m2", "m3", "m4");
            assertThat(messages.get(1).parts()).contains("\"type\":\"tool-call\"").contains("\"type\":\"reasoning\"");

            List<Runner> runnerRows = runners.list(PageRequest.first(50)).items();
            assertThat(runnerRows).extracting(Runner::id).contains("ok-runner", "acp-agent");
            assertThat(runnerRows).filteredOn(Runner::isDefault).extracting(Runner::id).containsExactly("ok-runner");
            assertThat(runnerRows.stream().filter(r -> r.id().equals("acp-agent")).findFirst().orElseThrow().configJson())
                    .contains("\"protocol\":\"acp\"");
        }
        DatabaseStatus status = MigrationService.of(Location.of(file), DatabaseKind.LEANSPEC).status();
        assertThat(status.leanSpecHistory()).singleElement().satisfies(row -> {
            assertThat(row.version()).isEqualTo(1);
            assertThat(row.description()).isEqualTo("initial schema");
            assertThat(row.success()).isTrue();
            assertThat(row.checksumHex()).isEqualTo(
                    "593ccbdaa6661c95ac0c33cfae413d477597ba71b722fb3ef4a40f0a226e7632c45fd959c9baa4ba6b6e7cdc93170b62");
            assertThat(row.executionTimeNanos()).isPositive();
        });
        assertThat(FileBytes.folder(file.getParent())).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} migrates, keeps LeanSpec's own history, and browses the same")
    @MethodSource("databases")
    void everyRealFileMigratesAndBrowsesTheSameAfterwards(String fixture) throws Exception {
        Path file = RealFixtures.copy(fixture, dir.resolve("file"));
        DatabaseKind kind = MigrationService.detectKind(file).orElseThrow();
        Snapshot before = snapshot(file, kind);
        List<LeanSpecMigration> sqlx = MigrationService.of(Location.of(file), kind).status().leanSpecHistory();

        MigrationService.of(Location.of(file), kind).migrate(new MigrateOptions(true, true));

        DatabaseStatus after = MigrationService.of(Location.of(file), kind).status();
        assertThat(after.isUpToDate()).isTrue();
        assertThat(after.leanSpecHistory()).isEqualTo(sqlx);
        assertThat(snapshot(file, kind)).isEqualTo(before);
        assertThat(Databases.pragma(file, "integrity_check")).containsExactly("ok");
    }

    static Stream<String> databases() {
        return RealFixtures.all();
    }

    @Test
    void orphanRowsAreCountedPerTableAndBrowsingSkipsNothing() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        String deleted;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            // What LeanSpec before 0.2.28 could leave on a SQLite built without foreign keys by default.
            statement.execute("PRAGMA foreign_keys = OFF");
            var rows = statement.executeQuery("SELECT id FROM sessions WHERE id IN (SELECT session_id FROM session_logs) LIMIT 1");
            rows.next();
            deleted = rows.getString(1);
            rows.close();
            statement.execute("DELETE FROM sessions WHERE id = '" + deleted + "'");
            statement.execute("DELETE FROM conversations WHERE title = 'Specs of lean-spec'");
        }
        long logs = ((Number) Databases.scalar(file, "SELECT count(*) FROM session_logs WHERE session_id = '" + deleted + "'")).longValue();

        DatabaseStatus status = MigrationService.of(Location.of(file), DatabaseKind.LEANSPEC).status();
        status = status.withOrphans(MigrationService.of(Location.of(file), DatabaseKind.LEANSPEC).orphans());

        assertThat(status.orphans()).extracting(o -> o.table() + ":" + o.parents())
                .contains("session_logs:1", "session_events:1", "messages:1");
        assertThat(status.orphans()).filteredOn(o -> o.table().equals("session_logs")).singleElement()
                .satisfies(o -> assertThat(o.rows()).isEqualTo(logs));
        assertThat(status.orphans()).filteredOn(o -> o.table().equals("messages")).singleElement()
                .satisfies(o -> assertThat(o.rows()).isEqualTo(4));
        try (SessionStore sessions = SessionStore.openReadOnly(Location.of(file))) {
            assertThat(sessions.countEvents(new EventQuery(null, Set.of())))
                    .isEqualTo(((Number) Databases.scalar(file, "SELECT count(*) FROM session_events")).longValue());
        }
    }

    @ParameterizedTest(name = "a leanspec.db without {1} is {0} and migrates to the full schema")
    @CsvSource(textBlock = """
            rusqlite-era+runners, _sqlx_migrations
            rusqlite-era,         _sqlx_migrations runners
            cli-only,             _sqlx_migrations runners messages sync_metadata conversations
            """)
    void olderLeanspecDbsAreRecognisedAndMigrationAddsOnlyWhatTheyLack(String shape, String dropped) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String table : dropped.split(" ")) {
                statement.execute("DROP TABLE " + table);
            }
        }
        long sessions = ((Number) Databases.scalar(file, "SELECT count(*) FROM sessions")).longValue();

        DatabaseStatus status = MigrationService.of(Location.of(file), MigrationService.detectKind(file).orElseThrow()).status();
        assertThat(status.kind()).isEqualTo(DatabaseKind.LEANSPEC);
        assertThat(status.shape().label()).isEqualTo(shape);
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            assertThat(store.count(SessionQuery.all())).isEqualTo(sessions);
        }
        if (!dropped.contains("runners")) {
            return;
        }
        try (RunnerStore runners = RunnerStore.openReadOnly(Location.of(file))) {
            assertThat(runners.hasRunners()).isFalse();
            assertThat(runners.list(PageRequest.first(10)).items()).isEmpty();
        }
        MigrationService.of(Location.of(file), DatabaseKind.LEANSPEC).migrate(new MigrateOptions(false, true));
        assertThat(MigrationService.of(Location.of(file), DatabaseKind.LEANSPEC).status().isUpToDate()).isTrue();
        assertThat(Databases.scalar(file, "SELECT count(*) FROM sqlite_schema WHERE name = 'runners'")).isEqualTo(1);
        assertThat(((Number) Databases.scalar(file, "SELECT count(*) FROM sessions")).longValue()).isEqualTo(sessions);
    }

    @Test
    void leanSpecsRenamedLeftoversAreRecognisedAndLabelled() throws Exception {
        Path original = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir);
        Path leftover = Files.move(original, dir.resolve("sessions.db.migrated"));

        DatabaseStatus status = MigrationService.of(Location.of(leftover), MigrationService.detectKind(leftover).orElseThrow()).status();

        assertThat(status.shape()).isEqualTo(Shape.RUNNER_ERA);
        assertThat(status.isLeftover()).isTrue();
        assertThat(status.note()).contains("renamed").contains("no longer");
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** What the stores read of a file: every session with its specs and metadata, every message. */
    private record Snapshot(List<SessionDetail> sessions, List<Message> messages, long logs, long events) {
    }

    private static Snapshot snapshot(Path file, DatabaseKind kind) {
        List<SessionDetail> sessions = new ArrayList<>();
        long logs = 0;
        long events = 0;
        if (kind.hasSessions()) {
            try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
                for (Session s : allSessions(store, SessionQuery.all().withSort(new SessionSort(SessionSort.Column.ID, false)))) {
                    sessions.add(store.get(s.id()).orElseThrow());
                    logs += store.countLogs(s.id());
                }
                events = store.countEvents(new EventQuery(null, Set.of()));
            }
        }
        List<Message> messages = new ArrayList<>();
        if (kind.hasConversations()) {
            try (ChatStore chat = ChatStore.openReadOnly(Location.of(file))) {
                for (Conversation c : chat.conversations(ConversationQuery.all(), PageRequest.first(500)).items()) {
                    messages.addAll(chat.messages(c.id(), PageRequest.first(500)).items());
                }
            }
        }
        return new Snapshot(sessions, messages, logs, events);
    }

    private static List<Session> allSessions(SessionStore store, SessionQuery query) {
        return allSessions(store, query, 100);
    }

    private static List<Session> allSessions(SessionStore store, SessionQuery query, int pageSize) {
        List<Session> all = new ArrayList<>();
        Page<Session> page = store.list(query, PageRequest.first(pageSize));
        all.addAll(page.items());
        while (page.hasNext()) {
            page = store.list(query, page.nextRequest(pageSize).orElseThrow());
            all.addAll(page.items());
        }
        return all;
    }

    private static List<String> columns(Path file, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             var statement = connection.prepareStatement("SELECT name FROM pragma_table_info(?) ORDER BY cid")) {
            statement.setString(1, table);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
