package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.TaskRunner.Cancellable;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.LogLevel;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionEvent;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionSort;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import dev.leanspec.inspector.export.TableExport;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sessions of one file: filters, a table filled page by page as the user scrolls (keyset
 * pages: a million sessions open as fast as a hundred), a count that arrives later and never
 * blocks, and the selected session's detail, events and logs.
 */
public final class SessionsViewModel implements AutoCloseable {

    /** Rows per fetch: about two screens. */
    static final int PAGE = 200;

    private final Path file;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private SessionStore store; // used on the runner's thread only

    private final ObservableList<Session> sessions = FXCollections.observableArrayList();
    private final ObservableList<String> statusFilter = FXCollections.observableArrayList();
    private final ObservableList<String> runnerFilter = FXCollections.observableArrayList();
    private final ObservableList<String> modeFilter = FXCollections.observableArrayList();
    private final ObservableList<String> runnerChoices = FXCollections.observableArrayList();
    private final ObservableList<String> projectChoices = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<SessionSort> sort = new SimpleObjectProperty<>(SessionSort.NEWEST_FIRST);
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final javafx.beans.property.ReadOnlyIntegerWrapper refreshed = new javafx.beans.property.ReadOnlyIntegerWrapper();

    private final ReadOnlyObjectWrapper<SessionDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SessionEvent> events = FXCollections.observableArrayList();
    private final ObservableList<SessionLog> logs = FXCollections.observableArrayList();
    private final ObservableList<String> logLevelFilter = FXCollections.observableArrayList();
    private final StringProperty logText = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper moreLogs = new ReadOnlyBooleanWrapper();

    private PageKey next;
    private PageKey nextLogs;
    private String selectedId; // set at once on selection; the detail arrives later
    private int generation;
    private boolean started;
    private Cancellable pageTask = Cancellable.DONE;
    private Cancellable countTask = Cancellable.DONE;

    public SessionsViewModel(Path file, TaskRunner runner, DialogService dialogs) {
        this.file = file;
        this.runner = runner;
        this.dialogs = dialogs;
    }

    private SessionStore store() {
        if (store == null) {
            store = SessionStore.openReadOnly(file);
        }
        return store;
    }

    private void cancelStore() {
        SessionStore open = store;
        if (open != null) {
            open.cancel();
        }
    }

    // ---- state for the view --------------------------------------------------------------

    public ObservableList<Session> sessions() {
        return sessions;
    }

    /** Checked statuses; empty means all. */
    public ObservableList<String> statusFilter() {
        return statusFilter;
    }

    public ObservableList<String> runnerFilter() {
        return runnerFilter;
    }

    public ObservableList<String> modeFilter() {
        return modeFilter;
    }

    public List<String> statusChoices() {
        return SessionStatus.KNOWN.stream().map(SessionStatus::value).toList();
    }

    public List<String> modeChoices() {
        return SessionMode.KNOWN.stream().map(SessionMode::value).toList();
    }

    public ObservableList<String> runnerChoices() {
        return runnerChoices;
    }

    public ObservableList<String> projectChoices() {
        return projectChoices;
    }

