package dev.leanspec.inspector.persistence.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.testing.Backend;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store on both backends (a SQLite file, a PostgreSQL database) where it means the same; file-only facts apart. */
class SessionStoreTest {

    @TempDir
    Path dir;

    private static Session session(String id, String status, String runner, String mode, String project, int minute) {
        Timestamp at = Timestamp.of(Instant.parse("2026-02-01T10:00:00Z").plusSeconds(60L * minute));
        return new Session(id, project, "spec-" + (minute % 3), runner, new SessionMode(mode), new SessionStatus(status),
                null, at, null, null, null, at, at, null);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void insertsWithMetadataSpecsAndCreatedEventThenReadsItBack(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            Session s = new Session("s-1", "/p/ünï \"q\"", "spec-a", "claude", SessionMode.GUIDED, SessionStatus.RUNNING,
                    null, new Timestamp("2026-02-01T10:00:00.000000+00:00"), null, null, 10L,
                    new Timestamp("2026-02-01T10:00:00.000000+00:00"), new Timestamp("2026-02-01T10:00:00.000000+00:00"),
                    "Fix the login\nand the 'logout'");
            store.insert(new SessionDetail(s, Map.of("branch", "main", "env", "{\"a\":1}"), List.of("spec-a", "spec-b")));

            SessionDetail read = store.get("s-1").orElseThrow();
            assertThat(read.session()).isEqualTo(s);
            assertThat(read.metadata()).containsExactly(Map.entry("branch", "main"), Map.entry("env", "{\"a\":1}"));
            assertThat(read.specs()).containsExactly("spec-a", "spec-b");
            assertThat(store.events(EventQuery.of("s-1"), PageRequest.first(10)).items())
                    .singleElement().satisfies(e -> {
                        assertThat(e.type()).isEqualTo(EventType.CREATED);
                        assertThat(e.timestamp()).isEqualTo(s.createdAt());
                    });
            assertThat(store.get("nope")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void updateReplacesFieldsMetadataAndSpecs(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            Session s = session("s-1", "running", "claude", "guided", "/p", 1);
            store.insert(new SessionDetail(s, Map.of("a", "1", "b", "2"), List.of("x")));
            Session done = new Session(s.id(), s.projectPath(), s.specId(), s.runner(), s.mode(), SessionStatus.COMPLETED, 0L,
                    s.startedAt(), new Timestamp("2026-02-01T10:05:00.000000+00:00"), 300_000L, 99L, s.createdAt(),
                    new Timestamp("2026-02-01T10:05:00.000000+00:00"), null);

            store.update(new SessionDetail(done, Map.of("c", "3"), List.of("y", "z")));

            SessionDetail read = store.get("s-1").orElseThrow();
            assertThat(read.session()).usingRecursiveComparison().ignoringFields("specId").isEqualTo(done);
            // A sessions.db keeps spec_id apart from the specs; the leanspec tables (PostgreSQL's)
            // keep only the specs, and the first stands for spec_id.
            assertThat(read.session().specId()).isEqualTo(backend == Backend.SQLITE ? done.specId() : "y");
            assertThat(read.metadata()).containsExactly(Map.entry("c", "3"));
            assertThat(read.specs()).containsExactly("y", "z");
            assertThatThrownBy(() -> store.update(SessionDetail.of(session("ghost", "x", "y", "z", "/p", 1))))
                    .isInstanceOf(PersistenceException.class).hasMessageContaining("ghost")
                    .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.INVALID_ARGUMENT);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deleteCascadesToEverythingOfTheSession(Backend backend) throws Exception {
        Location database = backend.newDatabase(dir, "sessions.db");
        try (SessionStore store = SessionStore.open(database)) {
            store.insert(new SessionDetail(session("s-1", "running", "claude", "guided", "/p", 1), Map.of("k", "v"), List.of("a")));
            store.insertLog("s-1", Timestamp.of(Instant.now()), LogLevel.STDOUT, "hello");
            assertThat(store.delete("s-1")).isTrue();
            assertThat(store.delete("s-1")).isFalse();
        }
        for (String table : List.of("sessions", "session_metadata", "session_specs", "session_logs", "session_events")) {
            assertThat(Backend.scalar(database, "SELECT count(*) FROM " + table)).as(table).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keysetPagesWalkAFilteredListWithoutGapsOrRepeats(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 53; i++) {
                String status = i % 2 == 0 ? "failed" : "completed";
                // Several sessions share a created_at, so the id must break ties.
                store.insert(SessionDetail.of(session(String.format("s-%02d", i), status, i % 3 == 0 ? "codex" : "claude", "guided", "/p", i / 2)));
                if (status.equals("failed")) {
                    expected.add(String.format("s-%02d", i));
                }
            }
            expected.sort((a, b) -> b.compareTo(a)); // same minute order as id for this data
            SessionQuery failed = SessionQuery.all().withStatuses(Set.of(SessionStatus.FAILED));

            List<String> seen = new ArrayList<>();
            PageRequest request = PageRequest.first(5);
            int pages = 0;
            while (request != null) {
                Page<Session> page = store.list(failed, request);
                page.items().forEach(s -> seen.add(s.id()));
                request = page.nextRequest(5).orElse(null);
                pages++;
            }
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(pages).isEqualTo(6);
            assertThat(store.count(failed)).isEqualTo(27);
            assertThat(store.count(failed.withRunners(Set.of("codex")))).isEqualTo(9);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everySortColumnPagesInBothDirections(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            for (int i = 0; i < 20; i++) {
                store.insert(SessionDetail.of(session("s-" + (char) ('a' + i), List.of("running", "failed", "paused").get(i % 3),
                        List.of("claude", "codex").get(i % 2), List.of("guided", "ralph").get(i % 2), "/p" + (i % 4), 20 - i)));
            }
            for (SessionSort.Column column : SessionSort.Column.values()) {
                for (boolean descending : List.of(true, false)) {
                    SessionQuery query = SessionQuery.all().withSort(new SessionSort(column, descending));
                    List<Session> all = store.list(query, PageRequest.first(100)).items();
                    List<Session> paged = new ArrayList<>();
                    PageRequest request = PageRequest.first(3);
                    while (request != null) {
                        Page<Session> page = store.list(query, request);
                        paged.addAll(page.items());
                        request = page.nextRequest(3).orElse(null);
                    }
                    assertThat(paged).as(column + (descending ? " desc" : " asc")).containsExactlyElementsOf(all).hasSize(20);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void textFilterMatchesLiterallyIncludingWildcardsAndQuotes(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            store.insert(SessionDetail.of(session("a", "running", "claude", "guided", "/work/100%_done", 1)));
            store.insert(SessionDetail.of(session("b", "running", "claude", "guided", "/work/1000 done", 2)));
            store.insert(SessionDetail.of(session("c", "running", "claude", "guided", "/work/it's ' OR 1=1 --", 3)));
            store.insert(SessionDetail.of(session("d", "running", "claude", "guided", "/work/back\\slash 🚀", 4)));
            if (backend == Backend.SQLITE) {
                store.insert(SessionDetail.of(session("e", "running", "claude", "guided", "/work/nul\u0000byte_x", 5)));
            } else {
                // PostgreSQL's text cannot hold U+0000 (SQLite's can): refused with a sentence, nothing half-written.
                assertThatThrownBy(() -> store.insert(SessionDetail.of(session("e", "running", "claude", "guided", "/work/nul\u0000byte_x", 5))))
                        .isInstanceOfSatisfying(PersistenceException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT);
                            assertThat(e.getMessage()).contains("NUL character");
                        });
                store.insert(SessionDetail.of(session("e", "running", "claude", "guided", "/work/nul_byte_x", 5)));
            }

            assertThat(ids(store, SessionQuery.all().withText("%_"))).containsExactly("a");
            assertThat(ids(store, SessionQuery.all().withText("%"))).containsExactly("a");
            assertThat(ids(store, SessionQuery.all().withText("_"))).containsExactlyInAnyOrder("a", "e");
            if (backend == Backend.SQLITE) {
                assertThat(ids(store, SessionQuery.all().withText("\u0000byte"))).containsExactly("e");
                assertThat(ids(store, SessionQuery.all().withText("nul\u0000"))).containsExactly("e");
            }
            assertThat(ids(store, SessionQuery.all().withText("' OR 1=1 --"))).containsExactly("c");
            assertThat(ids(store, SessionQuery.all().withText("\\"))).containsExactly("d");
            assertThat(ids(store, SessionQuery.all().withText("🚀"))).containsExactly("d");
            assertThat(ids(store, SessionQuery.all().withText("DONE"))).containsExactlyInAnyOrder("a", "b");
            assertThat(ids(store, SessionQuery.all().withProject("/work/1000 done"))).containsExactly("b");
            assertThat(ids(store, SessionQuery.all().withSpec("spec-1"))).containsExactly("a", "d");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTextLimitedViewCutsLongTextInSqlAndTheStoreKeepsItWhole(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            store.insert(SessionDetail.of(session("s", "running", "claude", "guided", "/p", 1)));
            String line = "é".repeat(250);
            store.insertLog("s", Timestamp.of(Instant.parse("2026-02-01T10:00:00Z")), LogLevel.STDOUT, line);

            SessionStore shown = store.withTextLimit(100);
            assertThat(shown.logs(LogQuery.of("s"), PageRequest.first(10)).items().get(0).message())
                    .isEqualTo("é".repeat(100) + "… (150 more characters)");
            assertThat(store.logs(LogQuery.of("s"), PageRequest.first(10)).items().get(0).message()).isEqualTo(line);
            shown.close();  // a view: the store stays open
            assertThat(store.countLogs("s")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void logsPageInOrderFilterByLevelTailAndPrune(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            store.insert(SessionDetail.of(session("s", "running", "claude", "guided", "/p", 1)));
            for (int i = 0; i < 25; i++) {
                store.insertLog("s", Timestamp.of(Instant.parse("2026-02-01T10:00:00Z").plusSeconds(i)),
                        i % 5 == 0 ? LogLevel.STDERR : LogLevel.STDOUT, "line " + i + "\nmore");
            }
            List<String> all = new ArrayList<>();
            PageRequest request = PageRequest.first(7);
            while (request != null) {
                Page<SessionLog> page = store.logs(LogQuery.of("s"), request);
                page.items().forEach(l -> all.add(l.message().lines().findFirst().orElseThrow()));
                request = page.nextRequest(7).orElse(null);
            }
            assertThat(all).hasSize(25).first().isEqualTo("line 0");
            assertThat(all).last().isEqualTo("line 24");
            assertThat(store.logs(new LogQuery("s", Set.of(LogLevel.STDERR), null), PageRequest.first(100)).items()).hasSize(5);
            assertThat(store.logs(new LogQuery("s", Set.of(), "LINE 1"), PageRequest.first(100)).items()).hasSize(11);
            assertThat(store.lastLogs("s", 3)).extracting(SessionLog::message)
                    .containsExactly("line 22\nmore", "line 23\nmore", "line 24\nmore");

            assertThat(store.pruneLogs("s", 10)).isEqualTo(15);
            assertThat(store.countLogs("s")).isEqualTo(10);
            assertThat(store.logs(LogQuery.of("s"), PageRequest.first(1)).items().get(0).message()).startsWith("line 15");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyDetailInBatchesIsWhatGetReadsAndTalliesCountTheRows(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            // More than a batch of 500, with metadata and specs on some.
            for (int i = 0; i < 1_203; i++) {
                Session s = session(String.format("s-%04d", i), i % 4 == 0 ? "failed" : "completed", "claude", "guided", "/p" + i % 3, i);
                store.insert(new SessionDetail(s, i % 7 == 0 ? Map.of("k" + i, "v", "branch", "b" + i) : Map.of(),
                        i % 5 == 0 ? List.of("spec-z", "spec-a") : List.of()));
            }
            for (int i = 0; i < 40; i++) {
                store.insertLog("s-0003", Timestamp.of(Instant.parse("2026-02-01T10:00:00Z").plusSeconds(i)), LogLevel.STDOUT, "line " + i);
            }
            store.insertEvent("s-0003", EventType.STARTED, null, Timestamp.of(Instant.now()));

            List<SessionDetail> all = new ArrayList<>();
            SessionQuery failed = SessionQuery.all().withStatuses(Set.of(SessionStatus.FAILED));
            long count = store.forEachDetail(failed, all::add);

            assertThat(count).isEqualTo(301).isEqualTo(all.size());
            assertThat(all).isEqualTo(all.stream().map(d -> store.get(d.session().id()).orElseThrow()).toList());
            assertThat(all.stream().filter(d -> !d.specs().isEmpty()).findFirst().orElseThrow().specs()).containsExactly("spec-z", "spec-a");
            List<String> ids = new ArrayList<>();
            store.forEach(failed, s -> ids.add(s.id()));
            assertThat(all).extracting(d -> d.session().id()).isEqualTo(ids);

            Map<String, SessionTally> tallies = store.tallies();
            assertThat(tallies).hasSize(1_203); // each has its "created" event
            SessionTally busy = tallies.get("s-0003");
            assertThat(busy.logs()).isEqualTo(40);
            assertThat(busy.events()).isEqualTo(2);
            assertThat(busy.lastLog() - busy.firstLog()).isEqualTo(39);
            assertThat(tallies.get("s-0004").logs()).isZero();
            store.pruneLogs("s-0003", 10);
            assertThat(store.tallies().get("s-0003")).isNotEqualTo(busy);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsListInOrderAcrossSessions(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            store.insert(SessionDetail.of(session("a", "running", "claude", "guided", "/p", 1)));
            store.insert(SessionDetail.of(session("b", "running", "claude", "guided", "/p", 2)));
            store.insertEvent("a", EventType.STARTED, null, Timestamp.of(Instant.now()));
            store.insertEvent("b", new EventType("teleported"), "{\"to\":\"mars\"}", new Timestamp("not a time"));

            Page<SessionEvent> all = store.events(new EventQuery(null, Set.of()), PageRequest.first(3));
            assertThat(all.items()).extracting(e -> e.type().value()).containsExactly("created", "created", "started");
            SessionEvent last = store.events(new EventQuery(null, Set.of()), all.nextRequest(3).orElseThrow()).items().get(0);
            assertThat(last.type().isKnown()).isFalse();
            assertThat(last.type().value()).isEqualTo("teleported");
            assertThat(last.timestamp().text()).isEqualTo("not a time");
            assertThat(last.timestamp().instant()).isEmpty();
            assertThat(store.countEvents(EventQuery.of("b"))).isEqualTo(2);
        }
    }

    @Test
    void unknownValuesFromAnAdoptedLegacyFileRoundTripUnchanged() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption());
        List<Map<String, Object>> before = Databases.rows(file, "sessions", "id");

        try (SessionStore store = SessionStore.open(Location.of(file))) {
            SessionDetail odd = store.get("s-2").orElseThrow();
            assertThat(odd.session().status().value()).isEqualTo("hibernating");
            assertThat(odd.session().status().isKnown()).isFalse();
            assertThat(odd.session().mode().value()).isEqualTo("ralph");
            assertThat(odd.session().startedAt().text()).isEqualTo("yesterday-ish");
            store.update(odd);
            assertThat(store.get("s-3").orElseThrow().specs()).containsExactly("007-日本");
            assertThat(store.logs(LogQuery.of("s-3"), PageRequest.first(5)).items())
                    .singleElement().extracting(l -> l.level().value()).isEqualTo("trace");
        }
        assertThat(Databases.rows(file, "sessions", "id")).isEqualTo(before);
    }

    @Test
    void readOnlyStoreReadsLegacyFilesButWritesOnlyToMigratedOnesAndNeverChangesBytes() throws Exception {
        Path legacy = LegacyFiles.runnerEra(dir.resolve("legacy.db"));
        String legacyHash = FileBytes.sha256(legacy);
        try (SessionStore reader = SessionStore.openReadOnly(Location.of(legacy))) {
            assertThat(reader.count(SessionQuery.all())).isEqualTo(3);
            assertThat(reader.get("s-3").orElseThrow().specs()).containsExactly("007-日本");
        }
        assertThat(FileBytes.sha256(legacy)).isEqualTo(legacyHash);
        assertThatThrownBy(() -> SessionStore.open(Location.of(legacy)))
                .isInstanceOf(PersistenceException.class).hasMessageContaining(legacy.toString()).hasMessageContaining("migrate")
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.NEEDS_MIGRATION);

        Path file = dir.resolve("sessions.db");
        try (SessionStore writer = SessionStore.open(Location.of(file))) {
            writer.insert(SessionDetail.of(session("s", "running", "claude", "guided", "/p", 1)));
        }
        String hash = FileBytes.sha256(file);
        try (SessionStore reader = SessionStore.openReadOnly(Location.of(file))) {
            assertThat(reader.list(SessionQuery.all(), PageRequest.first(10)).items()).hasSize(1);
            assertThatThrownBy(() -> reader.delete("s"))
                    .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.READ_ONLY);
            assertThat(reader.info().journalMode()).isEqualTo("wal");
        }
        assertThat(FileBytes.sha256(file)).isEqualTo(hash);
        assertThatThrownBy(() -> SessionStore.openReadOnly(Location.of(dir.resolve("missing.db"))))
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }

    @Test
    @Timeout(30)
    void anEndlessCountIsCancelledFromAnotherThreadWithinASecond() throws Exception {
        cancelledWithinASecond(store -> store.countLogs("s"));
    }

    @Test
    @Timeout(30)
    void theDashboardsLogScanOnItsOwnConnectionIsCancelledToo() throws Exception {
        // The sessions' figures are done at once; the busiest sessions' scan (beside) never ends.
        cancelledWithinASecond(SessionStore::stats);
    }

    /** {@code endless} on a hostile file (the log table a view over a query that never ends), cancelled from another thread. */
    private void cancelledWithinASecond(java.util.function.Function<SessionStore, Object> endless) throws Exception {
        Path file = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(Location.of(file))) {
            store.insert(SessionDetail.of(session("s", "running", "claude", "guided", "/p", 1)));
        }
        LegacyFiles.run(file, """
                DROP TABLE session_logs;
                CREATE VIEW session_logs AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r)
                  SELECT i AS id, 's' AS session_id, 't' AS timestamp, 'stdout' AS level, 'x' AS message FROM r;
                """);
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> endless.apply(store));
            Thread.sleep(300);
            assertThat(running).isNotDone();
            long start = System.nanoTime();
            store.cancel();
            assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(PersistenceException.class)
                    .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.CANCELLED);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
            // The store is usable after a cancel.
            assertThat(store.list(SessionQuery.all(), PageRequest.first(10)).items()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void textFindsASpecThatLivesOnlyInSessionSpecs(Backend backend) {
        try (SessionStore store = SessionStore.open(backend.newDatabase(dir, "sessions.db"))) {
            // As LeanSpec 0.2.25+ writes them: the specs in session_specs, spec_id left NULL.
            Session bare = session("a", "running", "claude", "guided", "/p", 1);
            Session noSpecId = new Session(bare.id(), bare.projectPath(), null, bare.runner(), bare.mode(), bare.status(), null,
                    bare.startedAt(), null, null, null, bare.createdAt(), bare.updatedAt(), null);
            store.insert(new SessionDetail(noSpecId, Map.of(), List.of("001-first-spec", "002-Second")));
            store.insert(SessionDetail.of(new Session("b", "/p", null, "claude", SessionMode.GUIDED, SessionStatus.RUNNING, null,
                    bare.startedAt(), null, null, null, bare.createdAt(), bare.updatedAt(), null)));

            assertThat(ids(store, SessionQuery.all().withText("001-first-spec"))).containsExactly("a");
            assertThat(ids(store, SessionQuery.all().withText("second"))).containsExactly("a");
            assertThat(ids(store, SessionQuery.all().withText("003"))).isEmpty();
            assertThat(store.count(SessionQuery.all().withText("first"))).isEqualTo(1);
        }
    }

    private static List<String> ids(SessionStore store, SessionQuery query) {
        return store.list(query.withSort(new SessionSort(SessionSort.Column.ID, false)), PageRequest.first(100))
                .items().stream().map(Session::id).toList();
    }
}
