package dev.leanspec.inspector.bench;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionEvent;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The in-process figures, each as a pair: the library's call ({@code ours_…}) and raw JDBC doing
 * the same query on the same file and reading every column into a record ({@code jdbc_…}), so the
 * ratio is what the library's layers (jOOQ, mapping, open enums) cost. Both read through
 * read-only connections opened once, as the inspector does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StoreBench {

    /** The folder holding the migrated {@code sessions.db} and {@code chat.db} (set by {@link Bench}). */
    @Param("")
    public String dir;
    /** The session with the most events and the conversation with 1,000 messages. */
    @Param("")
    public String bigSession;
    @Param("")
    public String bigConversation;
    /** Any ordinary session, for its detail. */
    @Param("")
    public String someSession;
    /** The folder holding the same files as the generator wrote them, unmigrated (tool-era, jan20). */
    @Param("")
    public String legacyDir;

    static final int PAGE = 100;
    private static final SessionQuery COMPLETED = SessionQuery.all().withStatuses(Set.of(SessionStatus.COMPLETED));

    private SessionStore sessions;
    private ChatStore chat;
    private MigrationService migrations;
    private Connection sessionsJdbc;
    private Connection chatJdbc;
    private PreparedStatement firstPage;
    private SessionStore legacySessions;
    private Connection legacyJdbc;
    private PreparedStatement legacyFirstPage;
    private PreparedStatement eventsKeyset;
    private PreparedStatement eventsOffset;
    private PreparedStatement eventsAllKeyset;
    private PreparedStatement eventsAllOffset;
    private PreparedStatement sessionById;
    private PreparedStatement metadataOf;
    private PreparedStatement specsOf;
    private PreparedStatement logsOf;
    private PreparedStatement transcript;
    private PreparedStatement history;
    private long bigSessionDeepId;
    private long bigSessionDeepOffset;
    private long allDeepId;
    private long allDeepOffset;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        Path folder = Path.of(dir);
        sessions = SessionStore.openReadOnly(Location.of(folder.resolve("sessions.db")));
        chat = ChatStore.openReadOnly(Location.of(folder.resolve("chat.db")));
        migrations = MigrationService.of(Location.of(folder.resolve("sessions.db")), DatabaseKind.SESSIONS);
        sessionsJdbc = readOnly(folder.resolve("sessions.db"));
        chatJdbc = readOnly(folder.resolve("chat.db"));
        firstPage = sessionsJdbc.prepareStatement("SELECT * FROM sessions WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?");
        eventsKeyset = sessionsJdbc.prepareStatement("SELECT * FROM session_events WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?");
        eventsOffset = sessionsJdbc.prepareStatement("SELECT * FROM session_events WHERE session_id = ? ORDER BY id LIMIT ? OFFSET ?");
        eventsAllKeyset = sessionsJdbc.prepareStatement("SELECT * FROM session_events WHERE id > ? ORDER BY id LIMIT ?");
        eventsAllOffset = sessionsJdbc.prepareStatement("SELECT * FROM session_events ORDER BY id LIMIT ? OFFSET ?");
        sessionById = sessionsJdbc.prepareStatement("SELECT * FROM sessions WHERE id = ?");
        metadataOf = sessionsJdbc.prepareStatement("SELECT key, value FROM session_metadata WHERE session_id = ? ORDER BY key");
        specsOf = sessionsJdbc.prepareStatement("SELECT spec_id FROM session_specs WHERE session_id = ? ORDER BY position, spec_id");
        logsOf = sessionsJdbc.prepareStatement("SELECT * FROM session_logs WHERE session_id = ? ORDER BY id LIMIT ?");
        // Ties in time keep the order of writing, as ChatStore reads them.
        transcript = chatJdbc.prepareStatement("SELECT *, rowid FROM messages WHERE conversation_id = ? ORDER BY timestamp, rowid LIMIT ?");
        history = sessionsJdbc.prepareStatement("SELECT * FROM flyway_schema_history ORDER BY installed_rank");
        // A legacy file is browsed as it is: no keyset indexes, `tool` read as the runner.
        legacySessions = SessionStore.openReadOnly(Location.of(Path.of(legacyDir).resolve("sessions.db")));
        legacyJdbc = readOnly(Path.of(legacyDir).resolve("sessions.db"));
        legacyFirstPage = legacyJdbc.prepareStatement("SELECT * FROM sessions WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?");

        // "Deep": nine tenths of the way through the big session's events, and through all events.
        long bigEvents = scalar(sessionsJdbc, "SELECT count(*) FROM session_events WHERE session_id = ?", bigSession);
        bigSessionDeepOffset = bigEvents * 9 / 10;
        bigSessionDeepId = scalar(sessionsJdbc, "SELECT id FROM session_events WHERE session_id = ? ORDER BY id LIMIT 1 OFFSET "
                + Math.max(0, bigSessionDeepOffset - 1), bigSession);
        long allEvents = scalar(sessionsJdbc, "SELECT count(*) FROM session_events", null);
        allDeepOffset = allEvents * 9 / 10;
        allDeepId = scalar(sessionsJdbc, "SELECT id FROM session_events ORDER BY id LIMIT 1 OFFSET " + Math.max(0, allDeepOffset - 1), null);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        sessions.close();
        chat.close();
        legacySessions.close();
        legacyJdbc.close();
        sessionsJdbc.close();
        chatJdbc.close();
    }

    // ---- 1. first page of sessions, newest first, status filter -------------------------------

    @Benchmark
    public Page<Session> ours_sessionsFirstPage() {
        return sessions.list(COMPLETED, PageRequest.first(PAGE));
    }

    @Benchmark
    public List<Object[]> jdbc_sessionsFirstPage() throws SQLException {
        firstPage.setString(1, "completed");
        firstPage.setInt(2, PAGE + 1);
        return rows(firstPage);
    }

    // ---- 1L. the same on the unmigrated legacy file ---------------------------------------------

    @Benchmark
    public Page<Session> ours_legacySessionsFirstPage() {
        return legacySessions.list(COMPLETED, PageRequest.first(PAGE));
    }

    @Benchmark
    public List<Object[]> jdbc_legacySessionsFirstPage() throws SQLException {
        legacyFirstPage.setString(1, "completed");
        legacyFirstPage.setInt(2, PAGE + 1);
        return rows(legacyFirstPage);
    }

    // ---- 2. keyset pages: first and deep, in one big session and across all sessions ----------

    @Benchmark
    public Page<SessionEvent> ours_bigSessionEventsFirstPage() {
        return sessions.events(EventQuery.of(bigSession), PageRequest.first(PAGE));
    }

    @Benchmark
    public Page<SessionEvent> ours_bigSessionEventsDeepPage() {
        return sessions.events(EventQuery.of(bigSession), new PageRequest(PAGE, PageKey.of(bigSessionDeepId)));
    }

    @Benchmark
    public List<Object[]> jdbc_bigSessionEventsDeepPage() throws SQLException {
        eventsKeyset.setString(1, bigSession);
        eventsKeyset.setLong(2, bigSessionDeepId);
        eventsKeyset.setInt(3, PAGE + 1);
        return rows(eventsKeyset);
    }

    @Benchmark
    public List<Object[]> jdbc_bigSessionEventsDeepOffset() throws SQLException {
        eventsOffset.setString(1, bigSession);
        eventsOffset.setInt(2, PAGE + 1);
        eventsOffset.setLong(3, bigSessionDeepOffset);
        return rows(eventsOffset);
    }

    @Benchmark
    public Page<SessionEvent> ours_allEventsFirstPage() {
        return sessions.events(new EventQuery(null, Set.of()), PageRequest.first(PAGE));
    }

    @Benchmark
    public Page<SessionEvent> ours_allEventsDeepPage() {
        return sessions.events(new EventQuery(null, Set.of()), new PageRequest(PAGE, PageKey.of(allDeepId)));
    }

    @Benchmark
    public List<Object[]> jdbc_allEventsDeepPage() throws SQLException {
        eventsAllKeyset.setLong(1, allDeepId);
        eventsAllKeyset.setInt(2, PAGE + 1);
        return rows(eventsAllKeyset);
    }

    @Benchmark
    public List<Object[]> jdbc_allEventsDeepOffset() throws SQLException {
        eventsAllOffset.setInt(1, PAGE + 1);
        eventsAllOffset.setLong(2, allDeepOffset);
        return rows(eventsAllOffset);
    }

    // ---- 3. one session's detail: fields, metadata, specs, first pages of events and logs ------

    /** What the inspector reads when a session is selected. */
    public record Detail(SessionDetail session, Page<SessionEvent> events, Page<SessionLog> logs) {
    }

    @Benchmark
    public Detail ours_sessionDetail() {
        return new Detail(sessions.get(someSession).orElseThrow(),
                sessions.events(EventQuery.of(someSession), PageRequest.first(PAGE)),
                sessions.logs(LogQuery.of(someSession), PageRequest.first(PAGE)));
    }

    @Benchmark
    public List<List<Object[]>> jdbc_sessionDetail() throws SQLException {
        List<List<Object[]>> all = new ArrayList<>();
        for (PreparedStatement statement : List.of(sessionById, metadataOf, specsOf)) {
            statement.setString(1, someSession);
            all.add(rows(statement));
        }
        eventsKeyset.setString(1, someSession);
        eventsKeyset.setLong(2, 0);
        eventsKeyset.setInt(3, PAGE + 1);
        all.add(rows(eventsKeyset));
        logsOf.setString(1, someSession);
        logsOf.setInt(2, PAGE + 1);
        all.add(rows(logsOf));
        return all;
    }

    // ---- 4. a transcript's first page, in a conversation of 1,000 messages ---------------------

    @Benchmark
    public Page<Message> ours_transcriptFirstPage() {
        return chat.messages(bigConversation, PageRequest.first(PAGE));
    }

    @Benchmark
    public List<Object[]> jdbc_transcriptFirstPage() throws SQLException {
        transcript.setString(1, bigConversation);
        transcript.setInt(2, PAGE + 1);
        return rows(transcript);
    }

    // ---- 6. the schema's status (shape, history, pending, validation), warm --------------------

    @Benchmark
    public DatabaseStatus ours_status() {
        return migrations.status();
    }

    @Benchmark
    public List<Object[]> jdbc_history() throws SQLException {
        return rows(history);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static Connection readOnly(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?mode=ro");
    }

    /** Every row with every column read, as a careful hand-written DAO would. */
    private static List<Object[]> rows(PreparedStatement statement) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = result.getObject(c + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static long scalar(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            }
        }
    }
}
