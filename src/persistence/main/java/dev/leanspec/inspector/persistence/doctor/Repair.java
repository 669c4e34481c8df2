package dev.leanspec.inspector.persistence.doctor;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.internal.Backups;
import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.FileUsers;
import dev.leanspec.inspector.persistence.internal.LeanSpecFacts;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.OneTransaction;
import dev.leanspec.inspector.persistence.internal.SchemaSnapshot;
import dev.leanspec.inspector.persistence.migration.Orphans;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a repair did to one file.
 *
 * @param code   the finding it repaired
 * @param file   the file changed
 * @param ids    the rows it changed: all of them for closed sessions; for a merge, those its finding named
 *               (the first of them)
 * @param backup   the checked backup made first
 * @param exported for orphan rows deleted, the JSON file beside the backup that holds them; else null
 */
public record Repair(String code, Path file, List<String> ids, Path backup, Path exported) {

    /**
     * The codes of the findings this build repairs, in SQLite files: the others say what to do.
     * {@code orphan-rows} only when asked for by name ({@link #plan(List, List, boolean)}).
     */
    public static final java.util.Set<String> CODES = java.util.Set.of("stuck-session", "chat-not-imported", "sessions-not-imported",
            "orphan-rows");

    /**
     * A repair this build makes, said before it is made.
     *
     * @param finding what it repairs
     * @param file    the file it changes (a merge: the file merged, renamed afterwards)
     * @param into    a merge's leanspec.db; null for a repair in {@code file} itself
     * @param change  what it will change, in a sentence
     */
    public record Planned(Finding finding, Path file, Path into, String change) {

        /**
         * Makes the repair.
         *
         * @param clock what "now" is
         * @param force go on even while another program has the file open
         * @return what it did
         * @throws PersistenceException naming the file when refused or failed; the files are then as they were
         */
        public Repair run(Clock clock, boolean force) {
            return switch (finding.code()) {
                case "stuck-session" -> closeStuckSessions(file, clock, force);
                case "orphan-rows" -> deleteOrphans(file, clock, force);
                default -> mergeNotImported(finding.code(), file, into, finding.ids(), clock, force);
            };
        }

        /**
         * {@return whether this repair deals with {@code other}}: its own finding, and for orphan
         * rows every table's finding of the same file (they are deleted together, after one backup)
         *
         * @param other a finding of the same examination
         */
        public boolean covers(Finding other) {
            return other == finding || finding.code().equals("orphan-rows") && other.code().equals(finding.code())
                    && other.file().equals(finding.file());
        }
    }

    /**
     * The repairs this build makes for {@code findings}: stuck sessions in a SQLite file, and a
     * chat.db or sessions.db never imported when the leanspec.db it belongs in was examined with it.
     *
     * @param findings what {@link Doctor#examine} found in {@code files}
     * @param files    the files examined
     * @return the repairs, in the findings' order; the other findings say what to do in their text
     */
    public static List<Planned> plan(List<Finding> findings, List<Doctor.Examined> files) {
        return plan(findings, files, false);
    }

