package dev.leanspec.inspector.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * LeanSpec at work, in a process of its own: for the given seconds it keeps inserting sessions
 * with events and log lines into {@code sessions.db}, and messages into {@code chat.db}, one
 * small transaction at a time, opened as LeanSpec opens its files. Prints how many rows of each
 * kind it committed and how many writes failed.
 */
public final class WriterProcess {

    private WriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        String sessionsDb = args[0];
        String chatDb = args[1];
        long until = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
        long sessions = 0;
        long events = 0;
        long logs = 0;
        long messages = 0;
        long failures = 0;
        try (Connection s = open(sessionsDb); Connection c = open(chatDb);
             PreparedStatement session = s.prepareStatement("INSERT INTO sessions (id, project_path, runner, mode, status, started_at, "
                     + "created_at, updated_at) VALUES (?, '/live', 'claude', 'guided', 'running', ?, ?, ?)");
             PreparedStatement event = s.prepareStatement("INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES (?, 'started', '{}', ?)");
             PreparedStatement log = s.prepareStatement("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES (?, ?, 'stdout', ?)");
             PreparedStatement message = c.prepareStatement("INSERT INTO messages (id, conversation_id, project_id, role, content, timestamp) "
                     + "VALUES (?, 'live', 'p', 'user', 'hello', ?)")) {
            for (long n = 0; System.nanoTime() < until; n++) {
                String id = "live-" + n;
                String now = Instant.now().toString();
                try {
                    session.setString(1, id);
                    session.setString(2, now);
                    session.setString(3, now);
                    session.setString(4, now);
                    session.executeUpdate();
                    for (int i = 0; i < 3; i++) {
                        event.setString(1, id);
                        event.setString(2, now);
                        event.executeUpdate();
                        log.setString(1, id);
                        log.setString(2, now);
                        log.setString(3, "line " + i + " of " + id);
                        log.executeUpdate();
                    }
                    s.commit();
                    sessions++;
                    events += 3;
                    logs += 3;
                } catch (SQLException e) {
                    failures++;
                    System.err.println("sessions write failed: " + e.getMessage());
                    s.rollback();
                }
                try {
                    message.setString(1, "live-m" + n);
                    message.setLong(2, System.currentTimeMillis());
                    message.executeUpdate();
                    c.commit();
                    messages++;
                } catch (SQLException e) {
                    failures++;
                    System.err.println("chat write failed: " + e.getMessage());
                    c.rollback();
                }
                Thread.sleep(2);
            }
        }
        System.out.printf("sessions=%d events=%d logs=%d messages=%d failures=%d%n", sessions, events, logs, messages, failures);
    }

    private static Connection open(String file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA busy_timeout=5000");
            statement.execute("PRAGMA foreign_keys=ON");
        }
        connection.setAutoCommit(false);
        return connection;
    }
}
