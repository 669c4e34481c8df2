package dev.leanspec.inspector.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.internal.Postgres;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationReport;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.PostgresServer;

import java.sql.Connection;
import java.util.List;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** MigrationService and the stores on a real PostgreSQL server: the safety rules of SQLite, kept. */
class PostgresMigrationTest {

    private final PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());

    @Test
    void anEmptyDatabaseIsMigratedInOneGoThenUpToDateAndValid() {
        MigrationService service = MigrationService.of(Location.of(url), DatabaseKind.LEANSPEC);
        DatabaseStatus empty = service.status();
        assertThat(empty.shape()).isEqualTo(Shape.EMPTY);
        assertThat(empty.pending()).containsExactly("1", "2");
        assertThat(service.plan().migrations()).extracting(m -> m.sql()).allSatisfy(sql -> assertThat(sql).doesNotContain("PRAGMA"));

        MigrationReport report = service.migrate(MigrateOptions.safe());
        assertThat(report.versionAfter()).isEqualTo("2");
        assertThat(report.backup()).isNull();
        DatabaseStatus after = service.status();
        assertThat(after.shape()).isEqualTo(Shape.MANAGED);
        assertThat(after.pending()).isEmpty();
        assertThat(service.validate().errors()).isEmpty();
        assertThat(service.migrate(MigrateOptions.safe()).applied()).isEmpty();
        // Every report names the database, never null.
        Location server = new Location.Server(url);
        assertThat(List.of(empty.location(), report.location(), after.location(), service.validate().location()))
                .containsOnly(server);
    }

    @Test
    void aSecondMigrateWhileTheFirstHoldsTheLockIsRefusedAndANewerHistoryIsLeftAlone() throws Exception {
        MigrationService service = MigrationService.of(Location.of(url), DatabaseKind.LEANSPEC);
        try (Connection other = Postgres.connect(url, false)) {
            assertThat(Postgres.tryAdvisoryLock(other, Postgres.migrationLock(url, DatabaseKind.LEANSPEC))).isTrue();
            assertThatThrownBy(() -> service.migrate(MigrateOptions.safe()))
                    .isInstanceOfSatisfying(PersistenceException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.IN_USE);
                        assertThat(e.getMessage()).contains("another LeanSpec Inspector is migrating").contains(url.toString());
                    });
            assertThat(service.status().shape()).isEqualTo(Shape.EMPTY);
            Postgres.advisoryUnlock(other, Postgres.migrationLock(url, DatabaseKind.LEANSPEC));
        }
        service.migrate(MigrateOptions.safe());
        try (Connection db = Postgres.connect(url, false); Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, "
                    + "execution_time, success) VALUES (99, '9', 'from a newer build', 'SQL', 'V9__x.sql', 1, 'x', 1, true)");
        }
        assertThat(service.status().shape()).isEqualTo(Shape.NEWER);
        assertThatThrownBy(() -> service.migrate(MigrateOptions.safe()))
                .isInstanceOfSatisfying(PersistenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NEWER_SCHEMA));
        assertThatThrownBy(() -> SessionStore.openReadOnly(Location.of(url)))
                .isInstanceOfSatisfying(PersistenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NEWER_SCHEMA));
    }

    @Test
    void aReadOnlyBrowseCannotWriteEvenAroundTheStore() throws Exception {
        try (SessionStore writer = SessionStore.open(Location.of(url))) { // an empty database is migrated on first write
            writer.insert(SessionDetail.of(session("s1")));
        }
        try (SessionStore reader = SessionStore.openReadOnly(Location.of(url))) {
            assertThatThrownBy(() -> reader.insert(SessionDetail.of(session("s2"))))
                    .isInstanceOfSatisfying(PersistenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.READ_ONLY));
            assertThat(reader.count(SessionQuery.all())).isEqualTo(1);
        }
        try (Connection readOnly = Postgres.connect(url, true); Statement statement = readOnly.createStatement()) {
            assertThatThrownBy(() -> statement.execute("DELETE FROM sessions"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
        }
    }

    @Test
    void cancelStopsARunningCountOnTheServer() throws Exception {
        try (SessionStore writer = SessionStore.open(Location.of(url))) {
            writer.insert(SessionDetail.of(session("seed")));
        }
        try (Connection db = Postgres.connect(url, false); Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO sessions (id, project_path, runner, mode, status, started_at, created_at, updated_at, prompt) "
                    + "SELECT 's' || g, '/p', 'claude', 'autonomous', 'completed', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', "
                    + "'2026-03-01T00:00:00Z', repeat(md5(g::text), 20) FROM generate_series(1, 1500000) g");
        }
        try (SessionStore reader = SessionStore.openReadOnly(Location.of(url))) {
            SessionQuery slow = SessionQuery.all().withText("no such text anywhere");
            long started = System.nanoTime();
            CompletableFuture<Long> count = CompletableFuture.supplyAsync(() -> reader.count(slow));
            waitUntilTheServerRuns("count(*) from \"sessions\" where");
            reader.cancel(); // once, as the window's Stop does
            assertThatThrownBy(() -> count.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(PersistenceException.class)
                    .cause().satisfies(e -> assertThat(((PersistenceException) e).reason()).isEqualTo(Reason.CANCELLED));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
            assertThat(reader.count(SessionQuery.all())).isEqualTo(1_500_001); // the connection goes on working
        }
    }

    @Test
    void aReadWaitingForAnotherSessionsLockGivesUpAsSqlitesBusyTimeoutDoes() throws Exception {
        try (SessionStore writer = SessionStore.open(Location.of(url))) {
            writer.insert(SessionDetail.of(session("seed")));
        }
        try (Connection holder = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
             Statement statement = holder.createStatement(); SessionStore reader = SessionStore.openReadOnly(Location.of(url))) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE"); // as an ALTER TABLE would
            long started = System.nanoTime();
            assertThatThrownBy(() -> reader.count(SessionQuery.all())).isInstanceOfSatisfying(PersistenceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.IN_USE);
                assertThat(e.getMessage()).contains("another session holds a lock").doesNotContain(PostgresServer.PASSWORD);
            });
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(1_500L, 6_000L);
            holder.rollback();
            assertThat(reader.count(SessionQuery.all())).isEqualTo(1);
        }
    }

    @Test
    void aCancelThatReachesTheServerBeforeItsStatementIsSentAgainUntilTheCallReturns() throws Exception {
        try (Connection db = Postgres.connect(url, true); Statement statement = db.createStatement()) {
            Postgres.Canceller canceller = new Postgres.Canceller(db);
            long call = canceller.begin();
            // Nothing runs on the server yet: PostgreSQL drops this first request.
            canceller.cancel();
            Thread.sleep(200);
            long started = System.nanoTime();
            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(20)")).isInstanceOfSatisfying(java.sql.SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            canceller.end(call);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);

            // The next call is not cancelled by what was sent for the last.
            long next = canceller.begin();
            Thread.sleep(100);
            statement.execute("SELECT pg_sleep(0.3)");
            canceller.end(next);
        }
    }

    private void waitUntilTheServerRuns(String text) throws Exception {
        try (Connection watcher = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
             var activity = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND datname = current_database()"
                     + " AND query ILIKE ? AND pid <> pg_backend_pid()")) {
            activity.setString(1, "%" + text + "%");
            for (int i = 0; i < 200; i++) {
                try (var rows = activity.executeQuery()) {
                    if (rows.next() && rows.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(25);
            }
        }
        throw new AssertionError("the server never ran " + text);
    }

    private static Session session(String id) {
        Timestamp now = Timestamp.of(Instant.parse("2026-03-01T00:00:00Z"));
        return new Session(id, "/p", null, "claude", new SessionMode("autonomous"), new SessionStatus("completed"), 0L, now, now,
                1_000L, null, now, now, "go");
    }
}
