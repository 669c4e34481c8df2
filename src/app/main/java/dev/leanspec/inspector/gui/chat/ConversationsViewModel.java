package dev.leanspec.inspector.gui.chat;

import dev.leanspec.inspector.gui.common.Browser;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.TranscriptExportViewModel;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.gui.common.PagedList;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.Projects;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.chat.SyncMetadata;

import dev.leanspec.inspector.export.ConversationTranscript;
import dev.leanspec.inspector.export.Redaction;
import dev.leanspec.inspector.export.TableExport;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
 * The conversations of one file (filtered, paged as the user scrolls, counted in the background)
 * and the selected conversation's transcript with its sync state.
 */
public final class ConversationsViewModel implements Browser {

    static final int PAGE = 200;

    /** Archived filter choices. */
    public enum Archived { ALL, ACTIVE, ARCHIVED }

    private final Location file; // a SQLite file or a PostgreSQL database
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Consumer<Link> links;
    private final WorkerResource<ChatStore> store; // used on the runner's thread only

    private final PagedList<ConversationQuery, Conversation> conversations;
    private final ObservableList<String> projectChoices = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<Archived> archived = new SimpleObjectProperty<>(Archived.ALL);
    private final ReadOnlyObjectWrapper<Conversation> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Optional<SyncMetadata>> sync = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ObservableList<Message> messages = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper moreMessages = new ReadOnlyBooleanWrapper();
    private final TranscriptExportViewModel export;

    private PageKey nextMessages;
    private boolean started;

    /** The conversations of a file or a PostgreSQL database, whose links are not followed. */
    public ConversationsViewModel(Location file, TaskRunner runner, DialogService dialogs) {
        this(file, runner, dialogs, link -> { });
    }

    /**
     * The conversations of a file or a PostgreSQL database.
     *
     * @param links where a conversation's project link goes (the window's history)
     */
    public ConversationsViewModel(Location file, TaskRunner runner, DialogService dialogs, Consumer<Link> links) {
        this.file = file;
        this.links = links;
        this.store = new WorkerResource<>(() -> ChatStore.openReadOnly(file), ChatStore::cancel);
        this.runner = runner;
        this.dialogs = dialogs;
        this.conversations = new PagedList<>(runner, store::cancel, (query, request) -> shown().conversations(query, request),
                (query, position) -> store.get().keyBefore(query, position), query -> store.get().count(query), PAGE, "conversation", this::failed);
        this.export = new TranscriptExportViewModel("conversation", runner, store::cancel, this::failed, dialogs,
                (id, format, redaction) -> ConversationTranscript.read(store.get(), id)
                        .map(c -> Redaction.apply(redaction, c)).map(format::write));
    }

    /** Export… and Copy as Markdown of the selected conversation. */
    public TranscriptExportViewModel export() {
        return export;
    }

    public ObservableList<Conversation> conversations() {
        return conversations.items();
    }

    /** The rows as pages, for the table's wiring (which rows are drawn, the selection across refreshes). */
    public PagedList<ConversationQuery, Conversation> list() {
        return conversations;
    }

    public ObservableList<String> projectChoices() {
        return projectChoices;
    }

