package dev.leanspec.inspector.gui.health;

import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.doctor.Doctor;
import dev.leanspec.inspector.persistence.doctor.Finding;
import dev.leanspec.inspector.persistence.doctor.Repair;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Health tab of an open file: what {@code doctor} finds in it, read on a worker of its own
 * (on a big file the check reads every session and log line, seconds the file's own worker must
 * not wait behind), each finding with its rows one click away, and the repairs this build makes.
 *
 * <p>A file is examined with the others LeanSpec's own lookup finds when it is one of them: a
 * chat.db is checked against the leanspec.db that should hold its conversations. LeanSpec's
 * leanspec.db also shows what concerns the files and folders around it (a chat.db never
 * imported, runners it lost, a {@code (postgres)} file); any other file shows its own findings.
 */
public final class HealthViewModel {

    /** The findings whose ids are sessions, and those whose ids are conversations. */
    private static final Set<String> SESSION_IDS = Set.of("stuck-session", "acp-metadata-missing", "sessions-not-imported");
    private static final Set<String> CONVERSATION_IDS = Set.of("chat-timestamp-ties", "chat-not-imported");

    private final Location location;
    private final DatabaseKind kind;
    private final LeanSpecPaths paths;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Consumer<Link> links;
    private final Consumer<List<Path>> repaired;
    /** The repairs this build makes for the findings shown, orphans apart (deleted only when asked by name). */
    private List<Repair.Planned> planned = List.of();
    private List<Repair.Planned> orphans = List.of();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<Finding> readOnlyFindings = FXCollections.unmodifiableObservableList(findings);
    private final ReadOnlyObjectWrapper<Finding> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Not examined yet.");
    private final ReadOnlyIntegerWrapper warnings = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper repairable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper orphaned = new ReadOnlyBooleanWrapper();
    private TaskRunner.Cancellable running = TaskRunner.Cancellable.DONE;
    private AtomicBoolean stop = new AtomicBoolean();
    private boolean closed;

    /**
     * @param paths    where LeanSpec keeps its files on this machine (its lookup, its config folder)
     * @param runner   the check's own worker
     * @param links    where a finding's ids are followed
     * @param repaired told on the UI thread the files a repair changed or renamed (a merged chat.db
     *                 becomes chat.db.migrated), so that the window reads them again or closes them
     */
    public HealthViewModel(Location location, DatabaseKind kind, LeanSpecPaths paths, TaskRunner runner, DialogService dialogs,
                           Consumer<Link> links, Consumer<List<Path>> repaired) {
        this.location = location;
        this.kind = kind;
        this.paths = paths;
        this.runner = runner;
        this.dialogs = dialogs;
        this.links = links;
        this.repaired = repaired;
    }

    public ObservableList<Finding> findings() {
        return readOnlyFindings;
    }

    /** "2 findings to act on, 1 note", "Examining…", or why it could not. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** How many findings are worth acting on: the badge on the tab. */
    public ReadOnlyIntegerProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether a finding shown is one this build repairs (stuck sessions; chats and sessions never imported). */
    public ReadOnlyBooleanProperty repairableProperty() {
        return repairable.getReadOnlyProperty();
    }

