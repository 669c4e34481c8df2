package dev.leanspec.inspector.gui.chat;

import dev.leanspec.inspector.gui.common.ColumnWidths;
import dev.leanspec.inspector.gui.common.Controls;
import dev.leanspec.inspector.gui.common.ConversationNodes;
import dev.leanspec.inspector.gui.common.ExportMenu;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.PagedTables;
import dev.leanspec.inspector.gui.common.WindowedTable;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.Message;
import dev.leanspec.inspector.persistence.chat.MessageParts;
import dev.leanspec.inspector.persistence.chat.Part;
import dev.leanspec.inspector.persistence.chat.SyncMetadata;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Tooltip;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The conversations table with its filters, and the selected conversation as a transcript. */
public final class ConversationsView extends BorderPane {

    /** Content longer than this is folded behind "show more". */
    static final int FOLD_AT = 600;

    private final ConversationsViewModel model;
    private final TextField search = new TextField();

    public ConversationsView(ConversationsViewModel model) {
        this.model = model;
        setId("conversations-view");
        setTop(filters());
        SplitPane split = new SplitPane(table(), transcript());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.55);
        setCenter(split);
    }

    public void focusFilter() {
        search.requestFocus();
    }

    private BorderPane filters() {
        ComboBox<String> project = new ComboBox<>();
        project.setPromptText("All projects");
        project.setPrefWidth(180);
        Controls.showEmptyAs(project, "All projects");
        model.projectChoices().addListener((ListChangeListener<String>) c -> {
            project.getItems().setAll("");
            project.getItems().addAll(model.projectChoices());
        });
        project.valueProperty().bindBidirectional(model.projectProperty());
        project.valueProperty().addListener((o, a, b) -> model.reload());
        ChoiceBox<ConversationsViewModel.Archived> archived = new ChoiceBox<>();
        archived.getItems().setAll(ConversationsViewModel.Archived.values());
        archived.setConverter(new StringConverter<>() {
            @Override
            public String toString(ConversationsViewModel.Archived value) {
                return value == null ? "" : switch (value) {
                    case ALL -> "Archived and active";
                    case ACTIVE -> "Active only";
                    case ARCHIVED -> "Archived only";
                };
            }

            @Override
            public ConversationsViewModel.Archived fromString(String text) {
                return null;
            }
        });
        archived.valueProperty().bindBidirectional(model.archivedProperty());
        archived.valueProperty().addListener((o, a, b) -> model.reload());
        search.setId("conversation-search");
        search.setPromptText("Find in titles (Ctrl+F)");
        search.setPrefWidth(240);
        search.textProperty().bindBidirectional(model.titleProperty());
        Controls.applyAsTyped(search, model::reload);
        Label total = new Label();
        total.setId("conversation-total");
        total.textProperty().bind(model.totalProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.list().loadingProperty());
        Button export = new Button("Export…");
        export.setId("conversation-export");
        export.setOnAction(e -> model.exportChosen());
        return Controls.toolBar(List.of(project, archived, search), total, progress, export);
    }

    private WindowedTable<Conversation> table() {
        WindowedTable<Conversation> rows = WindowedTable.paged(model.list());
        TableView<Conversation> table = rows.table();
        table.setId("conversations-table");
        BooleanBinding filtered = model.projectProperty().isNotEmpty().or(model.titleProperty().isNotEmpty())
                .or(model.archivedProperty().isNotEqualTo(ConversationsViewModel.Archived.ALL));
        table.setPlaceholder(Controls.placeholder(model.list().loadingProperty(), filtered, "No conversations match the filters.",
                "This file has no conversations."));
        TableColumn<Conversation, String> title = column("Title", 220, Conversation::title);
        table.getColumns().add(title);
        table.getColumns().add(column("Project", 90, Conversation::projectId));
        table.getColumns().add(column("Provider / model", 150, c -> c.providerId() == null && c.modelId() == null ? ""
                : (c.providerId() == null ? "?" : c.providerId()) + " / " + (c.modelId() == null ? "?" : c.modelId())));
        table.getColumns().add(column("Created", 140, c -> Formats.instant(c.createdAt())));
        table.getColumns().add(column("Updated", 140, c -> Formats.instant(c.updatedAt())));
        table.getColumns().add(column("Messages", 70, c -> Formats.number(c.messageCount())));
        table.getColumns().add(column("Archived", 60, c -> c.archived() ? "yes" : ""));
        table.getColumns().add(column("Tags", 110, c -> c.tags() == null ? "" : c.tags()));
        table.getColumns().forEach(c -> c.setSortable(false));
        ColumnWidths.fitToContent(rows, title);
        // Live refresh replaces the rows; the selection stays on the same id.
        rows.keepSelection(model.list(), Conversation::id, model::select);
        // Selected from elsewhere (a search's hit): its row too, when it is among those read.
        model.selectedProperty().addListener((o, was, now) -> {
            Conversation shown = table.getSelectionModel().getSelectedItem();
            if (now != null && (shown == null || !shown.id().equals(now.id()))) {
                int index = model.list().indexOfLoaded(row -> row.id().equals(now.id()));
                if (index >= 0) {
                    rows.select(index);
                }
            }
        });
        return rows;
    }

    private static TableColumn<Conversation, String> column(String title, double width, Function<Conversation, String> value) {
        return PagedTables.column(title, width, value);
    }

    private BorderPane transcript() {
        ListView<Message> list = new ListView<>(model.messages());
        list.setId("transcript");
        list.getStyleClass().add("variable-height");
        list.setCellFactory(l -> new MessageCell(l));
        Label placeholder = new Label("Select a conversation to read it.");
        list.setPlaceholder(placeholder);
        model.selectedProperty().addListener((o, a, c) -> placeholder.setText(c == null
                ? "Select a conversation to read it." : c.messageCount() == 0 ? "This conversation has no messages." : "Loading…"));
        Label sync = new Label();
        sync.setId("sync-state");
        sync.setPadding(new Insets(4, 8, 4, 8));
        sync.setText("Select a conversation.");
        model.syncProperty().addListener((o, a, s) -> sync.setText(describe(s)));
        model.selectedProperty().addListener((o, a, c) -> sync.setText(c == null ? "Select a conversation." : describe(model.syncProperty().get())));
        Button more = new Button("Load more messages");
        more.visibleProperty().bind(model.moreMessagesProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.setOnAction(e -> model.loadMoreMessages());
        BorderPane pane = new BorderPane(list);
        // The chat's project, a link to the sessions run in it (in this file or the open sessions.db).
        Hyperlink project = new Hyperlink();
        project.setId("link-conversation-project");
        project.setTooltip(new Tooltip("List the sessions run in this project"));
        project.visibleProperty().bind(model.selectedProperty().isNotNull());
        project.managedProperty().bind(project.visibleProperty());
        model.selectedProperty().addListener((o, a, c) -> project.setText(c == null ? "" : "Project: " + c.projectId()));
        project.setOnAction(e -> {
            model.followProject();
            project.setVisited(false);
        });
        HBox left = new HBox(4, project, sync);
        left.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        BorderPane top = new BorderPane();
        top.setLeft(left);
        BorderPane.setAlignment(left, javafx.geometry.Pos.CENTER_LEFT);
        MenuButton export = ExportMenu.of(model.export(), "conversation-export");
        top.setRight(export);
        BorderPane.setMargin(export, new Insets(4, 8, 4, 8));
        pane.setTop(top);
        pane.setBottom(more);
        return pane;
    }

    static String describe(Optional<SyncMetadata> sync) {
        return sync.map(s -> "Sync: " + (s.status() == null ? "no status" : s.status().value())
                + (s.cloudId() == null ? "" : " · cloud " + s.cloudId())
                + (s.lastSyncedAt() == null ? "" : " · last synced " + Formats.instant(s.lastSyncedAt()))
                + (s.version() == null ? "" : " · version " + s.version())).orElse("Sync: none recorded");
    }

    /** One block per message: role, time, content (folded when long), metadata and parts on demand. */
    private static final class MessageCell extends ListCell<Message> {
        private final ListView<Message> list;

        MessageCell(ListView<Message> list) {
            this.list = list;
        }

        @Override
        protected void updateItem(Message message, boolean empty) {
            super.updateItem(message, empty);
            if (empty || message == null) {
                setGraphic(null);
                return;
            }
            Label role = new Label(message.role().value());
            role.getStyleClass().setAll("badge", "role-" + message.role().value().replaceAll("[^a-z]", ""));
            Label time = new Label(Formats.instant(message.timestamp()));
            VBox block = new VBox(4, new HBox(10, role, time));
            // The message as LeanSpec's UI drew it: its parts (Markdown text, folded reasoning, tool
            // cards with their results, files, sources), or its content when it has none.
            for (Part part : MessageParts.of(message)) {
                block.getChildren().add(ConversationNodes.part(part, list.widthProperty().subtract(48)));
            }
            addJson(block, "metadata", message.metadata());
            addJson(block, "parts as stored (JSON)", message.parts());
            block.setPadding(new Insets(4, 4, 8, 4));
            setGraphic(block);
        }

        private static void addJson(VBox block, String title, String json) {
            if (json == null) {
                return;
            }
            Label body = new Label(Formats.jsonOrText(json));
            body.getStyleClass().add("monospace");
            body.setWrapText(true);
            body.setMinHeight(Region.USE_PREF_SIZE);
            TitledPane pane = new TitledPane(title, body);
            pane.setExpanded(false);
            pane.setAnimated(false);
            block.getChildren().add(pane);
        }
    }
}
