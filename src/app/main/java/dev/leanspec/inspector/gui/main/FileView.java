package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.chat.ConversationsView;
import dev.leanspec.inspector.gui.chat.ConversationsViewModel;
import dev.leanspec.inspector.gui.common.Browser;
import dev.leanspec.inspector.gui.console.ConsoleView;
import dev.leanspec.inspector.gui.dashboard.DashboardView;
import dev.leanspec.inspector.gui.health.HealthView;
import dev.leanspec.inspector.gui.health.HealthViewModel;
import dev.leanspec.inspector.gui.migrations.MigrationsView;
import dev.leanspec.inspector.gui.migrations.MigrationsViewModel;
import dev.leanspec.inspector.gui.runners.RunnersView;
import dev.leanspec.inspector.gui.runners.RunnersViewModel;
import dev.leanspec.inspector.gui.schema.SchemaView;
import dev.leanspec.inspector.gui.sessions.SessionsView;
import dev.leanspec.inspector.gui.sessions.SessionsViewModel;
import dev.leanspec.inspector.gui.tables.TablesView;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javafx.animation.KeyFrame;
import javafx.beans.binding.BooleanBinding;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * One open file: Migrations, then Sessions, Conversations and Runners (whichever the file's kind
 * holds; a leanspec.db has all three), Tables, Schema and SQL. A file of no known kind has the last three.
 */
public final class FileView extends TabPane {

    /** The style class of a browse tab's content (the packaging check and benchmark wait for its rows). */
    public static final String BROWSE_ROWS = "browse-rows";

    /** How often live refresh asks SQLite whether the file changed. */
    static final Duration LIVE_INTERVAL = Duration.seconds(2);

    /**
     * The content of each tab not looked at yet. A tab's view is built when the tab is first
     * selected: every view in the file's tabs took their first CSS and layout pass together
     * (~0.3 s of the first rows' 1.4 s on a small leanspec.db), though only one tab shows.
     * Their view models load as before; a view shows what its model holds when it is built.
     */
    private final Map<Tab, Supplier<Node>> unbuilt = new HashMap<>();
    private final Set<Tab> browseTabs = new HashSet<>();
    private SessionsView sessions;
    private ConversationsView conversations;
    private final Tab browse;
    private final Timeline live;

    public FileView(OpenFileViewModel model) {
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        Tab opening = null;
        if (model.tabs() instanceof FileTabs.LeanSpec known) {
            MigrationsViewModel migrationsModel = known.migrations();
            Tab migrations = tab("Migrations", "tab-migrations", () -> new MigrationsView(migrationsModel));
            Tab first = null;
            for (Browser browser : known.browsers()) {
                // By instanceof, not a switch over the types: a type switch spins a class with the
                // class-file API at its first run (no start-up cache holds it), on the way to the first rows.
                Tab tab;
                if (browser instanceof SessionsViewModel rows) {
                    tab = browseTab("Sessions", "tab-sessions", () -> sessions = new SessionsView(rows), known, model);
                } else if (browser instanceof ConversationsViewModel rows) {
                    tab = browseTab("Conversations", "tab-conversations", () -> conversations = new ConversationsView(rows), known, model);
                } else if (browser instanceof RunnersViewModel rows) {
                    tab = browseTab("Runners", "tab-runners", () -> new RunnersView(rows), known, model);
                } else {
                    throw new IllegalStateException("no view for " + browser);
                }
                first = first == null ? tab : first;
            }
            // Its figures are computed when first looked at, not on every open.
            browseTab("Dashboard", "tab-dashboard", () -> {
                known.dashboard().refresh();
                return new DashboardView(known.dashboard());
            }, known, model);
            health(known.health());
            Tab sessionsTab = first;
            model.showSessionsProperty().addListener((o, a, b) -> getSelectionModel().select(sessionsTab));
            browse = first;
            // A known file opens on its rows (read as they are), the Migrations tab one click away;
            // a file whose rows cannot be read (or whose status cannot) turns to Migrations, which
            // says why. Its rows' tab comes first so that Migrations is built only when looked at.
            opening = first != null ? first : migrations;
            migrationsModel.busyProperty().addListener((o, was, busy) -> {
                if (!busy && !model.browsableProperty().get() && browseTabs.contains(getSelectionModel().getSelectedItem())) {
                    getSelectionModel().select(migrations);
                }
            });
        } else {
            browse = null;
        }
        rawTools(model);
        model.shownTabProperty().addListener((o, was, id) -> getTabs().stream().filter(tab -> tab.getId().equals(id)).findFirst()
                .ifPresent(tab -> getSelectionModel().select(tab)));
        // Listened to once all tabs are added: adding the first selects it, and it need not be built.
        getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> build(tab));
        if (opening != null) {
            getSelectionModel().select(opening);
        }
        build(getSelectionModel().getSelectedItem());

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

    /**
     * Health: what {@code doctor} finds, checked in the background once the file is open; its tab
     * carries a badge with the number of findings to act on, so they are seen without looking.
     */
    private void health(HealthViewModel model) {
        Tab health = tab("Health", "tab-health", () -> new HealthView(model));
        HealthView.badge(health, model, "health-badge");
        // One tooltip whose text follows the summary, not a new one per change.
        javafx.scene.control.Tooltip summary = new javafx.scene.control.Tooltip();
        summary.textProperty().bind(model.summaryProperty());
        health.setTooltip(summary);
    }

    /** A tab whose content {@link #build}s when it is first selected. */
    private Tab tab(String title, String id, Supplier<Node> content) {
        Tab tab = new Tab(title);
        tab.setId(id);
        unbuilt.put(tab, content);
        getTabs().add(tab);
        return tab;
    }

    private void build(Tab tab) {
        Supplier<Node> content = tab == null ? null : unbuilt.remove(tab);
        if (content != null) {
            tab.setContent(content.get());
        }
    }

    private Tab browseTab(String title, String id, Supplier<Node> rows, FileTabs.LeanSpec known, OpenFileViewModel model) {
        Tab browseTab = tab(title, id, () -> {
            Label locked = new Label("This file's shape is not one this build can read as " + title.toLowerCase(Locale.ROOT)
                    + " (see the Migrations tab). Its raw tables can be read in the Tables tab.");
            locked.setId("browse-locked");
            locked.setWrapText(true);
            Label reading = new Label("Reading the file…");
            Node view = rows.get();
            // All stay in the tab and only their visibility switches: a table swapped into a tab
            // in the same pulse as its first rows arrive was seen to stay blank until a re-layout.
            BooleanBinding statusKnown = known.migrations().statusProperty().isNotNull();
            view.visibleProperty().bind(model.browsableProperty());
            locked.visibleProperty().bind(model.browsableProperty().not().and(statusKnown));
            reading.visibleProperty().bind(statusKnown.not().and(known.migrations().busyProperty()));
            StackPane content = new StackPane(reading, locked, view);
            content.getStyleClass().add(BROWSE_ROWS);
            return content;
        });
        browseTabs.add(browseTab);
        return browseTab;
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

    /** Tables, Schema and SQL: the tools for any file or database, whatever its shape; read when first looked at. */
    private void rawTools(OpenFileViewModel model) {
        tab("Tables", "tab-tables", () -> {
            model.tables().refresh();
            return new TablesView(model.tables());
        });
        tab("Schema", "tab-schema", () -> {
            model.schema().refresh();
            return new SchemaView(model.schema());
        });
        tab("SQL", "tab-sql", () -> new ConsoleView(model.console()));
    }
}
