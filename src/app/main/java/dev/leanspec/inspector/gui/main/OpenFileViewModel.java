package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.chat.ConversationsViewModel;
import dev.leanspec.inspector.gui.common.Browser;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.console.ConsoleViewModel;
import dev.leanspec.inspector.gui.dashboard.DashboardViewModel;
import dev.leanspec.inspector.gui.health.HealthViewModel;
import dev.leanspec.inspector.gui.migrations.MigrationsViewModel;
import dev.leanspec.inspector.gui.runners.RunnersViewModel;
import dev.leanspec.inspector.gui.schema.SchemaViewModel;
import dev.leanspec.inspector.gui.sessions.SessionListViewModel;
import dev.leanspec.inspector.gui.sessions.SessionsViewModel;
import dev.leanspec.inspector.gui.tables.TablesViewModel;
import dev.leanspec.inspector.persistence.ChangeWatch;
import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecDatabase;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.Projects;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.search.SearchHit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One open file: its migrations, its sessions, conversations and runners (whichever its kind
 * holds, browsed read-only in whatever known shape it has: no migration needed), and its raw
 * tables. A file of no known kind gets the tables only. All of its database work runs on its own
 * {@link TaskRunner}.
 */
public final class OpenFileViewModel implements AutoCloseable {

    private final Location location;
    private final DatabaseKind kind;
    private final TaskRunner runner;
    private final FileTabs tabs;
    private final TablesViewModel tables;
    private final ConsoleViewModel console;
    private final SchemaViewModel schema;
    private final ReadOnlyIntegerWrapper showSessions = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper shownTab = new ReadOnlyStringWrapper();
    /** The shape and version the browsers' stores were opened on; a change means they must reopen. */
    private String browsedSchema;
    private final BooleanProperty live = new SimpleBooleanProperty();
    private ChangeWatch watch; // used on the runner's thread only
    private final DialogService dialogs;
    private final ReadOnlyBooleanWrapper browsable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
    private final AutoCloseable onClose;
    private final Consumer<Link> links;
    private final Checks checks;
    private boolean checked;

    /**
     * Where the Health tab's check looks and runs.
     *
     * @param paths  LeanSpec's folders on this machine: its lookup finds the files checked with this one
     * @param runner the check's own worker (it reads every row of a big file: the file's worker must not wait behind it)
     * @param pause  how long after the file's first rows are read the first check starts: while the
     *               window draws them (figure 8e, launch to first rows, ~1.2 s), a check took a core from it
     * @param repaired told the files a repair changed or renamed (a merged chat.db), so that the window
     *               reads them again or closes them; null to read this file again
     */
    public record Checks(LeanSpecPaths paths, TaskRunner runner, java.time.Duration pause, Consumer<List<Path>> repaired) {
    }

    /** A file whose links are followed in it, remembered nowhere; its check runs on its worker. */
    public OpenFileViewModel(Path path, DatabaseKind kind, TaskRunner runner, DialogService dialogs, AutoCloseable onClose) {
        this(new Location.File(path), kind, runner, dialogs, Settings.inMemory(), onClose, null, new Checks(LeanSpecPaths.current(), runner, java.time.Duration.ZERO, null));
    }

    /**
     * A file or a PostgreSQL database. On PostgreSQL the LeanSpec tabs (migrations, sessions,
     * conversations, runners, dashboard) work the same; the Tables, Schema and SQL tabs are
     * SQLite's tools and are not offered.
     *
     * @param kind  what the file holds, or null for a file of no known kind (its tables only)
     * @param links where its views' links go (the window's history, which calls {@link #follow}
     *              back); null to follow them here directly
     * @param checks where the Health tab's check looks and runs
     */
    public OpenFileViewModel(Location location, DatabaseKind kind, TaskRunner runner, DialogService dialogs, Settings settings,
                             AutoCloseable onClose, Consumer<Link> links, Checks checks) {
        this.links = links != null ? links : this::follow;
        this.checks = checks;
        this.location = location;
        this.kind = kind;
        this.runner = runner;
        this.dialogs = dialogs;
        this.onClose = onClose;
        this.tabs = kind == null ? new FileTabs.TablesOnly() : leanSpecTabs();
        this.tables = new TablesViewModel(location, kind, runner, dialogs, this.links);
        this.console = new ConsoleViewModel(location, runner, dialogs, settings);
        this.schema = new SchemaViewModel(location, runner, dialogs);
        live.addListener((o, was, on) -> watchFromNow(on));
    }

