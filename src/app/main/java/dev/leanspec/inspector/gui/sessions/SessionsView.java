package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.ColumnWidths;
import dev.leanspec.inspector.gui.common.Controls;
import dev.leanspec.inspector.gui.common.ExportMenu;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.PagedTables;
import dev.leanspec.inspector.gui.common.WindowedTable;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionSort;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;

import org.controlsfx.control.CheckComboBox;

/**
 * The Sessions screen: the table with its filters above, and the selected session's tabs below
 * (Details, Conversation, Events, Logs), each a view of its own tab model.
 */
public final class SessionsView extends BorderPane {

    private final SessionsViewModel model;
    private final SessionListViewModel list;
    private final TextField search = new TextField();
    private WindowedTable<Session> rows;

    public SessionsView(SessionsViewModel model) {
        this.model = model;
        this.list = model.list();
        setId("sessions-view");
        setTop(filters());
        rows = table();
        SplitPane split = new SplitPane(rows, detail());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);
    }

    /** Puts the caret in the search box (Ctrl+F). */
    public void focusFilter() {
        search.requestFocus();
    }

    private BorderPane filters() {
        CheckComboBox<String> status = Controls.checks("Status", list.statusChoices(), list.statusFilter(), list::reload);
        status.setId("status-filter");
        CheckComboBox<String> runner = Controls.checks("Runner", list.runnerChoices(), list.runnerFilter(), list::reload);
        runner.setId("runner-filter");
        CheckComboBox<String> mode = Controls.checks("Mode", list.modeChoices(), list.modeFilter(), list::reload);
        ComboBox<String> project = new ComboBox<>();
        project.setPromptText("All projects");
        project.setId("project-filter");
        project.setPrefWidth(180);
        list.projectChoices().addListener((ListChangeListener<String>) c -> {
            project.getItems().setAll("");
            project.getItems().addAll(list.projectChoices());
        });
        Controls.showEmptyAs(project, "All projects");
        project.valueProperty().bindBidirectional(list.projectProperty());
        project.valueProperty().addListener((o, a, b) -> list.reloadIfChanged());
        search.setId("session-search");
        search.setPromptText("Find sessions (Ctrl+F)");
        search.setTooltip(new Tooltip("Finds the sessions whose id, project, spec, runner or prompt contains the text, ignoring case"));
        search.setPrefWidth(220);
        search.textProperty().bindBidirectional(list.textProperty());
        Controls.applyAsTyped(search, list::reloadIfChanged);
        Label total = new Label();
        total.setId("session-total");
        total.textProperty().bind(list.totalProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(list.pages().loadingProperty());
        Button cancel = new Button("Stop");
        cancel.setOnAction(e -> list.cancel());
        cancel.visibleProperty().bind(list.pages().loadingProperty().or(list.totalProperty().isEqualTo("counting…")));
        Button export = new Button("Export…");
        export.setId("session-export");
        export.setOnAction(e -> list.exportChosen());
        // The spec a link narrowed the list to: said, and one click clears it (no drop-down: a
        // file can hold thousands of specs, and LeanSpec's own list had no such filter).
        Button spec = new Button();
        spec.setId("spec-filter");
        spec.getStyleClass().add("small");
        spec.textProperty().bind(Bindings.concat("Spec: ", list.specProperty(), "  ✕"));
        spec.setTooltip(new Tooltip("Show the sessions of every spec"));
        spec.visibleProperty().bind(list.specProperty().isNotEmpty());
        spec.managedProperty().bind(spec.visibleProperty());
        spec.setOnAction(e -> {
            list.specProperty().set("");
            list.reload();
        });
        return Controls.toolBar(List.of(status, runner, mode, project, spec, search), total, progress, cancel, export);
    }

    private WindowedTable<Session> table() {
        // A million sessions scroll as smoothly as a hundred: see WindowedTable.
        WindowedTable<Session> rows = WindowedTable.paged(list.pages());
        rows.setId("sessions-rows");
        TableView<Session> table = rows.table();
        table.setId("sessions-table");
        BooleanBinding filtered = Bindings.isNotEmpty(list.statusFilter()).or(Bindings.isNotEmpty(list.runnerFilter()))
                .or(Bindings.isNotEmpty(list.modeFilter())).or(list.projectProperty().isNotEmpty()).or(list.textProperty().isNotEmpty())
                .or(list.specProperty().isNotEmpty());
        table.setPlaceholder(Controls.placeholder(list.pages().loadingProperty(), filtered, "No sessions match the filters.",
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
        List<TableColumn<Session, ?>> summaries = List.of(summaryColumn("Protocol", 90, SessionSummary::protocol),
                summaryColumn("Plan", 55, SessionSummary::planProgress), summaryColumn("Active tool", 140, SessionSummary::activeToolTitle));
        table.getColumns().addAll(summaries);
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
            if (!wanted.equals(list.sortProperty().get())) {
                list.sortProperty().set(wanted);
                list.reload();
            }
            return true;
        });
        var measureAgain = ColumnWidths.fitToContent(rows, project);
        // Protocol, Plan and Active tool read "…" until their first batch arrives, after the rows:
        // those three measured again then, or Protocol stayed as narrow as "…" ("subproc…").
        list.summaries().addListener((MapChangeListener<String, SessionSummary>) change -> {
            if (change.wasAdded() && list.summaries().size() == 1) {
                measureAgain.accept(summaries);
            }
        });
        // Live refresh replaces the rows; the selection stays on the same id.
        rows.keepSelection(list.pages(), Session::id, model::select);
        return rows;
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
                return new SimpleStringProperty(null);
            }
            return Bindings.createStringBinding(() -> {
                SessionSummary summary = list.summary(session);
                return summary == null ? "…" : Objects.requireNonNullElse(part.apply(summary), "");
            }, list.summaries());
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
        ConversationTabViewModel talk = model.conversation();
        Tab conversation = new ConversationTab(talk, model.details().detailProperty(), ExportMenu.of(model.export(), "transcript-export"));
        Tab logs = new LogsTab(model.logs(), ExportMenu.of(model.export(), "logs-export"));
        TabPane tabs = new TabPane(new DetailsTab(model.details()), conversation, new EventsTab(model.events()), logs);
        // The tab shown is the user's once they pick one. Until then an ACP session opens on its
        // conversation (as soon as it is known to be one); and a tab that no longer applies is left.
        boolean[] userChose = {false};
        boolean[] ours = {false};
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> userChose[0] |= !ours[0]);
        Consumer<Tab> show = tab -> {
            ours[0] = true;
            tabs.getSelectionModel().select(tab);
            ours[0] = false;
        };
        talk.selectionsProperty().addListener((o, was, now) -> {
            if (talk.acpProperty().get() && !userChose[0]) {
                show.accept(conversation);
            }
        });
        talk.acpProperty().addListener((o, was, isAcp) -> {
            if (!isAcp && tabs.getSelectionModel().getSelectedItem() == conversation) {
                show.accept(logs);
            } else if (isAcp && !userChose[0]) {
                // Selected before its summary was read (a click right after the rows came): known
                // as an ACP session once its log is, and still on the tab nobody picked.
                show.accept(conversation);
            }
        });
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("session-tabs");
        // Only the shown tab's content is in the scene at first; each other one joins it when its
        // tab is first selected. Their skins and first CSS pass came before a file's first rows
        // (figure 8e), though only the Details tab shows.
        Map<Tab, Node> unshown = new HashMap<>();
        for (Tab tab : tabs.getTabs()) {
            if (tab != tabs.getSelectionModel().getSelectedItem()) {
                unshown.put(tab, tab.getContent());
                tab.setContent(null);
            }
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            Node content = unshown.remove(now);
            if (content != null) {
                now.setContent(content);
            }
        });
        // A search's hit: its row selected once read, and the tab where the match is shown; the
        // Conversation tab once the fold says the session is an ACP one (it is disabled until then).
        String[] revealTab = {null};
        Runnable showRevealed = () -> tabs.getTabs().stream().filter(tab -> tab.getId().equals(revealTab[0]) && !tab.isDisable())
                .findFirst().ifPresent(tab -> {
                    revealTab[0] = null;
                    show.accept(tab);
                });
        talk.acpProperty().addListener((o, was, isAcp) -> showRevealed.run());
        Runnable reveal = () -> {
            SessionsViewModel.Reveal wanted = model.revealProperty().get();
            if (wanted == null || rows == null) {
                return;
            }
            for (int i = 0; i < list.sessions().size(); i++) {
                Session row = list.sessions().get(i);
                if (row != null && row.id().equals(wanted.id())) {
                    int index = i;
                    model.revealed();
                    Platform.runLater(() -> {
                        revealTab[0] = wanted.tab();
                        rows.select(index);
                        showRevealed.run();
                    });
                    return;
                }
            }
        };
        model.revealProperty().addListener((o, was, now) -> reveal.run());
        list.sessions().addListener((ListChangeListener<Session>) change -> reveal.run());
        return tabs;
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
            // Once: added at each update, the class list grew by one per row drawn, and matching
            // styles against it took a scroll through a million rows ever longer (JFR).
            getStyleClass().add("monospace");
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : PagedTables.blankAsSpace(item));
        }
    }

    /** A coloured badge per status; values LeanSpec never writes are shown as they are, in grey. */
    private static final class StatusCell extends TableCell<Session, String> {
        private final Label badge = new Label();

        StatusCell() {
            badge.getStyleClass().add("badge");
            // The badge stays in the cell, hidden while there is no status: a node put back into
            // the scene has its styles matched again, for every row drawn while scrolling (JFR).
            setGraphic(badge);
        }

        @Override
        protected void updateItem(String status, boolean empty) {
            super.updateItem(status, empty);
            boolean none = empty || status == null;
            badge.setVisible(!none);
            if (none) {
                return;
            }
            badge.setText(status);
            // So does a new style class: set only when the status is another.
            String style = "status-" + status.replaceAll("[^a-z]", "");
            if (!badge.getStyleClass().getLast().equals(style)) {
                badge.getStyleClass().setAll("badge", style);
            }
        }
    }
}
