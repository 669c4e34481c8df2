package dev.leanspec.inspector.persistence.doctor;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.Projects;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.chat.MessageTally;
import dev.leanspec.inspector.persistence.doctor.Finding.Severity;
import dev.leanspec.inspector.persistence.internal.LeanSpecFacts;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Orphans;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.sessions.SessionTally;
import dev.leanspec.inspector.persistence.transcript.TranscriptFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/**
 * What LeanSpec's releases left broken in a user's files, found by reading them (facts from
 * LeanSpec's source at its tags, in the project's reference): sessions stuck in {@code running},
 * chats and sessions never imported into leanspec.db, runners 0.2.28 no longer sees, a SQLite file
 * named {@code (postgres)}, orphan rows, ACP sessions without their protocol, and what is merely
 * worth knowing (token counts never written, chat timestamps tied, a {@code -wal} never
 * checkpointed, leftovers safe to archive). Reads only: no byte of any file changes.
 */
public final class Doctor {

    /** The most ids a finding lists. */
    public static final int IDS = 10;

    /** What LeanSpec 0.2.28 records for an ACP session. */
    private static final List<String> ACP_KEYS = List.of("protocol", "acp_session_id");

    /**
     * A file to examine.
     *
     * @param location where it is
     * @param kind     what its schema says it holds
     */
    public record Examined(Location location, DatabaseKind kind) {
        /** {@return whether it is one of the files LeanSpec 0.2.25+ renamed after importing it} */
        boolean leftover() {
            return location.where().endsWith(".db.migrated");
        }
    }

    private final LeanSpecPaths paths;
    private final Path workingDir;

    private Doctor(LeanSpecPaths paths, Path workingDir) {
        this.paths = paths;
        this.workingDir = workingDir;
    }

    /**
     * The doctor of a user's LeanSpec folders.
     *
     * @param paths      where LeanSpec keeps its files (its config folder: runners.json, projects.json)
     * @param workingDir where a {@code (postgres)} file may also be (the folder LeanSpec's server was started from)
     * @return the doctor
     */
    public static Doctor of(LeanSpecPaths paths, Path workingDir) {
        return new Doctor(paths, workingDir);
    }

    /**
     * Examines the files, each alone and against each other (a chat.db against the leanspec.db that
     * should hold its conversations), and the folders LeanSpec writes to.
     *
     * @param files    the files, in the order to report them
     * @param progress told the file being read
     * @return the findings, warnings first; empty when nothing was found
     * @throws dev.leanspec.inspector.persistence.PersistenceException naming the file when one cannot be read
     */
    public List<Finding> examine(List<Examined> files, Consumer<String> progress) {
        return examine(files, progress, () -> false);
    }

    /**
     * As {@link #examine(List, Consumer)}, stopping between its reads once {@code stopped} says so
     * (the window's check of a file it closes, or its Stop): each read is one query, so a stop
     * waits at most for the one running.
     *
     * @param files    the files, in the order to report them
     * @param progress told the file being read
     * @param stopped  asked between reads
     * @return the findings, warnings first; empty when nothing was found
     * @throws dev.leanspec.inspector.persistence.PersistenceException {@code CANCELLED} once stopped, or naming
     *                                                                  the file when one cannot be read
     */
    public List<Finding> examine(List<Examined> files, Consumer<String> progress, BooleanSupplier stopped) {
        return examine(files, List.of(), progress, stopped);
    }

    /**
     * As {@link #examine(List, Consumer, BooleanSupplier)}, with {@code against} read only for what
     * the files are checked against (the leanspec.db a chat.db belongs in), not examined themselves:
     * the window's check of one file of LeanSpec's lookup need not read the others whole.
     *
     * @param files    the files to examine, in the order to report them
     * @param against  files only compared with (their ids read), not examined
     * @param progress told the file being read
     * @param stopped  asked between reads
     * @return the findings, warnings first; empty when nothing was found
     * @throws dev.leanspec.inspector.persistence.PersistenceException {@code CANCELLED} once stopped, or naming
     *                                                                  the file when one cannot be read
     */
    public List<Finding> examine(List<Examined> files, List<Examined> against, Consumer<String> progress, BooleanSupplier stopped) {
        List<Finding> findings = new ArrayList<>();
        Runnable step = () -> {
            if (stopped.getAsBoolean()) {
                throw new PersistenceException(Reason.CANCELLED, null, "The doctor's check was stopped; nothing was changed.");
            }
        };
        for (Examined file : files) {
            step.run();
            progress.accept(file.location().where());
            if (file.kind().hasSessions()) {
                sessions(file, findings);
                step.run();
            }
            if (file.kind().hasConversations()) {
                conversations(file, findings);
                step.run();
            }
            orphans(file, findings);
            wal(file, findings);
        }
        step.run();
        notImported(files, against, findings);
        runnersLost(findings);
        postgresPlaceholders(findings);
        findings.sort(java.util.Comparator.comparing(Finding::severity));
        return findings;
    }

