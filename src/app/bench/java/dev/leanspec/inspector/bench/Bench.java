package dev.leanspec.inspector.bench;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.export.TableExport;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark: builds the data if missing, measures every figure of issue 5 against its
 * baselines in the same run on the same files, prints a table and writes
 * {@code results.json}.
 *
 * <pre>
 * Bench [--scale 1] [--data target/bench/data] [--out target/bench] [--quick] [--jar target/leanspec-inspector.jar]
 * </pre>
 *
 * {@code --quick} is for the test at a tiny scale: short JMH runs in this JVM, few repetitions.
 * The {@code sqlite3} CLI baselines are skipped (reported as null) when no {@code sqlite3} is on
 * the PATH.
 */
public final class Bench {

    /** One line of the table. Times in ms; a null baseline was not measured or does not apply. */
    public record Result(String name, String unit, double ours, Double jdbc, Double sqlite3, String target, boolean met,
                         String note) {
        Double ratioToJdbc() {
            return jdbc == null || jdbc == 0 ? null : ours / jdbc;
        }
    }

    private final double scale;
    private final Path data;
    private final Path out;
    private final boolean quick;
    private final Path jar;
    private final Consumer<String> log;
    private final Sqlite3 sqlite3 = Sqlite3.find();
    private final List<Result> results = new ArrayList<>();

