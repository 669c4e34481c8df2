package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.sessions.LogLevel;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionLog;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Logs tab: the selected session's log lines as a console, filtered by level and text, a page at a time. */
public final class LogsTabViewModel implements SessionTab {

    private final SessionReads reads;
    private final ObservableList<SessionLog> logs = FXCollections.observableArrayList();
    private final ObservableList<String> levelFilter = FXCollections.observableArrayList();
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper focus = new ReadOnlyLongWrapper(-1);
    private String selectedId;
    private PageKey next;
    /** A search's hit to start from when its session is shown: the session's id and the line's; null when none. */
    private String startSession;
    private long startLine = -1;

    LogsTabViewModel(SessionReads reads) {
        this.reads = reads;
    }

    public ObservableList<SessionLog> logs() {
        return logs;
    }

    /** Checked levels; empty means all. */
    public ObservableList<String> levelFilter() {
        return levelFilter;
    }

    public List<String> levelChoices() {
        return LogLevel.KNOWN.stream().map(LogLevel::value).toList();
    }

    /** Keeps only the lines containing it, ignoring case; empty keeps all. */
    public StringProperty textProperty() {
        return text;
    }

    /** Whether lines follow the ones loaded. */
    public ReadOnlyBooleanProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    /**
     * The line to select and scroll to once it is shown (a search's hit), or -1: the view selects
     * it when it arrives.
     */
    public ReadOnlyLongProperty focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /**
     * While {@code sessionId} is the session shown, starts its lines at {@code logId} (a search's
     * hit in its output) instead of at the first, and focuses that line, until another session is
     * shown; the lines before it are a reload away, as the tail is.
     */
    void startAt(String sessionId, long logId) {
        startSession = sessionId;
        startLine = logId;
        if (sessionId.equals(selectedId)) {
            show(sessionId);
        }
    }

    @Override
    public void show(Session session) {
        if (session == null) {
            selectedId = null;
            logs.clear();
            more.set(false);
            return;
        }
        show(session.id());
    }

    private void show(String sessionId) {
        selectedId = sessionId;
        // Kept while its session is the one shown: the list's reload after a search selects the
        // row again (through no selection), and the hit must survive that.
        if (sessionId.equals(startSession)) {
            focus.set(startLine);
            // The page after the line before it: a keyset page starting at the hit.
            fetch(new PageRequest(SessionsViewModel.DETAIL_PAGE, PageKey.of(startLine - 1)), false);
            return;
        }
        startSession = null;
        focus.set(-1);
        reload();
    }

    /** Reads the selected session's lines again from the first, with the level and text filters. */
    public void reload() {
        if (selectedId != null) {
            fetch(PageRequest.first(SessionsViewModel.DETAIL_PAGE), false);
        }
    }

    /** Appends the next page of lines. */
    public void loadMore() {
        if (selectedId != null && next != null) {
            fetch(new PageRequest(SessionsViewModel.DETAIL_PAGE, next), true);
        }
    }

    /** Shows the newest lines (a console's tail). */
    public void jumpToEnd() {
        String id = selectedId;
        if (id == null) {
            return;
        }
        reads.read(() -> reads.shown().lastLogs(id, SessionsViewModel.DETAIL_PAGE), tail -> {
            logs.setAll(tail);
            next = null;
            more.set(false);
        });
    }

    private void fetch(PageRequest request, boolean append) {
        String id = selectedId;
        LogQuery query = query(id);
        reads.read(() -> reads.shown().logs(query, request), (Page<SessionLog> page) -> {
            if (!id.equals(selectedId)) {
                return;
            }
            if (append) {
                logs.addAll(page.items());
            } else {
                logs.setAll(page.items());
            }
            next = page.next();
            more.set(page.hasNext());
        });
    }

    private LogQuery query(String id) {
        Set<LogLevel> levels = levelFilter.stream().map(LogLevel::new).collect(Collectors.toSet());
        String find = text.get() == null || text.get().isBlank() ? null : text.get();
        return new LogQuery(id, levels, find);
    }
}
