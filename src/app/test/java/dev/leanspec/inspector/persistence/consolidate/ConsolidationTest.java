package dev.leanspec.inspector.persistence.consolidate;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.Main;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionSort;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.JavaProcess;
import dev.leanspec.inspector.testing.LegacyFiles;
import dev.leanspec.inspector.testing.OldLeanSpecWriter;
import dev.leanspec.inspector.testing.RealFixtures;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sessions.db and chat.db of every known shape into one leanspec.db: every row with its values
 * and ids, the sources untouched, the target written only once it is proven.
 */
class ConsolidationTest {

    @TempDir
    Path dir;

    /** A cancel while the new file is built: CANCELLED, nothing left beside the target, the target and sources as they were. */
    @Test
    void aCancelledConsolidationLeavesTheTargetAsItWas() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("old"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/as-left/chat.db", dir.resolve("old/data"));
        Path target = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("new"));
        Map<String, String> before = FileBytes.folder(dir);
        List<String> steps = new ArrayList<>();
        Consolidation[] consolidation = new Consolidation[1];
        consolidation[0] = Consolidation.of(List.of(sessions, chat), Location.of(target)).withProgress(step -> {
            steps.add(step);
            if (step.equals("Copying session_logs")) {
                consolidation[0].cancel();
            }
        });

