package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;
import dev.leanspec.inspector.persistence.transcript.Transcript;
import dev.leanspec.inspector.persistence.transcript.TranscriptFolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Conversation tab: the selected session's log folded into what LeanSpec's Messages tab
 * showed (messages, thoughts, tool calls, permission requests, the plan), filtered by kind and
 * by a find box. A first screenful is folded at once, the rest after it, both on the worker.
 */
public final class ConversationTabViewModel implements SessionTab {

    /** Log lines folded before the conversation is first shown: a screenful of entries, in a few ms. */
    private static final int FIRST_SCREEN_LINES = 250;

    private final SessionReads reads;
    private final ReadOnlyObjectProperty<SessionDetail> detail;
    private final Function<String, SessionSummary> knownSummary;
    private final ObservableList<Entry> transcript = FXCollections.observableArrayList();
    private final FilteredList<Entry> shownTranscript = new FilteredList<>(transcript);
    private final BooleanProperty showMessages = new SimpleBooleanProperty(true);
    private final BooleanProperty showThoughts = new SimpleBooleanProperty(true);
    private final BooleanProperty showTools = new SimpleBooleanProperty(true);
    private final BooleanProperty showPlan = new SimpleBooleanProperty(true);
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper acp = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    /** Counts the user's selections of a session, so that the view can tell one from a later fold result. */
    private final ReadOnlyIntegerWrapper selections = new ReadOnlyIntegerWrapper();
    private final List<TaskRunner.Cancellable> folding = new ArrayList<>(); // the selected session's fold
    /** The log line of the entry a search matched, to scroll to and select; -1 for none. */
    private final ReadOnlyLongWrapper highlight = new ReadOnlyLongWrapper(-1);

    /** The summary's words before the filters: "9 entries from 16 log lines · acp". */
    private String words = "";
    private String selectedId;

    /**
     * @param detail       the selected session's detail, whose metadata may name its protocol
     * @param knownSummary a session's row summary if the list has read it, else null
     */
    ConversationTabViewModel(SessionReads reads, ReadOnlyObjectProperty<SessionDetail> detail,
                             Function<String, SessionSummary> knownSummary) {
        this.reads = reads;
        this.detail = detail;
        this.knownSummary = knownSummary;
        InvalidationListener refilter = o -> {
            shownTranscript.setPredicate(this::shown);
            summarise(words);
        };
        for (Observable filter : List.of(showMessages, showThoughts, showTools, showPlan, text)) {
            filter.addListener(refilter);
        }
    }

    /** The entries the filters and the find box leave shown. */
    public ObservableList<Entry> transcript() {
        return shownTranscript;
    }

    public BooleanProperty showMessagesProperty() {
        return showMessages;
    }

    public BooleanProperty showThoughtsProperty() {
        return showThoughts;
    }

    public BooleanProperty showToolsProperty() {
        return showTools;
    }

    public BooleanProperty showPlanProperty() {
        return showPlan;
    }

    /** Finds text in messages, thoughts, tool names with their input and output, and plan steps. */
    public StringProperty textProperty() {
        return text;
    }

    /**
     * Whether the selected session ran an ACP agent (its conversation is the way to read it): said
     * at once on selection when its row's summary is known, else when its log has been folded.
     */
    public ReadOnlyBooleanProperty acpProperty() {
        return acp.getReadOnlyProperty();
    }

    /** Changes each time a session is selected, after {@link #acpProperty} says what is known of it then. */
    public ReadOnlyIntegerProperty selectionsProperty() {
        return selections.getReadOnlyProperty();
    }

    /** "9 entries from 16 log lines · plan 1/3 · running: read_file". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** {@return the log line of the entry a search matched, -1 for none} */
    public ReadOnlyLongProperty highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    /** Asks the view to scroll to the entry starting at {@code logId} once it is folded; -1 for none. */
    void highlight(long logId) {
        highlight.set(logId);
    }

    @Override
    public void show(Session session) {
        // The previous session's fold may still be reading: it is stopped, not left queued ahead.
        folding.forEach(TaskRunner.Cancellable::cancel);
        folding.clear();
        selectedId = session == null ? null : session.id();
        transcript.clear();
        // What the row's summary says of the protocol decides the tabs now, before the fold ends.
        SessionSummary known = session == null ? null : knownSummary.apply(session.id());
        acp.set(known != null && "acp".equals(known.protocol()));
        summarise(session == null ? "" : "Reading the conversation…");
        selections.set(selections.get() + 1);
        if (session == null) {
            return;
        }
        String id = session.id();
        // Folded on the worker, page by page, each line cut for display. A first small page is
        // shown at once (the first screen does not wait for 10,000 lines); the rest follows.
        TranscriptFolder folder = new TranscriptFolder();
        folding.add(reads.read(() -> {
            folder.readNext(reads.shown(), id, FIRST_SCREEN_LINES);
            return folder.snapshot();
        }, first -> show(id, first, false)));
        // A cancel between two pages finds no statement to interrupt: the loop asks the flag too.
        AtomicBoolean stopped = new AtomicBoolean();
        folding.add(reads.read(() -> {
            while (!stopped.get() && folder.readNext(reads.shown(), id, SessionsViewModel.DETAIL_PAGE * 4)) {
                // one page per call; the folder holds the entries, never the lines
            }
            return folder.finish();
        }, () -> stopped.set(true), all -> show(id, all, true)));
    }

    private void show(String id, Transcript folded, boolean complete) {
        if (!id.equals(selectedId)) {
            return;
        }
        SessionDetail known = detail.get();
        String protocol = folded.protocol(known == null ? Map.of() : known.metadata());
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
        summarise(complete
                ? String.format("%,d entries from %,d log lines · %s", entries.size(), folded.lines(), protocol)
                        + folded.plan().map(p -> " · plan " + p.progress()).orElse("")
                        + folded.activeToolCall().map(c -> " · running: " + c.title()).orElse("")
                : String.format("Reading the conversation… %,d entries from the first %,d log lines", entries.size(), folded.lines()));
    }

    /** Says the summary, with how many of the entries the filters and find box leave shown. */
    private void summarise(String words) {
        this.words = words;
        int all = transcript.size();
        int shownNow = shownTranscript.size();
        boolean counted = !words.isEmpty() && Character.isDigit(words.charAt(0));
        summary.set(counted && shownNow < all ? String.format("%,d of ", shownNow) + words : words);
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
        String find = text.get() == null ? "" : text.get().strip().toLowerCase(Locale.ROOT);
        return kind && (find.isEmpty() || searchable(entry).toLowerCase(Locale.ROOT).contains(find));
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
}
