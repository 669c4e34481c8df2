package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.cli.Cli;
import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.export.Archive;
import dev.leanspec.inspector.export.Redaction;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.connect.ConnectViewModel;
import dev.leanspec.inspector.gui.search.SearchViewModel;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationPlan;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationReport;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.sqlite.SQLiteJDBCLoader;

/**
 * The window's state: the open files (each with its own worker), recent files, the theme, and
 * the ways in: start-up paths, Open…, drag and drop, the demo databases.
 */
public final class MainViewModel {

    private final Function<String, TaskRunner> runners;
    private final TaskRunner opener;
    /** How long after a file's first rows are read its Health tab's check starts (see {@link OpenFileViewModel.Checks}). */
    static final java.time.Duration CHECK_PAUSE = java.time.Duration.ofSeconds(1);

    private final DialogService dialogs;
    private final Settings settings;
    private final Path dataDir;

    private final ObservableList<OpenFileViewModel> files = FXCollections.observableArrayList();
    // One read-only view, kept: a new wrapper per call would lose its listeners when collected.
    private final ObservableList<OpenFileViewModel> filesView = FXCollections.unmodifiableObservableList(files);
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    // One read-only view, kept: a new wrapper per call would lose its listeners when collected.
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);
    private final ObservableList<LeanSpecPaths.Found> found = FXCollections.observableArrayList();
    private final ObservableList<LeanSpecPaths.Found> foundView = FXCollections.unmodifiableObservableList(found);
    private final ObjectProperty<OpenFileViewModel> selected = new SimpleObjectProperty<>();
    private final SearchViewModel search;
    private final History history = new History(this::show);
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private LeanSpecPaths paths = LeanSpecPaths.current();
    private PostgresUrl lastPostgres; // the form's defaults next time; never its password
    private final ReadOnlyStringWrapper job = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper jobRunning = new ReadOnlyBooleanWrapper();
    /** Stops the running background job (its Cancel in the status bar); null when none runs. */
    private volatile Runnable stopJob;

    /**
     * @param runners makes one worker per open file (its name is the file name)
     * @param dataDir the app's data folder, where demo databases are written; search indexes go in its {@code cache} folder
     */
    public MainViewModel(Function<String, TaskRunner> runners, DialogService dialogs, Settings settings, Path dataDir) {
        this(runners, dialogs, settings, dataDir, dataDir.resolve("cache"));
    }

    /**
     * @param runners  makes one worker per open file (its name is the file name), and the search's
     * @param dataDir  the app's data folder, where demo databases are written
     * @param cacheDir the app's cache folder, where search indexes are kept
     */
    public MainViewModel(Function<String, TaskRunner> runners, DialogService dialogs, Settings settings, Path dataDir, Path cacheDir) {
        this.search = new SearchViewModel(runners.apply("search"), runners.apply("index"), cacheDir,
                () -> files.stream().map(OpenFileViewModel::location).toList(), this::follow);
        this.runners = runners;
        this.opener = runners.apply("open");
        this.dialogs = dialogs;
        this.settings = settings;
        this.dataDir = dataDir;
        recent.setAll(settings.recentFiles());
        dark.set(settings.darkTheme());
        dark.addListener((o, was, now) -> settings.setDarkTheme(now));
    }

    public ObservableList<OpenFileViewModel> files() {
        return filesView;
    }

    public ObservableList<Path> recentFiles() {
        return recentView;
    }

    /** Every LeanSpec file the default lookup found on this machine, leftovers included. */
    public ObservableList<LeanSpecPaths.Found> foundFiles() {
        return foundView;
    }

    /** The file whose tab is showing (status bar, F5, Ctrl+W act on it). */
    public ObjectProperty<OpenFileViewModel> selectedProperty() {
        return selected;
    }

    public BooleanProperty darkThemeProperty() {
        return dark;
    }

    /**
     * Opens the files named on the command line, or else the ones LeanSpec uses at its default
     * locations (not the {@code *.db.migrated} leftovers, which the welcome view lists with the
     * rest). Nothing found leaves the welcome view showing.
     */
    public void openAtStart(List<Path> files, LeanSpecPaths paths) {
        this.paths = paths;
        boolean named = !files.isEmpty();
        openAll(files);
        opener.submit(paths::discover, null, discovery -> {
            found.setAll(discovery.files());
            if (!named) {
                discovery.files().stream().filter(f -> !f.isLeftover()).forEach(f -> open(f.path()));
                discovery.databaseUrl().ifPresent(this::open); // LeanSpec's databaseUrl on a PostgreSQL server
            }
        }, error -> { });
    }

    /** Asks which PostgreSQL database to open (File ▸ Connect to PostgreSQL…) and opens it. */
    public void connectChosen() {
        dialogs.askPostgres(lastPostgres, ConnectViewModel.Purpose.BROWSE).ifPresent(this::open);
    }

    /**
     * Opens a LeanSpec database on a PostgreSQL server, read-only, with the same tabs as a
     * leanspec.db (its Migrations tab migrates an empty schema). One already open is selected.
     */
    public void open(PostgresUrl url) {
        Location location = new Location.Server(url);
        for (OpenFileViewModel open : files) {
            if (location.equals(open.location())) {
                selected.set(open);
                return;
            }
        }
        lastPostgres = url.withPassword("");
        // Reaching the server and reading its history happen off the UI thread: a server that
        // does not answer costs the connect timeout there, not a frozen window.
        opener.submit(() -> MigrationService.of(Location.of(url), DatabaseKind.LEANSPEC).status(), null, status -> {
            if (status.shape() == Shape.UNKNOWN) {
                dialogs.error("Not a LeanSpec database", url + ": " + status.summary() + "\n" + String.join("\n", status.problems()));
                return;
            }
            OpenFileViewModel model = model(location, DatabaseKind.LEANSPEC, url.database());
            files.add(model);
            selected.set(model);
            model.start();
        }, error -> dialogs.error("Cannot connect to " + url, error instanceof PersistenceException
                ? error.getMessage() : "Unexpected error: " + error));
    }

    /** Asks for a file and opens it. */
    public void openChosen() {
        dialogs.chooseFile("Open a LeanSpec database").ifPresent(this::open);
    }

    /**
     * Opens several files (the command line, a drop): those that cannot be opened are said in one
     * dialog, each with why, once every file has been tried (five bad files gave five dialogs).
     */
    public void openAll(List<Path> paths) {
        if (paths.size() <= 1) {
            paths.forEach(this::open);
            return;
        }
        List<String> failed = new ArrayList<>();
        int[] left = {paths.size()};
        Runnable tried = () -> {
            if (--left[0] == 0 && !failed.isEmpty()) {
                dialogs.error(failed.size() == 1 ? "Cannot open a file" : "Cannot open " + failed.size() + " of " + paths.size() + " files",
                        String.join("\n\n", failed));
            }
        };
        for (Path file : paths) {
            open(file, tried, why -> {
                failed.add(why);
                tried.run();
            });
        }
    }

    /**
     * Opens a file; its kind comes from its schema, whatever its name. A file already open is
     * just selected. Never writes.
     */
    public void open(Path file) {
        open(file, () -> { }, why -> dialogs.error("Cannot open " + file.getFileName(), why));
    }

    /** Opens a file, then runs {@code opened}, or hands {@code failed} the sentence saying why not. */
    private void open(Path file, Runnable opened, Consumer<String> failed) {
        Path path = file.toAbsolutePath().normalize();
        for (OpenFileViewModel open : files) {
            if (open.file().filter(path::equals).isPresent()) {
                selected.set(open);
                opened.run();
                return;
            }
        }
        opener.submit(() -> MigrationService.detectKind(path), null, (Optional<DatabaseKind> kind) -> {
            if (kind.isEmpty()) {
                dialogs.notify("Not a LeanSpec database", path + " has no sessions table (sessions.db, leanspec.db) and no "
                        + "conversations table (chat.db, leanspec.db): its tables open read-only.");
            }
            OpenFileViewModel model = model(new Location.File(path), kind.orElse(null), path.getFileName().toString());
            // Its reads first: the worker starts on them while the FX thread builds the file's tab.
            model.start();
            files.add(model);
            selected.set(model);
            remember(path);
            opened.run();
        }, error -> {
            // A recent file that is gone is dropped from the list, not offered again.
            if (!Files.exists(path) && recent.contains(path)) {
                List<Path> next = new ArrayList<>(recent);
                next.remove(path);
                recent.setAll(next);
                settings.setRecentFiles(next);
            }
            failed.accept(error instanceof PersistenceException ? error.getMessage() : path + ": unexpected error: " + error);
        });
    }

    /** An open file's model with its two workers: one for its reads, one for its Health tab's check; both closed with it. */
    private OpenFileViewModel model(Location location, DatabaseKind kind, String name) {
        TaskRunner runner = runners.apply(name);
        TaskRunner checking = runners.apply("health-" + name);
        AutoCloseable onClose = () -> {
            for (TaskRunner worker : List.of(runner, checking)) {
                if (worker instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        };
        return new OpenFileViewModel(location, kind, runner, dialogs, settings, onClose, history::follow,
                new OpenFileViewModel.Checks(paths, checking, CHECK_PAUSE, this::repaired));
    }

    /**
     * After a Health tab's repair: the open files it changed are read again, and one it renamed
     * (a chat.db or sessions.db merged into leanspec.db, now {@code *.db.migrated}) is closed.
     */
    private void repaired(List<Path> changed) {
        for (OpenFileViewModel open : List.copyOf(files)) {
            open.file().ifPresent(path -> {
                if (!Files.exists(path)) {
                    close(open);
                } else if (changed.contains(path)) {
                    open.refresh();
                }
            });
        }
    }

    // ---- copy into PostgreSQL: a job in the background, shown in the status bar -----------------

    /** {@return what the running background job is doing, for the status bar; empty when none runs} */
    public ReadOnlyStringProperty jobProperty() {
        return job.getReadOnlyProperty();
    }

    /** {@return whether a background job (a copy into PostgreSQL) runs} */
    public ReadOnlyBooleanProperty jobRunningProperty() {
        return jobRunning.getReadOnlyProperty();
    }

    /** Whether the open tabs hold files a copy can take: a leanspec.db, or a sessions.db and/or chat.db. */
    public boolean hasFilesToCopy() {
        return !copySources().isEmpty();
    }

    /**
     * What File ▸ Copy to PostgreSQL… copies: the selected tab's leanspec.db, or else the open
     * sessions.db and chat.db files together (one database's worth, as LeanSpec consolidates them).
     */
    private List<Path> copySources() {
        OpenFileViewModel shown = selected.get();
        if (shown != null && shown.kind() == DatabaseKind.LEANSPEC && shown.file().isPresent()) {
            return List.of(shown.file().get());
        }
        return files.stream().filter(f -> f.kind() == DatabaseKind.SESSIONS || f.kind() == DatabaseKind.CHAT)
                .flatMap(f -> f.file().stream()).toList();
    }

    /**
     * Copies the open files into a PostgreSQL database the user names (the connect form), after
     * saying what will happen; optionally merging into one that already holds rows. It runs in
     * the background (the status bar shows its steps and a Cancel), then opens the database.
     */
    public void copyToPostgres() {
        List<Path> sources = copySources();
        if (sources.isEmpty()) {
            dialogs.error("Nothing to copy", "Open a leanspec.db, or a sessions.db and a chat.db (File ▸ Open…), then copy it.");
            return;
        }
        if (jobRunning.get()) {
            dialogs.error("A copy is running", "Wait for it, or cancel it in the status bar, before starting another.");
            return;
        }
        // First time: the database LeanSpec's config.json names, where a (postgres) file's rows were meant to go.
        PostgresUrl suggested = lastPostgres != null ? lastPostgres
                : paths.configuredPostgres().map(url -> url.withPassword("")).orElse(null);
        dialogs.askPostgres(suggested, ConnectViewModel.Purpose.COPY_INTO).ifPresent(url -> dialogs.confirmWithOption("Copy into PostgreSQL?",
                        "Copy " + String.join(" and ", sources.stream().map(p -> p.getFileName().toString()).toList()) + " into " + url,
                        describeCopy(sources, url), "Copy",
                        "Merge into a database that already holds rows: add what it lacks, overwrite nothing", false)
                .ifPresent(merge -> startCopy(sources, url, merge)));
    }

    static String describeCopy(List<Path> sources, PostgresUrl url) {
        StringBuilder text = new StringBuilder();
        sources.forEach(source -> text.append("From: ").append(source).append('\n'));
        text.append("To:   ").append(url).append(" (schema ").append(url.schema()).append(")\n\n");
        text.append("The files are only read. Every table is copied in one transaction and checked (row count and a checksum of every "
                + "value) before it commits: a failure or a cancel leaves the database as it was. A database that already holds "
                + "rows is refused unless you merge. No LeanSpec release reads PostgreSQL: this is for browsing and sharing a "
                + "team's sessions here.");
        return text.toString();
    }

    private void startCopy(List<Path> sources, PostgresUrl url, boolean merge) {
        ConsolidateOptions options = merge ? ConsolidateOptions.safe().withMerge() : ConsolidateOptions.safe();
        runJob("Copy into " + url.database(), Consolidation.of(sources, Location.of(url)), options, report -> {
            dialogs.notify("Copied into PostgreSQL", url + "\n" + String.join("\n", report.summary()));
            boolean shown = files.stream().anyMatch(f -> new Location.Server(url).equals(f.location()));
            open(url);
            if (shown) {
                refresh(); // the tab already open on it shows what the copy added
            }
        });
    }

    /**
     * Runs a consolidation or copy on its own worker, its steps in the status bar with a Cancel;
     * {@code done} gets its report, and a failure or a cancel is said in a dialog.
     */
    private void runJob(String label, Consolidation consolidation, ConsolidateOptions options, Consumer<ConsolidationReport> done) {
        TaskRunner worker = runners.apply("copy");
        Consolidation running = consolidation.withProgress(step -> worker.later(
                () -> job.set(label + ": " + Character.toLowerCase(step.charAt(0)) + step.substring(1) + "…")));
        stopJob = () -> {
            job.set(label + ": cancelling (undoing what it wrote)…");
            running.cancel();
        };
        jobRunning.set(true);
        job.set(label + ": starting…");
        // Cancel goes to the job itself (not the runner): its failure, CANCELLED, then comes back
        // here once its work is undone, so the status bar is true until then.
        worker.submit(() -> running.run(options), null, report -> {
            endJob(worker);
            done.accept(report);
        }, error -> {
            endJob(worker);
            if (error instanceof PersistenceException known && known.reason() == PersistenceException.Reason.CANCELLED) {
                dialogs.notify(label + ": cancelled", known.getMessage());
            } else {
                dialogs.error(label + " failed", error instanceof PersistenceException ? error.getMessage()
                        : "Unexpected error: " + error);
            }
        });
    }

    private void endJob(TaskRunner worker) {
        stopJob = null;
        jobRunning.set(false);
        job.set("");
        if (worker instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // A worker thread that will not close dies with the window.
            }
        }
    }

    /** Cancels the running background job; its end is reported when it has undone its work. */
    public void cancelJob() {
        Runnable stop = stopJob;
        if (stop != null) {
            stop.run();
        }
    }

    // ---- archive: every open file as pages any browser opens ------------------------------------

    /** Whether there is something to archive: a file open, or found at LeanSpec's default locations. */
    public boolean hasFilesToArchive() {
        return !archiveSources().isEmpty();
    }

    /** The open files and databases, or with none open, the files the default lookup found (leftovers aside). */
    private List<Archive.Source> archiveSources() {
        List<Archive.Source> open = files.stream().filter(f -> f.kind() != null && (f.kind().hasSessions() || f.kind().hasConversations()))
                .map(f -> new Archive.Source(f.location(), f.kind())).toList();
        if (!open.isEmpty()) {
            return open;
        }
        return found.stream().filter(f -> !f.isLeftover()).map(f -> new Archive.Source(Location.of(f.path()), f.kind())).toList();
    }

    /**
     * File ▸ Archive…: the sessions and conversations of the open files as a folder of pages any
     * browser opens, offline (the CLI's {@code archive}). Asks where and says what happens; runs
     * in the background with its progress and a Stop in the status bar; then offers to open it.
     */
    public void archive() {
        List<Archive.Source> sources = archiveSources();
        if (sources.isEmpty()) {
            dialogs.error("Nothing to archive", "Open a LeanSpec file (File ▸ Open…) first.");
            return;
        }
        if (jobRunning.get()) {
            dialogs.error("A job is running", "Wait for it, or cancel it in the status bar, before starting another.");
            return;
        }
        dialogs.chooseFolder("Archive into a folder: a new or empty one, or an earlier archive to bring up to date").ifPresent(dir ->
                dialogs.confirmWithOption("Archive?", "Archive " + sources.size() + (sources.size() == 1 ? " file" : " files") + " into " + dir,
                        describeArchive(sources, dir), "Archive", "Remove secrets: API keys, tokens, private keys and passwords "
                                + "(gitleaks' rules), and the home folder written as ~", false)
                        .ifPresent(redact -> startArchive(sources, dir, redact ? Redaction.of(paths.home()) : null)));
    }

    static String describeArchive(List<Archive.Source> sources, Path dir) {
        StringBuilder text = new StringBuilder();
        sources.forEach(source -> text.append("From: ").append(source.location().where()).append('\n'));
        text.append("To:   ").append(dir).append("\n\n");
        text.append("index.html lists every session and conversation by project, with a filter; each has its page (open in any "
                + "browser, offline: nothing is fetched from the web) and its Markdown, and sessions.jsonl and conversations.jsonl hold "
                + "the data. The files are only read. An earlier archive there is brought up to date: only what changed is written. "
                + "The new archive is written beside the folder and moved into place at the end: a stop or a failure leaves the "
                + "folder as it was.");
        return text.toString();
    }

    private void startArchive(List<Archive.Source> sources, Path dir, Redaction redaction) {
        TaskRunner worker = runners.apply("archive");
        String label = "Archive into " + dir.getFileName();
        AtomicBoolean stop = new AtomicBoolean();
        stopJob = () -> {
            job.set(label + ": stopping (the folder stays as it was)…");
            stop.set(true);
        };
        jobRunning.set(true);
        job.set(label + ": reading the files…");
        Archive.Progress progress = (done, total) -> {
            // A line a hundred pages, not one per page: 20,000 sessions would queue as many.
            if (done % 100 == 0 || done == total) {
                worker.later(() -> {
                    if (!stop.get()) {
                        job.set(String.format("%s: %,d of %,d…", label, done, total));
                    }
                });
            }
        };
        worker.submit(() -> Archive.write(new Archive.Options(sources, null, null, redaction), dir, progress, stop::get), null, result -> {
            endJob(worker);
            if (result.stopped()) {
                dialogs.notify(label + ": stopped", dir + " is as it was.");
            } else if (dialogs.ask("Archived", Archive.counts(result.sessions(), result.conversations()) + " into " + dir,
                    String.format("%s%s%nOpen %s in your browser?", result.changes(),
                            redaction == null || result.unchanged() ? "" : " Redacted: " + redaction.summary() + ".", result.index()),
                    "Open in Browser")) {
                dialogs.browse(result.index().toUri().toString());
            }
        }, error -> {
            endJob(worker);
            dialogs.error(label + " failed", error instanceof PersistenceException ? error.getMessage() : "Unexpected error: " + error);
        });
    }

    /**
     * Whether there are old files to consolidate: a sessions.db or chat.db open, or found at
     * LeanSpec's default locations (leftovers aside).
     */
    public boolean hasFilesToConsolidate() {
        return !consolidationSources().isEmpty();
    }

    private List<Path> consolidationSources() {
        List<Path> open = files.stream().filter(f -> f.kind() == DatabaseKind.SESSIONS || f.kind() == DatabaseKind.CHAT)
                .flatMap(f -> f.file().stream()).toList();
        if (!open.isEmpty()) {
            return open;
        }
        return found.stream().filter(f -> !f.isLeftover() && f.kind() != DatabaseKind.LEANSPEC).map(LeanSpecPaths.Found::path).toList();
    }

    /**
     * The upgrade to LeanSpec 0.2.25+: the open sessions.db and chat.db files (or, with none open,
     * those found at LeanSpec's default locations) into LeanSpec's leanspec.db. Shows what will be
     * carried over, asks (renaming the sources as LeanSpec does is the default), writes in the
     * background, then opens the result.
     */
    public void consolidate() {
        List<Path> sources = consolidationSources();
        if (sources.isEmpty()) {
            dialogs.error("Nothing to consolidate", "Open a sessions.db and a chat.db (File ▸ Open…) first.");
            return;
        }
        Path target = paths.configDir().resolve("leanspec.db");
        Consolidation consolidation = Consolidation.of(sources, Location.of(target));
        opener.submit(() -> consolidation.plan(ConsolidateOptions.safe()), null, plan -> {
            if (!plan.canRun()) {
                dialogs.error("Cannot consolidate into " + target.getFileName(), String.join("\n", plan.problems()));
                return;
            }
            dialogs.confirmWithOption("Consolidate into leanspec.db?", "Write " + plan.sources().size() + " file"
                                    + (plan.sources().size() == 1 ? "" : "s") + " into " + target + " for LeanSpec 0.2.25+",
                            describe(plan), "Consolidate",
                            "Afterwards rename the sources to *.db.migrated, as LeanSpec does, so that LeanSpec does not try to "
                                    + "import them again (its import fails on them and 0.2.28 may then exit at start)", true)
                    .ifPresent(rename -> runJob("Consolidate into " + target.getFileName(), consolidation,
                            new ConsolidateOptions(false, rename, false), report -> {
                                if (rename) {
                                    List.copyOf(files).stream().filter(f -> f.file().filter(sources::contains).isPresent()).forEach(this::close);
                                }
                                dialogs.notify("Consolidated", String.format("%,d rows into %s%s", report.added(), target,
                                        rename ? "; the sources were renamed *.db.migrated" : ""));
                                open(target);
                            }));
        }, error -> dialogs.error("Cannot consolidate", error.getMessage()));
    }

    static String describe(ConsolidationPlan plan) {
        StringBuilder text = new StringBuilder();
        for (ConsolidationPlan.Source source : plan.sources()) {
            text.append("From:  ").append(source.path()).append(" (").append(source.shape().label()).append(")\n");
        }
        text.append("To:  ").append(plan.target().where()).append(switch (plan.targetState()) {
            case MISSING -> " (new)";
            case EMPTY -> " (exists without a row, as LeanSpec's failed import leaves it: replaced)";
            case HAS_ROWS -> " (holds rows)";
        }).append("\n\n");
        // Two spaces or more between name and count: the dialog lays these lines out as a grid.
        plan.rows().forEach((table, rows) -> text.append(String.format("%s  %,d rows%n", table, rows)));
        if (!plan.orphans().isEmpty()) {
            text.append("\nOrphan rows (their session or conversation is gone) are carried over too: ")
                    .append(String.join(", ", plan.orphans().stream().map(o -> o.rows() + " in " + o.table()).toList())).append('\n');
        }
        text.append("\nThe sources are only read. The new file is written beside the target and checked (integrity, row counts, "
                + "every value) before it is moved into place: a failure leaves everything as it was. LeanSpec 0.2.28 starts on "
                + "it as it is; stop LeanSpec first.");
        return text.toString();
    }

    /** Writes fresh demo databases (legacy shapes, with pending migrations) and opens them. */
    public void openDemo() {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        Path dir = dataDir.resolve("demo").resolve(stamp);
        opener.submit(() -> DemoDatabases.write(dir), null, demo -> {
            open(demo.sessions());
            open(demo.chat());
        }, error -> dialogs.error("Cannot write the demo databases", error.getMessage()));
    }

    /** The search of every open file. */
    public SearchViewModel search() {
        return search;
    }

    /** Takes the window to a search's hit or a link, remembering it for Back. */
    public void follow(Link link) {
        history.follow(link);
    }

    /** Goes back to what was followed before (Alt+Left, the mouse's back button). */
    public void back() {
        history.back();
    }

    /** Goes forward again to what Back left (Alt+Right). */
    public void forward() {
        history.forward();
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return history.canGoBackProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return history.canGoForwardProperty();
    }

    /** Shows a link: its file's tab, then the place there. */
    private void show(Link link) {
        if (link instanceof Link.File(Location.File(Path path)) && files.stream().noneMatch(f -> f.location().equals(link.location()))) {
            open(path);
            return;
        }
        Optional<OpenFileViewModel> there = files.stream().filter(file -> file.location().equals(link.location())).findFirst();
        if (there.isEmpty()) {
            dialogs.notify("Cannot go there", link.location().name() + " is no longer open: open it again to go back to it.");
            return;
        }
        // A project's chats or sessions may be in another file (sessions.db beside chat.db): the
        // file itself when it holds them, else the first open file that does.
        Optional<OpenFileViewModel> holder = switch (link) {
            case Link.ProjectChats chats -> Stream.concat(there.stream(), files.stream())
                    .filter(file -> file.conversations().isPresent()).findFirst();
            case Link.ProjectSessions sessions -> Stream.concat(there.stream(), files.stream())
                    .filter(file -> file.sessions().isPresent()).findFirst();
            default -> there;
        };
        holder.ifPresentOrElse(file -> {
            selected.set(file);
            file.follow(link);
        }, () -> dialogs.notify("Cannot go there", link instanceof Link.ProjectChats
                ? "No open file holds chats: open LeanSpec's chat.db (LeanSpec 0.2.20–0.2.24) or leanspec.db to see this project's."
                : "No open file holds sessions: open LeanSpec's sessions.db (LeanSpec 0.2.20–0.2.24) or leanspec.db to see this project's."));
    }

    /** Closes a file's tab and its connection. */
    public void close(OpenFileViewModel file) {
        if (file == null) {
            return;
        }
        files.remove(file);
        search.forget(file.location());
        file.close();
        if (selected.get() == file) {
            selected.set(files.isEmpty() ? null : files.get(files.size() - 1));
        }
    }

    /** Help ▸ About: this build, the libraries it runs on, and where it keeps its files. */
    public void about() {
        dialogs.message("About LeanSpec Inspector", String.join("\n",
                "LeanSpec Inspector " + Cli.version(),
                "Inspect, migrate and browse LeanSpec's sessions.db, chat.db and leanspec.db.",
                "",
                "SQLite (sqlite-jdbc): " + sqliteVersion(),
                "Java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                "JavaFX: " + System.getProperty("javafx.runtime.version", "unknown"),
                "",
                "Settings: " + dataDir.resolve("settings.properties"),
                "Demo databases: " + dataDir.resolve("demo"),
                "LeanSpec's files looked for at: " + (paths == null ? "(not looked yet)" : String.join(", ",
                        Stream.of(DatabaseKind.values()).flatMap(k -> paths.candidates(k).stream()).map(Path::toString).distinct().toList()))));
    }

    /** Help ▸ Keyboard Shortcuts. */
    public void shortcuts() {
        dialogs.message("Keyboard Shortcuts", String.join("\n",
                "Ctrl+O        Open a file",
                "Ctrl+Shift+O  Connect to a PostgreSQL database",
                "Ctrl+W        Close the file",
                "Ctrl+Q        Quit",
                "F5            Refresh the file",
                "Ctrl+F        Find (the filter of the Sessions or Conversations tab)",
                "Ctrl+Shift+F  Search all open files",
                "Alt+Left      Back to what a search or a link opened before",
                "Alt+Right     Forward again",
                "Ctrl+Enter    SQL tab: run the statement at the caret",
                "Ctrl+Shift+E  SQL tab: explain the statement at the caret",
                "Ctrl+Space    SQL tab: complete a table or column name",
                "Enter         in a filter: apply now (filters also apply as you type)",
                "F1            The user guide",
                "Escape        Close a dialog or the user guide"));
    }

    /** Help ▸ User Guide: docs/user-guide.md, shown in the app (it is in the jar, so this works offline). */
    public void userGuide() {
        try (var in = MainViewModel.class.getResourceAsStream(USER_GUIDE)) {
            if (in == null) {
                dialogs.error("No user guide", "This build has no user guide inside it (" + USER_GUIDE + ").");
                return;
            }
            dialogs.document("LeanSpec Inspector — User Guide", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            dialogs.error("No user guide", "The user guide could not be read: " + e.getMessage());
        }
    }

    /** The guide Help shows: docs/user-guide.md, put in the jar by the build. */
    static final String USER_GUIDE = "/dev/leanspec/inspector/gui/user-guide.md";

    private static String sqliteVersion() {
        try {
            return SQLiteJDBCLoader.getVersion();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** F5: reads the selected file afresh. */
    public void refresh() {
        if (selected.get() != null) {
            selected.get().refresh();
        }
    }

    private void remember(Path path) {
        List<Path> next = new ArrayList<>(recent);
        next.remove(path);
        next.add(0, path);
        while (next.size() > Settings.MAX_RECENT) {
            next.remove(next.size() - 1);
        }
        recent.setAll(next);
        settings.setRecentFiles(next);
    }

    /** Closes every file (window closing). */
    public void closeAll() {
        new ArrayList<>(files).forEach(this::close);
        search.close();
    }
}
