package dev.leanspec.inspector.persistence.postgres;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationPlan;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationReport;
import dev.leanspec.inspector.persistence.consolidate.TableCopy;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.PostgresServer;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real files LeanSpec wrote, copied into a real PostgreSQL server: every table checked by
 * the copy itself, then every store read compared value for value between the file and the server.
 */
class PostgresCopyTest {

    @TempDir
    Path dir;

    @Test
    void aRealLeanspecDbOf028ReadsTheSameFromPostgres() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        String before = FileBytes.sha256(file);
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());

        ConsolidationReport report = Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe());

        assertThat(FileBytes.sha256(file)).isEqualTo(before);
        assertThat(report.added()).isPositive();
        assertThat(report.tables()).extracting(TableCopy::table).contains("sessions", "session_logs", "messages", "runners");
        assertSameThroughTheStores(List.of(file), List.of(file), url);
    }

    @Test
    void aLeanspecDbAlreadyAtTheNewestVersionIsReadWhereItIsAndNotChanged() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        dev.leanspec.inspector.persistence.migration.MigrationService.of(Location.of(file), dev.leanspec.inspector.persistence.DatabaseKind.LEANSPEC)
                .migrate(dev.leanspec.inspector.persistence.migration.MigrateOptions.safe().withAdoption().withoutBackup());
        String before = FileBytes.sha256(file);
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());

        ConsolidationReport report = Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe());

        assertThat(FileBytes.sha256(file)).isEqualTo(before);
        assertThat(report.added()).isPositive();
        assertSameThroughTheStores(List.of(file), List.of(file), url);
    }

    @Test
    void theRealLegacyPairOf024IsConsolidatedOnTheWayIn() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir);
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir);
        String sessionsBefore = FileBytes.sha256(sessions);
        String chatBefore = FileBytes.sha256(chat);
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase()).withSchema("team");

        Consolidation.of(List.of(sessions, chat), Location.of(url)).run(ConsolidateOptions.safe());

        assertThat(FileBytes.sha256(sessions)).isEqualTo(sessionsBefore);
        assertThat(FileBytes.sha256(chat)).isEqualTo(chatBefore);
        assertSameThroughTheStores(List.of(sessions), List.of(chat), url);
        try (Connection db = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
             Statement statement = db.createStatement();
             ResultSet schemas = statement.executeQuery("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname LIKE 'team%'")) {
            schemas.next();
            assertThat(schemas.getString(1)).isEqualTo("team"); // the staging schema is gone
        }
    }

    @Test
    void generatedFilesOfScaleOneHundredthReadTheSameFromPostgresValueForValue() throws Exception {
        var generated = dev.leanspec.inspector.demo.GeneratedDatabases.write(dir.resolve("scale"),
                dev.leanspec.inspector.demo.GeneratedDatabases.Volumes.scale(0.01), 11, line -> { });
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());

        ConsolidationReport report = Consolidation.of(List.of(generated.sessions(), generated.chat()), Location.of(url)).run(ConsolidateOptions.safe());

        assertThat(report.tables()).filteredOn(t -> t.table().equals("session_logs")).singleElement()
                .extracting(TableCopy::added).isEqualTo(generated.volumes().logs());
        assertSameThroughTheStores(List.of(generated.sessions()), List.of(generated.chat()), url);
    }

    @Test
    void aTargetWithRowsIsRefusedAndAFailedCopyLeavesTheTargetAsItWas() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());
        Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe());
        long sessions = count(url, "sessions");

        assertThatThrownBy(() -> Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe()))
                .isInstanceOfSatisfying(PersistenceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("has rows").contains("--merge").contains("Nothing was changed").doesNotContain(PostgresServer.PASSWORD);
                });
        assertThat(count(url, "sessions")).isEqualTo(sessions);

        // A value PostgreSQL's bigint refuses, in the last table but one: everything before it was
        // already inserted when it fails, and none of it stays.
        Path bad = dir.resolve("bad").resolve("leanspec.db");
        java.nio.file.Files.createDirectories(bad.getParent());
        java.nio.file.Files.copy(file, bad);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + bad); Statement statement = db.createStatement()) {
            statement.execute("UPDATE sync_metadata SET version = 'one'");
            statement.execute("INSERT OR IGNORE INTO sync_metadata (conversation_id, version) SELECT id, 'one' FROM conversations LIMIT 1");
        }
        PostgresUrl empty = PostgresUrl.parse(PostgresServer.shared().newDatabase());
        assertThatThrownBy(() -> Consolidation.of(List.of(bad), Location.of(empty)).run(ConsolidateOptions.safe())).isInstanceOf(PersistenceException.class);
        try (Connection db = PostgresServer.shared().connect(PostgresServer.databaseOf(empty.withCredentials()));
             Statement statement = db.createStatement();
             ResultSet tables = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            tables.next();
            assertThat(tables.getLong(1)).isZero();
        }
    }

    @Test
    void textWithCopysSeparatorsAndEscapesArrivesByteForByteAndANulCharacterIsRefusedWithASentence() throws Exception {
        // COPY's text format gives tabs, newlines, CR and backslashes a meaning: each must arrive as written,
        // also across the pieces a long value is escaped in (32 KB each).
        String awkward = ("tab\there\nnew line\r\nCRLF \\ backslash \\N not null \\. not the end \u00e9 \ud83d\ude80 'quote' \"dq\"")
                .repeat(1_500);
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.PreparedStatement update = db.prepareStatement("UPDATE messages SET content = ?, metadata = NULL")) {
            update.setString(1, awkward);
            update.executeUpdate();
        }
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());

        Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe());

        try (Connection db = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
             java.sql.PreparedStatement query = db.prepareStatement(
                     "SELECT count(*), count(*) FILTER (WHERE content = ? AND metadata IS NULL) FROM messages")) {
            query.setString(1, awkward);
            ResultSet rows = query.executeQuery();
            rows.next();
            assertThat(rows.getLong(1)).isPositive();
            assertThat(rows.getLong(2)).isEqualTo(rows.getLong(1));
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.PreparedStatement update = db.prepareStatement("UPDATE messages SET content = ?")) {
            update.setString(1, "before\u0000after");
            update.executeUpdate();
        }
        PostgresUrl other = PostgresUrl.parse(PostgresServer.shared().newDatabase());
        assertThatThrownBy(() -> Consolidation.of(List.of(file), Location.of(other)).run(ConsolidateOptions.safe()))
                .isInstanceOfSatisfying(PersistenceException.class, e -> assertThat(e.getMessage()).contains("NUL character"));
    }

    /** The plan reads the files and the schema, writes nothing, and says what stops a run, as a file's does. */
    @Test
    void aPlanSaysWhatACopyWouldDoAndWhatStopsIt() throws Exception {
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir);
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase()).withSchema("team");
        Consolidation copy = Consolidation.of(List.of(leanspec), Location.of(url));

        ConsolidationPlan fresh = copy.plan(ConsolidateOptions.safe());
        assertThat(fresh.targetState()).isEqualTo(ConsolidationPlan.TargetState.MISSING);
        assertThat(fresh.canRun()).isTrue();
        assertThat(fresh.sources()).singleElement().satisfies(source -> assertThat(source.kind()).isEqualTo(dev.leanspec.inspector.persistence.DatabaseKind.LEANSPEC));
        assertThat(fresh.rows().get("sessions")).isEqualTo(((Number) Databases.scalar(leanspec, "SELECT count(*) FROM sessions")).longValue());
        assertThat(scalar(url.withSchema("public"), "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'team'")).isZero();
        assertThat(copy.plan(ConsolidateOptions.safe().withRenamedSources()).problems()).singleElement().asString().contains("renamed only");
        assertThat(Consolidation.of(List.of(leanspec, sessions), Location.of(url)).plan(ConsolidateOptions.safe()).problems())
                .singleElement().asString().contains("give one leanspec.db");

        copy.run(ConsolidateOptions.safe());
        ConsolidationPlan again = copy.plan(ConsolidateOptions.safe());
        assertThat(again.targetState()).isEqualTo(ConsolidationPlan.TargetState.HAS_ROWS);
        assertThat(again.problems()).singleElement().asString().contains("already holds rows").contains("--merge");
        assertThat(copy.plan(ConsolidateOptions.safe().withMerge()).canRun()).isTrue();
    }

    @Test
    void aMergeAddsWhatTheTargetLacksRenumbersItsLogsAndOverwritesNothing() throws Exception {
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir);
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir);
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());
        Consolidation.of(List.of(leanspec), Location.of(url)).run(ConsolidateOptions.safe());
        long maxLogId = scalar(url, "SELECT max(id) FROM session_logs");

        ConsolidationReport merged = Consolidation.of(List.of(sessions, chat), Location.of(url)).run(ConsolidateOptions.safe().withMerge());

        assertThat(merged.tables()).filteredOn(t -> t.table().equals("sessions")).singleElement()
                .extracting(TableCopy::added).isEqualTo(6L);
        assertThat(merged.kept()).allSatisfy(k -> assertThat(k.identical() + k.differing()).isZero());
        // Both files' chat clients numbered their messages m1, m2, …: the added ones get new ids.
        assertThat(merged.renamedIds()).singleElement().satisfies(r -> {
            assertThat(r.table()).isEqualTo("messages");
            assertThat(r.named()).contains("m1 → m1@14b8a1bc");
        });
        assertHeldWithNewIds(List.of(leanspec, sessions), List.of(leanspec, chat), url);
        assertThat(scalar(url, "SELECT min(id) FROM session_logs WHERE session_id IN ('" + String.join("','", ids(sessions)) + "')"))
                .isGreaterThan(maxLogId);

        // The same files again: nothing is added, and every key is found identical.
        long logs = count(url, "session_logs");
        ConsolidationReport again = Consolidation.of(List.of(sessions, chat), Location.of(url)).run(ConsolidateOptions.safe().withMerge());
        assertThat(again.added()).isZero();
        assertThat(again.kept()).filteredOn(k -> k.table().equals("sessions")).singleElement()
                .satisfies(k -> assertThat(List.of(k.identical(), k.differing())).containsExactly(6L, 0L));
        assertThat(count(url, "session_logs")).isEqualTo(logs);

        // A session that changed since: the target's is kept, and the copy names it.
        Path changed = dir.resolve("changed").resolve("leanspec.db");
        java.nio.file.Files.createDirectories(changed.getParent());
        java.nio.file.Files.copy(leanspec, changed);
        String id = ids(leanspec).getFirst();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + changed); Statement statement = db.createStatement()) {
            statement.execute("UPDATE sessions SET status = 'cancelled' WHERE id = '" + id + "'");
            statement.execute("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + id + "', 't', 'stdout', 'later')");
        }
        String status;
        try (SessionStore store = SessionStore.openReadOnly(Location.of(url))) {
            status = store.get(id).orElseThrow().session().status().value();
        }
        ConsolidationReport third = Consolidation.of(List.of(changed), Location.of(url)).run(ConsolidateOptions.safe().withMerge());
        assertThat(third.added()).isZero();
        assertThat(third.kept()).filteredOn(k -> k.table().equals("sessions")).singleElement().satisfies(k -> {
            assertThat(k.differing()).isEqualTo(1);
            assertThat(k.named()).containsExactly(id);
            assertThat(k.identical()).isEqualTo(ids(leanspec).size() - 1);
        });
        try (SessionStore store = SessionStore.openReadOnly(Location.of(url))) {
            assertThat(store.get(id).orElseThrow().session().status().value()).isEqualTo(status);
        }
        assertThat(count(url, "session_logs")).isEqualTo(logs);
    }

    @Test
    void aCopyCancelledWhileItRunsLeavesTheTargetAsItWas() throws Exception {
        var generated = dev.leanspec.inspector.demo.GeneratedDatabases.write(dir.resolve("gen"),
                new dev.leanspec.inspector.demo.GeneratedDatabases.Volumes(2_000, 100_000, 100_000, 10, 100), 3, line -> { });
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());
        List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        Consolidation copy = Consolidation.of(List.of(generated.sessions(), generated.chat()), Location.of(url)).withProgress(steps::add);
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> copy.run(ConsolidateOptions.safe()));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!steps.contains("Copying session_logs") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        copy.cancel();

        assertThatThrownBy(() -> running.get(30, java.util.concurrent.TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(PersistenceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CANCELLED);
                    assertThat(e.getMessage()).contains("Nothing was changed");
                });
        assertThat(steps).contains("Copying sessions", "Checking sessions", "Copying session_logs").doesNotContain("Copying messages");
        assertThat(scalar(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"))
                .isZero();
        // Nothing of the cancelled run is in the way of the next.
        assertThat(Consolidation.of(List.of(generated.sessions(), generated.chat()), Location.of(url)).run(ConsolidateOptions.safe()).added()).isPositive();
    }

    private static List<String> ids(Path file) {
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            return Page.all(100, page -> store.list(SessionQuery.all(), page)).stream().map(Session::id).toList();
        }
    }

    /** Every session and conversation of the files is on the server, equal but for the new ids of logs and events. */
    private static void assertHeldWithNewIds(List<Path> sessionFiles, List<Path> chatFiles, PostgresUrl url) {
        try (SessionStore postgres = SessionStore.openReadOnly(Location.of(url))) {
            long total = 0;
            for (Path file : sessionFiles) {
                try (SessionStore sqlite = SessionStore.openReadOnly(Location.of(file))) {
                    for (Session session : Page.all(100, page -> sqlite.list(SessionQuery.all(), page))) {
                        total++;
                        assertThat(postgres.get(session.id())).isEqualTo(sqlite.get(session.id()));
                        assertThat(Page.all(50, page -> postgres.logs(LogQuery.of(session.id()), page)))
                                .extracting(l -> List.of(l.sessionId(), l.timestamp(), l.level(), l.message()))
                                .isEqualTo(Page.all(50, page -> sqlite.logs(LogQuery.of(session.id()), page)).stream()
                                        .map(l -> List.of(l.sessionId(), l.timestamp(), l.level(), l.message())).toList());
                        assertThat(Page.all(50, page -> postgres.events(EventQuery.of(session.id()), page)))
                                .extracting(e -> java.util.Arrays.asList(e.sessionId(), e.type(), e.data(), e.timestamp()))
                                .isEqualTo(Page.all(50, page -> sqlite.events(EventQuery.of(session.id()), page)).stream()
                                        .map(e -> java.util.Arrays.asList(e.sessionId(), e.type(), e.data(), e.timestamp())).toList());
                    }
                }
            }
            assertThat(postgres.count(SessionQuery.all())).isEqualTo(total);
        }
        try (ChatStore postgres = ChatStore.openReadOnly(Location.of(url))) {
            long total = 0;
            for (Path file : chatFiles) {
                try (ChatStore sqlite = ChatStore.openReadOnly(Location.of(file))) {
                    for (Conversation conversation : Page.all(100, page -> sqlite.conversations(ConversationQuery.all(), page))) {
                        total++;
                        // The same messages, in the same order; an id the other file used already has its conversation's mark.
                        assertThat(Page.all(7, page -> postgres.messages(conversation.id(), page)))
                                .extracting(m -> m.id().replace("@" + conversation.id().substring(0, 8), ""), m -> m.content(), m -> m.timestamp())
                                .isEqualTo(Page.all(7, page -> sqlite.messages(conversation.id(), page)).stream()
                                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.id(), m.content(), m.timestamp())).toList());
                        assertThat(postgres.syncMetadata(conversation.id())).isEqualTo(sqlite.syncMetadata(conversation.id()));
                    }
                }
            }
            assertThat(Page.all(100, page -> postgres.conversations(ConversationQuery.all(), page))).hasSize((int) total);
        }
    }

    private static long scalar(PostgresUrl url, String sql) throws Exception {
        try (Connection db = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
             Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long count(PostgresUrl url, String table) throws Exception {
        try (Connection db = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
             Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every read the window and the CLI make, equal on the files and on the server. */
    private static void assertSameThroughTheStores(List<Path> sessionFiles, List<Path> chatFiles, PostgresUrl url) {
        try (SessionStore postgres = SessionStore.openReadOnly(Location.of(url))) {
            for (Path file : sessionFiles) {
                try (SessionStore sqlite = SessionStore.openReadOnly(Location.of(file))) {
                    List<Session> all = Page.all(100, page -> sqlite.list(SessionQuery.all(), page));
                    assertThat(all).isNotEmpty();
                    assertThat(Page.all(100, page -> postgres.list(SessionQuery.all(), page))).isEqualTo(all);
                    assertThat(postgres.count(SessionQuery.all())).isEqualTo(all.size());
                    assertThat(postgres.runners()).isEqualTo(sqlite.runners());
                    assertThat(postgres.stats()).isEqualTo(sqlite.stats());
                    String text = all.getFirst().runner().substring(0, 2).toUpperCase(java.util.Locale.ROOT);
                    assertThat(postgres.count(SessionQuery.all().withText(text))).isEqualTo(sqlite.count(SessionQuery.all().withText(text)));
                    for (Session session : all) {
                        assertThat(postgres.get(session.id())).isEqualTo(sqlite.get(session.id()));
                        assertThat(Page.all(50, page -> postgres.logs(LogQuery.of(session.id()), page)))
                                .isEqualTo(Page.all(50, page -> sqlite.logs(LogQuery.of(session.id()), page)));
                        assertThat(Page.all(50, page -> postgres.events(EventQuery.of(session.id()), page)))
                                .isEqualTo(Page.all(50, page -> sqlite.events(EventQuery.of(session.id()), page)));
                    }
                }
            }
        }
        try (ChatStore postgres = ChatStore.openReadOnly(Location.of(url))) {
            for (Path file : chatFiles) {
                try (ChatStore sqlite = ChatStore.openReadOnly(Location.of(file))) {
                    List<Conversation> all = Page.all(100, page -> sqlite.conversations(ConversationQuery.all(), page));
                    assertThat(all).isNotEmpty();
                    assertThat(Page.all(100, page -> postgres.conversations(ConversationQuery.all(), page))).isEqualTo(all);
                    assertThat(postgres.stats()).isEqualTo(sqlite.stats());
                    for (Conversation conversation : all) {
                        assertThat(Page.all(7, page -> postgres.messages(conversation.id(), page)))
                                .isEqualTo(Page.all(7, page -> sqlite.messages(conversation.id(), page)));
                        assertThat(postgres.syncMetadata(conversation.id())).isEqualTo(sqlite.syncMetadata(conversation.id()));
                    }
                }
            }
        }
    }
}
