package dev.leanspec.inspector.bench;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.search.SearchIndex;
import dev.leanspec.inspector.persistence.search.SearchQuery;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Figures 14a-14d (issue 34): the search index of the legacy pair built by the CLI in -Xmx256m
 * against the sqlite3 CLI filling an FTS5 table (the same trigram tokenizer, contentless) with the
 * same rows' text; a rare term's first 50 hits, warm, against {@code rg -F} over a text dump of
 * those rows (how the agent-history viewers search); 10,000 new log lines caught up; and, in the
 * window, a word's last keystroke to its hits drawn.
 */
final class SearchFigures {

    /** Planted in a few log lines: a term a person remembers, found nowhere else. */
    private static final String TERM = "quokka-overflow in src/parser.rs";

    private SearchFigures() {
    }

    static void run(Bench bench, BenchData files, Path out, Sqlite3 sqlite3, String bigSession, boolean quick, Consumer<String> log)
            throws Exception {
        Path work = out.resolve("search-work");
        BenchData.deleteTree(work);
        Files.createDirectories(work);
        // Copies: the figures write into the file (the planted lines, the rows caught up).
        Path sessions = Files.copy(files.legacy().resolve("sessions.db"), work.resolve("sessions.db"), StandardCopyOption.COPY_ATTRIBUTES);
        Path chat = Files.copy(files.legacy().resolve("chat.db"), work.resolve("chat.db"), StandardCopyOption.COPY_ATTRIBUTES);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sessions); var insert = db.createStatement()) {
            insert.executeUpdate("INSERT INTO session_logs (session_id, timestamp, level, message) SELECT id, '2026-12-01T10:00:00Z', 'stderr', "
                    + "'error: " + TERM + ":42' FROM sessions WHERE id <> '" + bigSession + "' ORDER BY id DESC LIMIT 3");
        }
        Path cache = work.resolve("cache");
        List<String> build = new ArrayList<>(bench.javaCommand());
        build.add(1, "-Xmx256m");
        build.addAll(List.of("dev.leanspec.inspector.Main", "search", "--db", sessions.toString(), "--db", chat.toString(), "nothing-like-this"));
        BenchData.readThrough(sessions);
        BenchData.readThrough(chat);
        // Nothing matches: the index is built whole, and the answer is empty (exit 0).
        double ours = Timing.process(build, null, Map.of("XDG_CACHE_HOME", cache.toString(), "HOME", work.resolve("home").toString()));
        Double cli = null;
        if (sqlite3.available()) {
            Path fts = work.resolve("fts.db");
            BenchData.readThrough(sessions);
            BenchData.readThrough(chat);
            cli = Timing.process(List.of(sqlite3.path(), fts.toString()), "PRAGMA journal_mode=OFF;\nPRAGMA synchronous=OFF;\n"
                    + "ATTACH '" + sessions + "' AS s;\nATTACH '" + chat + "' AS c;\n"
                    + "CREATE VIRTUAL TABLE docs USING fts5(text, content='', tokenize='trigram');\nBEGIN;\n"
                    + "INSERT INTO docs(text) SELECT message FROM s.session_logs;\n"
                    + "INSERT INTO docs(text) SELECT coalesce(data, '') FROM s.session_events;\n"
                    + "INSERT INTO docs(text) SELECT id || ' ' || project_path || ' ' || coalesce(spec_id, '') FROM s.sessions;\n"
                    + "INSERT INTO docs(text) SELECT key || ' ' || coalesce(value, '') FROM s.session_metadata;\n"
                    + "INSERT INTO docs(text) SELECT title FROM c.conversations;\n"
                    + "INSERT INTO docs(text) SELECT content FROM c.messages;\nCOMMIT;\n");
            Files.delete(fts);
        }
        Double baseline = cli;
        bench.add("14a. build the search index of the legacy pair, whole CLI process in -Xmx256m", ours, null, cli,
                "≤ 2× sqlite3 filling an FTS5 trigram table with the same rows' text", (o, j) -> baseline == null || o <= 2 * baseline,
                "ours folds each session's logs into its conversation first, and commits every 100 sessions (a kill resumes there)");

        List<String> ids = new ArrayList<>();
        Path dump = work.resolve("dump.txt");
        dump(sessions, chat, dump);
        Path cacheDir = cache.resolve("leanspec-inspector");
        try (SearchIndex inSessions = SearchIndex.open(Location.of(sessions), cacheDir); SearchIndex inChat = SearchIndex.open(Location.of(chat), cacheDir)) {
            SearchQuery query = SearchQuery.of(TERM).withLimit(50);
            int[] found = new int[1];
            double query50 = Timing.median(5, bench.repetitions(21), () -> {
                found[0] = inSessions.find(query).hits().size() + inChat.find(query).hits().size();
                return found[0];
            });
            if (found[0] != 3) {
                throw new IllegalStateException("the planted term should be found 3 times, was " + found[0]);
            }
            Double rg = ripgrep() == null ? null : Timing.median(bench.repetitions(3), () -> Timing.process(List.of(ripgrep(), "-F", TERM,
                    dump.toString()), null));
            bench.add("14b. a rare term's first 50 hits in both files, warm", query50, null, null,
                    "≤ 50 ms and ≥ 20× faster than rg -F over a text dump of the same rows",
                    (o, j) -> o <= 50 && (rg == null || rg / o >= 20),
                    rg == null ? "ripgrep not installed: no rg baseline" : String.format("rg -F: %s (%.0f× ours); the dump is %,d MB",
                            Bench.ms(rg), rg / query50, Files.size(dump) >> 20));

            // 10,000 new log lines across 1,000 sessions (not the big one), then caught up; three times.
            try (Connection db = StoreBench.readOnly(sessions); ResultSet rows = db.createStatement().executeQuery(
                    "SELECT id FROM sessions WHERE id <> '" + bigSession + "' ORDER BY id LIMIT 1000")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            double[] times = new double[3];
            for (int round = 0; round < times.length; round++) {
                try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sessions); PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES (?, '2026-12-02T10:00:00Z', 'stdout', ?)")) {
                    db.setAutoCommit(false);
                    for (int i = 0; i < 10_000; i++) {
                        insert.setString(1, ids.get(i % ids.size()));
                        insert.setString(2, "round " + round + " line " + i + ": cargo test --package sync -- --nocapture");
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    db.commit();
                }
                times[round] = Timing.millis(() -> inSessions.update(progress -> { }));
            }
            java.util.Arrays.sort(times);
            bench.add("14c. catch up 10,000 new log lines (1,000 sessions) before answering", times[1], null, null, "≤ 1,000 ms",
                    (o, j) -> o <= 1_000, "median of three rounds; each session's conversation is folded again");
        }

        // In the window: both files open, indexes built (above), words typed a key at a time: the
        // rare term, a common phrase (in 30,000 of the caught-up lines and ~10 % of the messages),
        // a medium one (the caught-up lines alone) and a session id's first 8 characters.
        GuiFigures.ProbeResult typed = GuiFigures.probe(bench, GuiSearchProbe.class, List.of(sessions.toString(), chat.toString(),
                cacheDir.toString(), quick ? "2" : "10", TERM, "cargo test", "nocapture round", ids.get(ids.size() / 2).substring(0, 8)),
                out.resolve("gui-search-probe.log"));
        String keystroke = "14d. in the window, a word's last keystroke to its hits drawn (both files open)";
        if (typed.line() == null) {
            bench.add(keystroke, Double.NaN, null, null, "≤ 150 ms", (o, j) -> false,
                    "the probe died (exit " + typed.code() + "); see target/bench/gui-search-probe.log");
        } else {
            log.accept("GUI search probe: " + typed.line());
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(typed.line());
            List<String> words = new ArrayList<>();
            json.get("words").forEach(word -> words.add(String.format("'%s' %s (%,d hits)", word.get("word").asText(),
                    Bench.ms(word.get("medianMs").asDouble()), word.get("hits").asInt())));
            bench.add(keystroke, json.get("medianMs").asDouble(), null, null, "≤ 150 ms", (o, j) -> o <= 150,
                    String.format("median of %d words typed at ~6 keys/s, from the key to the layout pulse showing the answer "
                            + "(the field's pause for more keys included); slowest %s; per word: %s; headless Monocle, -Xmx256m",
                            json.get("keysTimed").asInt(), Bench.ms(json.get("maxMs").asDouble()), String.join(", ", words)));
        }
        log.accept("search figures done");
        BenchData.deleteTree(work);
    }

    /** The rows' text, one row a line, as a viewer that greps its data keeps it. */
    private static void dump(Path sessions, Path chat, Path dump) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(dump)) {
            for (var source : List.of(Map.entry(sessions, List.of("SELECT message FROM session_logs", "SELECT data FROM session_events",
                            "SELECT id || ' ' || project_path || ' ' || coalesce(spec_id, '') FROM sessions", "SELECT value FROM session_metadata")),
                    Map.entry(chat, List.of("SELECT title FROM conversations", "SELECT content FROM messages")))) {
                try (Connection db = StoreBench.readOnly(source.getKey())) {
                    for (String sql : source.getValue()) {
                        try (ResultSet rows = db.createStatement().executeQuery(sql)) {
                            while (rows.next()) {
                                String text = rows.getString(1);
                                if (text != null) {
                                    out.write(text.replace('\n', ' '));
                                    out.newLine();
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static String ripgrep() {
        return Sqlite3.onPath("rg");
    }
}
