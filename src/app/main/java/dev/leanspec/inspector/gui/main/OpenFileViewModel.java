package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.chat.ConversationsViewModel;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.migrations.MigrationsViewModel;
import dev.leanspec.inspector.gui.runners.RunnersViewModel;
import dev.leanspec.inspector.gui.sessions.SessionsViewModel;
import dev.leanspec.inspector.gui.console.ConsoleViewModel;
import dev.leanspec.inspector.gui.schema.SchemaViewModel;
import dev.leanspec.inspector.gui.dashboard.DashboardViewModel;
import dev.leanspec.inspector.gui.tables.TablesViewModel;
import dev.leanspec.inspector.persistence.ChangeWatch;
import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecDatabase;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrationService;

import java.nio.file.Path;
import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

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
    private final MigrationService service;
    private final MigrationsViewModel migrations;
    private final SessionsViewModel sessions;
    private final ConversationsViewModel conversations;
    private final RunnersViewModel runners;
    private final TablesViewModel tables;
    private final ConsoleViewModel console;
    private final SchemaViewModel schema;
    private final DashboardViewModel dashboard;
    private final javafx.beans.property.ReadOnlyIntegerWrapper showSessions = new javafx.beans.property.ReadOnlyIntegerWrapper();
    /** The shape and version the browsers' stores were opened on; a change means they must reopen. */
    private String browsedSchema;
    private final javafx.beans.property.BooleanProperty live = new javafx.beans.property.SimpleBooleanProperty();
    private ChangeWatch watch; // used on the runner's thread only
    private final DialogService dialogs;
    private final ReadOnlyBooleanWrapper browsable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
    private final AutoCloseable onClose;

    public OpenFileViewModel(Path path, DatabaseKind kind, TaskRunner runner, DialogService dialogs, AutoCloseable onClose) {
        this(path, kind, runner, dialogs, Settings.inMemory(), onClose);
    }

    public OpenFileViewModel(Path path, DatabaseKind kind, TaskRunner runner, DialogService dialogs, Settings settings,
                             AutoCloseable onClose) {
        this(new Location.File(path), kind, runner, dialogs, settings, onClose);
    }

    /**
     * A file or a PostgreSQL database. On PostgreSQL the LeanSpec tabs (migrations, sessions,
     * conversations, runners, dashboard) work the same; the Tables, Schema and SQL tabs are
     * SQLite's tools and are not offered.
     */
    public OpenFileViewModel(Location location, DatabaseKind kind, TaskRunner runner, DialogService dialogs, Settings settings,
                             AutoCloseable onClose) {
        this.location = location;
        this.kind = kind;
        this.runner = runner;
        this.onClose = onClose;
        this.service = kind == null ? null : LeanSpecDatabase.at(location, kind).migrations();
        this.migrations = kind == null ? null : new MigrationsViewModel(service, runner, dialogs, this::statusChanged);
        this.sessions = kind != null && kind.hasSessions() ? new SessionsViewModel(location, runner, dialogs) : null;
        this.conversations = kind != null && kind.hasConversations() ? new ConversationsViewModel(location, runner, dialogs) : null;
        this.runners = kind == DatabaseKind.LEANSPEC ? new RunnersViewModel(location, runner, dialogs) : null;
        this.tables = new TablesViewModel(location, runner, dialogs);
        this.console = new ConsoleViewModel(location, runner, dialogs, settings);
        this.schema = new SchemaViewModel(location, runner, dialogs);
        this.dashboard = sessions == null && conversations == null ? null
                : new DashboardViewModel(location, sessions != null, conversations != null, runner, dialogs, to -> {
                    if (sessions != null) {
                        sessions.showOnly(to.status(), to.runner(), to.mode(), to.project(), to.text());
                        showSessions.set(showSessions.get() + 1);
                    }
                });
        this.dialogs = dialogs;
        live.addListener((o, was, on) -> watchFromNow(on));
    }

    /** The sessions' and chats' figures; null for a file of no known kind. */
    public DashboardViewModel dashboard() {
        return dashboard;
    }

    /** Counts requests to show the Sessions tab (a dashboard's click), so the view can switch to it. */
    public javafx.beans.property.ReadOnlyIntegerProperty showSessionsProperty() {
        return showSessions.getReadOnlyProperty();
    }

    /** The file's structure: objects, DDL, pragmas, sizes; null on PostgreSQL. */
    public SchemaViewModel schema() {
        return schema;
    }

    /** The read-only SQL console of the file or database. */
    public ConsoleViewModel console() {
        return console;
    }

    /** Starts reading: the status of a LeanSpec file, or just the settings of any other. */
    public void start() {
        if (migrations != null) {
            migrations.refresh();
            // The first rows wait for the status, then for the FX thread to ask for them while
            // it builds the file's tabs: meanwhile the worker opens the store they are read from
            // (~0.1 s on a small file, cold) instead of idling.
            if (sessions != null) {
                sessions.prepare();
            } else if (conversations != null) {
                conversations.prepare();
            }
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
    public javafx.beans.property.BooleanProperty liveProperty() {
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
                + (error instanceof dev.leanspec.inspector.persistence.PersistenceException known ? known.getMessage() : String.valueOf(error))
                + "\nTurn it on again in View ▸ Live Refresh once the file can be read.");
    }

    private void refreshInPlace() {
        if (migrations != null) {
            migrations.refresh();
        }
        if (browsable.get() && sessions != null) {
            sessions.refreshInPlace();
        }
        if (browsable.get() && conversations != null) {
            conversations.refreshInPlace();
        }
    }

    /** The migrations of the file; null for a file of no known kind. */
    public MigrationsViewModel migrations() {
        return migrations;
    }

    /** The sessions browser; null for a chat file. */
    public SessionsViewModel sessions() {
        return sessions;
    }

    /** The conversations browser; null for a sessions file. */
    public ConversationsViewModel conversations() {
        return conversations;
    }

    /** The runners of a leanspec.db; null for other kinds. */
    public RunnersViewModel runners() {
        return runners;
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
        if (migrations != null) {
            migrations.refresh();
        }
        if (browsable.get()) {
            reloadRows();
        }
        if (tables != null) {
            tables.refresh();
        }
    }

    private void statusChanged(DatabaseStatus status) {
        boolean wasBrowsable = browsable.get();
        boolean nowBrowsable = status.isBrowsable();
        String schema = status.shape() + "@" + status.currentVersion();
        if (wasBrowsable && nowBrowsable && !schema.equals(browsedSchema)) {
            // Migrated under the browsers: their stores read the old columns; open the file afresh.
            forEachBrowser(SessionsViewModel::reopen, ConversationsViewModel::reopen, RunnersViewModel::reopen);
        }
        browsedSchema = schema;
        browsable.set(nowBrowsable);
        if (nowBrowsable && !wasBrowsable) {
            forEachBrowser(SessionsViewModel::start, ConversationsViewModel::start, RunnersViewModel::reload);
        }
        // An unversioned file has no version of ours: its schema matches one, which adoption records.
        String shape = status.shape() + "   " + (status.needsAdoption()
                ? "unversioned (its schema is version " + status.currentVersion() + " of " + status.latestVersion() + ")"
                : "version " + (status.currentVersion() == null ? "none" : status.currentVersion()) + " of " + status.latestVersion());
        if (location instanceof Location.File(Path path)) {
            runner.submit(service::info, null, info -> statusLine.set(describe(info, shape)), error -> statusLine.set(path.toString()));
        } else {
            statusLine.set(location.where() + "   PostgreSQL   " + shape);
        }
    }

    private void reloadRows() {
        forEachBrowser(SessionsViewModel::reload, ConversationsViewModel::reload, RunnersViewModel::reload);
    }

    private void forEachBrowser(java.util.function.Consumer<SessionsViewModel> onSessions,
                                java.util.function.Consumer<ConversationsViewModel> onConversations,
                                java.util.function.Consumer<RunnersViewModel> onRunners) {
        if (sessions != null) {
            onSessions.accept(sessions);
        }
        if (conversations != null) {
            onConversations.accept(conversations);
        }
        if (runners != null) {
            onRunners.accept(runners);
        }
    }

    static String describe(DatabaseInfo info, String shape) {
        return String.format("%s   %s   SQLite %s   journal %s   %s%s", info.path(),
                dev.leanspec.inspector.gui.common.Formats.bytes(info.sizeBytes()), info.sqliteVersion(), info.journalMode(), shape,
                info.snapshot() ? "   read as a snapshot: its folder cannot be written" : "");
    }

    @Override
    public void close() {
        if (sessions != null) {
            sessions.close();
        }
        if (conversations != null) {
            conversations.close();
        }
        if (runners != null) {
            runners.close();
        }
        console.close();
        tables.close();
        schema.close();
        if (dashboard != null) {
            dashboard.close();
        }
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
