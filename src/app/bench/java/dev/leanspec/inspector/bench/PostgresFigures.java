package dev.leanspec.inspector.bench;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationReport;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.Postgres;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Figures 12 and 13, on a real PostgreSQL server (the tests' own cluster): reading pages and
 * counting against raw JDBC on the same server, and copying a scale-1 leanspec.db in against
 * pgloader (what a user would pick instead; its figure sits in the third column) and a plain
 * JDBC copy with batched inserts. Ours also checks every value it copied; neither baseline does.
 */
final class PostgresFigures {

    private PostgresFigures() {
    }

    static void run(Bench bench, BenchData files, Path work, Consumer<String> log) throws Exception {
        PostgresServer server = PostgresServer.shared();
        // The source: the legacy pair consolidated once (not timed), as a team member's leanspec.db.
        Path source = work.resolve("postgres-source").resolve("leanspec.db");
        BenchData.deleteTree(source.getParent());
        Files.createDirectories(source.getParent());
        Consolidation.of(List.of(files.migrated().resolve("sessions.db"), files.migrated().resolve("chat.db")), Location.of(source))
                .run(ConsolidateOptions.safe().forced());

        // Each copy starts with the source in the page cache: the disk of this VM reads a cold 3.7 GB
        // file at 30-50 MB/s, and whichever tool ran first would pay for that alone.
        PostgresUrl ours = PostgresUrl.parse(server.newDatabase());
        BenchData.readThrough(source);
        long started = System.nanoTime();
        ConsolidationReport report = Consolidation.of(List.of(source), Location.of(ours)).run(ConsolidateOptions.safe());
        double copyMs = (System.nanoTime() - started) / 1e6;
        log.accept(String.format("PostgreSQL copy: %,d rows in %.0f ms", report.added(), copyMs));

        PostgresUrl plain = PostgresUrl.parse(server.newDatabase());
        BenchData.readThrough(source);
        started = System.nanoTime();
        jdbcCopy(source, plain);
        double jdbcMs = (System.nanoTime() - started) / 1e6;

        Double pgloaderMs = null;
        PostgresUrl pgloaderTarget = null;
        String pgloaderNote = "pgloader not installed (apt-get install pgloader)";
        if (Files.isExecutable(Path.of("/usr/bin/pgloader"))) {
            PostgresUrl loaded = PostgresUrl.parse(server.newDatabase());
            pgloaderTarget = loaded;
            try {
                // The password goes by PGPASSWORD: pgloader's URLs do not decode %-escapes.
                // With its defaults pgloader runs out of its 1 GB Lisp heap on a scale-1 file: 4 GB and
                // smaller prefetch batches, as its manual advises for big tables.
                BenchData.readThrough(source);
                pgloaderMs = Timing.process(List.of("/usr/bin/pgloader", "--dynamic-space-size", "4096", "--quiet",
                        "--with", "prefetch rows = 10000", "sqlite://" + source,
                        "postgresql://" + loaded.user() + "@" + loaded.host() + ":" + loaded.port() + "/" + loaded.database()), null,
                        java.util.Map.of("PGPASSWORD", loaded.password()));
                pgloaderNote = "pgloader (third column) creates its own types and checks nothing";
            } catch (java.io.IOException | RuntimeException failed) {
                pgloaderNote = "pgloader failed: " + String.valueOf(failed.getMessage()).lines().limit(2)
                        .collect(java.util.stream.Collectors.joining(" "));
            }
        }
        // The databases the baselines filled are gone before the reading figures, and ours is
        // vacuumed: no autovacuum of 25 million freshly loaded rows runs under one side's timings only.
        for (PostgresUrl done : java.util.stream.Stream.of(plain, pgloaderTarget).filter(java.util.Objects::nonNull).toList()) {
            try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE " + done.database() + " WITH (FORCE)");
            }
        }
        try (Connection db = Postgres.connect(ours, false); Statement statement = db.createStatement()) {
            statement.execute("VACUUM (ANALYZE)");
        }
        try (SessionStore store = SessionStore.openReadOnly(Location.of(ours)); Connection db = Postgres.connect(ours, true)) {
            SessionQuery completed = SessionQuery.all().withStatuses(Set.of(new SessionStatus("completed")));
            // The page the store returns: a leanspec schema keeps specs apart, so each row's first spec
            // (the list's spec column) is looked up as a hand-written query would.
            String firstPage = "SELECT s.*, (SELECT p.spec_id FROM session_specs p WHERE p.session_id = s.id ORDER BY p.position, p.spec_id LIMIT 1)"
                    + " FROM sessions s WHERE s.status = 'completed' ORDER BY s.created_at DESC, s.id DESC LIMIT 101";
            // Warmed up about as long as JMH warms up the SQLite figures (3 × 1 s): the JIT's last tier
            // compiles what runs once per call after some 10,000 calls, and with 1,000 the side with
            // more code per call (jOOQ's building and mapping) was timed half compiled (1.5× JDBC,
            // falling to 1.1-1.2× by 8,000 calls in a loop of its own).
            int warmUp = bench.repetitions(10_000);
            double[] page = Timing.paired(warmUp, bench.repetitions(200), () -> store.list(completed, PageRequest.first(100)),
                    () -> rows(db, firstPage));
            bench.add("12a. first page of sessions on PostgreSQL (100, newest first, status filter)", page[0], page[1], null,
                    "≤ 1.5× JDBC", (o, j) -> o <= 1.5 * j, "the same server, the same SQL on the JDBC side; both warmed up, timed in turns");

            long deep = scalar(db, "SELECT id FROM session_events ORDER BY id OFFSET (SELECT count(*) * 9 / 10 FROM session_events) LIMIT 1");
            PageRequest deepPage = new PageRequest(100, PageKey.of(deep));
            EventQuery all = new EventQuery(null, Set.of());
            double first = Timing.median(warmUp, bench.repetitions(200), () -> store.events(all, PageRequest.first(100)));
            double[] deepTimes = Timing.paired(warmUp, bench.repetitions(200), () -> store.events(all, deepPage),
                    () -> rows(db, "SELECT * FROM session_events WHERE id > " + deep + " ORDER BY id LIMIT 101"));
            bench.add("12b. keyset page 90% deep in all events on PostgreSQL", deepTimes[0], deepTimes[1],
                    null, "≤ 2× its first page (" + Bench.ms(first) + ") and ≤ 1.5× JDBC", (o, j) -> o <= 2 * first && o <= 1.5 * j, null);

            double[] count = Timing.paired(1, bench.repetitions(7), () -> store.countEvents(all),
                    () -> scalar(db, "SELECT count(*) FROM session_events"));
            bench.add("12c. count of all events on PostgreSQL", count[0], count[1], null, "≤ 1.5× JDBC", (o, j) -> o <= 1.5 * j, null);
        }
        // The copy's figure after the reading ones it made possible: the table keeps its order.
        Double pgloader = pgloaderMs;
        bench.add(String.format("13. copy a leanspec.db (%,d rows) into PostgreSQL, verified", report.added()), copyMs, jdbcMs, pgloader,
                "< pgloader and ≤ 1.5× JDBC batched inserts", (o, j) -> (pgloader == null || o < pgloader) && o <= 1.5 * j,
                pgloaderNote + "; the JDBC copy checks nothing either");

        BenchData.deleteTree(source.getParent());
    }

    /** The plain copy a developer would write: the same tables, every row in batched inserts, one transaction. */
    private static void jdbcCopy(Path source, PostgresUrl target) throws Exception {
        Migrations.flyway(DatabaseKind.LEANSPEC, target, Postgres.pool(target, false)).load().migrate();
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + source);
             Connection to = Postgres.connect(target, false)) {
            to.setAutoCommit(false);
            for (String table : List.of("sessions", "session_specs", "session_metadata", "session_logs", "session_events",
                    "conversations", "messages", "sync_metadata", "runners")) {
                List<String> columns = new ArrayList<>();
                try (Statement statement = from.createStatement();
                     ResultSet info = statement.executeQuery("SELECT name FROM pragma_table_info('" + table + "')")) {
                    while (info.next()) {
                        columns.add(info.getString(1));
                    }
                }
                String list = String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList());
                try (Statement select = from.createStatement();
                     ResultSet rows = select.executeQuery("SELECT " + list + " FROM " + table);
                     PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                             + String.join(", ", columns.stream().map(c -> "?").toList()) + ")")) {
                    int batched = 0;
                    while (rows.next()) {
                        for (int i = 1; i <= columns.size(); i++) {
                            insert.setObject(i, rows.getObject(i));
                        }
                        insert.addBatch();
                        if (++batched % 1_000 == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
            }
            to.commit();
        }
    }

    private static int rows(Connection db, String sql) throws Exception {
        int n = 0;
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    rows.getObject(i);
                }
                n++;
            }
        }
        return n;
    }

    private static long scalar(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
