package dev.leanspec.inspector.bench;

import dev.leanspec.inspector.export.SessionTranscript;
import dev.leanspec.inspector.export.TranscriptFormat;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Figures 15a-15c (issue 35): the archive of the legacy pair at a tenth of the bench's scale (scale
 * 0.1 in the full run: 20,000 sessions, 500,000 log lines, 200,000 messages) as a whole CLI process
 * in -Xmx256m, against the sqlite3 CLI dumping the same tables as JSON; a 10,000-line ACP session's
 * page; and the same archive run again with nothing changed.
 */
final class ArchiveFigures {

    private ArchiveFigures() {
    }

    static void run(Bench bench, Path data, Path out, double scale, Sqlite3 sqlite3, Consumer<String> log) throws Exception {
        BenchData files = BenchData.prepare(data, scale / 10, log);
        Path sessions = files.legacy().resolve("sessions.db");
        Path chat = files.legacy().resolve("chat.db");
        Path work = out.resolve("archive-work");
        BenchData.deleteTree(work);
        Files.createDirectories(work);
        List<String> archive = new ArrayList<>(bench.javaCommand());
        archive.add(1, "-Xmx256m");
        archive.addAll(List.of("dev.leanspec.inspector.Main", "archive", "--to", work.resolve("history").toString(), "--db", sessions.toString(),
                "--db", chat.toString()));
        BenchData.readThrough(sessions);
        BenchData.readThrough(chat);
        double first = Timing.process(archive, null);
        if (!Files.isRegularFile(work.resolve("history/index.html"))) {
            throw new IllegalStateException("the archive wrote no index.html: " + String.join(" ", archive));
        }
        double again = Timing.median(bench.repetitions(5), () -> Timing.process(archive, null));

        Double cli = null;
        if (sqlite3.available()) {
            Path dump = work.resolve("dump.json");
            BenchData.readThrough(sessions);
            BenchData.readThrough(chat);
            cli = Timing.process(List.of(sqlite3.path(), sessions.toString()), ".mode json\n.output '" + dump + "'\nSELECT * FROM sessions;\n"
                    + "SELECT * FROM session_metadata;\nSELECT * FROM session_events;\nSELECT * FROM session_logs;\n")
                    + Timing.process(List.of(sqlite3.path(), chat.toString()), ".mode json\n.output '" + work.resolve("dump-chat.json") + "'\n"
                    + "SELECT * FROM conversations;\nSELECT * FROM messages;\n");
        }
        String volumes;
        try (Connection db = StoreBench.readOnly(sessions); Connection c = StoreBench.readOnly(chat)) {
            volumes = String.format("%,d sessions, %,d log lines, %,d events, %,d messages", Bench.scalar(db, "SELECT count(*) FROM sessions"),
                    Bench.scalar(db, "SELECT count(*) FROM session_logs"), Bench.scalar(db, "SELECT count(*) FROM session_events"),
                    Bench.scalar(c, "SELECT count(*) FROM messages"));
        }
        Double baseline = cli;
        bench.add("15a. archive the scale-" + scale / 10 + " legacy pair (" + volumes + "), whole CLI process in -Xmx256m", first, null, cli,
                "≤ 3× sqlite3 .mode json of the same tables", (o, j) -> baseline == null || o <= 3 * baseline,
                "ours writes each session and conversation three times (HTML page, Markdown, JSON line) and the index");

        // One long agent session, as LeanSpec 0.2.28 logs ACP updates: read, then its page, Markdown and line made.
        Path acp = work.resolve("acp/sessions.db");
        Files.createDirectories(acp.getParent());
        GuiTranscriptProbe.write(acp, 10_000);
        double page;
        try (SessionStore store = SessionStore.openReadOnly(Location.of(acp))) {
            page = Timing.median(3, bench.repetitions(11), () -> {
                SessionTranscript transcript = SessionTranscript.read(store, "acp-a").orElseThrow();
                return TranscriptFormat.HTML.write(transcript).length() + TranscriptFormat.MARKDOWN.write(transcript).length()
                        + TranscriptFormat.JSON.write(transcript).length();
            });
        }
        bench.add("15b. a 10,000-line ACP session's archive page: read, then HTML, Markdown and JSON made", page, null, null, "≤ 100 ms",
                (o, j) -> o <= 100, "in the bench's JVM, warm");
        bench.add("15c. the archive of 15a run again with nothing changed", again, null, null,
                "≤ 10% of the first (" + Bench.ms(first) + ")", (o, j) -> o <= 0.1 * first,
                "whole CLI process; the source files' sizes and times are as the archive recorded them");
        log.accept("archive figures done; " + volumes);
        BenchData.deleteTree(work);
    }
}
