package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.export.TableExport;
import dev.leanspec.inspector.gui.common.PagedList;
import dev.leanspec.inspector.persistence.Projects;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionSort;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.util.Duration;

/**
 * The sessions table and its filters: rows filled page by page as the user scrolls (keyset
 * pages: a million sessions open as fast as a hundred), a count that arrives later and never
 * blocks, and beside each row in view what LeanSpec's list showed (protocol, plan, active tool),
 * read once the rows have stayed in view for a moment.
 */
public final class SessionListViewModel {

    /** Rows per fetch: about two screens. */
    static final int PAGE = 200;
    private static final int SUMMARY_BATCH = 10;
    /** Summaries are read once the rows in view have stayed this long: not for rows a drag flies past. */
    private static final Duration SUMMARY_REST = Duration.millis(150);

    private final SessionReads reads;
    private final PagedList<SessionQuery, Session> sessions;
    private final ObservableList<String> statusFilter = FXCollections.observableArrayList();
    private final ObservableList<String> runnerFilter = FXCollections.observableArrayList();
    private final ObservableList<String> modeFilter = FXCollections.observableArrayList();
    private final ObservableList<String> runnerChoices = FXCollections.observableArrayList();
    private final ObservableList<String> projectChoices = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final StringProperty spec = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<SessionSort> sort = new SimpleObjectProperty<>(SessionSort.NEWEST_FIRST);
    private final ObservableMap<String, SessionSummary> summaries = FXCollections.observableHashMap();
    private final Set<String> wantedSummaries = new LinkedHashSet<>();
    private PauseTransition resting;
    private boolean summarising;
    private boolean started;

    SessionListViewModel(SessionReads reads) {
        this.reads = reads;
        this.sessions = new PagedList<>(reads.runner(), reads::cancel, (query, request) -> reads.shown().list(query, request),
                (query, position) -> reads.full().keyBefore(query, position), query -> reads.full().count(query), PAGE, "session",
                reads::failed);
    }

    public ObservableList<Session> sessions() {
        return sessions.items();
    }

    /** The rows as pages, for the table's wiring (which rows are drawn, the selection across refreshes). */
    public PagedList<SessionQuery, Session> pages() {
        return sessions;
    }

    /** Checked statuses; empty means all. */
    public ObservableList<String> statusFilter() {
        return statusFilter;
    }

    /** Checked runners; empty means all. */
    public ObservableList<String> runnerFilter() {
        return runnerFilter;
    }

    /** Checked modes; empty means all. */
    public ObservableList<String> modeFilter() {
        return modeFilter;
    }

    public List<String> statusChoices() {
        return SessionStatus.KNOWN.stream().map(SessionStatus::value).toList();
    }

    public List<String> modeChoices() {
        return SessionMode.KNOWN.stream().map(SessionMode::value).toList();
    }

    /** The file's runners, read after the first page. */
    public ObservableList<String> runnerChoices() {
        return runnerChoices;
    }

    /** The file's projects, read after the first page. */
    public ObservableList<String> projectChoices() {
        return projectChoices;
    }

    /** The project to show, or null/empty for all. */
    public StringProperty projectProperty() {
        return project;
    }

    /** The spec whose sessions to show (a link set it; the toolbar shows it with a way to clear it), or empty for all. */
    public StringProperty specProperty() {
        return spec;
    }

    /** Finds sessions whose id, project, spec, runner or prompt contains it; empty finds all. */
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

    /** The query the filters describe. */
    public SessionQuery query() {
        String projectValue = project.get() == null || project.get().isBlank() ? null : project.get();
        String specValue = spec.get() == null || spec.get().isBlank() ? null : spec.get();
        String textValue = text.get() == null || text.get().isBlank() ? null : text.get().strip();
        return new SessionQuery(
                statusFilter.stream().map(SessionStatus::new).collect(Collectors.toSet()),
                new HashSet<>(runnerFilter),
                modeFilter.stream().map(SessionMode::new).collect(Collectors.toSet()),
                specValue, projectValue, textValue, sort.get());
    }

    /** Reads the first page of the filters' query ahead, on the worker, if {@code readable} says it can be read there. */
    void readAhead(BooleanSupplier readable) {
        sessions.readAhead(query(), readable);
    }

    /** Loads the first page, then the filter choices. */
    void start() {
        started = true;
        // The page first: the distinct projects of a million sessions take a second or more to read.
        reload();
        reads.read(() -> List.of(reads.full().runners(), reads.full().projects()), choices -> {
            runnerChoices.setAll(choices.get(0));
            projectChoices.setAll(choices.get(1));
        });
    }

    /** Starts over from the first page with the current filters; the count follows in the background. */
    public void reload() {
        if (started) {
            sessions.reload(query()); // filters set up before the file is browsable must not query it
            summaries.clear();
        }
    }

    /**
     * Reads the list again only if the filters say something else than what it shows: a filter
     * the program set (a search's hit, a dashboard's click) was applied by what set it, and a
     * second reading would clear and restore the selection it made.
     */
    public void reloadIfChanged() {
        if (started && !query().equals(sessions.query())) {
            reload();
        }
    }