    private void sessions(Examined file, List<Finding> findings) {
        String where = file.location().where();
        try (SessionStore store = SessionStore.openReadOnly(file.location())) {
            List<String> running = new ArrayList<>();
            long[] total = new long[2];
            store.forEach(SessionQuery.all(), session -> {
                total[0]++;
                if (SessionStatus.RUNNING.equals(session.status())) {
                    running.add(session.id());
                }
                if (session.tokenCount() != null) {
                    total[1]++;
                }
            });
            if (!running.isEmpty() && !file.leftover()) {
                findings.add(new Finding("stuck-session", Severity.WARNING, where, running.size(), first(running),
                        count(running.size(), "session is", "sessions are") + " still 'running'. No LeanSpec release runs sessions "
                                + "since 0.3.0, and 0.2.28 never called its own cleanup_stale_sessions(): the server stopped and left "
                                + (running.size() == 1 ? "it" : "them") + " so.",
                        "Close each as LeanSpec's cleanup would have: status 'failed', ended_at and updated_at now, its duration, "
                                + "and a 'failed' event 'Process disappeared' (a backup first)."));
            }
            if (total[0] > 0 && total[1] == 0) {
                findings.add(new Finding("token-count-not-recorded", Severity.NOTE, where, total[0], List.of(),
                        "token_count is empty on all " + count(total[0], "session", "sessions") + ": no LeanSpec release ever wrote it. "
                                + "This app shows it as 'not recorded', never as 0.", "Nothing to repair: the count was never recorded."));
            }
            acpMetadata(store, where, findings);
        }
    }

    /**
     * ACP sessions whose start LeanSpec 0.2.28 lost part of: without {@code protocol} its UI shows
     * the agent's conversation as a process's output; without {@code acp_session_id} it cannot
     * load the agent's session again.
     */
    private static void acpMetadata(SessionStore store, String where, List<Finding> findings) {
        List<String> lacking = new ArrayList<>();
        Set<String> keys = new java.util.TreeSet<>();
        for (String id : store.idsLoggingLinesStartingWith(TranscriptFolder.ACP_PREFIX)) {
            store.get(id).ifPresent(detail -> {
                List<String> missing = ACP_KEYS.stream().filter(key -> !detail.metadata().containsKey(key)).toList();
                if (!missing.isEmpty()) {
                    lacking.add(id);
                    keys.addAll(missing);
                }
            });
        }
        if (!lacking.isEmpty()) {
            findings.add(new Finding("acp-metadata-missing", Severity.WARNING, where, lacking.size(), first(lacking),
                    count(lacking.size(), "session", "sessions") + " logged an ACP agent's conversation but " + (lacking.size() == 1 ? "lacks" : "lack")
                            + " " + String.join(" and ", keys.stream().map(k -> "'" + k + "'").toList()) + " metadata: LeanSpec 0.2.28 lost rows "
                            + "at an ACP session's start. Without 'protocol' its UI shows the conversation as a process's output; without "
                            + "'acp_session_id' it cannot load the agent's session again.",
                    "None this build makes: it reads the conversation from the logs all the same, and the agent's session id is not "
                            + "in the logs, so nothing could restore it."));
        }
    }