    /**
     * The repairs this build makes for {@code findings}, as {@link #plan(List, List)}, and with
     * {@code deleteOrphans} the orphan rows of each SQLite file deleted after they are exported.
     *
     * @param findings      what {@link Doctor#examine} found in {@code files}
     * @param files         the files examined
     * @param deleteOrphans delete orphan rows too (they are kept unless asked: LeanSpec shows none
     *                      of them, but they are what is left of deleted sessions' history)
     * @return the repairs, in the findings' order
     */
    public static List<Planned> plan(List<Finding> findings, List<Doctor.Examined> files, boolean deleteOrphans) {
        Path target = Doctor.importTarget(files).map(e -> e.location() instanceof Location.File(Path path) ? path : null).orElse(null);
        List<Planned> planned = new ArrayList<>();
        for (Finding f : findings) {
            boolean sqlite = files.stream().anyMatch(e -> e.location() instanceof Location.File && e.location().where().equals(f.file()));
            if (!sqlite || f.severity() != Finding.Severity.WARNING) {
                continue;
            }
            Path file = Path.of(f.file());
            if (f.code().equals("stuck-session")) {
                planned.add(new Planned(f, file, null, String.format("close %,d %s as LeanSpec's cleanup would have (status failed, "
                        + "a 'Process disappeared' event)", f.count(), f.count() == 1 ? "session" : "sessions")));
            } else if ((f.code().equals("chat-not-imported") || f.code().equals("sessions-not-imported")) && target != null) {
                String rows = f.code().equals("chat-not-imported") ? (f.count() == 1 ? "conversation" : "conversations")
                        : (f.count() == 1 ? "session" : "sessions");
                planned.add(new Planned(f, file, target, String.format("merge %,d %s into %s (ids kept, every value checked), then rename "
                        + "%s to %s.migrated as LeanSpec does", f.count(), rows, target, file.getFileName(), file.getFileName())));
            } else if (f.code().equals("orphan-rows") && deleteOrphans && planned.stream().noneMatch(p -> p.covers(f))) {
                List<Finding> all = findings.stream().filter(o -> o.code().equals(f.code()) && o.file().equals(f.file())).toList();
                long rows = all.stream().mapToLong(Finding::count).sum();
                planned.add(new Planned(f, file, null, String.format("delete %,d orphan %s (of sessions or conversations long gone) "
                        + "after saving %s to a JSON file beside the backup", rows, rows == 1 ? "row" : "rows", rows == 1 ? "it" : "them")));
            }
        }
        return planned;
    }

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
                return new Repair("stuck-session", file, List.of(), null, null);
            }
            Path backup = checkedBackup(db, file, clock, "nothing was repaired");
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
            return new Repair("stuck-session", file, ids, backup, null);
        } catch (SQLException e) {
            throw Failures.translate(file, "repair", e);
        }
    }

    /**
     * Merges a chat.db or sessions.db whose rows never reached {@code leanspec} into it, with the
     * consolidation's merge and its checks (ids kept, every value compared with the source's),
     * then renames the source {@code *.db.migrated}, as LeanSpec's own import does. A checked
     * backup of {@code leanspec} is made first: the merge writes a new file beside it and moves
     * it into place. Refused while another program has either file open (unless {@code force}).
     *
     * @param code     the finding repaired: {@code chat-not-imported} or {@code sessions-not-imported}
     * @param source   the file never imported
     * @param leanspec the leanspec.db that should hold its rows
     * @param ids      the ids the finding named (reported back as what was merged)
     * @param clock    what "now" is (the backup's name)
     * @param force    go on even while another program has a file open
     * @return what it did
     * @throws PersistenceException naming the file when refused or failed; both files are then as they were
     */
    public static Repair mergeNotImported(String code, Path source, Path leanspec, List<String> ids, Clock clock, boolean force) {
        if (!force) {
            String risk = "A LeanSpec still running would go on writing to the old file";
            FileUsers.refuseWhileInUse(leanspec, risk);
            FileUsers.refuseWhileInUse(source, risk);
        }
        Path backup;
        try (OneTransaction transaction = OneTransaction.begin(leanspec)) {
            // Under the write lock, so that the backup is the file the merge starts from.
            backup = Backups.createUnderWriteLock(leanspec, clock);
        }
        ConsolidateOptions options = ConsolidateOptions.safe().withMerge().withRenamedSources();
        try {
            Consolidation.of(List.of(source), Location.of(leanspec)).run(force ? options.forced() : options);
        } catch (RuntimeException refused) {
            // The merge changed nothing (it builds the new file aside): its backup is not needed.
            Migrations.deleteWithSidecars(backup);
            throw refused;
        }
        return new Repair(code, leanspec, ids, backup, null);
    }

    /**
     * Deletes the rows of {@code file} whose session or conversation is gone (LeanSpec ran with
     * foreign keys off before 0.2.28), after writing every one of them, every column, to a JSON
     * file beside the backup ({@code <backup>.orphans.json}: {@code {"file", "exported", "tables":
     * {"session_logs": [{"id": …, …}, …], …}}}). Through what a migrate runs through: refused
     * while another program has the file open (unless {@code force}), the write lock first, a
     * checked backup, {@code quick_check}, one transaction; the rows deleted must be the rows
     * exported, or nothing is.
     *
     * @param file  a SQLite file LeanSpec wrote (any shape)
     * @param clock what "now" is (the backup's name, the export's time)
     * @param force go on even while another program has the file open
     * @return what it did: the tables it deleted from as its ids; no backup when there were none
     * @throws PersistenceException naming the file when refused or failed; the file is then as it was
     */
    public static Repair deleteOrphans(Path file, Clock clock, boolean force) {
        if (!force) {
            FileUsers.refuseWhileInUse(file, "Deleting rows under a running LeanSpec could delete those of a session it is writing");
        }
        try (OneTransaction transaction = OneTransaction.begin(file)) {
            Connection db = transaction.dataSource().getConnection();
            List<Orphans> orphans = LeanSpecFacts.orphans(db, SchemaSnapshot.read(db));
            if (orphans.isEmpty()) {
                return new Repair("orphan-rows", file, List.of(), null, null);
            }
            Path backup = checkedBackup(db, file, clock, "nothing was deleted");
            Path exported = backup.resolveSibling(backup.getFileName() + ".orphans.json");
            try {
                Map<String, Long> written = OrphanExport.write(db, orphans, file, clock.instant(), exported);
                List<String> tables = new ArrayList<>();
                for (Orphans o : orphans) {
                    String[] parent = LeanSpecFacts.parentOf(o.table()).orElseThrow();
                    try (Statement delete = db.createStatement()) {
                        int deleted = delete.executeUpdate("DELETE FROM \"" + o.table() + "\" WHERE " + OrphanExport.orphan(o.table(), parent));
                        if (deleted != written.get(o.table())) {
                            throw new PersistenceException(Reason.FAILED, file, String.format("Deleting the orphan rows of %s in %s would "
                                    + "have deleted %,d rows, not the %,d saved: nothing was deleted.", o.table(), file, deleted,
                                    written.get(o.table())));
                        }
                    }
                    tables.add(o.table());
                }
                transaction.commit();
                return new Repair("orphan-rows", file, tables, backup, exported);
            } catch (SQLException | RuntimeException e) {
                // Nothing was deleted: neither the backup nor a part of the export is worth keeping.
                quietlyDelete(exported);
                Migrations.deleteWithSidecars(backup);
                if (e instanceof UncheckedIOException io) {
                    throw new PersistenceException(Reason.FAILED, file, "Could not save the orphan rows of " + file + " to " + exported
                            + ": " + io.getCause().getMessage() + ". Nothing was deleted.", io.getCause());
                }
                throw e;
            }
        } catch (SQLException e) {
            throw Failures.translate(file, "repair", e);
        }
    }

    /**
     * {@return a checked backup of {@code file}, made under the write lock {@code db} holds}, after
     * SQLite's {@code quick_check} passed: a damaged file is refused, saying {@code nothing}.
     */
    private static Path checkedBackup(Connection db, Path file, Clock clock, String nothing) throws SQLException {
        List<String> damage = Backups.quickCheck(db);
        if (!damage.isEmpty()) {
            throw new PersistenceException(Reason.REFUSED, file, file + " failed SQLite's integrity check (" + String.join("; ", damage)
                    + "): " + nothing + ". Open it read-only, or restore a backup.");
        }
        return Backups.createUnderWriteLock(file, clock);
    }

    private static void quietlyDelete(Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException ignored) {
            // a partial export left beside the backup says what it is by its name
        }
    }
}