    /** Live refresh: reads as many rows as are loaded, keeping the table's place. */
    void refreshInPlace() {
        sessions.refreshInPlace();
        summaries.clear(); // a running session's tool call and plan move on
    }

    /** Stops whatever query runs (a slow count, a page). */
    public void cancel() {
        sessions.cancel();
    }

    /**
     * What {@link #showOnly} sets: each filter one value, or null to leave it empty.
     *
     * @param status  a status
     * @param runner  a runner
     * @param mode    a mode
     * @param project a project path
     * @param spec    a spec
     * @param text    a text to find (a session id)
     */
    public record Filters(String status, String runner, String mode, String project, String spec, String text) {
        /** Only the sessions whose id, project, spec, runner or prompt contains {@code text}. */
        public static Filters finding(String text) {
            return new Filters(null, null, null, null, null, text);
        }
    }

    /**
     * Shows only the sessions a dashboard's bar or a link stands for: every filter cleared, then
     * the given ones set, and the list read again.
     */
    public void showOnly(Filters filters) {
        statusFilter.setAll(filters.status() == null ? List.of() : List.of(filters.status()));
        runnerFilter.setAll(filters.runner() == null ? List.of() : List.of(filters.runner()));
        modeFilter.setAll(filters.mode() == null ? List.of() : List.of(filters.mode()));
        project.set(filters.project());
        spec.set(filters.spec() == null ? "" : filters.spec());
        text.set(filters.text() == null ? "" : filters.text());
        reload();
    }

    /**
     * Shows only the sessions run in a chat's project: the file's project folders are read on
     * the worker and matched to the id by LeanSpec's registry; the first that matches is shown
     * (the registry gives a project one folder; the name rule may give several).
     *
     * @param id       the conversation's project id
     * @param projects LeanSpec's project registry, read when called
     * @param told     told the folders that matched and the one shown (none: the list is empty, filtered by the id)
     */
    public void showProject(String id, Supplier<Projects> projects, BiConsumer<List<String>, String> told) {
        reads.read(() -> projects.get().foldersOf(id, reads.full().projects()), folders -> {
            // None: the list says so (no folder is the id), and what is told explains why.
            showOnly(new Filters(null, null, null, folders.isEmpty() ? id : folders.getFirst(), null, null));
            told.accept(folders, folders.isEmpty() ? null : folders.getFirst());
        });
    }

    /** Whether the filters are what {@code showOnly} sets for finding {@code text} alone. */
    boolean showsOnly(String text) {
        return started && query().equals(SessionQuery.all().withText(text).withSort(sort.get()));
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
            // Each read takes the worker (and a core of two) from the pages a drag needs next.
            if (resting == null) {
                resting = new PauseTransition(SUMMARY_REST);
                resting.setOnFinished(e -> readSummaries());
            }
            resting.playFromStart();
        }
        return known;
    }

    /** A session's summary if it has been read, else null; asks for nothing. */
    SessionSummary knownSummary(String id) {
        return summaries.get(id);
    }

    /** Summaries read so far (the view redraws its summary columns when this changes). */
    public ObservableMap<String, SessionSummary> summaries() {
        return summaries;
    }

    private void readSummaries() {
        if (summarising || wantedSummaries.isEmpty()) {
            return;
        }
        summarising = true;
        List<String> batch = wantedSummaries.stream().limit(SUMMARY_BATCH).toList();
        reads.runner().submit(() -> {
            Map<String, SessionSummary> read = new HashMap<>();
            for (String id : batch) {
                Map<String, String> metadata = reads.full().get(id).map(SessionDetail::metadata).orElse(Map.of());
                read.put(id, SessionSummary.read(reads.shown(), id, metadata));
            }
            return read;
        }, null, read -> {
            summarising = false;
            batch.forEach(wantedSummaries::remove);
            summaries.putAll(read);
            if (resting.getStatus() != Animation.Status.RUNNING) {
                readSummaries();  // else the rows are still moving: read once they rest
            }
        }, error -> {
            // A summary is a hint beside the row; the row and its detail still show. Not retried.
            summarising = false;
            batch.forEach(wantedSummaries::remove);
            batch.forEach(id -> summaries.put(id, new SessionSummary("?", Optional.empty(), Optional.empty())));
        });
    }

    /**
     * Writes every row the filters match to {@code target} (CSV, or JSON for a .json name) in the
     * background, then says how many rows went.
     */
    public void export(Path target) {
        SessionQuery query = query();
        reads.read(() -> TableExport.sessions(reads.full(), query, target, TableExport.Format.forFile(target)),
                count -> reads.dialogs().notify("Exported", String.format("%,d rows to %s", count, target)));
    }

    /** Asks where to export, then exports. */
    public void exportChosen() {
        reads.dialogs().chooseSaveFile("Export the filtered table (CSV, or .json)", "sessions.csv").ifPresent(this::export);
    }
}