    /** The project to show, or null/empty for all. */
    public StringProperty projectProperty() {
        return project;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<SessionSort> sortProperty() {
        return sort;
    }

    /** "1,234 sessions", or "counting…" while the count runs. */
    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SessionDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ObservableList<SessionEvent> events() {
        return events;
    }

    public ObservableList<SessionLog> logs() {
        return logs;
    }

    public ObservableList<String> logLevelFilter() {
        return logLevelFilter;
    }

    public List<String> logLevelChoices() {
        return LogLevel.KNOWN.stream().map(LogLevel::value).toList();
    }

    public StringProperty logTextProperty() {
        return logText;
    }

    public ReadOnlyBooleanProperty moreLogsProperty() {
        return moreLogs.getReadOnlyProperty();
    }

    /** Whether more pages follow the rows loaded so far. */
    public boolean hasMore() {
        return next != null;
    }

    // ---- actions -------------------------------------------------------------------------

    /** The query the filters describe. */
    public SessionQuery query() {
        String projectValue = project.get() == null || project.get().isBlank() ? null : project.get();
        String textValue = text.get() == null || text.get().isBlank() ? null : text.get().strip();
        return new SessionQuery(
                statusFilter.stream().map(SessionStatus::new).collect(Collectors.toSet()),
                new HashSet<>(runnerFilter),
                modeFilter.stream().map(SessionMode::new).collect(Collectors.toSet()),
                null, projectValue, textValue, sort.get());
    }

    /** Loads the filter choices and the first page. */
    public void start() {
        started = true;
        runner.submit(() -> List.of(store().runners(), store().projects()), this::cancelStore, choices -> {
            runnerChoices.setAll(choices.get(0));
            projectChoices.setAll(choices.get(1));
        }, this::failed);
        reload();
    }

    /** Starts over from the first page with the current filters; the count follows in the background. */
    public void reload() {
        if (!started) {
            return; // filters set up before the file is browsable must not query it
        }
        pageTask.cancel();
        countTask.cancel();
        int current = ++generation;
        SessionQuery query = query();
        loading.set(true);
        total.set("counting…");
        pageTask = runner.submit(() -> store().list(query, PageRequest.first(PAGE)), this::cancelStore, page -> {
            if (current != generation) {
                return;
            }
            loading.set(false);
            sessions.setAll(page.items());
            next = page.next();
            countTask = runner.submit(() -> store().count(query), this::cancelStore, count -> {
                if (current == generation) {
                    total.set(String.format("%,d session%s", count, count == 1 ? "" : "s"));
                }
            }, error -> total.set(""));
        }, this::failed);
    }

    /**
     * Live refresh: reads as many rows as are loaded now (so the table keeps its scroll
     * position) and selects the same row again.
     */
    public void refreshInPlace() {
        if (!started || loading.get()) {
            return;
        }
        int current = generation;
        SessionQuery query = query();
        int size = Math.min(PageRequest.MAX_SIZE, Math.max(PAGE, sessions.size()));
        runner.submit(() -> store().list(query, PageRequest.first(size)), this::cancelStore, page -> {
            if (current != generation) {
                return;
            }
            sessions.setAll(page.items());
            next = page.next();
            refreshed.set(refreshed.get() + 1);
        }, this::failed);
    }

    /** Counts completed in-place refreshes, so a view can restore its selection after each. */
    public javafx.beans.property.ReadOnlyIntegerProperty refreshedProperty() {
        return refreshed.getReadOnlyProperty();
    }

    /**
     * Writes every row the filters match to {@code target} (CSV, or JSON for a .json name) in the
     * background, then says how many rows went.
     */
    public void export(Path target) {
        SessionQuery query = query();
        runner.submit(() -> TableExport.sessions(store(), query, target, TableExport.Format.forFile(target)), this::cancelStore,
                count -> dialogs.notify("Exported", String.format("%,d rows to %s", count, target)), this::failed);
    }

    /** Asks where to export, then exports. */
    public void exportChosen() {
        dialogs.chooseSaveFile("Export the filtered table (CSV, or .json)", "sessions.csv").ifPresent(this::export);
    }

    /** Appends the next page, if there is one and none is loading. Called as the table nears its end. */
    public void loadMore() {
        if (next == null || loading.get()) {
            return;
        }
        int current = generation;
        SessionQuery query = query();
        PageRequest request = new PageRequest(PAGE, next);
        loading.set(true);
        pageTask = runner.submit(() -> store().list(query, request), this::cancelStore, (Page<Session> page) -> {
            if (current != generation) {
                return;
            }
            loading.set(false);
            sessions.addAll(page.items());
            next = page.next();
        }, this::failed);
    }

    /** Stops whatever query runs (a slow count, a page). */
    public void cancel() {
        pageTask.cancel();
        countTask.cancel();
        loading.set(false);
        if (total.get().equals("counting…")) {
            total.set("count cancelled");
        }
    }

    /** Shows a session's detail, its events and the first page of its logs. */
    public void select(Session session) {
        selectedId = session == null ? null : session.id();
        if (session == null) {
            detail.set(null);
            events.clear();
            logs.clear();
            return;
        }
        String id = session.id();
        runner.submit(() -> store().get(id).orElse(null), this::cancelStore, detail::set, this::failed);
        runner.submit(() -> store().events(EventQuery.of(id), PageRequest.first(1_000)).items(), this::cancelStore,
                events::setAll, this::failed);
        reloadLogs();
    }

    /** Reloads the selected session's logs with the level and text filters. */
    public void reloadLogs() {
        String id = selectedId;
        if (id == null) {
            return;
        }
        LogQuery query = logQuery(id);
        runner.submit(() -> store().logs(query, PageRequest.first(1_000)), this::cancelStore, (Page<SessionLog> page) -> {
            logs.setAll(page.items());
            nextLogs = page.next();
            moreLogs.set(page.hasNext());
        }, this::failed);
    }

    /** Appends the next page of log lines. */
    public void loadMoreLogs() {
        if (selectedId == null || nextLogs == null) {
            return;
        }
        LogQuery query = logQuery(selectedId);
        PageRequest request = new PageRequest(1_000, nextLogs);
        runner.submit(() -> store().logs(query, request), this::cancelStore, (Page<SessionLog> page) -> {
            logs.addAll(page.items());
            nextLogs = page.next();
            moreLogs.set(page.hasNext());
        }, this::failed);
    }

    /** Jumps to the newest log lines (a console's tail). */
    public void jumpToEnd() {
        String id = selectedId;
        if (id == null) {
            return;
        }
        runner.submit(() -> store().lastLogs(id, 1_000), this::cancelStore, tail -> {
            logs.setAll(tail);
            nextLogs = null;
            moreLogs.set(false);
        }, this::failed);
    }

    private LogQuery logQuery(String id) {
        Set<LogLevel> levels = logLevelFilter.stream().map(LogLevel::new).collect(Collectors.toSet());
        String find = logText.get() == null || logText.get().isBlank() ? null : logText.get();
        return new LogQuery(id, levels, find);
    }

    private void failed(Throwable error) {
        loading.set(false);
        if (error instanceof dev.leanspec.inspector.persistence.PersistenceException p
                && p.reason() == dev.leanspec.inspector.persistence.PersistenceException.Reason.CANCELLED) {
            return;
        }
        dialogs.error("Cannot read " + file.getFileName(), error.getMessage());
    }

    @Override
    public void close() {
        cancel();
        runner.submit(() -> {
            if (store != null) {
                store.close();
                store = null;
            }
            return null;
        }, null, ignored -> { }, ignored -> { });
    }
}
