package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.export.TableExport;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.PagedList;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.persistence.Location;
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
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;
import dev.leanspec.inspector.persistence.transcript.Transcript;
import dev.leanspec.inspector.persistence.transcript.TranscriptFolder;

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
    private static final int LOG_PAGE = 1_000;
    /** Log lines folded before the conversation is first shown: a screenful of entries, in a few ms. */
    private static final int FIRST_SCREEN_LINES = 250;

    private final Location file; // a SQLite file or a PostgreSQL database
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final WorkerResource<SessionStore> store; // used on the runner's thread only

    private final PagedList<SessionQuery, Session> sessions;
    private final ObservableList<String> statusFilter = FXCollections.observableArrayList();
    private final ObservableList<String> runnerFilter = FXCollections.observableArrayList();
    private final ObservableList<String> modeFilter = FXCollections.observableArrayList();
    private final ObservableList<String> runnerChoices = FXCollections.observableArrayList();
    private final ObservableList<String> projectChoices = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<SessionSort> sort = new SimpleObjectProperty<>(SessionSort.NEWEST_FIRST);

    private final ReadOnlyObjectWrapper<SessionDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SessionEvent> events = FXCollections.observableArrayList();
    private final ObservableList<SessionLog> logs = FXCollections.observableArrayList();
    private final ObservableList<String> logLevelFilter = FXCollections.observableArrayList();
    private final StringProperty logText = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper moreLogs = new ReadOnlyBooleanWrapper();
    private final ObservableList<Entry> transcript = FXCollections.observableArrayList();
    private final javafx.collections.transformation.FilteredList<Entry> shownTranscript = new javafx.collections.transformation.FilteredList<>(transcript);
    private final javafx.beans.property.BooleanProperty showMessages = new javafx.beans.property.SimpleBooleanProperty(true);
    private final javafx.beans.property.BooleanProperty showThoughts = new javafx.beans.property.SimpleBooleanProperty(true);
    private final javafx.beans.property.BooleanProperty showTools = new javafx.beans.property.SimpleBooleanProperty(true);
    private final javafx.beans.property.BooleanProperty showPlan = new javafx.beans.property.SimpleBooleanProperty(true);
    private final StringProperty transcriptText = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper acp = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper transcriptSummary = new ReadOnlyStringWrapper("");

    private static final int SUMMARY_BATCH = 10;
    private final javafx.collections.ObservableMap<String, SessionSummary> summaries = FXCollections.observableHashMap();
    private final java.util.Set<String> wantedSummaries = new java.util.LinkedHashSet<>();
    private boolean summarising;

    private PageKey nextLogs;
    private PageKey nextEvents;
    private long eventsTotal = -1;
    private final ReadOnlyBooleanWrapper moreEvents = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper eventsShown = new ReadOnlyStringWrapper("");
    private String selectedId; // set at once on selection; the detail arrives later
    /** Counts the user's selections of a session, so that the view can tell one from a later fold result. */
    private final javafx.beans.property.ReadOnlyIntegerWrapper selections = new javafx.beans.property.ReadOnlyIntegerWrapper();
    private final List<TaskRunner.Cancellable> folding = new java.util.ArrayList<>(); // the selected session's fold
    private boolean started;

    /** The selected session's conversation as LeanSpec's Messages tab showed it, filtered. */
    public ObservableList<Entry> transcript() {
        return shownTranscript;
    }

    public javafx.beans.property.BooleanProperty showMessagesProperty() {
        return showMessages;
    }

    public javafx.beans.property.BooleanProperty showThoughtsProperty() {
        return showThoughts;
    }

    public javafx.beans.property.BooleanProperty showToolsProperty() {
        return showTools;
    }

    public javafx.beans.property.BooleanProperty showPlanProperty() {
        return showPlan;
    }

    /** Finds text in messages, thoughts, tool names with their input and output, and plan steps. */
    public StringProperty transcriptTextProperty() {
        return transcriptText;
    }

    /**
     * Whether the selected session ran an ACP agent (its conversation is the way to read it): said
     * at once on selection when its row's summary is known, else when its log has been folded.
     */
    public ReadOnlyBooleanProperty acpProperty() {
        return acp.getReadOnlyProperty();
    }

    /** Changes each time a session is selected, after {@link #acpProperty} says what is known of it then. */
    public javafx.beans.property.ReadOnlyIntegerProperty selectionsProperty() {
        return selections.getReadOnlyProperty();
    }

    /** "9 entries from 16 log lines · plan 1/3 · running: read_file". */
    public ReadOnlyStringProperty transcriptSummaryProperty() {
        return transcriptSummary.getReadOnlyProperty();
    }

    /** The summary's words before the filters: "9 entries from 16 log lines · acp". */
    private String transcriptWords = "";

    /** Says the summary, with how many of the entries the filters and find box leave shown. */
    private void summariseTranscript(String words) {
        transcriptWords = words;
        int all = transcript.size();
        int shownNow = shownTranscript.size();
        boolean counted = !words.isEmpty() && Character.isDigit(words.charAt(0));
        transcriptSummary.set(counted && shownNow < all ? String.format("%,d of ", shownNow) + words : words);
    }

    private boolean shown(Entry entry) {
        boolean kind = switch (entry) {
            case Entry.Message m -> showMessages.get();
            case Entry.Thought t -> showThoughts.get();
            case Entry.ToolCall c -> showTools.get();
            case Entry.PermissionRequest r -> showTools.get();
            case Entry.Plan p -> showPlan.get();
            default -> showMessages.get();
        };
        String find = transcriptText.get() == null ? "" : transcriptText.get().strip().toLowerCase(java.util.Locale.ROOT);
        return kind && (find.isEmpty() || searchable(entry).toLowerCase(java.util.Locale.ROOT).contains(find));
    }

    private static String searchable(Entry entry) {
        return switch (entry) {
            case Entry.Message m -> m.text();
            case Entry.Thought t -> t.text();
            case Entry.ToolCall c -> c.title() + " " + c.input() + " " + c.output();
            case Entry.Plan p -> String.join(" ", p.entries().stream().map(Entry.PlanStep::title).toList());
            case Entry.PermissionRequest r -> r.tool() + " " + r.input();
            case Entry.ModeChange m -> m.mode();
            case Entry.Lifecycle l -> l.text();
            case Entry.Raw r -> r.text();
        };
    }

    public SessionsViewModel(Path file, TaskRunner runner, DialogService dialogs) {
        this(new Location.File(file), runner, dialogs);
    }

    /** The same on a file or a PostgreSQL database. */
    public SessionsViewModel(Location file, TaskRunner runner, DialogService dialogs) {
        this.file = file;
        this.store = new WorkerResource<>(() -> SessionStore.openReadOnly(file), SessionStore::cancel);
        this.runner = runner;
        this.dialogs = dialogs;
        this.sessions = new PagedList<>(runner, store::cancel, (query, request) -> shown().list(query, request),
                (query, position) -> store.get().keyBefore(query, position), query -> store.get().count(query), PAGE, "session", this::failed);
        javafx.beans.InvalidationListener refilter = o -> {
            shownTranscript.setPredicate(this::shown);
            summariseTranscript(transcriptWords);
        };
        for (javafx.beans.Observable filter : List.of(showMessages, showThoughts, showTools, showPlan, transcriptText)) {
            filter.addListener(refilter);
        }
    }

    // ---- state for the view --------------------------------------------------------------

    public ObservableList<Session> sessions() {
        return sessions.items();
    }

    /** The rows as pages, for the table's wiring (which rows are drawn, the selection across refreshes). */
    public PagedList<SessionQuery, Session> list() {
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
        return sessions.totalProperty();
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

    /** Loads the first page, then the filter choices. */
    /** Opens the file's store on the worker ahead of the first page (see {@code OpenFileViewModel.start()}). */
    public void prepare() {
        store.openAhead(runner);
    }

    public void start() {
        started = true;
        // The page first: the distinct projects of a million sessions take a second or more to read.
        reload();
        runner.submit(() -> List.of(store.get().runners(), store.get().projects()), store::cancel, choices -> {
            runnerChoices.setAll(choices.get(0));
            projectChoices.setAll(choices.get(1));
        }, this::failed);
    }

    /** Starts over from the first page with the current filters; the count follows in the background. */
    public void reload() {
        if (started) {
            sessions.reload(query()); // filters set up before the file is browsable must not query it
            summaries.clear();
        }
    }

    /**
     * What LeanSpec's list showed beside a session (protocol, active tool call, plan progress), or
     * null until it is read: asking for it queues the session, and rows in view are read in small
     * batches in the background, so a million-row list reads only what is drawn.
     */
    public SessionSummary summary(Session session) {
        SessionSummary known = summaries.get(session.id());
        if (known == null && wantedSummaries.add(session.id())) {
            if (wantedSummaries.size() > 4 * SUMMARY_BATCH) {
                // Scrolled past: rows no longer in view need not be read.
                wantedSummaries.remove(wantedSummaries.iterator().next());
            }
            readSummaries();
        }
        return known;
    }

    /** Summaries read so far (the view redraws its summary columns when this changes). */
    public javafx.collections.ObservableMap<String, SessionSummary> summaries() {
        return summaries;
    }

    private void readSummaries() {
        if (summarising || wantedSummaries.isEmpty()) {
            return;
        }
        summarising = true;
        List<String> batch = wantedSummaries.stream().limit(SUMMARY_BATCH).toList();
        runner.submit(() -> {
            java.util.Map<String, SessionSummary> read = new java.util.HashMap<>();
            for (String id : batch) {
                java.util.Map<String, String> metadata = store.get().get(id).map(SessionDetail::metadata).orElse(java.util.Map.of());
                read.put(id, SessionSummary.read(shown(), id, metadata));
            }
            return read;
        }, null, read -> {
            summarising = false;
            batch.forEach(wantedSummaries::remove);
            summaries.putAll(read);
            readSummaries();
        }, error -> {
            // A summary is a hint beside the row; the row and its detail still show. Not retried.
            summarising = false;
            batch.forEach(wantedSummaries::remove);
            batch.forEach(id -> summaries.put(id, new SessionSummary("?", java.util.Optional.empty(), java.util.Optional.empty())));
        });
    }




    /**
     * Shows only the sessions a dashboard's bar stands for: every filter cleared, then the given
     * ones set (null leaves a filter empty), and the list read again.
     *
     * @param status  a status, or null
     * @param runner  a runner, or null
     * @param mode    a mode, or null
     * @param project a project path, or null
     * @param text    a text to find (a session id, a spec), or null
     */
    public void showOnly(String status, String runner, String mode, String project, String text) {
        statusFilter.setAll(status == null ? List.of() : List.of(status));
        runnerFilter.setAll(runner == null ? List.of() : List.of(runner));
        modeFilter.setAll(mode == null ? List.of() : List.of(mode));
        this.project.set(project);
        this.text.set(text == null ? "" : text);
        reload();
    }

    /** Live refresh: reads as many rows as are loaded, keeping the table's place. */
    public void refreshInPlace() {
        sessions.refreshInPlace();
        summaries.clear(); // a running session's tool call and plan move on
    }

    /** Stops whatever query runs (a slow count, a page). */
    public void cancel() {
        sessions.cancel();
    }

    /**
     * Writes every row the filters match to {@code target} (CSV, or JSON for a .json name) in the
     * background, then says how many rows went.
     */
    public void export(Path target) {
        SessionQuery query = query();
        runner.submit(() -> TableExport.sessions(store.get(), query, target, TableExport.Format.forFile(target)), store::cancel,
                count -> dialogs.notify("Exported", String.format("%,d rows to %s", count, target)), this::failed);
    }

    /** Asks where to export, then exports. */
    public void exportChosen() {
        dialogs.chooseSaveFile("Export the filtered table (CSV, or .json)", "sessions.csv").ifPresent(this::export);
    }

    /** Shows a session's detail, its events and the first page of its logs. */
    public void select(Session session) {
        // The previous session's fold may still be reading: it is stopped, not left queued ahead.
        folding.forEach(TaskRunner.Cancellable::cancel);
        folding.clear();
        selectedId = session == null ? null : session.id();
        transcript.clear();
        // What the row's summary says of the protocol decides the tabs now, before the fold ends.
        SessionSummary known = session == null ? null : summaries.get(session.id());
        acp.set(known != null && "acp".equals(known.protocol()));
        summariseTranscript(session == null ? "" : "Reading the conversation…");
        selections.set(selections.get() + 1);
        if (session == null) {
            detail.set(null);
            events.clear();
            moreEvents.set(false);
            eventsShown.set("");
            logs.clear();
            return;
        }
        String id = session.id();
        // The detail first (one row): its metadata says the protocol by the time the conversation shows.
        runner.submit(() -> shown().get(id).orElse(null), store::cancel, detail::set, this::failed);
        // Folded on the worker, page by page, each line cut for display. A first small page is
        // shown at once (the first screen does not wait for 10,000 lines); the rest follows.
        TranscriptFolder folder = new TranscriptFolder();
        folding.add(runner.submit(() -> {
            folder.readNext(shown(), id, FIRST_SCREEN_LINES);
            return folder.snapshot();
        }, store::cancel, first -> showTranscript(id, first, false), this::failed));
        // A cancel between two pages finds no statement to interrupt: the loop asks the flag too.
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        folding.add(runner.submit(() -> {
            while (!stopped.get() && folder.readNext(shown(), id, LOG_PAGE * 4)) {
                // one page per call; the folder holds the entries, never the lines
            }
            return folder.finish();
        }, () -> {
            stopped.set(true);
            store.cancel();
        }, all -> showTranscript(id, all, true), this::failed));
        fetchEvents(id, PageRequest.first(LOG_PAGE), false);
        reloadLogs();
    }

    private void showTranscript(String id, Transcript folded, boolean complete) {
        if (!id.equals(selectedId)) {
            return;
        }
        SessionDetail known = detail.get();
        String protocol = folded.protocol(known == null ? java.util.Map.of() : known.metadata());
        // Entries the first page showed are replaced only where the rest changed them (a tool
        // call finished, a message grew): cells already drawn are not rebuilt.
        List<Entry> entries = folded.conversation();
        int kept = Math.min(transcript.size(), entries.size());
        for (int i = 0; i < kept; i++) {
            if (!transcript.get(i).equals(entries.get(i))) {
                transcript.set(i, entries.get(i));
            }
        }
        if (transcript.size() > entries.size()) {
            transcript.remove(entries.size(), transcript.size());
        } else {
            transcript.addAll(entries.subList(kept, entries.size()));
        }
        acp.set(protocol.equals("acp") || folded.acp());
        summariseTranscript(complete
                ? String.format("%,d entries from %,d log lines · %s", entries.size(), folded.lines(), protocol)
                        + folded.plan().map(p -> " · plan " + p.progress()).orElse("")
                        + folded.activeToolCall().map(c -> " · running: " + c.title()).orElse("")
                : String.format("Reading the conversation… %,d entries from the first %,d log lines", entries.size(), folded.lines()));
    }

    /** Appends the next page of events (a session with more than a page says so and pages on). */
    public void loadMoreEvents() {
        if (selectedId != null && nextEvents != null) {
            fetchEvents(selectedId, new PageRequest(LOG_PAGE, nextEvents), true);
        }
    }

    /** Whether events follow the ones shown. */
    public ReadOnlyBooleanProperty moreEventsProperty() {
        return moreEvents.getReadOnlyProperty();
    }

    /** "1,000 of 2,345 events" while more follow, "12 events" when all are shown. */
    public ReadOnlyStringProperty eventsShownProperty() {
        return eventsShown.getReadOnlyProperty();
    }

    private void fetchEvents(String id, PageRequest request, boolean append) {
        record Events(Page<SessionEvent> page, long total) {
        }
        long known = append ? eventsTotal : -1;
        runner.submit(() -> {
            Page<SessionEvent> page = shown().events(EventQuery.of(id), request);
            // Counted once, with the first page that has more behind it; later pages reuse it.
            long total = known >= 0 ? known : page.hasNext() ? shown().countEvents(EventQuery.of(id)) : page.items().size();
            return new Events(page, total);
        }, store::cancel, read -> {
            if (!id.equals(selectedId)) {
                return;
            }
            if (append) {
                events.addAll(read.page().items());
            } else {
                events.setAll(read.page().items());
            }
            nextEvents = read.page().next();
            eventsTotal = read.total();
            moreEvents.set(read.page().hasNext());
            eventsShown.set(read.page().hasNext()
                    ? String.format("%,d of %,d events", events.size(), read.total())
                    : String.format("%,d event%s", events.size(), events.size() == 1 ? "" : "s"));
        }, this::failed);
    }

    /** Reloads the selected session's logs with the level and text filters. */
    public void reloadLogs() {
        if (selectedId != null) {
            fetchLogs(PageRequest.first(LOG_PAGE), false);
        }
    }

    /** Appends the next page of log lines. */
    public void loadMoreLogs() {
        if (selectedId != null && nextLogs != null) {
            fetchLogs(new PageRequest(LOG_PAGE, nextLogs), true);
        }
    }

    private void fetchLogs(PageRequest request, boolean append) {
        LogQuery query = logQuery(selectedId);
        runner.submit(() -> shown().logs(query, request), store::cancel, (Page<SessionLog> page) -> {
            if (append) {
                logs.addAll(page.items());
            } else {
                logs.setAll(page.items());
            }
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
        runner.submit(() -> shown().lastLogs(id, LOG_PAGE), store::cancel, tail -> {
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
        dialogs.readFailed(file, error);
    }

    /** The schema changed under the store (a migration): the next read opens the file afresh. */
    public void reopen() {
        store.close(runner);
        reload();
    }

    @Override
    public void close() {
        cancel();
        store.close(runner);
    }

    /** The store as rows are shown: long text cut in SQL (export reads the full store). */
    private SessionStore shown() {
        return store.get().withTextLimit(Formats.SHOWN_TEXT_CHARS);
    }
}
