package dev.leanspec.inspector.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Figure 16 (issue 37): the legacy sessions.db against a copy of it with 1 % of its rows changed
 * (a third updated, a third deleted, a third added, in every table), compared by the CLI's
 * {@code diff} in -Xmx256m and by {@code sqldiff --primarykey}, SQLite's own, both printing every
 * difference to nowhere.
 */
final class DiffFigures {

    private DiffFigures() {
    }

    static void run(Bench bench, BenchData files, Path out, Consumer<String> log) throws Exception {
        Path work = out.resolve("diff-work");
        BenchData.deleteTree(work);
        Files.createDirectories(work);
        Path before = files.legacy().resolve("sessions.db");
        Path after = Files.copy(before, work.resolve("sessions.db"), StandardCopyOption.COPY_ATTRIBUTES);
        long rows = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + after); Statement change = db.createStatement()) {
            db.setAutoCommit(false);
            // One row in 100 of each table differs: a third updated, a third deleted, as many added.
            for (String table : List.of("session_logs", "session_events")) {
                String text = table.equals("session_logs") ? "message" : "data";
                rows += change.executeUpdate("UPDATE " + table + " SET " + text + " = coalesce(" + text + ", '') || ' (edited)' WHERE id % 300 = 0");
                rows += change.executeUpdate("DELETE FROM " + table + " WHERE id % 300 = 33");
                String columns = table.equals("session_logs") ? "session_id, timestamp, level, message" : "session_id, event_type, data, timestamp";
                rows += change.executeUpdate("INSERT INTO " + table + " (id, " + columns + ") SELECT id + (SELECT max(id) FROM " + table + "), "
                        + columns + " FROM " + table + " WHERE id % 300 = 66");
            }
            rows += change.executeUpdate("UPDATE sessions SET status = 'cancelled' WHERE rowid % 300 = 0");
            rows += change.executeUpdate("DELETE FROM sessions WHERE rowid % 300 = 33");
            db.commit();
        }
        String sqldiff = Sqlite3.onPath("sqldiff");
        List<String> ours = new ArrayList<>(bench.javaCommand());
        ours.add(1, "-Xmx256m");
        ours.addAll(List.of("dev.leanspec.inspector.Main", "diff", before.toString(), after.toString()));
        BenchData.readThrough(before);
        BenchData.readThrough(after);
        // Exit 3: the two differ (DiffCommand.DIFFERENT).
        double time = Timing.process(ours, null, java.util.Map.of(), 3);
        Double baseline = null;
        if (sqldiff != null) {
            BenchData.readThrough(before);
            BenchData.readThrough(after);
            baseline = Timing.process(List.of(sqldiff, "--primarykey", before.toString(), after.toString()), null);
        }
        Double theirs = baseline;
        bench.add("16. diff two legacy sessions.db files differing in 1 % of their rows, whole CLI process in -Xmx256m", time, null, baseline,
                "≤ 1.5× sqldiff --primarykey on the same pair", (o, j) -> theirs == null || o <= 1.5 * theirs,
                String.format("%,d rows changed; the sqlite3 column is sqldiff%s", rows, sqldiff == null ? " (not installed: no baseline)" : ""));
        log.accept("diff figure done");
        BenchData.deleteTree(work);
    }
}
