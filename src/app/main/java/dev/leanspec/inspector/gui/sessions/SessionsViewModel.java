package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.export.Redaction;
import dev.leanspec.inspector.export.SessionTranscript;
import dev.leanspec.inspector.gui.common.Browser;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.TranscriptExportViewModel;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.sessions.Session;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The Sessions screen of one file: the list with its filters, and a tab per part of the selected
 * session (Details, Conversation, Events, Logs), each with its own model. They share one
 * read-only store on the file's worker; selecting a session tells each tab which one.
 */
public final class SessionsViewModel implements Browser {

    /** Log lines and events per fetch in a session's tabs. */
    static final int DETAIL_PAGE = 1_000;

    private final SessionReads reads;
    private final SessionListViewModel list;
    private final DetailsTabViewModel details;
    private final ConversationTabViewModel conversation;
    private final EventsTabViewModel events;
    private final LogsTabViewModel logs;
    private final TranscriptExportViewModel export;
    /** In the order their reads are queued on a selection: the one-row detail before the long fold. */
    private final List<SessionTab> tabs;

    /**
     * The sessions of a file or a PostgreSQL database.
     *
     * @param links where a session's links (its runner, specs, project) are followed
     */
    public SessionsViewModel(Location location, TaskRunner runner, DialogService dialogs, Consumer<Link> links) {
        this.reads = new SessionReads(location, runner, dialogs, links);
        this.list = new SessionListViewModel(reads);
        this.details = new DetailsTabViewModel(reads);
        this.conversation = new ConversationTabViewModel(reads, details.detailProperty(), list::knownSummary);
        this.events = new EventsTabViewModel(reads);
        this.logs = new LogsTabViewModel(reads);
        this.tabs = List.of(details, conversation, events, logs);
        this.export = new TranscriptExportViewModel("session", runner, reads::cancel, reads::failed, dialogs,
                (id, format, redaction) -> SessionTranscript.read(reads.full(), id)
                        .map(t -> Redaction.apply(redaction, t)).map(format::write));
    }

    /** Export… and Copy as Markdown of the selected session (on its Conversation and Logs tabs). */
    public TranscriptExportViewModel export() {
        return export;
    }

    /** The table and its filters. */
    public SessionListViewModel list() {
        return list;
    }

    public DetailsTabViewModel details() {
        return details;
    }

    public ConversationTabViewModel conversation() {
        return conversation;
    }

    public EventsTabViewModel events() {
        return events;
    }

    public LogsTabViewModel logs() {
        return logs;
    }

    /**
     * What a search asked to show: a session, the log line its match starts at (or -1), and
     * which tab shows the match.
     */
    public record Reveal(String id, long logId, String tab) {
    }

    private final ReadOnlyObjectWrapper<Reveal> reveal = new ReadOnlyObjectWrapper<>();

    /**
     * Shows one session (a search's hit): the list narrowed to its id (the find box says so, and
     * clearing it brings the rest back), then, once its row is read, the view selects it and turns
     * to the tab where the match is, the Conversation scrolled to the matching entry.
     *
     * @param where what matched (see {@code SearchHit.where})
     * @param terms the words searched for, lower-cased (a hit in the output: its line is the one
     *              that holds them); empty for none
     */
    public void reveal(String id, long logId, String where, List<String> terms) {
        String tab = switch (where) {
            case "event" -> "tab-events";
            case "output" -> "tab-logs";
            case "message", "thought", "tool call", "plan", "permission", "mode", "lifecycle" -> "tab-conversation";
            case "prompt" -> logId >= 0 ? "tab-conversation" : "tab-details";
            default -> "tab-details";
        };
        conversation.highlight(logId);
        if (tab.equals("tab-logs") && logId >= 0) {
            logs.startAt(id, logId, terms);
        }
        if (tab.equals("tab-events") && logId >= 0) {
            events.startAt(id, logId);  // an event's hit carries the event's id
        }
        // Reading the list again when it shows just this session would clear and restore its
        // selection, and the tabs would read it again: shown already, it is only revealed.
        boolean shown = list.showsOnly(id);
        reveal.set(null);
        reveal.set(new Reveal(id, logId, tab));
        if (!shown) {
            list.showOnly(SessionListViewModel.Filters.finding(id));
        }
    }

    /** The session a search asked to show, until the view has shown it; null otherwise. */
    public ReadOnlyObjectProperty<Reveal> revealProperty() {
        return reveal.getReadOnlyProperty();
    }

    /** The view has shown what {@link #revealProperty()} asked. */
    public void revealed() {
        reveal.set(null);
    }

    /** Shows {@code session} in every tab, or clears them for null. */
    public void select(Session session) {
        tabs.forEach(tab -> tab.show(session));
        export.select(session == null ? null : session.id());
    }

    @Override
    public void prepare(BooleanSupplier readable) {
        reads.prepare();
        list.readAhead(readable);
    }

    @Override
    public void start() {
        list.start();
    }

    @Override
    public void reload() {
        list.reload();
    }

    @Override
    public void refreshInPlace() {
        list.refreshInPlace();
    }

    @Override
    public void reopen() {
        reads.close();
        list.reload();
    }

    /** Stops whatever query runs (a slow count, a page). */
    public void cancel() {
        list.cancel();
    }

    @Override
    public void close() {
        cancel();
        reads.close();
    }
}
