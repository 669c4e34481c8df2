package dev.leanspec.inspector.gui.main;

import static dev.leanspec.inspector.testing.Windows.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.connect.ConnectViewModel;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.migration.MigrationRow;
import dev.leanspec.inspector.persistence.search.SearchHit;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.PostgresServer;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Tab;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.fxmisc.richtext.CodeArea;
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
        Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe());
        List<Session> expected;
        try (SessionStore sqlite = SessionStore.openReadOnly(Location.of(file))) {
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
        assertThat(open.file()).isEmpty();
        assertThat(open.title()).isEqualTo(url.database() + ".team @ 127.0.0.1");
        waitUntil(() -> open.browsableProperty().get());
        waitUntil(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .anyMatch(p -> p.getTabs().stream().anyMatch(t -> "tab-runners".equals(t.getId()))));
        TabPane tabs = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(p -> p.getTabs().stream().anyMatch(t -> "tab-runners".equals(t.getId()))).findFirst().orElseThrow();
        assertThat(tabs.getTabs()).extracting(Tab::getText).containsExactly("Migrations", "Sessions", "Conversations", "Runners", "Dashboard", "Health", "Tables",
                "Schema", "SQL");

        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == expected.size() && !sessions.getItems().contains(null));
        assertThat(sessions.getItems()).containsExactlyElementsOf(expected);
        assertThat(open.migrations().orElseThrow().rows()).extracting(MigrationRow::state).containsOnly("SUCCESS");
        assertThat(open.statusLineProperty().get()).contains("PostgreSQL").doesNotContain(url.password());
        assertThat(dialogs.errors).isEmpty();

        // Searched as a file is: typed, found, Enter opens the session on its Conversation tab.
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#search-field").query().isFocused());
        robot.write("usage section");
        ListView<SearchHit> hits = Windows.visible(robot, "#search-hits");
        waitUntil(() -> hits.getItems().size() == 2 && !model.search().busyProperty().get() && !model.search().buildingProperty().get()
                && model.search().statusProperty().get().equals("2 found in 1 file"));
        assertThat(hits.getItems()).allMatch(hit -> hit.location().equals(open.location()) && hit.where().equals("message"));
        robot.type(KeyCode.ENTER);
        waitUntil(() -> sessions.getItems().size() == 1 && sessions.getSelectionModel().getSelectedItem() != null
                && sessions.getSelectionModel().getSelectedItem().id().equals(hits.getItems().getFirst().id()));
        robot.clickOn("#search-field").type(KeyCode.ESCAPE);

        // The Tables tab: the raw rows of any table, on the server, with the whole value in the cell viewer.
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "tab-tables".equals(t.getId())).findFirst().orElseThrow()));
        var raw = open.tables();
        waitUntil(() -> raw.tables().stream().anyMatch(t -> t.name().equals("runners")));
        robot.interact(() -> raw.select(raw.tables().stream().filter(t -> t.name().equals("runners")).findFirst().orElseThrow()));
        waitUntil(() -> raw.totalProperty().get().equals("5 rows") && raw.rows().size() == 5 && !raw.rows().contains(null));
        int config = raw.selectedProperty().get().columns().indexOf("config_json");
        var acp = raw.rows().stream().filter(r -> String.valueOf(r.values().get(config)).contains("\"acp\"")).findFirst().orElseThrow();
        robot.interact(() -> raw.view(acp, config));
        waitUntil(() -> raw.cellProperty().get() != null);
        assertThat(raw.cellProperty().get().value().toString()).contains("\"protocol\":\"acp\"");
        // The Schema tab: the server's description, no file pragmas.
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "tab-schema".equals(t.getId())).findFirst().orElseThrow()));
        waitUntil(() -> open.schema().objects().stream().anyMatch(o -> o.name().equals("messages")));
        waitUntil(() -> robot.lookup("#schema-database").tryQuery().isPresent());
        assertThat(open.schema().pragmasProperty().get()).isNull();

        // The SQL tab on the server: a read, a refused write, a runaway statement stopped once.
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().getLast()));
        CodeArea editor = Windows.visible(robot, "#sql-editor");
        var console = open.console();
        console.start();
        waitUntil(() -> console.names().contains("session_logs") && console.names().contains("runner"));
        TableView<List<Object>> result = Windows.present(robot, "#console-result");
        robot.interact(() -> editor.replaceText("SELECT id, runner FROM sessions ORDER BY id"));
        robot.interact(() -> robot.lookup("#console-run").queryButton().fire());
        waitUntil(() -> result.getItems().size() == expected.size() && !result.getItems().contains(null));
        assertThat(result.getItems()).extracting(row -> (String) row.getFirst())
                .containsExactlyElementsOf(expected.stream().map(Session::id).sorted().toList());
        robot.interact(() -> editor.replaceText("DELETE FROM sessions"));
        robot.interact(() -> robot.lookup("#console-run").queryButton().fire());
        waitUntil(() -> console.failedProperty().get());
        assertThat(console.messageProperty().get()).contains("DELETE").contains("read-only");
        robot.interact(() -> editor.replaceText("SELECT pg_sleep(60)"));
        robot.interact(() -> robot.lookup("#console-run").queryButton().fire());
        waitUntil(() -> console.runningProperty().get());
        robot.interact(() -> robot.lookup("#console-stop").queryButton().fire());
        waitUntil(10, () -> !console.runningProperty().get());
        assertThat(console.messageProperty().get()).isEqualTo("Stopped.");

        // Connecting again to the same database selects it instead of opening it twice.
        robot.interact(model::connectChosen);
        assertThat(model.files()).hasSize(1);
    }

    @Test
    void fileCopyToPostgresCopiesTheOpenPairThenOpensItAndMergesOnlyWhenAsked(FxRobot robot) throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("pair"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("pair"));
        String before = FileBytes.sha256(sessions) + FileBytes.sha256(chat);
        robot.interact(() -> {
            model.open(sessions);
            model.open(chat);
        });
        waitUntil(() -> model.files().size() == 2 && model.hasFilesToCopy());
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());
        dialogs.postgresToConnect = url;

        robot.interact(model::copyToPostgres);
        waitUntil(30, () -> dialogs.notices.stream().anyMatch(n -> n.startsWith("Copied into PostgreSQL")));
        assertThat(dialogs.confirmations.getLast()).contains("Copy sessions.db and chat.db into " + url).contains("only read");
        assertThat(dialogs.asked).containsExactly(dev.leanspec.inspector.gui.connect.ConnectViewModel.Purpose.COPY_INTO);
        assertThat(dialogs.notices.getLast()).contains("sessions:         6 rows").contains("checked:").doesNotContain(url.password());
        waitUntil(() -> model.files().size() == 3);
        OpenFileViewModel team = model.files().getLast();
        assertThat(team.location()).isEqualTo(new Location.Server(url));
        assertThat(model.jobRunningProperty().get()).isFalse();
        assertThat(FileBytes.sha256(sessions) + FileBytes.sha256(chat)).isEqualTo(before);

        // Again without merging: refused, nothing changed; merging: nothing to add, all found identical.
        robot.interact(model::copyToPostgres);
        waitUntil(30, () -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors.getLast()).contains("has rows").contains("Nothing was changed");
        dialogs.option = true;
        robot.interact(model::copyToPostgres);
        waitUntil(30, () -> dialogs.notices.stream().filter(n -> n.startsWith("Copied into PostgreSQL")).count() == 2);
        assertThat(dialogs.notices.getLast()).contains("0 rows added").contains("already there: 6 in sessions");
        assertThat(model.files()).hasSize(3);
    }

    @Test
    void aRunningCopyShowsItsStepsAndItsCancelLeavesTheDatabaseAsItWas(FxRobot robot) throws Exception {
        var generated = dev.leanspec.inspector.demo.GeneratedDatabases.write(dir.resolve("big"),
                new dev.leanspec.inspector.demo.GeneratedDatabases.Volumes(2_000, 150_000, 150_000, 10, 100), 3, line -> { });
        robot.interact(() -> {
            model.open(generated.sessions());
            model.open(generated.chat());
        });
        waitUntil(() -> model.files().size() == 2 && model.hasFilesToCopy());
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());
        dialogs.postgresToConnect = url;
        dialogs.option = null;

        robot.interact(model::copyToPostgres);
        waitUntil(30, () -> model.jobProperty().get().contains(": copying session_logs"));
        Windows.visible(robot, "#job-text");
        robot.clickOn("#job-cancel");
        waitUntil(30, () -> dialogs.notices.stream().anyMatch(n -> n.startsWith("Copy into " + url.database() + ": cancelled")));
        assertThat(dialogs.notices.getLast()).contains("Nothing was changed");
        assertThat(model.jobRunningProperty().get()).isFalse();
        assertThat(model.files()).hasSize(2);
        try (var db = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
             var statement = db.createStatement();
             var tables = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            tables.next();
            assertThat(tables.getLong(1)).isZero();
        }
        assertThat(dialogs.errors).isEmpty();
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