    private void conversations(Examined file, List<Finding> findings) {
        try (ChatStore store = ChatStore.openReadOnly(file.location())) {
            List<String> tied = new ArrayList<>();
            for (Map.Entry<String, MessageTally> tally : store.tallies().entrySet()) {
                if (tally.getValue().messages() > 1 && tally.getValue().firstAt() == tally.getValue().lastAt()) {
                    tied.add(tally.getKey());
                }
            }
            if (!tied.isEmpty()) {
                tied.sort(null);
                findings.add(new Finding("chat-timestamp-ties", Severity.NOTE, file.location().where(), tied.size(), first(tied),
                        "In " + count(tied.size(), "conversation", "conversations") + " every message has the same timestamp (LeanSpec "
                                + "0.2.20-0.2.23 wrote a whole thread again at each turn with one time; later ones can write two messages in "
                                + "one millisecond): their order is the order they were written in.",
                        "Nothing to repair: the times were never recorded; this app orders tied messages as they were written."));
            }
        }
    }

    private void orphans(Examined file, List<Finding> findings) {
        List<Orphans> orphans = MigrationService.of(file.location(), file.kind()).orphans();
        for (Orphans o : orphans) {
            findings.add(new Finding("orphan-rows", Severity.WARNING, file.location().where(), o.rows(), List.of(),
                    count(o.rows(), "row", "rows") + " of " + o.table() + (o.rows() == 1 ? " points" : " point") + " at "
                            + count(o.parents(), "missing row", "missing rows")
                            + " of " + o.parent() + ": LeanSpec ran with foreign keys off before 0.2.28, so deleting left them behind.",
                    "Kept and shown. Delete Orphan Rows… on the Health tab (doctor --repair --delete-orphans) deletes them, after saving every "
                            + "one to a JSON file beside the backup.",
                    "SELECT * FROM \"" + o.table() + "\" WHERE " + OrphanExport.orphan(o.table(), LeanSpecFacts.parentOf(o.table()).orElseThrow())));
        }
    }

    private void wal(Examined file, List<Finding> findings) {
        if (!(file.location() instanceof Location.File(Path path))) {
            return;
        }
        Path wal = path.resolveSibling(path.getFileName() + "-wal");
        try {
            if (Files.isRegularFile(wal) && Files.size(wal) > 0) {
                findings.add(new Finding("wal-not-checkpointed", Severity.NOTE, path.toString(), Files.size(wal), List.of(),
                        wal.getFileName() + " holds " + String.format("%,d", Files.size(wal)) + " bytes of changes never written into the file "
                                + "itself (LeanSpec stopped before it checkpointed). Every reader sees them, but a copy of the .db alone would "
                                + "lose them.", "Copy the -wal with the file, or let a migrate or consolidate (which checkpoint) fold it in."));
            }
        } catch (IOException unreadable) {
            // The file's own reading reports what is wrong with its folder.
        }
    }

    /**
     * A chat.db or sessions.db whose rows never reached the leanspec.db beside them (0.2.25+'s
     * import looked for chat.db only in ~/.lean-spec; an import that failed left sessions.db), and a
     * {@code .migrated} leftover that leanspec.db holds whole.
     */
    private void notImported(List<Examined> files, List<Examined> against, List<Finding> findings) {
        List<Examined> all = new ArrayList<>(files);
        all.addAll(against);
        Examined leanspec = importTarget(all).orElse(null);
        if (leanspec == null) {
            return;
        }
        Set<String> sessionIds = new HashSet<>();
        Set<String> conversationIds = new HashSet<>();
        sessionIds(leanspec.location(), sessionIds::add);
        conversationIds(leanspec.location(), conversationIds::add);
        Map<String, SessionTally> imported = null;
        for (Examined file : files) {
            if (file.kind() == DatabaseKind.SESSIONS) {
                if (imported == null) {
                    imported = tallies(leanspec.location());
                }
                Map<String, SessionTally> there = imported;
                // Imported means with its log lines and events: 0.2.28's import copies the sessions' rows first and
                // the rest after, and a start that failed between them left the rows without their history.
                Map<String, SessionTally> here = file.leftover() ? Map.of() : tallies(file.location());
                List<String> missing = new ArrayList<>();
                long[] read = {0};
                sessionIds(file.location(), id -> {
                    read[0]++;
                    // A leftover (renamed after a whole import) is compared by its ids: lines pruned since are not missing.
                    if (!sessionIds.contains(id) || !file.leftover()
                            && fewer(there.getOrDefault(id, SessionTally.NONE), here.getOrDefault(id, SessionTally.NONE))) {
                        missing.add(id);
                    }
                });
                imported(file, leanspec, "sessions-not-imported", "session", "sessions", read[0], missing, findings);
            } else if (file.kind() == DatabaseKind.CHAT) {
                compare(file, leanspec, "chat-not-imported", "conversation", "conversations", each -> conversationIds(file.location(), each),
                        conversationIds, findings);
            }
        }
    }

