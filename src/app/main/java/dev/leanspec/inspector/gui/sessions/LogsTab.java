package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.Controls;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.persistence.sessions.SessionLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;

import org.controlsfx.control.CheckComboBox;

/**
 * The Logs tab: the selected session's lines as a console. The filter narrows the lines read;
 * Find highlights every match among the lines loaded and steps through them.
 */
final class LogsTab extends Tab {

    private final LogsTabViewModel model;
    private final ListView<SessionLog> console;
    private final List<Integer> found = new ArrayList<>();
    private final Label matches = new Label();
    private String finding = "";
    private int current = -1;

    /** @param export the session's Export menu, at the end of the tool bar (a console session has no Conversation tab) */
    LogsTab(LogsTabViewModel model, Node export) {
        super("Logs");
        setId("tab-logs");
        this.model = model;
        console = new ListView<>(model.logs());
        console.setId("session-logs");
        console.getStyleClass().add("console");
        console.getStyleClass().add("variable-height");
        console.setCellFactory(l -> new LogCell(() -> finding));
        console.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        console.setPlaceholder(new Label("No log lines."));
        CheckComboBox<String> levels = Controls.checks("Level", model.levelChoices(), model.levelFilter(), model::reload);
        TextField filter = new TextField();
        filter.setId("log-filter");
        filter.setPromptText("Filter lines");
        filter.textProperty().bindBidirectional(model.textProperty());
        Controls.applyAsTyped(filter, model::reload);
        TextField find = new TextField();
        find.setId("log-find");
        find.setPromptText("Find (highlight)");
        matches.setId("log-matches");
        Runnable refind = () -> find(find.getText());
        // A search's hit sets it to the words it matched; the lines are found again as they arrive.
        find.textProperty().bindBidirectional(model.highlightProperty());
        Controls.applyAsTyped(find, refind);
        model.logs().addListener((ListChangeListener<SessionLog>) c -> refind.run());
        // A search's hit in the output: its line selected and in view once its page is shown.
        Runnable focus = () -> {
            long line = model.focusProperty().get();
            if (line >= 0) {
                Controls.selectFirst(console, log -> log.id() == line);
            }
        };
        model.logs().addListener((ListChangeListener<SessionLog>) c -> focus.run());
        model.focusProperty().addListener((o, was, line) -> focus.run());
        // The tab is built when first looked at, often after the hit's page arrived.
        focus.run();
        Button next = new Button("↓");
        next.setTooltip(new Tooltip("Next match (Enter in the box finds again)"));
        next.setOnAction(e -> step(1));
        Button previous = new Button("↑");
        previous.setTooltip(new Tooltip("Previous match"));
        previous.setOnAction(e -> step(-1));
        Button end = new Button("Jump to end");
        end.setOnAction(e -> {
            model.jumpToEnd();
            console.scrollTo(Math.max(0, model.logs().size() - 1));
        });
        Button more = new Button("Load more");
        more.visibleProperty().bind(model.moreProperty());
        more.setOnAction(e -> model.loadMore());
        Button copy = new Button("Copy");
        copy.setOnAction(e -> copy(console.getSelectionModel().getSelectedItems().isEmpty()
                ? model.logs() : console.getSelectionModel().getSelectedItems()));
        BorderPane pane = new BorderPane(console);
        pane.setTop(new ToolBar(levels, filter, find, previous, next, matches, end, more, copy, export));
        setContent(pane);
    }

    /**
     * Highlights every loaded line containing {@code text}, ignoring case, and selects the first
     * from the focused line on (a search's hit), else the first.
     */
    private void find(String text) {
        finding = text == null ? "" : text.toLowerCase(Locale.ROOT);
        found.clear();
        for (int i = 0; !finding.isEmpty() && i < model.logs().size(); i++) {
            if (model.logs().get(i).message().toLowerCase(Locale.ROOT).contains(finding)) {
                found.add(i);
            }
        }
        long from = model.focusProperty().get();
        current = found.isEmpty() ? -1 : 0;
        for (int k = 0; from >= 0 && k < found.size(); k++) {
            if (model.logs().get(found.get(k)).id() >= from) {
                current = k;
                break;
            }
        }
        console.refresh();
        showMatch();
    }

    private void step(int by) {
        if (!found.isEmpty()) {
            current = (current + by + found.size()) % found.size();
            showMatch();
        }
    }

    private void showMatch() {
        matches.setText(finding.isEmpty() ? "" : found.isEmpty() ? "no match in the lines loaded"
                : (current + 1) + " of " + found.size() + (model.moreProperty().get() ? " in the lines loaded" : ""));
        if (current >= 0 && current < found.size()) {
            console.getSelectionModel().clearAndSelect(found.get(current));
            console.scrollTo(Math.max(0, found.get(current) - 3));
        }
    }

    private static void copy(List<SessionLog> lines) {
        ClipboardContent content = new ClipboardContent();
        content.putString(lines.stream().map(l -> l.timestamp().text() + " [" + l.level().value() + "] " + l.message())
                .collect(Collectors.joining("\n")));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static final class LogCell extends ListCell<SessionLog> {
        private final Supplier<String> finding;

        LogCell(Supplier<String> finding) {
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
            if (!find.isEmpty() && line.message().toLowerCase(Locale.ROOT).contains(find)) {
                getStyleClass().add("log-match");
            }
        }
    }
}
