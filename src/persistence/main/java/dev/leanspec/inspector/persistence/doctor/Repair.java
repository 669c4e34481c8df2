package dev.leanspec.inspector.persistence.doctor;

import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.internal.Backups;
import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.FileUsers;
import dev.leanspec.inspector.persistence.internal.OneTransaction;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a repair did to one file.
 *
 * @param code   the finding it repaired
 * @param file   the file changed
 * @param ids    the rows it changed, all of them
 * @param backup the checked backup made first
 */
public record Repair(String code, Path file, List<String> ids, Path backup) {

    /** Copies the ids. */
    public Repair {
        ids = List.copyOf(ids);
    }

    /**
     * Closes every session of {@code file} still {@code running}, exactly as LeanSpec 0.2.28's
     * {@code cleanup_stale_sessions()} would have (it was never called): status {@code failed},
     * {@code ended_at} and {@code updated_at} now, {@code duration_ms} from its start to now, and a
     * {@code failed} event with data {@code Process disappeared}. Through what a migrate runs
     * through: refused while another program has the file open (unless {@code force}), the write
     * lock taken first, a checked backup, {@code quick_check}, one transaction.
     *
     * @param file  a SQLite file with sessions (any shape LeanSpec wrote)
     * @param clock what "now" is
     * @param force go on even while another program has the file open
     * @return what it did; no ids (and no backup) when no session was running
     * @throws PersistenceException naming the file when refused or failed; the file is then as it was
     */
    public static Repair closeStuckSessions(Path file, Clock clock, boolean force) {
        if (!force) {
            FileUsers.refuseWhileInUse(file, "Closing its sessions under a running LeanSpec would close those it still runs");
        }
        try (OneTransaction transaction = OneTransaction.begin(file)) {
            Connection db = transaction.dataSource().getConnection();
            List<String[]> running = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement("SELECT id, started_at FROM sessions WHERE status = 'running' ORDER BY id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    running.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
            if (running.isEmpty()) {
                return new Repair("stuck-session", file, List.of(), null);
            }
            List<String> damage = Backups.quickCheck(db);
            if (!damage.isEmpty()) {
                throw new PersistenceException(Reason.REFUSED, file, file + " failed SQLite's integrity check (" + String.join("; ", damage)
                        + "): nothing was repaired. Open it read-only, or restore a backup.");
            }
            Path backup = Backups.createUnderWriteLock(file, clock);
            Instant now = clock.instant();
            String at = Timestamp.of(now).text();
            List<String> ids = new ArrayList<>();
            try (PreparedStatement close = db.prepareStatement(
                    "UPDATE sessions SET status = 'failed', ended_at = ?, duration_ms = coalesce(?, duration_ms), updated_at = ? "
                            + "WHERE id = ? AND status = 'running'");
                 PreparedStatement event = db.prepareStatement(
                         "INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES (?, 'failed', 'Process disappeared', ?)")) {
                for (String[] session : running) {
                    close.setString(1, at);
                    Instant started = session[1] == null ? null : new Timestamp(session[1]).instant().orElse(null);
                    // LeanSpec computes it from started_at; one that does not parse keeps what it had.
                    if (started == null) {
                        close.setObject(2, null);
                    } else {
                        close.setLong(2, Math.max(0, Duration.between(started, now).toMillis()));
                    }
                    close.setString(3, at);
                    close.setString(4, session[0]);
                    close.executeUpdate();
                    event.setString(1, session[0]);
                    event.setString(2, at);
                    event.executeUpdate();
                    ids.add(session[0]);
                }
            }
            transaction.commit();
            return new Repair("stuck-session", file, ids, backup);
        } catch (SQLException e) {
            throw Failures.translate(file, "repair", e);
        }
    }
}