    /** The kind's tabs, each made once: whichever browsers it holds, and a dashboard that drills into the sessions. */
    private FileTabs.LeanSpec leanSpecTabs() {
        MigrationService service = LeanSpecDatabase.at(location, kind).migrations();
        MigrationsViewModel migrations = new MigrationsViewModel(service, runner, dialogs, this::statusChanged);
        List<Browser> browsers = new ArrayList<>();
        SessionsViewModel sessions = kind.hasSessions() ? new SessionsViewModel(location, runner, dialogs, this.links) : null;
        if (sessions != null) {
            browsers.add(sessions);
        }
        if (kind.hasConversations()) {
            browsers.add(new ConversationsViewModel(location, runner, dialogs, this.links));
        }
        if (kind == DatabaseKind.LEANSPEC) {
            browsers.add(new RunnersViewModel(location, runner, dialogs, this.links));
        }
        DashboardViewModel dashboard = new DashboardViewModel(location, kind.hasSessions(), kind.hasConversations(), runner, dialogs, to -> {
            if (sessions != null) {
                sessions.list().showOnly(new SessionListViewModel.Filters(to.status(), to.runner(), to.mode(), to.project(), null, to.text()));
                showSessions.set(showSessions.get() + 1);
            }
        });
        HealthViewModel health = new HealthViewModel(location, kind, checks.paths(), checks.runner(), dialogs, this.links,
                checks.repaired() != null ? checks.repaired() : changed -> refresh());
        return new FileTabs.LeanSpec(service, migrations, browsers, dashboard, health);
    }

    /** {@return what the file's kind gives it beyond its tables} */
    public FileTabs tabs() {
        return tabs;
    }

    /** {@return the sessions' and chats' figures; empty for a file of no known kind} */
    public Optional<DashboardViewModel> dashboard() {
        return tabs instanceof FileTabs.LeanSpec known ? Optional.of(known.dashboard()) : Optional.empty();
    }

    /**
     * Shows a search's hit or a link in the tab that browses it: a session (at the matching
     * entry), a conversation, a runner, or the list narrowed to a spec, project or runner. A
     * runner in a file with no Runners tab (sessions.db) lists the sessions it ran.
     *
     * @param link a place in this file
     */
    public void follow(Link link) {
        switch (link) {
            case Link.Hit(SearchHit hit, List<String> terms) -> {
                switch (hit.kind()) {
                    case SESSION -> showSession(hit.id(), hit.logId(), hit.where(), terms);
                    case CONVERSATION -> showConversation(hit.id());
                    case RUNNER -> showRunner(hit.id(), null);
                }
            }
            case Link.Session session -> showSession(session.id(), -1, "session", List.of());
            case Link.Conversation conversation -> showConversation(conversation.id());
            case Link.Runner named -> showRunner(named.id(), named.project());
            case Link.Sessions list -> showSessions(list.spec(), list.project(), list.runner());
            case Link.ProjectChats chats -> conversations().ifPresent(browser -> {
                browser.showProjectOf(chats.folder(), this::projects);
                requestTab("tab-conversations");
            });
            case Link.ProjectSessions project -> sessions().ifPresent(browser -> {
                browser.list().showProject(project.project(), this::projects, (folders, chosen) -> {
                    if (folders.isEmpty()) {
                        dialogs.notify("No sessions of " + project.project(), "None of the sessions in " + location.name()
                                + " ran in a folder of project " + project.project() + " (LeanSpec's projects.json names each project's folder).");
                    } else if (folders.size() > 1) {
                        dialogs.notify("Project " + project.project() + " ran in " + folders.size() + " folders",
                                "Showing the sessions of " + chosen + "; the others: " + String.join(", ", folders.subList(1, folders.size()))
                                        + ". The Project filter of the Sessions tab shows each.");
                    }
                });
                requestTab("tab-sessions");
            });
            case Link.File whole -> { } // its tab is the place
            case Link.Query query -> {
                console.show(query.sql());
                requestTab("tab-sql");
            }
        }
    }

    private void showSession(String id, long logId, String where, List<String> terms) {
        sessions().ifPresent(browser -> {
            browser.reveal(id, logId, where, terms);
            requestTab("tab-sessions");
        });
    }

    private void showConversation(String id) {
        conversations().ifPresent(browser -> {
            browser.reveal(id);
            requestTab("tab-conversations");
        });
    }

    private void showRunner(String id, String project) {
        runners().ifPresentOrElse(browser -> {
            browser.reveal(id, project);
            requestTab("tab-runners");
        }, () -> showSessions(null, null, id));
    }

    private void showSessions(String spec, String project, String runner) {
        sessions().ifPresent(browser -> {
            browser.list().showOnly(new SessionListViewModel.Filters(null, runner, null, project, spec, null));
            requestTab("tab-sessions");
        });
    }