        assertThatThrownBy(() -> consolidation[0].run(ConsolidateOptions.safe().withMerge()))
                .isInstanceOfSatisfying(PersistenceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CANCELLED);
                    assertThat(e.getMessage()).contains(target.toString()).contains("as they were");
                });
        assertThat(steps).startsWith("Reading the files").contains("Copying sessions", "Copying session_logs")
                .doesNotContain("Copying session_events", "Checking the new file");
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
    }

    @Test
    void theRealFilesOf024BecomeOneLeanspecDbWithEveryRowAndTheirIds() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("old"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/as-left/chat.db", dir.resolve("old/data"));
        Map<String, String> sourcesBefore = FileBytes.folder(sessions.getParent());
        Map<String, String> chatBefore = FileBytes.folder(chat.getParent());
        Path target = dir.resolve("new/leanspec.db");
        Snapshot before = snapshot(sessions, chat);

        ConsolidationReport report = Consolidation.of(List.of(sessions, chat), Location.of(target)).run(ConsolidateOptions.safe());

        assertThat(snapshot(target, target)).isEqualTo(before);
        assertThat(report.tables()).filteredOn(t -> t.table().equals("sessions")).singleElement()
                .satisfies(t -> assertThat(t.added()).isEqualTo(6));
        assertThat(MigrationService.of(Location.of(target), DatabaseKind.LEANSPEC).status().isUpToDate()).isTrue();
        assertThat(Databases.scalar(target, "SELECT hex(checksum) FROM _sqlx_migrations WHERE version = 1 AND success = 1 "
                + "AND description = 'initial schema' AND execution_time > 0")).isEqualTo(FileConsolidation.SQLX_CHECKSUM.toUpperCase());
        assertThat(Databases.pragma(target, "integrity_check")).containsExactly("ok");
        // Its plain indexes are made after the fill, while the rows are checked: all of them, as the chain makes them.
        assertThat(indexes(target)).filteredOn(index -> !index.get(1).equals("_sqlx_migrations"))
                .isEqualTo(indexes(freshLeanspecDb())).isNotEmpty();
        assertThat(Databases.pragma(target, "journal_mode")).containsExactly("wal");
        assertThat(((Number) Databases.scalar(target, "SELECT seq FROM sqlite_sequence WHERE name = 'session_logs'")).longValue())
                .isGreaterThanOrEqualTo(((Number) Databases.scalar(sessions, "SELECT seq FROM sqlite_sequence WHERE name = 'session_logs'")).longValue());
        assertThat(FileBytes.folder(sessions.getParent())).isEqualTo(sourcesBefore);
        assertThat(FileBytes.folder(chat.getParent())).isEqualTo(chatBefore);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("leanspec.db");
        }
    }

    @Test
    void theOldestShapesAreCarriedOverToolAsRunnerAndSpecIdAsTheSpec() throws Exception {
        Path sessions = LegacyFiles.toolEra(Files.createDirectories(dir.resolve("old")).resolve("sessions.db"));
        Path chat = LegacyFiles.jan20(dir.resolve("old/chat.db"));
        Path target = dir.resolve("leanspec.db");
        Snapshot before = snapshot(sessions, chat);

        Consolidation.of(List.of(sessions, chat), Location.of(target)).run(ConsolidateOptions.safe());

        assertThat(snapshot(target, target)).isEqualTo(before);
        try (SessionStore store = SessionStore.openReadOnly(Location.of(target))) {
            assertThat(store.get("s-3").orElseThrow().specs()).containsExactly("007-日本");
            assertThat(store.runners()).contains("opencode");
        }
        assertThat(Databases.scalar(target, "SELECT count(*) FROM sessions WHERE prompt IS NOT NULL")).isEqualTo(0);
    }

    @Test
    void orphanRowsAreCarriedOverAndReportedNotDropped() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("old"));
        String gone = plantOrphans(sessions);
        Path target = dir.resolve("leanspec.db");

        ConsolidationReport report = Consolidation.of(List.of(sessions), Location.of(target)).run(ConsolidateOptions.safe());

        assertThat(report.orphans()).extracting(o -> o.table()).contains("session_logs", "session_events");
        assertThat(Databases.scalar(target, "SELECT count(*) FROM session_logs WHERE session_id = '" + gone + "'"))
                .isEqualTo(Databases.scalar(sessions, "SELECT count(*) FROM session_logs WHERE session_id = '" + gone + "'"));
        assertThat(MigrationService.of(Location.of(target), DatabaseKind.LEANSPEC).orphans()).isEqualTo(report.orphans());
    }

    @Test
    void theOrphansReportedAreTheNewFilesOwnWhicheverOrderTheSourcesComeIn() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("old"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("old"));
        plantOrphans(sessions);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + chat); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            statement.execute("DELETE FROM conversations WHERE id = (SELECT conversation_id FROM messages GROUP BY conversation_id "
                    + "ORDER BY count(*) DESC LIMIT 1)");
        }
        Path target = dir.resolve("leanspec.db");

        ConsolidationReport report = Consolidation.of(List.of(chat, sessions), Location.of(target)).run(ConsolidateOptions.safe());

        assertThat(report.orphans()).extracting(o -> o.table()).contains("session_logs", "messages");
        assertThat(report.orphans()).isEqualTo(MigrationService.of(Location.of(target), DatabaseKind.LEANSPEC).orphans());
    }

    @Test
    void anEmptyLeanspecDbIsReplacedOneWithRowsOnlyMergedWhenAskedAndConflictsRefused() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("old"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("old"));
        // What 0.2.28's failed import leaves: a leanspec.db with its schema, its sqlx row and no row of data.
        Path target = RealFixtures.copy("leanspec-0.2.28-upgrade/leanspec.db", dir.resolve("home"));
        assertThat(Consolidation.of(List.of(sessions, chat), Location.of(target)).plan(ConsolidateOptions.safe()).targetState())
                .isEqualTo(ConsolidationPlan.TargetState.EMPTY);

        Consolidation.of(List.of(sessions, chat), Location.of(target)).run(ConsolidateOptions.safe());
        assertThat(snapshot(target, target)).isEqualTo(snapshot(sessions, chat));
        assertThat(Databases.scalar(target, "SELECT count(*) FROM _sqlx_migrations")).isEqualTo(1);

        // Again: it now holds rows. Refused without --merge; with it, everything is already there.
        String hash = FileBytes.sha256(target);
        assertThatThrownBy(() -> Consolidation.of(List.of(sessions, chat), Location.of(target)).run(ConsolidateOptions.safe()))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("--merge").hasMessageContaining("Nothing was changed");
        assertThat(FileBytes.sha256(target)).isEqualTo(hash);
        ConsolidationReport merged = Consolidation.of(List.of(sessions, chat), Location.of(target)).run(ConsolidateOptions.safe().withMerge());
        assertThat(merged.tables()).allSatisfy(t -> {
            assertThat(t.added()).isZero();
            assertThat(t.alreadyThere()).isEqualTo(t.fromSources());
        });

        // A different message under an id the target has: refused, the target as it was.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + chat); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE messages SET content = 'changed' WHERE id = 'm1'");
        }
        String mergedHash = FileBytes.sha256(target);
        assertThatThrownBy(() -> Consolidation.of(List.of(chat), Location.of(target)).run(ConsolidateOptions.safe().withMerge()))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("1 rows of messages")
                .hasMessageContaining("ids of different rows");
        assertThat(FileBytes.sha256(target)).isEqualTo(mergedHash);
    }

    @Test
    void aNewFileThatDiffersFromItsSourcesInOneValueIsCaughtAndNeverMovedIntoPlace() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("old"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("old"));
        Map<String, String> before = FileBytes.folder(dir.resolve("old"));
        Path target = dir.resolve("home/leanspec.db");
        // Each keeps every table's row count: only a comparison of the values finds it.
        Map<String, String> faults = Map.of(
                "session_logs", "UPDATE session_logs SET message = message || ' ' WHERE id = (SELECT max(id) FROM session_logs)",
                "messages", "UPDATE messages SET timestamp = CAST(timestamp AS REAL) + 0.5 WHERE id = (SELECT min(id) FROM messages)",
                "sessions", "UPDATE sessions SET token_count = 'many' WHERE id = (SELECT min(id) FROM sessions)");
        for (Map.Entry<String, String> fault : faults.entrySet()) {
            Consolidation consolidation = Consolidation.of(List.of(sessions, chat), Location.of(target)).withFaultBeforeCheck(built -> {
                try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + built);
                     Statement statement = connection.createStatement()) {
                    assertThat(statement.executeUpdate(fault.getValue())).isEqualTo(1);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> consolidation.run(ConsolidateOptions.safe())).isInstanceOf(PersistenceException.class)
                    .hasMessageContaining("failed its check").hasMessageContaining(fault.getKey() + ": 1 rows of");
            assertThat(target).doesNotExist();
            try (Stream<Path> files = Files.list(target.getParent())) {
                assertThat(files).isEmpty();
            }
            assertThat(FileBytes.folder(dir.resolve("old"))).isEqualTo(before);
        }
        // Without a fault the same run passes its check.
        Consolidation.of(List.of(sessions, chat), Location.of(target)).run(ConsolidateOptions.safe());
        assertThat(snapshot(target, target)).isEqualTo(snapshot(sessions, chat));
    }

    @Test
    void refusedWhileLeanSpecHasASourceOpenAndForcedOnlyWhenAsked() throws Exception {
        Path sessions = LegacyFiles.toolEra(Files.createDirectories(dir.resolve("old")).resolve("sessions.db"));
        Path target = dir.resolve("leanspec.db");
        Process writer = JavaProcess.start(List.of(), OldLeanSpecWriter.class, sessions.toString());
        try {
            assertThat(new BufferedReader(new InputStreamReader(writer.getInputStream())).readLine()).isEqualTo("writing");
            assertThatThrownBy(() -> Consolidation.of(List.of(sessions), Location.of(target)).run(ConsolidateOptions.safe()))
                    .isInstanceOf(PersistenceException.class).hasMessageContaining("java (pid " + writer.pid() + ")")
                    .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.IN_USE);
            assertThat(target).doesNotExist();
        } finally {
            writer.getOutputStream().write('\n');
            writer.getOutputStream().flush();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theCliDryRunWritesNothingAndTheRunRenamesTheSourcesAsLeanSpecDoes() throws Exception {
        Path home = dir.resolve("home");
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", home.resolve(".lean-spec"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/as-left/chat.db", home.resolve(".local/share/lean-spec"));
        Map<String, String> before = FileBytes.folder(home.resolve(".lean-spec"));

        CliRun dryRun = CliRun.in(dir, "consolidate", "--dry-run");
        assertThat(dryRun.code()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains(home.resolve(".lean-spec/leanspec.db") + " (new)").contains("runner-era").contains("v0.2.24")
                .contains("session_logs:     27 rows").contains("nothing was written");
        assertThat(FileBytes.folder(home.resolve(".lean-spec"))).isEqualTo(before);

        CliRun run = CliRun.in(dir, "consolidate", "--rename-sources");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("sessions:         6 rows added").contains("renamed:  " + sessions + ".migrated");
        assertThat(sessions).doesNotExist();
        assertThat(home.resolve(".lean-spec/sessions.db.migrated")).exists();
        assertThat(home.resolve(".local/share/lean-spec/chat.db.migrated-wal")).exists();
        // The renamed chat.db still reads whole: its -wal went with it.
        try (ChatStore store = ChatStore.openReadOnly(Location.of(home.resolve(".local/share/lean-spec/chat.db.migrated")))) {
            assertThat(store.count(ConversationQuery.all())).isEqualTo(3);
        }
        CliRun status = CliRun.in(dir, "status");
        // The sources it renamed are said as kept records: no release name that did not do it, nothing to migrate.
        assertThat(status.out()).contains("leanspec.db").contains("managed").contains("renamed .migrated: LeanSpec no longer reads")
                .contains("there is nothing to migrate").doesNotContain("after its import\n").doesNotContain("by LeanSpec 0.2.25+ after");
    }

    @Test
    void killedAtAnyMomentItLeavesNoHalfWrittenTargetAndTheSourcesUntouched() throws Exception {
        var generated = GeneratedDatabases.write(dir.resolve("old"), new Volumes(3_000, 60_000, 60_000, 300, 6_000), 5, line -> { });
        Map<String, String> sources = FileBytes.folder(dir.resolve("old"));
        Map<String, String> sourcesData = FileBytes.data(dir.resolve("old"));
        Path target = dir.resolve("home/leanspec.db");
        List<String> command = JavaProcess.command(List.of(), Main.class, "consolidate", "--sessions", generated.sessions().toString(),
                "--chat", generated.chat().toString(), "--to", target.toString());
        long start = System.nanoTime();
        JavaProcess.Outcome whole = JavaProcess.run(command, 300);
        long fullMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(whole.code()).as(whole.err()).isZero();
        assertThat(FileBytes.folder(dir.resolve("old"))).as("a run to its end leaves the sources' folder as it was").isEqualTo(sources);
        Snapshot expected = snapshot(target, target);
        Random random = new Random(7);
        List<String> outcomes = new ArrayList<>();
        for (int kill = 0; kill < 4; kill++) {
            Migrations.deleteWithSidecars(target);
            Process process = new ProcessBuilder(command).start();
            Thread.sleep(300 + random.nextInt((int) Math.max(1, fullMillis)));
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (Files.exists(target)) {
                assertThat(snapshot(target, target)).isEqualTo(expected);
                outcomes.add("whole");
            } else {
                outcomes.add("absent");
            }
            // Killed while attached to chat.db it leaves that file's -shm and empty log, as any
            // reader killed would: the data is compared.
            assertThat(FileBytes.data(dir.resolve("old"))).isEqualTo(sourcesData);
            // The next run clears what the killed one left beside the target, and succeeds.
            Migrations.deleteWithSidecars(target);
            JavaProcess.Outcome retry = JavaProcess.run(command, 300);
            assertThat(retry.code()).as(retry.err()).isZero();
            assertThat(snapshot(target, target)).isEqualTo(expected);
        }
        assertThat(outcomes).hasSize(4);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(FileConsolidation.TEMP_INFIX));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Everything the stores read: sessions with specs and metadata, logs and events by id, messages. */
    private record Snapshot(List<SessionDetail> sessions, List<SessionLog> logs, long events, List<Conversation> conversations,
                            List<Message> messages) {
    }

    private static Snapshot snapshot(Path sessionsFile, Path chatFile) {
        List<SessionDetail> sessions = new ArrayList<>();
        List<SessionLog> logs = new ArrayList<>();
        long events;
        try (SessionStore store = SessionStore.openReadOnly(Location.of(sessionsFile))) {
            SessionQuery byId = SessionQuery.all().withSort(new SessionSort(SessionSort.Column.ID, false));
            for (Session session : all(request -> store.list(byId, request))) {
                SessionDetail detail = store.get(session.id()).orElseThrow();
                // The one spec of an old file is the spec_id the new one no longer has.
                sessions.add(new SessionDetail(new Session(session.id(), session.projectPath(), detail.specs().isEmpty() ? null
                        : detail.specs().getFirst(), session.runner(), session.mode(), session.status(), session.exitCode(),
                        session.startedAt(), session.endedAt(), session.durationMs(), session.tokenCount(), session.createdAt(),
                        session.updatedAt(), session.prompt()), detail.metadata(), detail.specs()));
                logs.addAll(all(request -> store.logs(LogQuery.of(session.id()), request)));
            }
            events = store.countEvents(new EventQuery(null, Set.of()));
        }
        List<Conversation> conversations;
        List<Message> messages = new ArrayList<>();
        try (ChatStore store = ChatStore.openReadOnly(Location.of(chatFile))) {
            conversations = all(request -> store.conversations(ConversationQuery.all(), request));
            for (Conversation conversation : conversations) {
                messages.addAll(all(request -> store.messages(conversation.id(), request)));
            }
        } catch (PersistenceException noConversations) {
            conversations = List.of();
        }
        return new Snapshot(sessions, logs, events, conversations, messages);
    }

    private static <T> List<T> all(java.util.function.Function<PageRequest, dev.leanspec.inspector.persistence.Page<T>> read) {
        List<T> items = new ArrayList<>();
        var page = read.apply(PageRequest.first(5_000));
        items.addAll(page.items());
        while (page.hasNext()) {
            page = read.apply(page.nextRequest(5_000).orElseThrow());
            items.addAll(page.items());
        }
        return items;
    }

    /** A leanspec.db as our chain makes it, with no rows. */
    private Path freshLeanspecDb() throws Exception {
        Path fresh = Files.createDirectories(dir.resolve("fresh")).resolve("leanspec.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + fresh); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL"); // an empty file is no database yet
        }
        MigrationService.of(Location.of(fresh), DatabaseKind.LEANSPEC).migrate(MigrateOptions.safe().withoutBackup());
        return fresh;
    }

    /** Every index of a file with its table and its SQL (null for a key's own index). */
    private static List<List<Object>> indexes(Path file) throws Exception {
        return Databases.rows(file, "sqlite_schema", "name").stream().filter(row -> "index".equals(row.get("type")))
                .map(row -> List.of(row.get("name"), row.get("tbl_name"), String.valueOf(row.get("sql")))).toList();
    }

    /** Deletes a session with logs and events behind LeanSpec's back, foreign keys off: returns its id. */
    private static String plantOrphans(Path sessions) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sessions);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            String id;
            try (var rows = statement.executeQuery("SELECT session_id FROM session_logs GROUP BY session_id ORDER BY count(*) DESC LIMIT 1")) {
                rows.next();
                id = rows.getString(1);
            }
            statement.execute("DELETE FROM sessions WHERE id = '" + id + "'");
            return id;
        }
    }

    /** Test-side access to the temp name and to deleting a file with its sidecars. */
    private static final class Migrations {
        static void deleteWithSidecars(Path file) throws Exception {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        }
    }
}
