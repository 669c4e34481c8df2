package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.chat.ConversationsView;
import dev.leanspec.inspector.gui.migrations.MigrationsView;
import dev.leanspec.inspector.gui.sessions.SessionsView;

import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** One open file: its Migrations tab and its Sessions or Conversations tab. */
public final class FileView extends TabPane {

    private final SessionsView sessions;
    private final ConversationsView conversations;
    private final Tab browse;

    public FileView(OpenFileViewModel model) {
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        Tab migrations = new Tab("Migrations", new MigrationsView(model.migrations()));
        migrations.setId("tab-migrations");
        sessions = model.sessions() == null ? null : new SessionsView(model.sessions());
        conversations = model.conversations() == null ? null : new ConversationsView(model.conversations());
        browse = new Tab(sessions != null ? "Sessions" : "Conversations");
        browse.setId(sessions != null ? "tab-sessions" : "tab-conversations");
        Label locked = new Label("Migrate this file to the newest version to browse it (see the Migrations tab).");
        locked.setId("browse-locked");
        browse.setContent(locked);
        model.browsableProperty().addListener((o, was, now) -> {
            browse.setContent(now ? (sessions != null ? sessions : conversations) : locked);
            if (now) {
                getSelectionModel().select(browse);
            }
        });
        getTabs().addAll(migrations, browse);
    }

    /** Ctrl+F: the filter of the browse tab. */
    public void focusFilter() {
        getSelectionModel().select(browse);
        if (sessions != null) {
            sessions.focusFilter();
        } else if (conversations != null) {
            conversations.focusFilter();
        }
    }
}
