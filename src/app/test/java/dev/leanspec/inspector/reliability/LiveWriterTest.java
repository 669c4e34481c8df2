package dev.leanspec.inspector.reliability;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.ChangeWatch;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.TableInfo;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.JavaProcess;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, case 8: LeanSpec writes continuously in another process while the inspector browses
 * and live-refreshes. 4 seconds in the normal build; a minute with {@code -Preliability}
 * ({@code -Dreliability.writerSeconds=60}).
 */
class LiveWriterTest {

    static final double SECONDS = Double.parseDouble(System.getProperty("reliability.writerSeconds", "4"));

    @TempDir
    Path dir;

    @Test
    void aWriterKeepsWritingWhileTheInspectorBrowsesAndNoWriteIsLost() throws Exception {
        Path sessionsDb = dir.resolve("sessions.db");
        Path chatDb = dir.resolve("chat.db");
        try (SessionStore sessions = SessionStore.open(Location.of(sessionsDb)); ChatStore chat = ChatStore.open(Location.of(chatDb))) {
            chat.create(new Conversation("live", "p", "Live", null, null, Instant.EPOCH, Instant.EPOCH, 0L, null, null, false, null));
        }
        Process writer = JavaProcess.start(List.of(), WriterProcess.class, sessionsDb.toString(), chatDb.toString(), Double.toString(SECONDS));

        long reads = 0;
        long refreshes = 0;
        long newest = 0;
        try (SessionStore sessions = SessionStore.openReadOnly(Location.of(sessionsDb)); ChatStore chat = ChatStore.openReadOnly(Location.of(chatDb));
             RawDatabase raw = RawDatabase.openReadOnly(Location.of(sessionsDb)); ChangeWatch watch = ChangeWatch.open(sessionsDb)) {
            TableInfo logsTable = raw.tables().stream().filter(t -> t.name().equals("session_logs")).findFirst().orElseThrow();
            while (writer.isAlive()) {
                // What the window does on each live-refresh tick: first page, details, count, transcript, raw page.
                if (watch.changed()) {
                    refreshes++;
                }
                List<Session> page = sessions.list(SessionQuery.all(), PageRequest.first(100)).items();
                if (!page.isEmpty()) {
                    String id = page.get(0).id();
                    sessions.get(id);
                    sessions.events(EventQuery.of(id), PageRequest.first(100));
                    sessions.logs(LogQuery.of(id), PageRequest.first(100));
                }
                newest = Math.max(newest, sessions.count(SessionQuery.all()));
                chat.messages("live", PageRequest.first(200));
                chat.countMessages("live");
                raw.rows(logsTable, PageRequest.first(100));
                reads++;
                Thread.sleep(20);
            }
        }
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(writer.getInputStream().readAllBytes());
        String err = new String(writer.getErrorStream().readAllBytes());
        assertThat(writer.exitValue()).as(err).isZero();
        Matcher counts = Pattern.compile("sessions=(\\d+) events=(\\d+) logs=(\\d+) messages=(\\d+) failures=(\\d+)").matcher(out);
        assertThat(counts.find()).as(out + err).isTrue();

        System.out.printf("live writer: %s sessions, %s events, %s log lines, %s messages in %.0f s; %d browse rounds, %d refreshes; "
                        + "%s failed writes%n", counts.group(1), counts.group(2), counts.group(3), counts.group(4), SECONDS, reads, refreshes,
                counts.group(5));
        assertThat(Long.parseLong(counts.group(5))).as("writes the writer could not make: " + err).isZero();
        assertThat(Long.parseLong(counts.group(1))).isGreaterThan((long) SECONDS * 20);
        assertThat(count(sessionsDb, "sessions")).isEqualTo(Long.parseLong(counts.group(1)));
        assertThat(count(sessionsDb, "session_events")).isEqualTo(Long.parseLong(counts.group(2)));
        assertThat(count(sessionsDb, "session_logs")).isEqualTo(Long.parseLong(counts.group(3)));
        assertThat(count(chatDb, "messages")).isEqualTo(Long.parseLong(counts.group(4)));
        assertThat(reads).isGreaterThan(10);
        assertThat(refreshes).isGreaterThan(1);
        assertThat(newest).isPositive();
    }

    private static long count(Path file, String table) throws Exception {
        return ((Number) Databases.scalar(file, "SELECT count(*) FROM " + table)).longValue();
    }
}