    /** Whether orphan rows were found in a SQLite file shown: Delete Orphan Rows… */
    public ReadOnlyBooleanProperty orphanedProperty() {
        return orphaned.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public void select(Finding finding) {
        selected.set(finding);
    }

    /** Examines the file afresh, off the UI thread; a check already running is stopped first. */
    public void check() {
        checkAfter(java.time.Duration.ZERO);
    }

    /**
     * Examines the file once {@code pause} has passed on the check's worker (the file just opened:
     * its first rows are being drawn, and a check then took a core from them).
     */
    public void checkAfter(java.time.Duration pause) {
        if (closed) {
            return; // its tab closed (a repair merged the file away): its worker is gone
        }
        stop();
        AtomicBoolean stopped = new AtomicBoolean();
        stop = stopped;
        busy.set(true);
        summary.set("Examining " + location.name() + "…");
        running = runner.submit(() -> {
            Thread.sleep(pause.toMillis());
            return examine(stopped);
        }, () -> stopped.set(true), found -> {
            busy.set(false);
            show(found);
        }, error -> {
            busy.set(false);
            findings.clear();
            planned = List.of();
            orphans = List.of();
            warnings.set(0);
            repairable.set(false);
            orphaned.set(false);
            summary.set(error instanceof PersistenceException known
                    ? (known.reason() == PersistenceException.Reason.CANCELLED ? "Stopped: press Check Again to examine the file." : known.getMessage())
                    : "The check failed: " + error);
        });
    }

    /** Stops a running check (Stop, or the file's tab closing); its findings are not shown. */
    public void stop() {
        stop.set(true);
        running.cancel();
        running = TaskRunner.Cancellable.DONE;
        if (busy.get()) {
            busy.set(false);
            summary.set("Stopped: press Check Again to examine the file.");
        }
    }

    /** What a check found: the findings shown, and the repairs this build makes for them. */
    private record Checked(List<Finding> findings, List<Repair.Planned> repairs) {
    }

    private Checked examine(AtomicBoolean stopped) {
        Doctor.Examined self = new Doctor.Examined(location, kind);
        List<Doctor.Examined> around = new ArrayList<>();
        boolean looked = false; // whether LeanSpec's own lookup finds this file
        if (location instanceof Location.File(Path path)) {
            List<LeanSpecPaths.Found> found = aroundFile(path);
            looked = !found.isEmpty();
            found.stream().filter(f -> !f.path().toAbsolutePath().normalize().equals(path.toAbsolutePath().normalize()))
                    .forEach(f -> around.add(new Doctor.Examined(new Location.File(f.path()), f.kind())));
        }
        Doctor doctor = Doctor.of(paths, Path.of("").toAbsolutePath());
        List<Doctor.Examined> files = new ArrayList<>(List.of(self));
        List<Finding> shown;
        if (kind == DatabaseKind.LEANSPEC && looked) {
            // LeanSpec's own leanspec.db: the files and folders around it, examined whole.
            files.addAll(around);
            shown = doctor.examine(files, where -> { }, stopped::get);
        } else {
            // Any other file: its own findings; the lookup's leanspec.db only to check it was imported.
            List<Doctor.Examined> against = Doctor.importTarget(around).stream().toList();
            shown = doctor.examine(files, against, where -> { }, stopped::get).stream()
                    .filter(f -> f.file().equals(location.where())).toList();
            files.addAll(against);
        }
        return new Checked(shown, Repair.plan(shown, files, true));
    }

    /** The other files LeanSpec's lookup finds, when this file is one of them; else none. */
    private List<LeanSpecPaths.Found> aroundFile(Path path) {
        List<LeanSpecPaths.Found> found = paths.discover().files();
        Path real = path.toAbsolutePath().normalize();
        return found.stream().anyMatch(f -> f.path().toAbsolutePath().normalize().equals(real)) ? found : List.of();
    }

    private void show(Checked checked) {
        List<Finding> found = checked.findings();
        planned = checked.repairs().stream().filter(p -> !p.finding().code().equals("orphan-rows")).toList();
        orphans = checked.repairs().stream().filter(p -> p.finding().code().equals("orphan-rows")).toList();
        findings.setAll(found);
        int acting = (int) found.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
        int notes = found.size() - acting;
        warnings.set(acting);
        repairable.set(!planned.isEmpty());
        orphaned.set(!orphans.isEmpty());
        summary.set(found.isEmpty() ? "Nothing found: LeanSpec left nothing broken here that this build knows of."
                : count(acting, "finding to act on", "findings to act on") + (notes == 0 ? "" : ", " + count(notes, "note", "notes")));
        if (!found.contains(selected.get())) {
            selected.set(found.isEmpty() ? null : found.get(0));
        }
    }

    /**
     * Repair…: says what will change and, once confirmed, makes the repairs this build makes —
     * stuck sessions closed as LeanSpec's own cleanup would have, a chat.db or sessions.db never
     * imported merged into its leanspec.db (then renamed .migrated) — each after a checked backup
     * (refused while another program has a file open, then asked again). The other findings say
     * what to do in their text.
     */
    public void repair() {
        List<Repair.Planned> doable = planned;
        if (doable.isEmpty()) {
            dialogs.notify("Nothing to repair", "This build repairs sessions stuck in 'running' and chats or sessions never imported; "
                    + location.name() + " has none. The other findings say what to do in their text.");
            return;
        }
        StringBuilder what = new StringBuilder();
        doable.forEach(p -> what.append("• ").append(p.file().getFileName()).append(": ").append(p.change()).append('\n'));
        if (!dialogs.ask("Repair " + location.name() + "?", doable.size() == 1 ? "1 repair" : doable.size() + " repairs",
                what + "\nA closed session is closed exactly as LeanSpec 0.2.28's own cleanup would have (it never called it): status "
                        + "'failed', ended_at and updated_at now, its duration, and a 'failed' event 'Process disappeared'. A merge "
                        + "keeps every id and checks every value.\n\nEach repair first makes a checked backup of the file it changes, "
                        + "beside it, and is refused while another program (LeanSpec) has a file open. Nothing else changes.", "Repair")) {
            return;
        }
        run(doable, false, new ArrayList<>());
    }

    /**
     * Delete Orphan Rows…: the window's {@code doctor --repair --delete-orphans}. Asks first, with
     * how many and where they go; they are saved to a JSON file beside the backup, then deleted.
     */
    public void deleteOrphans() {
        List<Repair.Planned> doable = orphans;
        if (doable.isEmpty()) {
            return;
        }
        StringBuilder what = new StringBuilder();
        doable.forEach(p -> what.append("• ").append(p.file().getFileName()).append(": ").append(p.change()).append('\n'));
        if (!dialogs.ask("Delete orphan rows of " + location.name() + "?", "Rows no session or conversation owns any more", what
                + "\nLeanSpec shows none of them: they are the logs, events or messages of sessions and conversations deleted while "
                + "LeanSpec ran with foreign keys off (before 0.2.28). Every one, every column, is saved first to a JSON file beside a "
                + "checked backup of the file; nothing else changes. Refused while another program (LeanSpec) has the file open.",
                "Delete Orphan Rows")) {
            return;
        }
        run(doable, false, new ArrayList<>());
    }

    /** Makes {@code left} in order; a refusal for a file in use asks once whether to go on anyway. */
    private void run(List<Repair.Planned> left, boolean force, List<Repair> done) {
        busy.set(true);
        summary.set("Repairing " + location.name() + "…");
        runner.submit(() -> {
            for (Repair.Planned next : left.subList(done.size(), left.size())) {
                done.add(next.run(Clock.systemUTC(), force));
            }
            return done;
        }, null, all -> finished(left, all), error -> {
            busy.set(false);
            summary.set(done.isEmpty() ? "Not repaired." : "Partly repaired.");
            if (!force && error instanceof PersistenceException busyFile && busyFile.reason() == PersistenceException.Reason.IN_USE) {
                // The window's twin of --force: asked, with who holds the file.
                if (dialogs.ask("Repair " + location.name() + "?", "Another program has the file open",
                        busyFile.getMessage().replace("; --force does it anyway", "") + "\n\nRepair anyway only if that program is not "
                                + "a LeanSpec serving this file: it would go on writing what it knows.", "Repair Anyway")) {
                    run(left, true, done);
                    return;
                }
            } else {
                dialogs.error("Cannot repair " + location.name(), (error instanceof PersistenceException known ? known.getMessage()
                        : "Unexpected error: " + error + ". The file is as it was.") + (done.isEmpty() ? "" : "\nRepaired before that: "
                        + done.size() + " of " + left.size() + "."));
            }
            if (!done.isEmpty()) {
                finished(left, done);
            }
        });
    }

    private void finished(List<Repair.Planned> planned, List<Repair> done) {
        busy.set(false);
        List<String> lines = new ArrayList<>();
        List<Path> changed = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            Repair.Planned p = planned.get(i);
            lines.add(p.file().getFileName() + ": " + p.change() + " — done.\n  The backup, checked: " + done.get(i).backup()
                    + (done.get(i).exported() == null ? "" : "\n  The rows deleted, saved in: " + done.get(i).exported()));
            changed.add(done.get(i).file());
            changed.add(p.file());
        }
        dialogs.notify("Repaired", String.join("\n", lines));
        repaired.accept(changed.stream().distinct().toList());
        check();
    }