    /**
     * The leanspec.db that the chat.db and sessions.db among {@code files} are checked against, and
     * that their repair merges them into: the first of the files that is one (not a leftover).
     *
     * @param files the files examined
     * @return that file; empty when none is a leanspec.db
     */
    public static java.util.Optional<Examined> importTarget(List<Examined> files) {
        return files.stream().filter(f -> f.kind() == DatabaseKind.LEANSPEC && !f.leftover()).findFirst();
    }

    private static void sessionIds(Location location, Consumer<String> each) {
        try (SessionStore store = SessionStore.openReadOnly(location)) {
            store.forEach(SessionQuery.all(), s -> each.accept(s.id()));
        }
    }

    private static void conversationIds(Location location, Consumer<String> each) {
        try (ChatStore store = ChatStore.openReadOnly(location)) {
            store.forEach(ConversationQuery.all(), c -> each.accept(c.id()));
        }
    }

    private static Map<String, SessionTally> tallies(Location location) {
        try (SessionStore store = SessionStore.openReadOnly(location)) {
            return store.tallies();
        }
    }

    /** {@return whether {@code imported} has fewer log lines or events than the session it came from} */
    private static boolean fewer(SessionTally imported, SessionTally source) {
        return imported.logs() < source.logs() || imported.events() < source.events();
    }

    /** The ids {@code read} hands over that {@code known} lacks, reported as {@code code}. */
    private static void compare(Examined file, Examined leanspec, String code, String one, String many, Consumer<Consumer<String>> read,
                                Set<String> known, List<Finding> findings) {
        List<String> missing = new ArrayList<>();
        long[] all = {0};
        read.accept(id -> {
            all[0]++;
            if (!known.contains(id)) {
                missing.add(id);
            }
        });
        imported(file, leanspec, code, one, many, all[0], missing, findings);
    }

    private static void imported(Examined file, Examined leanspec, String code, String one, String many, long all, List<String> missing,
                                 List<Finding> findings) {
        String where = file.location().where();
        String target = leanspec.location().where();
        if (!missing.isEmpty()) {
            String why = code.equals("chat-not-imported")
                    ? "LeanSpec 0.2.25+ imported chat.db only from ~/.lean-spec, and 0.2.23-0.2.24 wrote it in the platform's data folder"
                    : "LeanSpec 0.2.25+'s import of sessions.db stopped or failed: 0.2.28 attaches the file on one connection of its "
                    + "pool and may query it on another, so its start fails at a different step each time, once after copying the "
                    + "sessions' rows without their log lines and events (and it refuses a tool-era file: its import selects a runner "
                    + "column that file does not have)";
            // A session counts as imported with all its log lines and events.
            String in = code.equals("sessions-not-imported") ? "whole in " : "in ";
            String which = missing.size() != all ? count(missing.size(), one, many) + " of the " + count(all, one, many) + " here "
                    + (missing.size() == 1 ? "is not " : "are not ") + in : all == 1 ? "The " + one + " here is not " + in : "None of the "
                    + count(all, one, many) + " here is " + in;
            findings.add(new Finding(code, Severity.WARNING, where, missing.size(), first(missing), which + target + ": " + why
                    + ". LeanSpec never shows them.", "doctor --repair (Repair… on the Health tab) merges them into " + target
                    + "; by hand: consolidate --merge --rename-sources --"
                    + (code.equals("chat-not-imported") ? "chat " : "sessions ") + where + " --to " + target + " (ids kept, every value "
                    + "checked; the file is then renamed .migrated, as LeanSpec does)."));
        } else if (file.leftover() && all > 0) {
            findings.add(new Finding("leftover-migrated", Severity.NOTE, where, all, List.of(), "Every " + one + " here is in " + target
                    + ": LeanSpec 0.2.25+ imported this file and renamed it.", "Safe to archive or delete; nothing in it is lost."));
        }
    }

