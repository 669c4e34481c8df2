package dev.leanspec.inspector.gui.main;

import static dev.leanspec.inspector.testing.FileTabs.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.connect.ConnectViewModel;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.PostgresCopy;
import dev.leanspec.inspector.persistence.migration.MigrationRow;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.PostgresServer;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * File ▸ Connect to PostgreSQL… on a real server holding a copy of LeanSpec 0.2.28's own file: the
 * LeanSpec tabs browse it as they browse the file; the SQLite tools are not offered.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class PostgresGuiTest {

    @TempDir
    static Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(FxTaskRunner::new, dialogs, Settings.inMemory(), dir.resolve("data"));
        stage.setScene(dev.leanspec.inspector.gui.InspectorApp.scene(model, stage::close));
        stage.show();
    }

    @Test
    void aCopiedTeamDatabaseBrowsesLikeTheFile(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase()).withSchema("team");
        PostgresCopy.of(List.of(file), url).run();
        List<Session> expected;
        try (SessionStore sqlite = SessionStore.openReadOnly(file)) {
            expected = Page.all(100, page -> sqlite.list(SessionQuery.all(), page));
        }

        // The form as a user fills it: the parts, the password typed apart.
        ConnectViewModel form = new ConnectViewModel(null);
        form.hostProperty().set(url.host());
        form.portProperty().set(Integer.toString(url.port()));
        form.databaseProperty().set(url.database());
        form.userProperty().set(url.user());
        form.passwordProperty().set(url.password());
        form.schemaProperty().set("team");
        assertThat(form.result()).contains(url);
        dialogs.postgresToConnect = form.result().orElseThrow();

        robot.interact(model::connectChosen);
        waitUntil(() -> model.files().size() == 1);
        OpenFileViewModel open = model.files().getFirst();
        assertThat(open.path()).isNull();
        assertThat(open.title()).isEqualTo(url.database() + ".team @ 127.0.0.1");
        waitUntil(() -> open.browsableProperty().get());
        waitUntil(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .anyMatch(p -> p.getTabs().stream().anyMatch(t -> "tab-runners".equals(t.getId()))));
        TabPane tabs = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(p -> p.getTabs().stream().anyMatch(t -> "tab-runners".equals(t.getId()))).findFirst().orElseThrow();
        assertThat(tabs.getTabs()).extracting(Tab::getText).containsExactly("Migrations", "Sessions", "Conversations", "Runners", "Dashboard");

        @SuppressWarnings("unchecked")
        TableView<Session> sessions = (TableView<Session>) robot.lookup("#sessions-table").query();
        waitUntil(() -> sessions.getItems().size() == expected.size() && !sessions.getItems().contains(null));
        assertThat(sessions.getItems()).containsExactlyElementsOf(expected);
        assertThat(open.migrations().rows()).extracting(MigrationRow::state).containsOnly("SUCCESS");
        assertThat(open.statusLineProperty().get()).contains("PostgreSQL").doesNotContain(url.password());
        assertThat(dialogs.errors).isEmpty();

        // Connecting again to the same database selects it instead of opening it twice.
        robot.interact(model::connectChosen);
        assertThat(model.files()).hasSize(1);
    }

    @Test
    void aFormThatNamesNoDatabaseSaysWhy() {
        ConnectViewModel form = new ConnectViewModel(null);
        form.portProperty().set("fifty");
        assertThat(form.result()).isEmpty();
        assertThat(form.problemProperty().get()).contains("port is a number");
        form.urlProperty().set("postgres://host-only");
        assertThat(form.result()).isEmpty();
        assertThat(form.problemProperty().get()).contains("names no database");
        form.urlProperty().set("postgres://me@db:5433/leanspec?schema=team");
        form.passwordProperty().set("pw");
        assertThat(form.result()).contains(new PostgresUrl("db", 5433, "leanspec", "me", "pw", "team"));
        assertThat(form.problemProperty().get()).isEmpty();
    }
}