    Bench(double scale, Path data, Path out, boolean quick, Path jar, Consumer<String> log) {
        this.scale = scale;
        this.data = data;
        this.out = out;
        this.quick = quick;
        this.jar = jar;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                options.put("quick", "true");
            } else if (args[i].equals("--full")) {
                options.remove("quick");
            } else if (args[i].equals("--only") && i + 1 < args.length) {
                options.put("only", args[++i]);
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println("Usage: Bench [--scale N] [--data DIR] [--out DIR] [--jar FILE] [--quick] [--only 14,15]");
                System.exit(2);
            }
        }
        Bench bench = new Bench(Double.parseDouble(options.getOrDefault("scale", "1")),
                Path.of(options.getOrDefault("data", "target/bench/data")), Path.of(options.getOrDefault("out", "target/bench")),
                options.containsKey("quick"), Path.of(options.getOrDefault("jar", "target/leanspec-inspector.jar")),
                line -> System.out.println(line));
        if (options.containsKey("only") && !options.get("only").isBlank()) {
            for (String group : options.get("only").split(",")) {
                bench.only.add(Integer.parseInt(group.strip()));
            }
        }
        List<Result> results = bench.run();
        System.out.println();
        System.out.println(table(results, machine()));
        System.exit(0);
    }

    /** The figures' numbers to run (14 runs 14a-14c); empty for all. */
    final java.util.Set<Integer> only = new java.util.TreeSet<>();

    private boolean wants(int... groups) {
        return only.isEmpty() || java.util.Arrays.stream(groups).anyMatch(only::contains);
    }

    /** Runs every figure (or those of {@link #only}) and writes {@code results.json}; returns the results. */
    List<Result> run() throws Exception {
        Files.createDirectories(out);
        BenchData files = BenchData.prepare(data, scale, log);
        String bigSession = files.ids().getProperty("bigSession");
        String bigConversation = files.ids().getProperty("bigConversation");
        String someSession = someSession(files.migrated().resolve("sessions.db"), bigSession);

        Map<String, Double> jmh = wants(1, 2, 3, 4, 6) ? jmh(files.migrated(), files.legacy(), bigSession, bigConversation, someSession)
                : Map.of();
        Path sessionsDb = files.migrated().resolve("sessions.db");
        Path chatDb = files.migrated().resolve("chat.db");

        if (wants(1, 2, 3, 4)) {
            // 1. first page, newest first, status filter
            String firstPageSql = "SELECT * FROM sessions WHERE status = 'completed' ORDER BY created_at DESC, id DESC LIMIT 101";
            add("1. first page of sessions (100, newest first, status filter)", jmh.get("ours_sessionsFirstPage"),
                    jmh.get("jdbc_sessionsFirstPage"), sqlite3.time(sessionsDb, firstPageSql, repetitions(500)),
                    "≤ 1.5× JDBC and ≤ 5 ms", (o, j) -> o <= 1.5 * j && o <= 5, null);
            // The same on the legacy file as LeanSpec left it: read as it is, without its keyset indexes.
            Path legacySessions = files.legacy().resolve("sessions.db");
            add("1L. first page of sessions on the unmigrated tool-era file (no keyset index: both sides sort)",
                    jmh.get("ours_legacySessionsFirstPage"), jmh.get("jdbc_legacySessionsFirstPage"),
                    sqlite3.time(legacySessions, firstPageSql, repetitions(50)),
                    "≤ 1.5× JDBC", (o, j) -> o <= 1.5 * j, "the file is browsed read-only, never migrated for it");

            // 2. keyset pages deep in the big session and across all sessions, against their first pages
            double bigFirst = jmh.get("ours_bigSessionEventsFirstPage");
            double bigDeep = jmh.get("ours_bigSessionEventsDeepPage");
            add("2a. keyset page 90% deep in the big session's events", bigDeep, jmh.get("jdbc_bigSessionEventsDeepPage"),
                    sqlite3.time(sessionsDb, "SELECT * FROM session_events WHERE session_id = '" + bigSession + "' AND id > "
                            + deepEventId(sessionsDb, bigSession) + " ORDER BY id LIMIT 101", repetitions(500)),
                    "≤ 2× its first page (" + ms(bigFirst) + ")", (o, j) -> o <= 2 * bigFirst,
                    "OFFSET page at the same depth: " + ms(jmh.get("jdbc_bigSessionEventsDeepOffset")) + " (contrast, not used)");
            double allFirst = jmh.get("ours_allEventsFirstPage");
            add("2b. keyset page 90% deep in all events", jmh.get("ours_allEventsDeepPage"), jmh.get("jdbc_allEventsDeepPage"),
                    null, "≤ 2× its first page (" + ms(allFirst) + ")", (o, j) -> o <= 2 * allFirst,
                    "OFFSET page at the same depth: " + ms(jmh.get("jdbc_allEventsDeepOffset")) + " (contrast, not used)");

            // 3. a session's detail
            add("3. one session's detail (fields, metadata, first events and logs)", jmh.get("ours_sessionDetail"),
                    jmh.get("jdbc_sessionDetail"), null, "≤ 20 ms", (o, j) -> o <= 20, null);

            // 4. transcript
            add("4. transcript first page (conversation of 1,000 messages)", jmh.get("ours_transcriptFirstPage"),
                    jmh.get("jdbc_transcriptFirstPage"), sqlite3.time(chatDb, "SELECT * FROM messages WHERE conversation_id = '"
                            + bigConversation + "' ORDER BY timestamp, rowid LIMIT 101", repetitions(500)),
                    "≤ 1.5× JDBC", (o, j) -> o <= 1.5 * j, null);
        }

        // 5. counting and cancelling
        if (wants(5)) {
            countFigures(sessionsDb, files.wideSessions());
        }

        // 6. status, whole process and warm
        if (wants(6)) {
            statusFigures(sessionsDb, chatDb, jmh);
        }

        // 7. migration of the legacy files, backup included
        if (wants(7)) {
            migrationFigure(files.legacy());
        }

        // 8. GUI
        if (wants(8)) {
            GuiFigures.run(this, files.wideSessions(), out, quick, log);
            GuiFigures.transcript(this, out, quick, log);
            GuiFigures.firstRows(this, out, quick);
        }

        // 9. export
        if (wants(9)) {
            exportFigure(files.wideSessions());
        }

        // 10. consolidation of the legacy files into a leanspec.db
        if (wants(10)) {
            consolidationFigure(files.legacy());
        }

        // 11. the dashboard's figures
        if (wants(11)) {
            dashboardFigure(sessionsDb);
        }

        // 12 and 13. PostgreSQL: pages and counts against JDBC on the same server; copy against pgloader
        if (wants(12, 13)) {
            PostgresFigures.run(this, files, out, log);
        }

        // 14. search (issue 34)
        if (wants(14)) {
            guarded("14. search", () -> SearchFigures.run(this, files, out, sqlite3, bigSession, quick, log));
        }

        // 15. the archive (issue 35)
        if (wants(15)) {
            guarded("15. archive", () -> ArchiveFigures.run(this, data, out, scale, sqlite3, log));
        }

        // 16. diff (issue 37)
        if (wants(16)) {
            guarded("16. diff", () -> DiffFigures.run(this, files, out, log));
        }

        // 17. doctor (issue 36)
        if (wants(17)) {
            guarded("17. doctor", () -> DoctorFigures.run(this, files, out, quick, log));
        }

        write(out.resolve("results.json"));
        return List.copyOf(results);
    }

    private interface Figures {
        void run() throws Exception;
    }

    /**
     * Runs a group of figures; one that fails (a process out of memory, a tool missing) is a row
     * saying so, not the end of a run whose other figures took twenty minutes.
     */
    private void guarded(String group, Figures figures) {
        try {
            figures.run();
        } catch (Exception | OutOfMemoryError e) {
            add(group + " figures failed", Double.NaN, null, null, "measured", (o, j) -> false, String.valueOf(e.getMessage()).lines()
                    .limit(3).reduce((a, b) -> a + " " + b).orElse(e.toString()));
        }
    }

    // ---- figures measured outside JMH -----------------------------------------------------------

    private void countFigures(Path sessionsDb, Path wide) throws Exception {
        String sql = "SELECT count(*) FROM session_events";
        double ours;
        double jdbc;
        try (SessionStore store = SessionStore.openReadOnly(Location.of(sessionsDb)); Connection db = StoreBench.readOnly(sessionsDb)) {
            ours = Timing.median(repetitions(7), () -> store.countEvents(new dev.leanspec.inspector.persistence.sessions.EventQuery(null, java.util.Set.of())));
            jdbc = Timing.median(repetitions(7), () -> scalar(db, sql));
        }
        add("5a. count of all events (5,000,000 at scale 1)", ours, jdbc, sqlite3.time(sessionsDb, sql, repetitions(7)),
                "≤ 1.5× sqlite3 count(*)", (o, j) -> sqlite3.available() ? o <= 1.5 * sqlite3.last() : o <= 1.5 * j, null);
        Path legacy = sessionsDb.getParent().resolveSibling("legacy").resolve("sessions.db");
        try (SessionStore store = SessionStore.openReadOnly(Location.of(legacy)); Connection db = StoreBench.readOnly(legacy)) {
            ours = Timing.median(repetitions(7), () -> store.countEvents(new dev.leanspec.inspector.persistence.sessions.EventQuery(null, java.util.Set.of())));
            jdbc = Timing.median(repetitions(7), () -> scalar(db, sql));
        }
        add("5aL. count of all events on the unmigrated tool-era file", ours, jdbc, sqlite3.time(legacy, sql, repetitions(7)),
                "≤ 1.5× sqlite3 count(*)", (o, j) -> sqlite3.available() ? o <= 1.5 * sqlite3.last() : o <= 1.5 * j, null);

        // A count that takes seconds (a text filter over a million sessions), cancelled after 100 ms.
        try (SessionStore store = SessionStore.openReadOnly(Location.of(wide))) {
            SessionQuery slow = SessionQuery.all().withText("no such text anywhere");
            long full = System.nanoTime();
            store.count(slow);
            double fullMs = (System.nanoTime() - full) / 1e6;
            CompletableFuture<Long> count = CompletableFuture.supplyAsync(() -> store.count(slow));
            TimeUnit.MILLISECONDS.sleep(Math.min(100, (long) (fullMs / 4)));
            long cancelled = System.nanoTime();
            store.cancel();
            String outcome;
            try {
                count.get(30, TimeUnit.SECONDS);
                outcome = "finished before the cancel arrived";
            } catch (java.util.concurrent.ExecutionException e) {
                outcome = e.getCause() instanceof PersistenceException p ? "stopped: " + p.reason() : "stopped: " + e.getCause();
            }
            double cancelMs = (System.nanoTime() - cancelled) / 1e6;
            add("5b. cancel of a running count (text filter, " + String.format("%,.0f ms", fullMs) + " uncancelled)", cancelMs, null, null,
                    "returns ≤ 200 ms after cancel", (o, j) -> o <= 200, outcome);
        }
    }

    private void statusFigures(Path sessionsDb, Path chatDb, Map<String, Double> jmh) throws Exception {
        List<String> java = javaCommand();
        // The installed app's launcher when built (its start-up cache serves the CLI too), else java -cp.
        Path image = Path.of("target/dist/leanspec-inspector/bin/leanspec-inspector");
        boolean launcher = Files.isExecutable(image) && !quick;
        List<String> ours = new ArrayList<>(launcher ? List.of(image.toString()) : java);
        if (!launcher) {
            ours.add("dev.leanspec.inspector.Main");
        }
        ours.addAll(List.of("status", "--sessions", sessionsDb.toString(), "--chat", chatDb.toString()));
        List<String> jdbc = new ArrayList<>(java);
        jdbc.set(jdbc.indexOf("-cp") + 1, System.getProperty("java.class.path"));
        jdbc.addAll(List.of(HistoryProbe.class.getName(), sessionsDb.toString(), chatDb.toString()));
        double oursMs = Timing.median(repetitions(5), () -> Timing.process(ours, null));
        double jdbcMs = Timing.median(repetitions(5), () -> Timing.process(jdbc, null));
        Double cliMs = sqlite3.available() ? Timing.median(repetitions(5), () ->
                Timing.process(List.of(sqlite3.path(), sessionsDb.toString(), "SELECT * FROM flyway_schema_history"), null)
                        + Timing.process(List.of(sqlite3.path(), chatDb.toString(), "SELECT * FROM flyway_schema_history"), null)) : null;
        add("6a. `status` of both files, whole CLI process", oursMs, jdbcMs, cliMs, "≤ 0.75× JDBC and ≤ 400 ms",
                (o, j) -> o <= 0.75 * j && o <= 400, (launcher ? "the app image's launcher" : "java -cp")
                        + "; baselines: a JVM reading both histories over JDBC; two sqlite3 processes");
        add("6b. status of sessions.db warm (shape, Flyway info, validation)", jmh.get("ours_status"), jmh.get("jdbc_history"), null,
                "≤ 300 ms", (o, j) -> o <= 300, "baseline: reading the history table");
    }

    private void migrationFigure(Path legacy) throws Exception {
        Path work = out.resolve("migrate-work");
        double ours = 0;
        double jdbc = 0;
        Double cli = sqlite3.available() ? 0.0 : null;
        for (DatabaseKind kind : List.of(DatabaseKind.SESSIONS, DatabaseKind.CHAT)) {
            String name = kind == DatabaseKind.CHAT ? "chat.db" : "sessions.db";
            String script = pendingScript(kind);
            Path ourFile = copy(legacy.resolve(name), work.resolve("ours"));
            ours += Timing.millis(() -> MigrationService.of(Location.of(ourFile), kind).migrate(MigrateOptions.safe().withAdoption()));
            BenchData.deleteTree(work);
            Path jdbcFile = copy(legacy.resolve(name), work.resolve("jdbc"));
            jdbc += Timing.millis(() -> {
                try (Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + jdbcFile.toUri());
                     Statement statement = db.createStatement()) {
                    statement.execute("VACUUM INTO '" + work.resolve("jdbc/backup.db") + "'");
                    db.setAutoCommit(false);
                    statement.executeUpdate(script);
                    db.commit();
                }
                return null;
            });
            BenchData.deleteTree(work);
            if (cli != null) {
                Path file = copy(legacy.resolve(name), work.resolve("cli"));
                String input = ".backup '" + work.resolve("cli/backup.db") + "'\nBEGIN;\n" + script + "\nCOMMIT;\n";
                cli += Timing.process(List.of(sqlite3.path(), "-bail", file.toString()), input);
                BenchData.deleteTree(work);
            }
        }
        double baseline = cli == null ? jdbc : cli;
        add("7. migrate both scale-" + scale + " legacy files to the latest version, backup included", ours, jdbc, cli,
                "≤ 1.3× (sqlite3 .backup + the same SQL) + 2 s", (o, j) -> o <= 1.3 * baseline + 2_000,
                "ours also runs quick_check before, checks the backup's rows, and records the Flyway history");
    }

    private void exportFigure(Path wide) throws Exception {
        Path csv = out.resolve("export.csv");
        double ours;
        double jdbc;
        try (SessionStore store = SessionStore.openReadOnly(Location.of(wide))) {
            ours = Timing.median(repetitions(3), () -> TableExport.sessions(store, SessionQuery.all(), csv, TableExport.Format.CSV));
        }
        long rows;
        try (Connection db = StoreBench.readOnly(wide)) {
            rows = scalar(db, "SELECT count(*) FROM sessions");
            jdbc = Timing.median(repetitions(3), () -> JdbcCsv.write(db, "SELECT * FROM sessions ORDER BY created_at DESC, id DESC", csv));
        }
        Double cli = sqlite3.available() ? Timing.median(repetitions(3), () -> Timing.process(List.of(sqlite3.path(), wide.toString()),
                ".headers on\n.mode csv\n.output '" + csv + "'\nSELECT * FROM sessions ORDER BY created_at DESC, id DESC;\n")) : null;
        Files.deleteIfExists(csv);
        add(String.format("9. export %,d sessions to CSV", rows), ours, jdbc, cli, "≤ 1.5× JDBC writing the same CSV",
                (o, j) -> o <= 1.5 * j, null);
    }

    /**
     * The legacy pair (tool-era sessions.db, jan20 chat.db) into one leanspec.db, as a whole CLI
     * process in a 128 MB heap (memory flat in the number of rows), against sqlite3 doing the same
     * ATTACH + INSERT … SELECT into the same schema in one process (with the same load PRAGMAs).
     * Ours also checks the result (integrity, counts, a checksum of every value) before moving it
     * into place.
     */
    private void consolidationFigure(Path legacy) throws Exception {
        Path work = out.resolve("consolidate-work");
        BenchData.deleteTree(work);
        Files.createDirectories(work);
        Path target = work.resolve("leanspec.db");
        List<String> command = new ArrayList<>(javaCommand());
        command.add(1, "-Xmx128m");
        command.addAll(List.of("dev.leanspec.inspector.Main", "consolidate", "--sessions", legacy.resolve("sessions.db").toString(),
                "--chat", legacy.resolve("chat.db").toString(), "--to", target.toString()));
        // Each tool starts with the sources read once (as figure 13's do): otherwise the one that
        // runs first may pay a cold read of 3.4 GB that the other does not.
        readThrough(legacy);
        double ours = Timing.process(command, null);
        long sessions;
        try (Connection db = StoreBench.readOnly(target)) {
            sessions = scalar(db, "SELECT count(*) FROM sessions");
        }
        BenchData.deleteTree(work);
        Double cli = null;
        if (sqlite3.available()) {
            Files.createDirectories(work);
            StringBuilder script = new StringBuilder("PRAGMA journal_mode=OFF;\nPRAGMA synchronous=OFF;\nPRAGMA cache_size=-65536;\n");
            for (String name : dev.leanspec.inspector.persistence.internal.Migrations.scripts(DatabaseKind.LEANSPEC)) {
                script.append(dev.leanspec.inspector.persistence.internal.Migrations.script(DatabaseKind.LEANSPEC, name)).append('\n');
            }
            script.append("ATTACH '").append(legacy.resolve("sessions.db")).append("' AS s;\nATTACH '")
                    .append(legacy.resolve("chat.db")).append("' AS c;\nBEGIN;\n")
                    .append("INSERT INTO sessions (id, project_path, prompt, runner, mode, status, exit_code, started_at, ended_at, "
                            + "duration_ms, token_count, created_at, updated_at) SELECT id, project_path, NULL, tool, mode, status, "
                            + "exit_code, started_at, ended_at, duration_ms, token_count, created_at, updated_at FROM s.sessions;\n")
                    .append("INSERT INTO session_specs (session_id, spec_id, position) SELECT id, spec_id, 0 FROM s.sessions WHERE spec_id IS NOT NULL;\n")
                    .append("INSERT INTO session_metadata (session_id, key, value) SELECT session_id, key, value FROM s.session_metadata;\n")
                    .append("INSERT INTO session_logs (id, session_id, timestamp, level, message) SELECT id, session_id, timestamp, level, message FROM s.session_logs;\n")
                    .append("INSERT INTO session_events (id, session_id, event_type, data, timestamp) SELECT id, session_id, event_type, data, timestamp FROM s.session_events;\n")
                    .append("INSERT INTO conversations SELECT * FROM c.conversations;\n")
                    .append("INSERT INTO messages (id, conversation_id, project_id, role, content, timestamp, metadata) "
                            + "SELECT id, conversation_id, project_id, role, content, timestamp, metadata FROM c.messages;\n")
                    .append("COMMIT;\n");
            Path cliTarget = work.resolve("cli.db");
            readThrough(legacy);
            cli = Timing.process(List.of(sqlite3.path(), "-bail", cliTarget.toString()), script.toString());
            BenchData.deleteTree(work);
        }
        double baseline = cli == null ? ours : cli;
        add(String.format("10. consolidate the legacy pair (%,d sessions) into a leanspec.db, whole CLI process in -Xmx128m", sessions),
                ours, null, cli, "≤ 1.5× sqlite3 ATTACH + INSERT … SELECT + 2 s", (o, j) -> o <= 1.5 * baseline + 2_000,
                "ours also checks integrity, row counts and every value before moving it into place");
    }

    private static void readThrough(Path legacy) throws IOException {
        BenchData.readThrough(legacy.resolve("sessions.db"));
        BenchData.readThrough(legacy.resolve("chat.db"));
    }

    // ---- JMH ---------------------------------------------------------------------------------------

    /**
     * The benchmarks whose figure is a ratio to raw JDBC on a page of well under a millisecond.
     * One fork of five one-second iterations put the same code's first page at 1.16x to 1.79x
     * JDBC from run to run on a 2-core machine (the JIT's choices differ between forks): these
     * run in three forks of five two-second iterations (about 40 s more).
     */
    private static final String RATIO_FIGURES =
            StoreBench.class.getName() + "\\.(ours|jdbc)_(sessionsFirstPage|legacySessionsFirstPage|transcriptFirstPage)$";

    private Map<String, Double> jmh(Path migrated, Path legacy, String bigSession, String bigConversation, String someSession)
            throws RunnerException {
        Map<String, Double> scores = new LinkedHashMap<>();
        if (quick) {
            // The smoke run's times mean nothing, so it need not have the machine to itself: JMH's
            // lock (/tmp/jmh.lock) failed it when another build's smoke run held it.
            System.setProperty("jmh.ignoreLock", "true");
            run(storeBench(migrated, legacy, bigSession, bigConversation, someSession).include(StoreBench.class.getName() + "\\.")
                    .forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(50))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(50)), scores);
            return scores;
        }
        run(storeBench(migrated, legacy, bigSession, bigConversation, someSession).include(StoreBench.class.getName() + "\\.")
                .exclude(RATIO_FIGURES).forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1)), scores);
        run(storeBench(migrated, legacy, bigSession, bigConversation, someSession).include(RATIO_FIGURES)
                .forks(3).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2)), scores);
        return scores;
    }

    private static ChainedOptionsBuilder storeBench(Path migrated, Path legacy, String bigSession, String bigConversation,
                                                    String someSession) {
        return new OptionsBuilder()
                .param("dir", migrated.toString())
                .param("legacyDir", legacy.toString())
                .param("bigSession", bigSession)
                .param("bigConversation", bigConversation)
                .param("someSession", someSession)
                .jvmArgsAppend("-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true")
                .shouldFailOnError(true);
    }

    /** Runs one set of benchmarks and adds each one's score by its method's name. */
    private static void run(ChainedOptionsBuilder options, Map<String, Double> scores) throws RunnerException {
        for (RunResult run : new Runner(options.build()).run()) {
            String label = run.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), run.getPrimaryResult().getScore());
        }
    }

    // ---- results ---------------------------------------------------------------------------------

    interface Check {
        boolean met(double ours, double jdbc);
    }

    void add(String name, double ours, Double jdbc, Double cli, String target, Check check, String note) {
        boolean met = check.met(ours, jdbc == null ? Double.NaN : jdbc);
        results.add(new Result(name, "ms", ours, jdbc, cli, target, met, note));
        log.accept(String.format("%-70s ours %10s  jdbc %10s  sqlite3 %10s  %s", name, ms(ours), ms(jdbc), ms(cli), met ? "met" : "MISSED"));
    }

    private void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("machine", machine());
        root.put("scale", scale);
        ArrayNode list = root.putArray("results");
        for (Result result : results) {
            ObjectNode row = list.addObject();
            row.put("name", result.name());
            row.put("unit", result.unit());
            row.put("ours", round(result.ours()));
            putNullable(row, "jdbc", result.jdbc());
            putNullable(row, "sqlite3", result.sqlite3());
            // From the rounded figures written beside it, so that anyone can check the division.
            putNullable(row, "ratioToJdbc", result.jdbc() == null || round(result.jdbc()) == 0 ? null : round(result.ours()) / round(result.jdbc()));
            row.put("target", result.target());
            row.put("met", result.met());
            if (result.note() != null) {
                row.put("note", result.note());
            }
        }
        json.writeValue(file.toFile(), root);
    }

    private static void putNullable(ObjectNode row, String field, Double value) {
        if (value == null) {
            row.putNull(field);
        } else {
            row.put(field, round(value));
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The results as a Markdown table, ready for docs/performance.md. */
    static String table(List<Result> results, String machine) {
        StringBuilder text = new StringBuilder("Machine: " + machine + "\n\n");
        text.append("| figure | ours (ms) | raw JDBC (ms) | sqlite3 CLI (ms) | ours / JDBC | target | met |\n");
        text.append("|---|---:|---:|---:|---:|---|---|\n");
        for (Result r : results) {
            text.append("| ").append(r.name()).append(r.note() == null ? "" : " <br><sub>" + r.note() + "</sub>")
                    .append(" | ").append(ms(r.ours())).append(" | ").append(ms(r.jdbc())).append(" | ").append(ms(r.sqlite3()))
                    .append(" | ").append(r.ratioToJdbc() == null ? "–" : String.format(Locale.ROOT, "%.2f×", r.ratioToJdbc()))
                    .append(" | ").append(r.target()).append(" | ").append(r.met() ? "yes" : "**no**").append(" |\n");
        }
        return text.toString();
    }

    static String ms(Double value) {
        if (value == null) {
            return "–";
        }
        return value < 10 ? String.format(Locale.ROOT, "%.3f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException | UncheckedIOException ignored) {
            // not Linux: the OS name is enough
        }
        return String.format("%s, %d cores, %,d MB RAM, %s %s, Java %s", cpu, Runtime.getRuntime().availableProcessors(),
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 20,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    int repetitions(int full) {
        return quick ? Math.min(2, full) : full;
    }

    /**
     * This JVM's java with the class path that can start the app (the jar if built, else our own)
     * and the JVM options the app's launchers give it (the pom's {@code app.java.options}).
     */
    List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = Files.exists(jar) ? jar.toString() : System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(System.getProperty("app.java.options", "--enable-native-access=ALL-UNNAMED").trim().split("\\s+")));
        command.addAll(List.of("-cp", classpath));
        return command;
    }

    private static String someSession(Path sessionsDb, String not) throws SQLException {
        try (Connection db = StoreBench.readOnly(sessionsDb);
             PreparedStatement statement = db.prepareStatement("SELECT id FROM sessions WHERE id <> ? ORDER BY created_at DESC LIMIT 1 OFFSET 17")) {
            statement.setString(1, not);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : not;
            }
        }
    }

    private static long deepEventId(Path sessionsDb, String session) throws SQLException {
        try (Connection db = StoreBench.readOnly(sessionsDb);
             PreparedStatement statement = db.prepareStatement("SELECT id FROM session_events WHERE session_id = ?1 ORDER BY id LIMIT 1 "
                     + "OFFSET (SELECT count(*) * 9 / 10 FROM session_events WHERE session_id = ?1)")) {
            statement.setString(1, session);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /**
     * The statements the dashboard's figures come from, as plain SQL (what {@code SessionStore.stats()}
     * asks of SQLite), for the JDBC and sqlite3 baselines. They run one after the other there;
     * ours runs the log scan on a second connection meanwhile.
     */
    static final List<String> DASHBOARD_SQL = List.of(
            "SELECT count(*) FROM sessions",
            "SELECT count(DISTINCT substr(started_at, 1, 10)) FROM sessions",
            "SELECT date(d, 'weekday 0', '-6 days') AS p, s, sum(n), CAST(sum(t) AS INTEGER) FROM (SELECT substr(started_at, 1, 10) AS d, "
                    + "status AS s, count(*) AS n, sum(token_count) AS t FROM sessions GROUP BY d, s) GROUP BY p, s ORDER BY p, s",
            "SELECT CASE WHEN duration_ms IS NULL THEN 'n' WHEN duration_ms < 1000 THEN 'a' WHEN duration_ms < 10000 THEN 'b' WHEN duration_ms < 60000 THEN 'c' "
                    + "WHEN duration_ms < 600000 THEN 'd' WHEN duration_ms < 3600000 THEN 'e' ELSE 'f' END AS b, count(*) FROM sessions GROUP BY b",
            "SELECT coalesce(CAST(exit_code AS TEXT), 'none') AS e, count(*) FROM sessions WHERE status = 'failed' GROUP BY e ORDER BY count(*) DESC, e",
            "SELECT session_id, count(*) FROM session_logs GROUP BY session_id ORDER BY count(*) DESC, session_id LIMIT 15",
            "SELECT project_path, count(*) FROM sessions GROUP BY project_path ORDER BY count(*) DESC, project_path LIMIT 15",
            "SELECT spec_id, count(*) FROM session_specs GROUP BY spec_id ORDER BY count(*) DESC, spec_id LIMIT 15",
            "SELECT runner, count(*) FROM sessions GROUP BY runner ORDER BY count(*) DESC, runner",
            "SELECT mode, count(*) FROM sessions GROUP BY mode ORDER BY count(*) DESC, mode");

    private void dashboardFigure(Path sessionsDb) throws Exception {
        double ours;
        double jdbc;
        long sessions;
        try (SessionStore store = SessionStore.openReadOnly(Location.of(sessionsDb)); Connection db = StoreBench.readOnly(sessionsDb)) {
            sessions = store.stats().sessions();
            ours = Timing.median(repetitions(5), store::stats);
            jdbc = Timing.median(repetitions(5), () -> {
                for (String sql : DASHBOARD_SQL) {
                    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                        while (rows.next()) {
                            rows.getObject(1);
                        }
                    }
                }
                return null;
            });
        }
        add(String.format("11. dashboard figures of the sessions file (%,d sessions, every aggregate)", sessions), ours, jdbc,
                sqlite3.time(sessionsDb, String.join(";\n", DASHBOARD_SQL), repetitions(3)),
                "≤ 1,000 ms and ≤ 1.5× JDBC", (o, j) -> o <= 1_000 && o <= 1.5 * j,
                "the same statements run by raw JDBC and by sqlite3 for the baselines, one after the other; ours scans the logs on a second connection meanwhile");
    }

    static long scalar(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Path copy(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The SQL of the versions a legacy file still needs (2 and later), exactly as the build ships and runs it. */
    private static String pendingScript(DatabaseKind kind) {
        List<String> scripts = Migrations.scripts(kind);
        return scripts.subList(1, scripts.size()).stream().map(name -> Migrations.script(kind, name)).collect(Collectors.joining("\n"));
    }

    /** The baseline CSV writer: the same RFC 4180 rules, straight from a ResultSet. */
    static final class JdbcCsv {
        static long write(Connection db, String sql, Path file) throws SQLException, IOException {
            long count = 0;
            try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql);
                 Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                int columns = rows.getMetaData().getColumnCount();
                List<String> header = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    header.add(rows.getMetaData().getColumnName(c));
                }
                line(out, header);
                String[] values = new String[columns];
                while (rows.next()) {
                    for (int c = 0; c < columns; c++) {
                        values[c] = rows.getString(c + 1);
                    }
                    line(out, Arrays.asList(values));
                    count++;
                }
            }
            return count;
        }

        private static void line(Writer out, List<String> values) throws IOException {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                String value = values.get(i);
                if (value != null) {
                    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                        out.write('"');
                        out.write(value.replace("\"", "\"\""));
                        out.write('"');
                    } else {
                        out.write(value);
                    }
                }
            }
            out.write("\r\n");
        }
    }
}
