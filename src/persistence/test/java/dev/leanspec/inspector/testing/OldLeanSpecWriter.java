package dev.leanspec.inspector.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * LeanSpec 0.2.22 at work, in a process of its own: it keeps its {@code sessions.db} open (no
 * PRAGMAs, as the real one) and inserts a session in the {@code tool} shape every 20 ms until its
 * standard input closes, then prints how many inserts succeeded and how many failed.
 */
public final class OldLeanSpecWriter {

    private OldLeanSpecWriter() {
    }

    public static void main(String[] args) throws Exception {
        long ok = 0;
        long failed = 0;
        String lastError = "";
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + args[0])) {
            System.out.println("writing");
            System.out.flush();
            for (long n = 0; System.in.available() == 0 && !Thread.currentThread().isInterrupted(); n++) {
                String now = Instant.now().toString();
                // Prepared per insert, as rusqlite's Connection::execute does.
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO sessions (id, project_path, spec_id, tool, mode, "
                        + "status, started_at, created_at, updated_at) VALUES (?, '/p', '001-x', 'claude', 'guided', 'running', ?, ?, ?)")) {
                    insert.setString(1, "w-" + n);
                    insert.setString(2, now);
                    insert.setString(3, now);
                    insert.setString(4, now);
                    insert.executeUpdate();
                    ok++;
                } catch (SQLException e) {
                    failed++;
                    lastError = e.getMessage();
                }
                Thread.sleep(20);
            }
        }
        System.out.println(ok + " " + failed + " " + lastError);
    }
}
