package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.chat.ConversationsView;
import dev.leanspec.inspector.gui.migrations.MigrationsView;
import dev.leanspec.inspector.gui.sessions.SessionsView;
import dev.leanspec.inspector.gui.tables.TablesView;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Duration;

/**
 * One open file: Migrations, Sessions or Conversations, and Tables. A file of no known kind has
 * only Tables.
 */
public final class FileView extends TabPane {

    /** How often live refresh asks SQLite whether the file changed. */
    static final Duration LIVE_INTERVAL = Duration.seconds(2);

    private final SessionsView sessions;
    private final ConversationsView conversations;
    private final Tab browse;
    private final Timeline live;

    public FileView(OpenFileViewModel model) {
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        sessions = model.sessions() == null ? null : new SessionsView(model.sessions());
        conversations = model.conversations() == null ? null : new ConversationsView(model.conversations());
        if (model.migrations() != null) {
            Tab migrations = new Tab("Migrations", new MigrationsView(model.migrations()));
            migrations.setId("tab-migrations");
            getTabs().add(migrations);
            browse = new Tab(sessions != null ? "Sessions" : "Conversations");
            browse.setId(sessions != null ? "tab-sessions" : "tab-conversations");
            Label locked = new Label("Migrate this file to the newest version to browse it (see the Migrations tab). "
                    + "Its raw tables can be read in the Tables tab meanwhile.");
            locked.setId("browse-locked");
            // Both stay in the tab and only their visibility switches: a table swapped into a tab
            // in the same pulse as its first rows arrive was seen to stay blank until a re-layout.
            javafx.scene.Node rows = sessions != null ? sessions : conversations;
            rows.visibleProperty().bind(model.browsableProperty());
            locked.visibleProperty().bind(model.browsableProperty().not());
            browse.setContent(new javafx.scene.layout.StackPane(locked, rows));
            model.browsableProperty().addListener((o, was, now) -> {
                if (now) {
                    getSelectionModel().select(browse);
                }
            });
            getTabs().add(browse);
        } else {
            browse = null;
        }
        Tab tables = new Tab("Tables", new TablesView(model.tables()));
        tables.setId("tab-tables");
        getTabs().add(tables);
        // The table list is read when first looked at, not on every open.
        boolean[] loaded = {false};
        Runnable loadTables = () -> {
            if (!loaded[0]) {
                loaded[0] = true;
                model.tables().refresh();
            }
        };
        getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            if (tab == tables) {
                loadTables.run();
            }
        });
        if (model.migrations() == null) {
            loadTables.run();
        }

        live = new Timeline(new KeyFrame(LIVE_INTERVAL, e -> model.checkForChanges()));
        live.setCycleCount(Timeline.INDEFINITE);
        model.liveProperty().addListener((o, was, on) -> {
            if (on) {
                live.play();
            } else {
                live.stop();
            }
        });
    }

    /** Ctrl+F: the filter of the browse tab. */
    public void focusFilter() {
        if (browse == null) {
            return;
        }
        getSelectionModel().select(browse);
        if (sessions != null) {
            sessions.focusFilter();
        } else if (conversations != null) {
            conversations.focusFilter();
        }
    }

    /** Stops the live-refresh timer (the tab is closing). */
    public void dispose() {
        live.stop();
    }
}