    /**
     * LeanSpec 0.2.27-0.2.28 imported {@code runners.json} into its runners table, renamed it
     * {@code runners.json.migrated}, and reads runners only from files: its own runners vanished.
     */
    private void runnersLost(List<Finding> findings) {
        Path migrated = paths.configDir().resolve("runners.json.migrated");
        Path current = paths.configDir().resolve("runners.json");
        if (!Files.isRegularFile(migrated) || Files.isRegularFile(current)) {
            return;
        }
        List<String> ids = new ArrayList<>();
        try {
            Object parsed = new JSONParser().parse(Files.readString(migrated, StandardCharsets.UTF_8));
            if (parsed instanceof Map<?, ?> config && config.get("runners") instanceof Map<?, ?> runners) {
                runners.keySet().forEach(id -> ids.add(String.valueOf(id)));
            }
        } catch (IOException | ParseException | RuntimeException unreadable) {
            return; // not a runners file LeanSpec wrote: nothing it lost
        }
        if (ids.isEmpty()) {
            return;
        }
        ids.sort(null);
        findings.add(new Finding("runners-lost", Severity.WARNING, migrated.toString(), ids.size(), first(ids), "LeanSpec 0.2.27-0.2.28 "
                + "copied " + count(ids.size(), "runner", "runners") + " of runners.json into its runners table and renamed the file, but "
                + "reads runners only from runners.json: " + (ids.size() == 1 ? "it is" : "they are") + " gone from its lists.",
                // Not repaired, by LeanSpec's source (0.2.28 rust/leanspec-http/src/state.rs): at every start it imports
                // runners.json into the table and renames it again, so a file written back is lost at the next start.
                "None this app makes: 0.2.28 imports " + current + " at every start and renames it again, so writing it back lasts "
                        + "until LeanSpec next starts. They are kept in leanspec.db's runners table (the Runners tab, runners.json.migrated "
                        + "as well); to use one with 0.2.28, put it in a project's .lean-spec/runners.json, which it reads and never renames."));
    }

    /**
     * With {@code databaseUrl: postgres://…} in config.json, 0.2.25-0.2.28 wrote everything into a
     * SQLite file literally named {@code (postgres)} in the folder its server started from.
     */
    private void postgresPlaceholders(List<Finding> findings) {
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(paths.home());
        folders.add(workingDir);
        folders.addAll(projectFolders());
        // Shown without its password (PostgresUrl's text never has it).
        PostgresUrl postgres = paths.configuredPostgres().orElse(null);
        for (Path folder : folders) {
            Path placeholder = folder.resolve("(postgres)");
            if (Files.isRegularFile(placeholder)) {
                findings.add(new Finding("postgres-placeholder-file", Severity.WARNING, placeholder.toAbsolutePath().normalize().toString(), 1,
                        List.of(), "A SQLite file named '(postgres)': with a postgres:// databaseUrl in config.json, LeanSpec 0.2.25-0.2.28 "
                                + "wrote everything here, in the folder its server was started from, not in PostgreSQL.",
                        "Open it (Open this file, on the Health tab; its schema is leanspec.db's), then copy it into the PostgreSQL "
                                + "database config.json names" + (postgres == null ? "" : " (" + postgres + ")") + ": File ▸ Copy to "
                                + "PostgreSQL…, or leanspec-inspector copy --from '" + placeholder.toAbsolutePath().normalize()
                                + "' --to <the databaseUrl of config.json> --merge."));
            }
        }
    }

    /** The folders of the projects LeanSpec knew ({@code ~/.lean-spec/projects.json}); none when it cannot be read. */
    private List<Path> projectFolders() {
        return Projects.read(paths).ids().keySet().stream().filter(folder -> !folder.isBlank()).map(Path::of).toList();
    }

    private static List<String> first(List<String> ids) {
        return ids.subList(0, Math.min(IDS, ids.size()));
    }

    private static String count(long n, String one, String many) {
        return String.format("%,d %s", n, n == 1 ? one : many);
    }
}
