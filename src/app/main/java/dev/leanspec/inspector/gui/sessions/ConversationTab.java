package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.ConversationNodes;
import dev.leanspec.inspector.persistence.transcript.Entry;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;

/** The Conversation tab: the selected ACP session as LeanSpec's Messages tab showed it, with filters and a find box. */
final class ConversationTab extends Tab {

    /** The entry at the top of the view, kept in view when the filters or the rest of the fold change the list. */
    private Entry top;

    /**
     * @param selected changes when another session is selected: its conversation starts at its top
     * @param export   the session's Export menu, at the end of the tool bar
     */
    ConversationTab(ConversationTabViewModel model, ObservableValue<?> selected, Node export) {
        super("Conversation");
        setId("tab-conversation");
        ListView<Entry> list = new ListView<>(model.transcript());
        list.setId("session-conversation");
        list.getStyleClass().add("variable-height");
        list.setPlaceholder(new Label("No messages to show."));
        selected.addListener((o, was, now) -> {
            top = null;
            list.scrollTo(0);
        });
        keepTopEntry(list);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(null);
                // The entry a search opened this session on: marked until another is asked for.
                getStyleClass().remove("search-hit");
                if (!empty && entry != null && entry.logId() == model.highlightProperty().get()) {
                    getStyleClass().add("search-hit");
                }
                setGraphic(empty || entry == null ? null : ConversationNodes.entry(entry, l.widthProperty().subtract(40)));
            }
        });
        TextField find = new TextField();
        find.setId("conversation-find");
        find.setPromptText("Find in messages, thoughts, tools, plan");
        find.textProperty().bindBidirectional(model.textProperty());
        Label summary = new Label();
        summary.setId("conversation-summary");
        summary.textProperty().bind(model.summaryProperty());
        ToolBar bar = new ToolBar(toggle("Messages", model.showMessagesProperty()), toggle("Thoughts", model.showThoughtsProperty()),
                toggle("Tools", model.showToolsProperty()), toggle("Plan", model.showPlanProperty()), find, summary, export);
        BorderPane pane = new BorderPane(list);
        pane.setTop(bar);
        setContent(pane);
        // A search's match: the entry it starts at selected and scrolled to, once it is folded.
        Runnable highlight = () -> {
            long logId = model.highlightProperty().get();
            if (logId < 0) {
                return;
            }
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).logId() == logId) {
                    int index = i;
                    Platform.runLater(() -> {
                        list.getSelectionModel().clearAndSelect(index);
                        list.scrollTo(Math.max(0, index - 1));
                    });
                    return;
                }
            }
        };
        model.highlightProperty().addListener((o, was, now) -> {
            list.refresh();
            highlight.run();
        });
        list.getItems().addListener((ListChangeListener<Entry>) change -> highlight.run());
        // An ACP session reads as its conversation (LeanSpec's "Messages"); a subprocess session has only its console.
        disableProperty().bind(model.acpProperty().not());
    }

    /**
     * Keeps the entry at the top of the conversation in view when the filters change what is
     * shown (toggling Thoughts jumped to the end: the list kept its scroll fraction, not its
     * place) or when the rest of the log is folded in.
     */
    private void keepTopEntry(ListView<Entry> list) {
        list.skinProperty().addListener((o, was, skin) -> {
            if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.positionProperty().addListener((p, before, now) -> {
                    IndexedCell<?> first = flow.getFirstVisibleCell();
                    top = first == null || !(first.getItem() instanceof Entry entry) || first.getIndex() == 0 ? null : entry;
                });
            }
        });
        list.getItems().addListener((ListChangeListener<Entry>) change -> {
            Entry kept = top;
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

    private static ToggleButton toggle(String text, BooleanProperty shown) {
        ToggleButton button = new ToggleButton(text);
        button.selectedProperty().bindBidirectional(shown);
        return button;
    }
}
