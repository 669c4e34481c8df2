package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.Controls;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.persistence.sessions.SessionEvent;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Events tab: the selected session's events with their data, a page at a time. */
final class EventsTab extends Tab {

    EventsTab(EventsTabViewModel model) {
        super("Events");
        setId("tab-events");
        ListView<SessionEvent> events = new ListView<>(model.events());
        events.setId("session-events");
        events.getStyleClass().add("variable-height");
        events.setCellFactory(l -> new EventCell());
        events.setPlaceholder(new Label("Select a session to see its events."));
        // A search's hit in an event: that event selected and in view once it is read.
        Runnable focus = () -> {
            long id = model.focusProperty().get();
            if (id >= 0) {
                Controls.selectFirst(events, event -> event.id() == id);
            }
        };
        model.focusProperty().addListener((o, was, id) -> focus.run());
        // The tab is built when first looked at, often after the hit's events arrived.
        focus.run();
        Label shown = new Label();
        shown.setId("events-shown");
        shown.textProperty().bind(model.shownProperty());
        Button more = new Button("Load more");
        more.setId("events-more");
        more.visibleProperty().bind(model.moreProperty());
        more.setOnAction(e -> model.loadMore());
        BorderPane pane = new BorderPane(events);
        pane.setTop(new ToolBar(shown, more));
        setContent(pane);
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
                data.setMinHeight(Region.USE_PREF_SIZE);
                box.getChildren().add(data);
            }
            box.setPadding(new Insets(2));
            setGraphic(box);
        }
    }
}
