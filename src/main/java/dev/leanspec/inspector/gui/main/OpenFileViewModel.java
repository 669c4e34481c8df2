package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.chat.ConversationsViewModel;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.migrations.MigrationsViewModel;
import dev.leanspec.inspector.gui.sessions.SessionsViewModel;
import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrationService;

import java.nio.file.Path;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One open file: its migrations, and once it is at the newest version, its sessions or
 * conversations. All of its database work runs on its own {@link TaskRunner}.
 */
public final class OpenFileViewModel implements AutoCloseable {

    private final Path path;
    private final DatabaseKind kind;
    private final TaskRunner runner;
    private final MigrationService service;
    private final MigrationsViewModel migrations;
    private final SessionsViewModel sessions;
    private final ConversationsViewModel conversations;
    private final ReadOnlyBooleanWrapper browsable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
    private final AutoCloseable onClose;

    public OpenFileViewModel(Path path, DatabaseKind kind, TaskRunner runner, DialogService dialogs, AutoCloseable onClose) {
        this.path = path;
        this.kind = kind;
        this.runner = runner;
        this.onClose = onClose;
        this.service = MigrationService.of(path, kind);
        this.migrations = new MigrationsViewModel(service, runner, dialogs, this::statusChanged);
        this.sessions = kind == DatabaseKind.SESSIONS ? new SessionsViewModel(path, runner, dialogs) : null;
        this.conversations = kind == DatabaseKind.CHAT ? new ConversationsViewModel(path, runner, dialogs) : null;
    }

    public Path path() {
        return path;
    }

    public DatabaseKind kind() {
        return kind;
    }

    public String title() {
        return path.getFileName() + (path.getFileName().toString().equals(kind.fileName()) ? "" : " (" + kind.chain() + ")");
    }

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

    /** Whether the file is at the newest version, so its rows can be browsed. */
    public ReadOnlyBooleanProperty browsableProperty() {
        return browsable.getReadOnlyProperty();
    }

    /** Path, size, SQLite version, journal mode, shape and schema version, for the status bar. */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    /** Reads everything afresh (F5). */
    public void refresh() {
        migrations.refresh();
        if (browsable.get()) {
            reloadRows();
        }
    }

    private void statusChanged(DatabaseStatus status) {
        boolean wasBrowsable = browsable.get();
        browsable.set(status.isUpToDate());
        if (status.isUpToDate() && !wasBrowsable) {
            if (sessions != null) {
                sessions.start();
            } else {
                conversations.start();
            }
        }
        runner.submit(service::info, null, info -> statusLine.set(describe(info, status)), error -> statusLine.set(path.toString()));
    }

    private void reloadRows() {
        if (sessions != null) {
            sessions.reload();
        } else {
            conversations.reload();
        }
    }

    static String describe(DatabaseInfo info, DatabaseStatus status) {
        return String.format("%s   %s   SQLite %s   journal %s   %s   version %s of %s", info.path(),
                dev.leanspec.inspector.gui.common.Formats.bytes(info.sizeBytes()), info.sqliteVersion(), info.journalMode(),
                status.shape(), status.currentVersion() == null ? "none" : status.currentVersion(), status.latestVersion());
    }

    @Override
    public void close() {
        if (sessions != null) {
            sessions.close();
        }
        if (conversations != null) {
            conversations.close();
        }
        try {
            onClose.close();
        } catch (Exception e) {
            // Closing a worker cannot fail in a way the user could act on.
        }
    }
}
