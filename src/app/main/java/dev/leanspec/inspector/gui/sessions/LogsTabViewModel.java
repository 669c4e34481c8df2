package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.sessions.LogLevel;
import dev.leanspec.inspector.persistence.sessions.LogQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionLog;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
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
    private final StringProperty highlight = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper focus = new ReadOnlyLongWrapper(-1);
    private String selectedId;
    private PageKey next;
    /** A search's hit to start from when its session is shown: the session's id and the line's; null when none. */
    private String startSession;
    private long startLine = -1;
    private List<String> startTerms = List.of();

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

    /** What the Find box highlights among the lines loaded; a search's hit sets it to the words it matched. */
    public StringProperty highlightProperty() {
        return highlight;
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
     * hit in its output: the first line of the block of output that matched) instead of at the
     * first, and focuses the line of that block that holds every term (else the longest one;
     * else the block's first line), the longest term highlighted, until another session is
     * shown; the lines before it are a reload away, as the tail is.
     *
     * @param terms the words searched for, lower-cased; empty to focus {@code logId} itself
     */
    void startAt(String sessionId, long logId, List<String> terms) {
        startSession = sessionId;
        startLine = logId;
        startTerms = List.copyOf(terms);
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
            longest(startTerms).ifPresent(highlight::set);
            // The page after the line before it: a keyset page starting at the hit.
            fetch(new PageRequest(SessionsViewModel.DETAIL_PAGE, PageKey.of(startLine - 1)), false, startLine, startTerms);
            return;
        }
        startSession = null;
        focus.set(-1);
        reload();
    }

    /** Reads the selected session's lines again from the first, with the level and text filters. */
    public void reload() {
        if (selectedId != null) {
            fetch(PageRequest.first(SessionsViewModel.DETAIL_PAGE), false, -1, List.of());
        }
    }

    /** Appends the next page of lines. */
    public void loadMore() {
        if (selectedId != null && next != null) {
            fetch(new PageRequest(SessionsViewModel.DETAIL_PAGE, next), true, -1, List.of());
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

    /**
     * Reads a page of lines; for a search's hit, then focuses {@code line}, or the first line from
     * it on that holds all of {@code terms} (else the longest): an output block's words are on
     * one of its lines, and the index keeps only the block's first.
     */
    private void fetch(PageRequest request, boolean append, long line, List<String> terms) {
        String id = selectedId;
        LogQuery query = query(id);
        reads.read(() -> reads.shown().logs(query, request), (Page<SessionLog> page) -> {
            if (!id.equals(selectedId)) {
                return;
            }
            if (line >= 0) {
                List<SessionLog> from = page.items().stream().filter(log -> log.id() >= line).toList();
                Predicate<SessionLog> all = log -> !terms.isEmpty() && terms.stream().allMatch(lower(log)::contains);
                Predicate<SessionLog> longest = log -> longest(terms).filter(lower(log)::contains).isPresent();
                focus.set(from.stream().filter(all).findFirst().or(() -> from.stream().filter(longest).findFirst())
                        .map(SessionLog::id).orElse(line));
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

    private static String lower(SessionLog log) {
        return log.message().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> longest(List<String> terms) {
        return terms.stream().max(Comparator.comparingInt(String::length));
    }

    private LogQuery query(String id) {
        Set<LogLevel> levels = levelFilter.stream().map(LogLevel::new).collect(Collectors.toSet());
        String find = text.get() == null || text.get().isBlank() ? null : text.get();
        return new LogQuery(id, levels, find);
    }
}
