package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.ColumnWidths;
import dev.leanspec.inspector.gui.common.ConversationNodes;
import dev.leanspec.inspector.gui.common.Controls;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.persistence.transcript.Entry;
import dev.leanspec.inspector.gui.common.PagedTables;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionEvent;
import dev.leanspec.inspector.persistence.sessions.SessionLog;
import dev.leanspec.inspector.persistence.sessions.SessionSort;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.controlsfx.control.CheckComboBox;

/** The sessions table with its filters, and the selected session's details, events and logs. */
public final class SessionsView extends BorderPane {

    private final SessionsViewModel model;
    private final TextField search = new TextField();

    public SessionsView(SessionsViewModel model) {
        this.model = model;
        setId("sessions-view");
        setTop(filters());
        SplitPane split = new SplitPane(table(), detail());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);
    }

    /** Puts the caret in the search box (Ctrl+F). */
    public void focusFilter() {
        search.requestFocus();
    }

    private BorderPane filters() {
        CheckComboBox<String> status = checks("Status", model.statusChoices(), model.statusFilter());
        status.setId("status-filter");
        CheckComboBox<String> runner = checks("Runner", model.runnerChoices(), model.runnerFilter());
        runner.setId("runner-filter");
        CheckComboBox<String> mode = checks("Mode", model.modeChoices(), model.modeFilter());
        ComboBox<String> project = new ComboBox<>();
        project.setPromptText("All projects");
        project.setId("project-filter");
        project.setPrefWidth(180);
        model.projectChoices().addListener((ListChangeListener<String>) c -> {
            project.getItems().setAll("");
            project.getItems().addAll(model.projectChoices());
        });
        Controls.showEmptyAs(project, "All projects");
        project.valueProperty().bindBidirectional(model.projectProperty());
        project.valueProperty().addListener((o, a, b) -> model.reload());
        search.setId("session-search");
        search.setPromptText("Find sessions (Ctrl+F)");
        search.setTooltip(new Tooltip("Finds the sessions whose id, project, spec, runner or prompt contains the text, ignoring case"));
        search.setPrefWidth(220);
        search.textProperty().bindBidirectional(model.textProperty());
        Controls.applyAsTyped(search, model::reload);
        Label total = new Label();
        total.setId("session-total");
        total.textProperty().bind(model.totalProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.list().loadingProperty());
        Button cancel = new Button("Stop");
        cancel.setOnAction(e -> model.cancel());
        cancel.visibleProperty().bind(model.list().loadingProperty().or(model.totalProperty().isEqualTo("counting…")));
        Button export = new Button("Export…");
        export.setId("session-export");
        export.setOnAction(e -> model.exportChosen());
        return Controls.toolBar(List.of(status, runner, mode, project, search), total, progress, cancel, export);
    }

    private CheckComboBox<String> checks(String title, ObservableList<String> choices, ObservableList<String> checked) {
        CheckComboBox<String> box = new CheckComboBox<>(choices);
        // Our own "(checked/all)": ControlsFX's is not recomputed when the choices arrive later.
        box.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> checked.isEmpty()
                ? title + ": all" : title + " (" + checked.size() + "/" + choices.size() + ")", checked, choices));
        boolean[] syncing = {false};
        box.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            if (syncing[0]) {
                return;
            }
            checked.setAll(box.getCheckModel().getCheckedItems());
            model.reload();
        });
        // Filters set from elsewhere (a dashboard's click) show as checks too.
        checked.addListener((ListChangeListener<String>) c -> {
            if (new java.util.HashSet<>(checked).equals(new java.util.HashSet<>(box.getCheckModel().getCheckedItems()))) {
                return;
            }
            syncing[0] = true;
            try {
                box.getCheckModel().clearChecks();
                checked.forEach(value -> {
                    if (!choices.contains(value)) {
                        choices.add(value);
                    }
                    box.getCheckModel().check(value);
                });
            } finally {
                syncing[0] = false;
            }
        });
        return box;
    }

    private CheckComboBox<String> checks(String title, java.util.List<String> choices, ObservableList<String> checked) {
        return checks(title, javafx.collections.FXCollections.observableArrayList(choices), checked);
    }

    private TableView<Session> table() {
        TableView<Session> table = new TableView<>(model.sessions());
        table.setId("sessions-table");
        BooleanBinding filtered = Bindings.isNotEmpty(model.statusFilter()).or(Bindings.isNotEmpty(model.runnerFilter()))
                .or(Bindings.isNotEmpty(model.modeFilter())).or(model.projectProperty().isNotEmpty()).or(model.textProperty().isNotEmpty());
        table.setPlaceholder(Controls.placeholder(model.list().loadingProperty(), filtered, "No sessions match the filters.",
                "This file has no sessions."));
        TableColumn<Session, String> id = column("Id", 90, s -> Formats.shortId(s.id()), SessionSort.Column.ID);
        id.setCellFactory(c -> new CopyableCell());
        table.getColumns().add(id);
        TableColumn<Session, String> project = column("Project", 200, Session::projectPath, SessionSort.Column.PROJECT);
        table.getColumns().add(project);
        table.getColumns().add(column("Spec", 130, s -> s.specId() == null ? "" : s.specId(), null));
        table.getColumns().add(column("Runner", 90, Session::runner, SessionSort.Column.RUNNER));
        table.getColumns().add(column("Mode", 100, s -> s.mode().value(), SessionSort.Column.MODE));
        TableColumn<Session, String> status = column("Status", 115, s -> s.status().value(), SessionSort.Column.STATUS);
        status.setCellFactory(c -> new StatusCell());
        ColumnWidths.extra(status, 16); // the badge's padding
        table.getColumns().add(status);
        // What LeanSpec's list showed beside each session; read for the rows in view, after them.
        table.getColumns().add(summaryColumn("Protocol", 90, SessionSummary::protocol));
        table.getColumns().add(summaryColumn("Plan", 55, SessionSummary::planProgress));
        table.getColumns().add(summaryColumn("Active tool", 140, SessionSummary::activeToolTitle));
        table.getColumns().add(column("Exit", 50, s -> s.exitCode() == null ? "" : s.exitCode().toString(), null));
        // Times are local; the zone is said once, in the titles (the CLI prints RFC 3339 with its offset).
        table.getColumns().add(column("Started (" + Formats.zone() + ")", 175, s -> Formats.timestamp(s.startedAt()), SessionSort.Column.STARTED_AT));
        table.getColumns().add(column("Ended (" + Formats.zone() + ")", 175, s -> Formats.timestamp(s.endedAt()), null));
        table.getColumns().add(column("Duration", 80, s -> Formats.duration(s.durationMs()), null));
        table.getColumns().add(column("Tokens", 80, s -> Formats.number(s.tokenCount()), null));
        table.getColumns().add(column("Created (" + Formats.zone() + ")", 175, s -> Formats.timestamp(s.createdAt()), SessionSort.Column.CREATED_AT));

        // Sorting is the database's job (keyset pages in that order), not the table's.
        table.setSortPolicy(t -> {
            SessionSort wanted = SessionSort.NEWEST_FIRST;
            if (!t.getSortOrder().isEmpty()) {
                TableColumn<Session, ?> first = t.getSortOrder().get(0);
                wanted = new SessionSort((SessionSort.Column) first.getUserData(), first.getSortType() == TableColumn.SortType.DESCENDING);
            }
            // The table asks for a sort whenever its items change; only a new order means a new query.
            if (!wanted.equals(model.sortProperty().get())) {
                model.sortProperty().set(wanted);
                model.reload();
            }
            return true;
        });
        ColumnWidths.fitToContent(table, project);
        // Fetch the next page when a row near the end comes into view.
        PagedTables.pageOnScroll(table, model.list());
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        // Live refresh replaces the rows; the selection stays on the same id.
        PagedTables.keepSelection(table, model.list(), Session::id, model::select);
        return table;
    }

    /**
     * A column of the session's summary: "…" until it is read, then the value. Each cell's value
     * follows the map of summaries, so a batch arriving redraws only the cells in view.
     */
    private TableColumn<Session, String> summaryColumn(String title, double width, Function<SessionSummary, String> part) {
        TableColumn<Session, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> {
            Session session = cell.getValue();
            if (session == null) {
                return new javafx.beans.property.SimpleStringProperty(null);
            }
            return javafx.beans.binding.Bindings.createStringBinding(() -> {
                SessionSummary summary = model.summary(session);
                return summary == null ? "…" : java.util.Objects.requireNonNullElse(part.apply(summary), "");
            }, model.summaries());
        });
        return column;
    }

    private static TableColumn<Session, String> column(String title, double width, Function<Session, String> value, SessionSort.Column sort) {
        TableColumn<Session, String> column = PagedTables.column(title, width, value);
        column.setSortable(sort != null);
        column.setUserData(sort);
        if (sort == null) {
            // Say why a click on this header does nothing.
            Label header = new Label(title);
            Tooltip why = new Tooltip("Not sortable: the list pages in the order of an indexed column that is never "
                    + "empty (id, project, runner, mode, status, created, started, updated). For another order, use the SQL tab.");
            why.setWrapText(true);
            why.setMaxWidth(360);
            header.setTooltip(why);
            column.setText("");
            column.setGraphic(header);
        }
        return column;
    }

    private TabPane detail() {
        TextArea fields = new TextArea();
        fields.setId("session-detail");
        fields.setEditable(false);
        fields.getStyleClass().add("monospace");
        model.detailProperty().addListener((o, a, d) -> fields.setText(describe(d)));

        ListView<SessionEvent> events = new ListView<>(model.events());
        events.setId("session-events");
        events.getStyleClass().add("variable-height");
        events.setCellFactory(l -> new EventCell());
        events.setPlaceholder(new Label("Select a session to see its events."));

        Tab details = new Tab("Details", fields);
        details.setId("tab-details");
        Label shownEvents = new Label();
        shownEvents.setId("events-shown");
        shownEvents.textProperty().bind(model.eventsShownProperty());
        Button moreEvents = new Button("Load more");
        moreEvents.setId("events-more");
        moreEvents.visibleProperty().bind(model.moreEventsProperty());
        moreEvents.setOnAction(e -> model.loadMoreEvents());
        BorderPane eventsPane = new BorderPane(events);
        eventsPane.setTop(new ToolBar(shownEvents, moreEvents));
        Tab timeline = new Tab("Events", eventsPane);
        timeline.setId("tab-events");
        Tab logs = new Tab("Logs", logs());
        logs.setId("tab-logs");
        Tab conversation = new Tab("Conversation", conversation());
        conversation.setId("tab-conversation");
        TabPane tabs = new TabPane(details, conversation, timeline, logs);
        // An ACP session reads as its conversation (LeanSpec's "Messages"); a subprocess session
        // has only its console. The tab shown is the user's: it changes as a session is selected
        // (an ACP one opens on its conversation until the user picks a tab), never later when
        // its log has been read, except off a tab that no longer applies.
        conversation.disableProperty().bind(model.acpProperty().not());
        boolean[] userChose = {false};
        boolean[] ours = {false};
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> userChose[0] |= !ours[0]);
        Consumer<Tab> show = tab -> {
            ours[0] = true;
            tabs.getSelectionModel().select(tab);
            ours[0] = false;
        };
        model.selectionsProperty().addListener((o, was, now) -> {
            if (model.acpProperty().get() && !userChose[0]) {
                show.accept(conversation);
            }
        });
        model.acpProperty().addListener((o, was, isAcp) -> {
            if (!isAcp && tabs.getSelectionModel().getSelectedItem() == conversation) {
                show.accept(logs);
            }
        });
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("session-tabs");
        return tabs;
    }

    /**
     * Keeps the entry at the top of the conversation in view when the filters change what is
     * shown (toggling Thoughts jumped to the end: the list kept its scroll fraction, not its
     * place) or when the rest of the log is folded in.
     */
    private static void keepTopEntry(ListView<Entry> list, Entry[] top) {
        list.skinProperty().addListener((o, was, skin) -> {
            if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.positionProperty().addListener((p, before, now) -> {
                    IndexedCell<?> first = flow.getFirstVisibleCell();
                    top[0] = first == null || !(first.getItem() instanceof Entry entry) || first.getIndex() == 0 ? null : entry;
                });
            }
        });
        list.getItems().addListener((ListChangeListener<Entry>) change -> {
            Entry kept = top[0];
            if (kept == null) {
                return;
            }
            // After the list has laid out its new rows: scrolled before, it lands a row off.
            Platform.runLater(() -> {
                int at = list.getItems().indexOf(kept);
                if (at >= 0) {
                    list.scrollTo(at);
                } else if (list.getItems() instanceof FilteredList<Entry> filtered) {
                    // Filtered away: the nearest entry after it that is still shown, in one walk.
                    for (int source = filtered.getSource().indexOf(kept) + 1; source > 0 && source < filtered.getSource().size(); source++) {
                        int view = filtered.getViewIndex(source);
                        if (view >= 0) {
                            list.scrollTo(view);
                            break;
                        }
                    }
                }
            });
        });
    }

    private BorderPane conversation() {
        ListView<Entry> list = new ListView<>(model.transcript());
        list.setId("session-conversation");
        list.getStyleClass().add("variable-height");
        list.setPlaceholder(new Label("No messages to show."));
        // Another session's conversation starts at its top, not where the last one was left.
        Entry[] top = {null};
        model.detailProperty().addListener((o, was, now) -> {
            top[0] = null;
            list.scrollTo(0);
        });
        keepTopEntry(list, top);
        list.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(null);
                setGraphic(empty || entry == null ? null
                        : ConversationNodes.entry(entry, l.widthProperty().subtract(40)));
            }
        });
        javafx.scene.control.ToggleButton messages = toggle("Messages", model.showMessagesProperty());
        javafx.scene.control.ToggleButton thoughts = toggle("Thoughts", model.showThoughtsProperty());
        javafx.scene.control.ToggleButton tools = toggle("Tools", model.showToolsProperty());
        javafx.scene.control.ToggleButton plan = toggle("Plan", model.showPlanProperty());
        TextField find = new TextField();
        find.setId("conversation-search");
        find.setPromptText("Find in messages, thoughts, tools, plan");
        find.textProperty().bindBidirectional(model.transcriptTextProperty());
        Label summary = new Label();
        summary.setId("conversation-summary");
        summary.textProperty().bind(model.transcriptSummaryProperty());
        ToolBar bar = new ToolBar(messages, thoughts, tools, plan, find, summary);
        BorderPane pane = new BorderPane(list);
        pane.setTop(bar);
        return pane;
    }

    private static javafx.scene.control.ToggleButton toggle(String text, javafx.beans.property.BooleanProperty shown) {
        javafx.scene.control.ToggleButton button = new javafx.scene.control.ToggleButton(text);
        button.selectedProperty().bindBidirectional(shown);
        return button;
    }

    private BorderPane logs() {
        ListView<SessionLog> console = new ListView<>(model.logs());
        console.setId("session-logs");
        console.getStyleClass().add("console");
        console.getStyleClass().add("variable-height");
        String[] finding = {""};
        console.setCellFactory(l -> new LogCell(() -> finding[0]));
        console.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        console.setPlaceholder(new Label("No log lines."));
        CheckComboBox<String> levels = checks("Level", model.logLevelChoices(), model.logLevelFilter());
        levels.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> model.reloadLogs());
        TextField find = new TextField();
        find.setId("log-filter");
        find.setPromptText("Filter lines");
        find.textProperty().bindBidirectional(model.logTextProperty());
        Controls.applyAsTyped(find, model::reloadLogs);
        // Find: every match highlighted, the current one selected, next and previous; the filter above narrows instead.
        TextField search = new TextField();
        search.setId("log-find");
        search.setPromptText("Find (highlight)");
        Label matches = new Label();
        matches.setId("log-matches");
        java.util.List<Integer> found = new java.util.ArrayList<>();
        int[] current = {-1};
        Runnable show = () -> {
            matches.setText(finding[0].isEmpty() ? "" : found.isEmpty() ? "no match in the lines loaded"
                    : (current[0] + 1) + " of " + found.size() + (model.moreLogsProperty().get() ? " in the lines loaded" : ""));
            if (current[0] >= 0 && current[0] < found.size()) {
                console.getSelectionModel().clearAndSelect(found.get(current[0]));
                console.scrollTo(Math.max(0, found.get(current[0]) - 3));
            }
        };
        Runnable refind = () -> {
            finding[0] = search.getText() == null ? "" : search.getText().toLowerCase(java.util.Locale.ROOT);
            found.clear();
            for (int i = 0; !finding[0].isEmpty() && i < model.logs().size(); i++) {
                if (model.logs().get(i).message().toLowerCase(java.util.Locale.ROOT).contains(finding[0])) {
                    found.add(i);
                }
            }
            current[0] = found.isEmpty() ? -1 : 0;
            console.refresh();
            show.run();
        };
        Controls.applyAsTyped(search, refind);
        model.logs().addListener((ListChangeListener<SessionLog>) c -> refind.run());
        Button next = new Button("↓");
        next.setTooltip(new javafx.scene.control.Tooltip("Next match (Enter in the box finds again)"));
        next.setOnAction(e -> {
            if (!found.isEmpty()) {
                current[0] = (current[0] + 1) % found.size();
                show.run();
            }
        });
        Button previous = new Button("↑");
        previous.setTooltip(new javafx.scene.control.Tooltip("Previous match"));
        previous.setOnAction(e -> {
            if (!found.isEmpty()) {
                current[0] = (current[0] - 1 + found.size()) % found.size();
                show.run();
            }
        });
        Button end = new Button("Jump to end");
        end.setOnAction(e -> {
            model.jumpToEnd();
            console.scrollTo(Math.max(0, model.logs().size() - 1));
        });
        Button more = new Button("Load more");
        more.visibleProperty().bind(model.moreLogsProperty());
        more.setOnAction(e -> model.loadMoreLogs());
        Button copy = new Button("Copy");
        copy.setOnAction(e -> copy(console.getSelectionModel().getSelectedItems().isEmpty()
                ? model.logs() : console.getSelectionModel().getSelectedItems()));
        BorderPane pane = new BorderPane(console);
        pane.setTop(new ToolBar(levels, find, search, previous, next, matches, end, more, copy));
        return pane;
    }

    private static void copy(java.util.List<SessionLog> lines) {
        ClipboardContent content = new ClipboardContent();
        content.putString(lines.stream().map(l -> l.timestamp().text() + " [" + l.level().value() + "] " + l.message())
                .collect(Collectors.joining("\n")));
        Clipboard.getSystemClipboard().setContent(content);
    }

    static String describe(SessionDetail detail) {
        if (detail == null) {
            return "";
        }
        Session s = detail.session();
        StringBuilder text = new StringBuilder();
        line(text, "id", s.id());
        line(text, "project", s.projectPath());
        line(text, "specs", detail.specs().isEmpty() ? (s.specId() == null ? "" : s.specId()) : String.join(", ", detail.specs()));
        line(text, "runner", s.runner());
        line(text, "mode", s.mode().value() + (s.mode().isKnown() ? "" : "  (not a value LeanSpec writes)"));
        line(text, "status", s.status().value() + (s.status().isKnown() ? "" : "  (not a value LeanSpec writes)"));
        line(text, "exit code", s.exitCode() == null ? "" : s.exitCode().toString());
        line(text, "started", time(s.startedAt()));
        line(text, "ended", time(s.endedAt()));
        line(text, "duration", Formats.duration(s.durationMs()));
        line(text, "tokens", Formats.number(s.tokenCount()));
        line(text, "created", time(s.createdAt()));
        line(text, "updated", time(s.updatedAt()));
        if (s.prompt() != null) {
            text.append("\nprompt:\n").append(s.prompt()).append('\n');
        }
        if (!detail.metadata().isEmpty()) {
            text.append("\nmetadata:\n");
            for (Map.Entry<String, String> entry : detail.metadata().entrySet()) {
                text.append("  ").append(entry.getKey()).append(" = ")
                        .append(Formats.jsonOrText(entry.getValue()).replace("\n", "\n    ")).append('\n');
            }
        }
        return text.toString();
    }

    private static String time(Timestamp timestamp) {
        if (timestamp == null) {
            return "";
        }
        return timestamp.isValid() ? Formats.timestamp(timestamp) + "   (" + timestamp.text() + ")" : timestamp.text() + "  (not a valid time)";
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-10s %s%n", label + ":", value));
    }

    /** The short id, with the full one a right-click away. */
    private static final class CopyableCell extends TableCell<Session, String> {
        CopyableCell() {
            MenuItem copy = new MenuItem("Copy full id");
            copy.setOnAction(e -> {
                Session session = getTableRow() == null ? null : getTableRow().getItem();
                if (session != null) {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(session.id());
                    Clipboard.getSystemClipboard().setContent(content);
                }
            });
            setContextMenu(new ContextMenu(copy));
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            getStyleClass().add("monospace");
        }
    }

    /** A coloured badge per status; values LeanSpec never writes are shown as they are, in grey. */
    private static final class StatusCell extends TableCell<Session, String> {
        private final Label badge = new Label();

        @Override
        protected void updateItem(String status, boolean empty) {
            super.updateItem(status, empty);
            if (empty || status == null) {
                setGraphic(null);
                return;
            }
            badge.setText(status);
            badge.getStyleClass().setAll("badge", "status-" + status.replaceAll("[^a-z]", ""));
            setGraphic(badge);
        }
    }

    private static final class EventCell extends ListCell<SessionEvent> {
        @Override
        protected void updateItem(SessionEvent event, boolean empty) {
            super.updateItem(event, empty);
            if (empty || event == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label type = new Label(event.type().value());
            type.getStyleClass().setAll("badge", "event-" + event.type().value().replaceAll("[^a-z]", ""));
            Label time = new Label(Formats.timestamp(event.timestamp()));
            HBox head = new HBox(10, time, type);
            VBox box = new VBox(4, head);
            if (event.data() != null) {
                Label data = new Label(Formats.jsonOrText(event.data()));
                data.getStyleClass().add("monospace");
                data.setWrapText(true);
                data.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                box.getChildren().add(data);
            }
            box.setPadding(new Insets(2));
            setGraphic(box);
        }
    }

    private static final class LogCell extends ListCell<SessionLog> {
        private final java.util.function.Supplier<String> finding;

        LogCell(java.util.function.Supplier<String> finding) {
            this.finding = finding;
        }

        @Override
        protected void updateItem(SessionLog line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeIf(style -> style.startsWith("log-"));
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(Formats.timestamp(line.timestamp()) + "  " + String.format("%-7s", line.level().value()) + " " + line.message());
            getStyleClass().add("log-" + line.level().value().replaceAll("[^a-z]", ""));
            String find = finding.get();
            if (!find.isEmpty() && line.message().toLowerCase(java.util.Locale.ROOT).contains(find)) {
                getStyleClass().add("log-match");
            }
        }
    }
}
