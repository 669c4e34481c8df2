package dev.leanspec.inspector.bench;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.doctor.Doctor;
import dev.leanspec.inspector.persistence.doctor.Finding;
import dev.leanspec.inspector.persistence.transcript.TranscriptFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Figure 17 (issue 36): {@code doctor}'s examination of the legacy pair at the bench's scale, in
 * the bench's JVM, against raw JDBC running the statements it runs on them (as SQLite's driver
 * logs them: every session, the log lines an ACP agent wrote, the grouped scans for orphan rows
 * and for chat timestamp ties), each prepared once and every column of every row read.
 */
final class DoctorFigures {

    /** What {@code doctor} reads of a tool-era sessions.db (the bench's), in its order. */
    private static final String SESSIONS = "select `sessions`.`id`, `sessions`.`project_path`, `sessions`.`spec_id`, `sessions`.`tool` as "
            + "`runner`, `sessions`.`mode`, `sessions`.`status`, `sessions`.`exit_code`, `sessions`.`started_at`, `sessions`.`ended_at`, "
            + "`sessions`.`duration_ms`, `sessions`.`token_count`, `sessions`.`created_at`, `sessions`.`updated_at`, null as `prompt` from "
            + "`sessions` order by `sessions`.`created_at` desc, `sessions`.`id` desc";
    private static final String ACP_SESSIONS = "select distinct `session_logs`.`session_id` from `session_logs` where `session_logs`.`message` "
            + "like (replace(replace(replace(?, '!', '!!'), '%', '!%'), '_', '!_') || '%') escape '!' order by `session_logs`.`session_id`";
    private static final String TALLIES = "select `messages`.`conversation_id`, count(*), min(`messages`.`timestamp`), max(`messages`.`timestamp`) "
            + "from `messages` group by `messages`.`conversation_id`";

    private DoctorFigures() {
    }

    static void run(Bench bench, BenchData files, Path out, boolean quick, Consumer<String> log) throws Exception {
        Path sessions = files.legacy().resolve("sessions.db");
        Path chat = files.legacy().resolve("chat.db");
        // A home of its own: no runners.json, no (postgres) file, no projects to look into.
        Path home = Files.createDirectories(out.resolve("doctor-home"));
        Doctor doctor = Doctor.of(LeanSpecPaths.of(home, Map.of("HOME", home.toString()), "Linux"), home);
        List<Doctor.Examined> both = List.of(new Doctor.Examined(Location.of(sessions), DatabaseKind.SESSIONS),
                new Doctor.Examined(Location.of(chat), DatabaseKind.CHAT));
        BenchData.readThrough(sessions);
        BenchData.readThrough(chat);
        int[] found = new int[1];
        long[] rows = new long[1];
        // In turns, after one of each: both read the same pages from the same cache.
        double[] times = Timing.paired(1, quick ? 1 : 3, () -> {
            List<Finding> findings = doctor.examine(both, where -> { });
            found[0] = findings.size();
            return findings;
        }, () -> rows[0] = jdbc(sessions, chat));
        double ours = times[0];
        double jdbc = times[1];
        bench.add("17. doctor on the legacy pair (every session, log line, event and message looked at)", ours, jdbc, null,
                "≤ 1.5× raw JDBC running the same statements", (o, j) -> o <= 1.5 * j,
                String.format("%d findings; JDBC read %,d rows of what the statements return", found[0], rows[0]));
        log.accept("doctor figure done");
    }

    /** The statements {@code doctor} runs on the two files, by hand; {@return the rows they returned} */
    static long jdbc(Path sessions, Path chat) throws SQLException {
        long rows = 0;
        try (Connection db = StoreBench.readOnly(sessions)) {
            rows += read(db, SESSIONS);
            List<String> acp = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement(ACP_SESSIONS)) {
                select.setString(1, TranscriptFolder.ACP_PREFIX);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        acp.add(r.getString(1));
                    }
                }
            }
            try (PreparedStatement session = db.prepareStatement(SESSIONS.replace(" order by", " where `sessions`.`id` = ? order by"));
                 PreparedStatement metadata = db.prepareStatement("select `key`, `value` from `session_metadata` where `session_id` = ?")) {
                for (String id : acp) {
                    session.setString(1, id);
                    metadata.setString(1, id);
                    rows += read(session) + read(metadata);
                }
            }
            for (String child : List.of("session_metadata", "session_logs", "session_events")) {
                rows += read(db, orphans(child, "session_id", "sessions"));
            }
        }
        try (Connection db = StoreBench.readOnly(chat)) {
            rows += read(db, TALLIES);
            rows += read(db, orphans("messages", "conversation_id", "conversations"));
        }
        return rows;
    }

    private static String orphans(String child, String column, String parent) {
        return "SELECT coalesce(sum(n), 0), count(*) FROM (SELECT \"" + column + "\" AS parent_id, count(*) AS n FROM \"" + child
                + "\" GROUP BY \"" + column + "\") AS g WHERE NOT EXISTS (SELECT 1 FROM \"" + parent + "\" AS p WHERE p.id = g.parent_id)";
    }

    private static long read(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            return read(statement);
        }
    }

    /** Every column of every row read, as a careful hand-written DAO would. */
    private static long read(PreparedStatement statement) throws SQLException {
        long rows = 0;
        try (ResultSet r = statement.executeQuery()) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                for (int c = 1; c <= columns; c++) {
                    r.getObject(c);
                }
                rows++;
            }
        }
        return rows;
    }
}
