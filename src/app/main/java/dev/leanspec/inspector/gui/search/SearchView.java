package dev.leanspec.inspector.gui.search;

import dev.leanspec.inspector.gui.common.Controls;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.persistence.search.SearchHit;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The search of every open file: a field for the window's top bar (Ctrl+Shift+F), and this
 * panel of hits, shown while the field has text, each with where it matched and the matching
 * words in bold. Enter opens the first hit (or the selected one); Escape clears.
 */
public final class SearchView extends VBox {

    private final TextField field = new TextField();
    private final HBox bar;

    /** How long the field waits for another key before it searches. */
    static final javafx.util.Duration SEARCH_PAUSE = javafx.util.Duration.millis(50);

    public SearchView(SearchViewModel model) {
        setId("search-view");
        field.setId("search-field");
        field.setPromptText("Search all open files (Ctrl+Shift+F)");
        field.setTooltip(new Tooltip("Every word must appear, case ignored, punctuation as typed; \"quote\" a phrase. "
                + "Prompts, logs as folded, events, messages with their parts, runners."));
        field.textProperty().bindBidirectional(model.textProperty());
        // A shorter pause than the filters' (300 ms): results follow the keys as they are typed
        // (figure 14d, key to hits drawn ≤ 150 ms); a search a key makes stale is stopped by the next.
        Controls.applyAsTyped(field, SEARCH_PAUSE, model::search);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.busyProperty());
        field.setPrefWidth(300);
        bar = new HBox(6, busy, field);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(2, 6, 2, 6));
        Label status = new Label();
        status.setId("search-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        // A first build of an index: how far it is, and Stop (searches meanwhile read the files through).
        Label indexing = new Label();
        indexing.setId("search-indexing");
        indexing.setWrapText(true);
        indexing.textProperty().bind(model.indexingProperty());
        Hyperlink stop = new Hyperlink("Stop");
        stop.setId("search-stop-indexing");
        stop.setOnAction(e -> model.stopIndexing());
        stop.visibleProperty().bind(model.buildingProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        HBox index = new HBox(4, indexing, stop);
        index.setAlignment(Pos.CENTER_LEFT);
        index.visibleProperty().bind(model.indexingProperty().isNotEmpty());
        index.managedProperty().bind(index.visibleProperty());
        ListView<SearchHit> hits = new ListView<>(model.hits());
        hits.setId("search-hits");
        hits.getStyleClass().add("variable-height");
        hits.setCellFactory(list -> new HitCell());
        hits.setPlaceholder(new Label(""));
        hits.setOnMouseClicked(e -> model.open(hits.getSelectionModel().getSelectedItem()));
        hits.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.open(hits.getSelectionModel().getSelectedItem());
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.clear();
            } else if (e.getCode() == KeyCode.DOWN && !model.hits().isEmpty()) {
                hits.requestFocus();
                hits.getSelectionModel().selectFirst();
            }
        });
        // Enter opens the first hit of what was typed; with none yet, it searches at once.
        field.setOnAction(e -> {
            if (!model.hits().isEmpty() && !model.busyProperty().get()) {
                model.open(model.hits().getFirst());
            } else {
                model.search();
            }
        });
        VBox.setVgrow(hits, Priority.ALWAYS);
        getChildren().setAll(index, status, hits);
        visibleProperty().bind(model.textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
        setSpacing(4);
        setPadding(new Insets(6));
        setPrefWidth(380);
        setMinWidth(260);
        getStyleClass().add("search-panel");
    }

    /** The field and its busy sign, for the window's top bar. */
    public Node bar() {
        return bar;
    }

    /** Puts the caret in the field, its text selected (Ctrl+Shift+F). */
    public void focus() {
        field.requestFocus();
        field.selectAll();
    }

    /** A run of the snippet, in the theme's text colour (app.css: a Text is black by default, even on a dark theme). */
    private static Text text(String words) {
        Text text = new Text(words);
        text.getStyleClass().add("search-snippet");
        return text;
    }

    private static final class HitCell extends ListCell<SearchHit> {
        @Override
        protected void updateItem(SearchHit hit, boolean empty) {
            super.updateItem(hit, empty);
            setText(null);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            Label head = new Label(hit.kind().value() + " " + (hit.kind() == SearchHit.Kind.RUNNER ? hit.id() : Formats.shortId(hit.id()))
                    + " · " + hit.where() + " · " + hit.location().name());
            head.getStyleClass().add("search-hit-head");
            head.setWrapText(true);
            head.maxWidthProperty().bind(getListView().widthProperty().subtract(30));
            Text before = text(hit.snippet().substring(0, hit.matchStart()));
            Text match = text(hit.snippet().substring(hit.matchStart(), hit.matchEnd()));
            match.getStyleClass().add("search-match");
            Text after = text(hit.snippet().substring(hit.matchEnd()));
            TextFlow snippet = new TextFlow(before, match, after);
            snippet.maxWidthProperty().bind(getListView().widthProperty().subtract(30));
            VBox box = new VBox(2, head, snippet);
            setGraphic(box);
        }
    }
}