    /** LeanSpec's project registry, read when a project link is followed (on the worker: it is a file). */
    private Projects projects() {
        return Projects.read(checks.paths());
    }

    private void requestTab(String id) {
        shownTab.set(null);
        shownTab.set(id);
    }

    /** The id of the tab a hit asked to show (set again for each request), or null. */
    public ReadOnlyStringProperty shownTabProperty() {
        return shownTab.getReadOnlyProperty();
    }

    /** Counts requests to show the Sessions tab (a dashboard's click), so the view can switch to it. */
    public ReadOnlyIntegerProperty showSessionsProperty() {
        return showSessions.getReadOnlyProperty();
    }

    /** The file's structure: objects, DDL, pragmas, sizes (SQLite's; not offered on PostgreSQL). */
    public SchemaViewModel schema() {
        return schema;
    }

    /** The read-only SQL console of the file or database. */
    public ConsoleViewModel console() {
        return console;
    }

    /** Starts reading: the status of a LeanSpec file, or just the settings of any other. */
    public void start() {
        // By instanceof, not a switch over the types: a type switch spins a class at its first run, on the way to the first rows.
        if (tabs instanceof FileTabs.LeanSpec known) {
            known.migrations().refresh();
            // The first rows wait for the status, then for the FX thread to ask for them once it
            // has laid out the file's tabs (~0.35 s on the first file): meanwhile the worker opens
            // the store and reads them, if the status (read again there: ~1 ms, warm) says they
            // can be read. Launch to first rows: see docs/performance.md, figure 8e.
            known.browsers().stream().findFirst().ifPresent(browser -> browser.prepare(() -> known.service().status().isBrowsable()));
        } else {
            // Only a file can be of no known kind: a PostgreSQL database is opened as a leanspec.db.
            file().ifPresent(path -> runner.submit(() -> DatabaseInfo.of(path), null,
                    info -> statusLine.set(describe(info, "not a LeanSpec database: tables only")), error -> statusLine.set(path.toString())));
        }
    }

    /** {@return the file, or empty for a PostgreSQL database} */
    public Optional<Path> file() {
        return location instanceof Location.File file ? Optional.of(file.path()) : Optional.empty();
    }

    /** {@return where the database is: a file or a PostgreSQL database} */
    public Location location() {
        return location;
    }

    /** {@return what it holds; null for a file of no known kind} */
    public DatabaseKind kind() {
        return kind;
    }

    public String title() {
        if (!(location instanceof Location.File(Path path))) {
            return location.name();
        }
        if (kind == null) {
            return path.getFileName() + " (tables)";
        }
        return path.getFileName() + (path.getFileName().toString().equals(kind.fileName()) ? "" : " (" + kind.chain() + ")");
    }

    /** The raw tables of the file or database. */
    public TablesViewModel tables() {
        return tables;
    }

    /** Opt-in: re-read the rows when LeanSpec commits to the file (checked by {@link #checkForChanges()}). */
    public BooleanProperty liveProperty() {
        return live;
    }

    /**
     * When live refresh is on, asks SQLite whether anything was committed since the last look,
     * and if so refreshes in place (keeping the loaded rows and the selection).
     */
    public void checkForChanges() {
        if (!live.get()) {
            return;
        }
        runner.submit(() -> {
            if (watch == null) {
                watch = ChangeWatch.open(file().orElseThrow());
                return true; // no baseline yet: read afresh rather than miss a write
            }
            return watch.changed();
        }, null, changed -> {
            if (changed) {
                refreshInPlace();
            }
        }, this::liveFailed);
    }

    /** Takes the baseline the moment live refresh is turned on, so a write in its first tick is seen. */
    private void watchFromNow(boolean on) {
        if (!on) {
            return;
        }
        if (!(location instanceof Location.File(Path path))) {
            // SQLite's data_version says when another connection committed; PostgreSQL has no such counter.
            live.set(false);
            dialogs.notify("Live refresh", "Live refresh follows SQLite files. Press F5 to read " + location.name() + " afresh.");
            return;
        }
        runner.submit(() -> {
            if (watch == null) {
                watch = ChangeWatch.open(path);
            } else {
                watch.changed(); // a fresh baseline: what changed while it was off is read by the refresh below
            }
            return true;
        }, null, ready -> refreshInPlace(), this::liveFailed);
    }

