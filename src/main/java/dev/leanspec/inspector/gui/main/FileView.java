package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.chat.ConversationsView;
import dev.leanspec.inspector.gui.dashboard.DashboardView;
import dev.leanspec.inspector.gui.console.ConsoleView;
import dev.leanspec.inspector.gui.schema.SchemaView;
import dev.leanspec.inspector.gui.migrations.MigrationsView;
import dev.leanspec.inspector.gui.runners.RunnersView;
import dev.leanspec.inspector.gui.sessions.SessionsView;
import dev.leanspec.inspector.gui.tables.TablesView;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Duration;

/**
 * One open file: Migrations, then Sessions, Conversations and Runners (whichever the file's kind
 * holds; a leanspec.db has all three), Tables, Schema and SQL. A file of no known kind has the last three.
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
            Tab first = null;
            if (sessions != null) {
                first = browseTab("Sessions", "tab-sessions", sessions, model);
            }
            if (conversations != null) {
                Tab tab = browseTab("Conversations", "tab-conversations", conversations, model);
                first = first == null ? tab : first;
            }
            if (model.runners() != null) {
                browseTab("Runners", "tab-runners", new RunnersView(model.runners()), model);
            }
            if (model.dashboard() != null) {
                Tab dashboard = browseTab("Dashboard", "tab-dashboard", new DashboardView(model.dashboard()), model);
                boolean[] drawn = {false};
                getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
                    if (tab == dashboard && !drawn[0]) {
                        drawn[0] = true; // computed when first looked at, not on every open
                        model.dashboard().refresh();
                    }
                });
                Tab sessionsTab = first;
                model.showSessionsProperty().addListener((o, a, b) -> getSelectionModel().select(sessionsTab));
            }
            browse = first;
            Tab shown = first;
            // A known file opens on its rows (read as they are); the Migrations tab is one click away.
            model.browsableProperty().addListener((o, was, now) -> {
                if (now && shown != null) {
                    getSelectionModel().select(shown);
                }
            });
        } else {
            browse = null;
        }
        rawTools(model);

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

    private Tab browseTab(String title, String id, javafx.scene.Node rows, OpenFileViewModel model) {
        Tab tab = new Tab(title);
        tab.setId(id);
        Label locked = new Label("This file's shape is not one this build can read as " + title.toLowerCase(java.util.Locale.ROOT)
                + " (see the Migrations tab). Its raw tables can be read in the Tables tab.");
        locked.setId("browse-locked");
        locked.setWrapText(true);
        // Both stay in the tab and only their visibility switches: a table swapped into a tab
        // in the same pulse as its first rows arrive was seen to stay blank until a re-layout.
        rows.visibleProperty().bind(model.browsableProperty());
        locked.visibleProperty().bind(model.browsableProperty().not());
        tab.setContent(new javafx.scene.layout.StackPane(locked, rows));
        getTabs().add(tab);
        return tab;
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

    /** Tables, Schema and SQL: the tools for any file or database, whatever its shape. */
    private void rawTools(OpenFileViewModel model) {
        Tab tables = new Tab("Tables", new TablesView(model.tables()));
        tables.setId("tab-tables");
        getTabs().add(tables);
        // Schema and SQL are built when first looked at: they cost nothing until then.
        Tab schema = new Tab("Schema");
        schema.setId("tab-schema");
        getTabs().add(schema);
        Tab sql = new Tab("SQL");
        sql.setId("tab-sql");
        getTabs().add(sql);
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
            if (tab == schema && schema.getContent() == null) {
                schema.setContent(new SchemaView(model.schema()));
                model.schema().refresh();
            }
            if (tab == sql && sql.getContent() == null) {
                sql.setContent(new ConsoleView(model.console()));
            }
        });
        if (model.migrations() == null) {
            loadTables.run();
        }
    }
}