    /** Lists the rows of a finding no id names (orphan rows) in the file's SQL tab, by its query. */
    public void showRows(Finding finding) {
        if (finding.query() != null) {
            Location in = finding.file().equals(location.where()) ? location : new Location.File(Path.of(finding.file()));
            links.accept(new Link.Query(in, finding.query()));
        }
    }

    /**
     * Shows one of a finding's rows where the window browses it: a session on its Details tab, a
     * conversation with its transcript, a runner in Runners.
     */
    public void follow(Finding finding, String id) {
        Location in = finding.file().equals(location.where()) ? location : new Location.File(Path.of(finding.file()));
        if (SESSION_IDS.contains(finding.code())) {
            links.accept(new Link.Session(in, id));
        } else if (CONVERSATION_IDS.contains(finding.code())) {
            links.accept(new Link.Conversation(in, id));
        } else if (finding.code().equals("postgres-placeholder-file")) {
            // What LeanSpec wrote while the user thought it went to PostgreSQL: open it, then File ▸ Copy to PostgreSQL….
            links.accept(new Link.File(new Location.File(Path.of(finding.file()))));
        } else if (finding.code().equals("runners-lost") && kind == DatabaseKind.LEANSPEC) {
            // 0.2.28 copied them into this file's runners table before it lost them from its lists.
            links.accept(new Link.Runner(location, id, null));
        }
    }

    /** {@return whether a finding's ids can be followed to rows the window shows} */
    public boolean followable(Finding finding) {
        return SESSION_IDS.contains(finding.code()) || CONVERSATION_IDS.contains(finding.code())
                || finding.code().equals("runners-lost") && kind == DatabaseKind.LEANSPEC;
    }

    /** The file's tab is closing. */
    public void close() {
        closed = true;
        stop();
    }

    private static String count(long n, String one, String many) {
        return String.format("%,d %s", n, n == 1 ? one : many);
    }
}