    /** Live refresh cannot go on (the file went away, or is locked): it turns off, and says why. */
    private void liveFailed(Throwable error) {
        live.set(false);
        dialogs.error("Live refresh stopped", "Live refresh of " + location.name() + " stopped: "
                + (error instanceof PersistenceException known ? known.getMessage() : String.valueOf(error))
                + "\nTurn it on again in View ▸ Live Refresh once the file can be read.");
    }

    private void refreshInPlace() {
        migrations().ifPresent(MigrationsViewModel::refresh);
        if (browsable.get()) {
            tabs.browsers().forEach(Browser::refreshInPlace);
        }
    }

    /** {@return what {@code doctor} finds in the file; empty for a file of no known kind} */
    public Optional<HealthViewModel> health() {
        return tabs instanceof FileTabs.LeanSpec known ? Optional.of(known.health()) : Optional.empty();
    }

    /** {@return the migrations of the file; empty for a file of no known kind} */
    public Optional<MigrationsViewModel> migrations() {
        return tabs instanceof FileTabs.LeanSpec known ? Optional.of(known.migrations()) : Optional.empty();
    }

    /** {@return the sessions browser; empty for a chat file and a file of no known kind} */
    public Optional<SessionsViewModel> sessions() {
        return browser(SessionsViewModel.class);
    }

    /** {@return the conversations browser; empty for a sessions file and a file of no known kind} */
    public Optional<ConversationsViewModel> conversations() {
        return browser(ConversationsViewModel.class);
    }

    /** {@return the runners of a leanspec.db; empty for other kinds} */
    public Optional<RunnersViewModel> runners() {
        return browser(RunnersViewModel.class);
    }

    private <B extends Browser> Optional<B> browser(Class<B> type) {
        return tabs.browsers().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Whether the file has a known shape, so its rows can be browsed (as they are; no migration needed). */
    public ReadOnlyBooleanProperty browsableProperty() {
        return browsable.getReadOnlyProperty();
    }

    /** Path, size, SQLite version, journal mode, shape and schema version, for the status bar. */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    /** Reads everything afresh (F5). */
    public void refresh() {
        migrations().ifPresent(MigrationsViewModel::refresh);
        if (browsable.get()) {
            tabs.browsers().forEach(Browser::reload);
        }
        tables.refresh();
    }

    private void statusChanged(DatabaseStatus status) {
        boolean wasBrowsable = browsable.get();
        boolean nowBrowsable = status.isBrowsable();
        String schema = status.shape() + "@" + status.currentVersion();
        if (wasBrowsable && nowBrowsable && !schema.equals(browsedSchema)) {
            // Migrated under the browsers: their stores read the old columns; open the file afresh.
            tabs.browsers().forEach(Browser::reopen);
        }
        browsedSchema = schema;
        browsable.set(nowBrowsable);
        if (nowBrowsable && !wasBrowsable) {
            tabs.browsers().forEach(Browser::start);
        }
        if (!checked && tabs instanceof FileTabs.LeanSpec known) {
            checked = true;
            // Once the worker has read what the window asked first (the status, the first rows):
            // the check, on its own worker, then takes no core from them.
            runner.submit(() -> null, null, ready -> known.health().checkAfter(checks.pause()), error -> { });
        }
        // An unversioned file has no version of ours: its schema matches one, which adoption records.
        String shape = status.shape() + "   " + (status.needsAdoption()
                ? "unversioned (its schema is version " + status.currentVersion() + " of " + status.latestVersion() + ")"
                : "version " + (status.currentVersion() == null ? "none" : status.currentVersion()) + " of " + status.latestVersion());
        if (location instanceof Location.File(Path path) && tabs instanceof FileTabs.LeanSpec known) {
            runner.submit(known.service()::info, null, info -> statusLine.set(describe(info, shape)), error -> statusLine.set(path.toString()));
        } else {
            statusLine.set(location.where() + "   PostgreSQL   " + shape);
        }
    }

    static String describe(DatabaseInfo info, String shape) {
        return String.format("%s   %s   SQLite %s   journal %s   %s%s", info.path(),
                Formats.bytes(info.sizeBytes()), info.sqliteVersion(), info.journalMode(), shape,
                info.snapshot() ? "   read as a snapshot: its folder cannot be written" : "");
    }

    @Override
    public void close() {
        tabs.browsers().forEach(Browser::close);
        console.close();
        tables.close();
        schema.close();
        dashboard().ifPresent(DashboardViewModel::close);
        health().ifPresent(HealthViewModel::close);
        runner.submit(() -> {
            if (watch != null) {
                watch.close();
            }
            return null;
        }, null, ignored -> { }, ignored -> { });
        try {
            onClose.close();
        } catch (Exception e) {
            // Closing a worker cannot fail in a way the user could act on.
        }
    }
}