    public StringProperty projectProperty() {
        return project;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public ObjectProperty<Archived> archivedProperty() {
        return archived;
    }

    public ReadOnlyStringProperty totalProperty() {
        return conversations.totalProperty();
    }



    public ReadOnlyObjectProperty<Conversation> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<SyncMetadata>> syncProperty() {
        return sync.getReadOnlyProperty();
    }

    public ObservableList<Message> messages() {
        return messages;
    }

    public ReadOnlyBooleanProperty moreMessagesProperty() {
        return moreMessages.getReadOnlyProperty();
    }

    public ConversationQuery query() {
        String projectValue = project.get() == null || project.get().isBlank() ? null : project.get();
        String titleValue = title.get() == null || title.get().isBlank() ? null : title.get().strip();
        Boolean archivedValue = switch (archived.get()) {
            case ALL -> null;
            case ACTIVE -> false;
            case ARCHIVED -> true;
        };
        return new ConversationQuery(projectValue, archivedValue, titleValue);
    }

    @Override
    public void prepare(BooleanSupplier readable) {
        store.openAhead(runner);
    }

    @Override
    public void start() {
        started = true;
        runner.submit(() -> store.get().projects(), store::cancel, projectChoices::setAll, this::failed);
        reload();
    }

    @Override
    public void reload() {
        if (started) {
            conversations.reload(query()); // filters set up before the file is browsable must not query it
        }
    }

    @Override
    public void refreshInPlace() {
        conversations.refreshInPlace();
    }

    /**
     * Writes every row the filters match to {@code target} (CSV, or JSON for a .json name) in the
     * background, then says how many rows went.
     */
    public void export(Path target) {
        ConversationQuery query = query();
        runner.submit(() -> TableExport.conversations(store.get(), query, target, TableExport.Format.forFile(target)), store::cancel,
                count -> dialogs.notify("Exported", String.format("%,d rows to %s", count, target)), this::failed);
    }

    /** Asks where to export, then exports. */
    public void exportChosen() {
        dialogs.chooseSaveFile("Export the filtered table (CSV, or .json)", "conversations.csv").ifPresent(this::export);
    }

    /** Stops whatever query runs (a slow count, a page). */
    public void cancel() {
        conversations.cancel();
    }

    /**
     * Shows only the chats of the project a session ran in: its id is read from LeanSpec's
     * registry on the worker; the other filters are cleared.
     *
     * @param folder   the session's project path
     * @param projects LeanSpec's project registry, read when called
     */
    public void showProjectOf(String folder, Supplier<Projects> projects) {
        runner.submit(() -> projects.get().idOf(folder), null, id -> {
            title.set("");
            archived.set(Archived.ALL);
            project.set(id);
            reload();
        }, this::failed);
    }

    /** Lists the sessions run in the selected conversation's project (in whichever open file holds them). */
    public void followProject() {
        Conversation shown = selected.get();
        if (shown != null) {
            links.accept(new Link.ProjectSessions(file, shown.projectId()));
        }
    }

    /** Shows one conversation (a search's hit), read by its id, whether or not its row is loaded. */
    public void reveal(String id) {
        runner.submit(() -> store.get().get(id).orElse(null), store::cancel, conversation -> {
            if (conversation != null) {
                select(conversation);
            }
        }, this::failed);
    }

    /** Shows a conversation's transcript (first page) and its sync state. */
    public void select(Conversation conversation) {
        selected.set(conversation);
        export.select(conversation == null ? null : conversation.id());
        messages.clear();
        sync.set(Optional.empty());
        if (conversation == null) {
            return;
        }
        String id = conversation.id();
        runner.submit(() -> store.get().syncMetadata(id), store::cancel, sync::set, this::failed);
        runner.submit(() -> shown().messages(id, PageRequest.first(PAGE)), store::cancel, (Page<Message> page) -> {
            messages.setAll(page.items());
            nextMessages = page.next();
            moreMessages.set(page.hasNext());
        }, this::failed);
    }

    public void loadMoreMessages() {
        Conversation conversation = selected.get();
        if (conversation == null || nextMessages == null) {
            return;
        }
        PageRequest request = new PageRequest(PAGE, nextMessages);
        runner.submit(() -> shown().messages(conversation.id(), request), store::cancel, (Page<Message> page) -> {
            messages.addAll(page.items());
            nextMessages = page.next();
            moreMessages.set(page.hasNext());
        }, this::failed);
    }

    private void failed(Throwable error) {
        dialogs.readFailed(file, error);
    }

    @Override
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
    private ChatStore shown() {
        return store.get().withTextLimit(Formats.SHOWN_TEXT_CHARS);
    }
}
