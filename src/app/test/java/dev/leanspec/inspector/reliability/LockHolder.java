package dev.leanspec.inspector.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * LeanSpec in the middle of a write, in a process of its own: takes the write lock of a file
 * ({@code BEGIN IMMEDIATE}), writes a row it has not committed, prints {@code locked}, and
 * holds the lock until its standard input closes; then rolls back.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement statement = db.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('s-1', 't', 'stdout', 'uncommitted')");
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the test closes our input
            }
            statement.execute("ROLLBACK");
        }
    }
}
