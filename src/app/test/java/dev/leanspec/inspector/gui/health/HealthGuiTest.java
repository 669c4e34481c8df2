package dev.leanspec.inspector.gui.health;

import static dev.leanspec.inspector.testing.Windows.eventually;
import static dev.leanspec.inspector.testing.Windows.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.doctor.Finding;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;
import dev.leanspec.inspector.testing.Windows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
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
 * Issue 36: the Health tab. A home folder as LeanSpec's binaries left it — 0.2.28's leanspec.db
 * with a session its dead server left running, 0.2.24's chat.db in the data folder 0.2.28's
 * import never looked in — opens at start; each file's Health tab carries a badge with what is to
 * act on, its findings link to their rows, and Repair… closes the stuck session as LeanSpec's
 * own cleanup would have, after asking, with a backup. Until then no byte changes.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class HealthGuiTest {

    @TempDir
    static Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"), dialogs);
    }

    @Test
    void theHealthTabShowsWhatLeanSpecLeftAndRepairsIt(FxRobot robot) throws Exception {
        // A 0.2.24 user who started 0.2.28: its leanspec.db beside the sessions.db its import failed
        // on, chat.db in the data folder its import never looked in, and a session left running.
        Path home = dir.resolve("home");
        Path leanspec = RealFixtures.copy("leanspec-0.2.28-upgrade/leanspec.db", home.resolve(".lean-spec"));
        Path sessionsDb = RealFixtures.copy("leanspec-0.2.28-upgrade/sessions.db", home.resolve(".lean-spec"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", home.resolve(".local/share/lean-spec"));
        String stuck;
        long sessionRows;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sessionsDb); Statement sql = db.createStatement()) {
            try (ResultSet row = sql.executeQuery("SELECT id, (SELECT count(*) FROM sessions) FROM sessions WHERE status <> 'running' "
                    + "ORDER BY id LIMIT 1")) {
                row.next();
                stuck = row.getString(1);
                sessionRows = row.getLong(2);
            }
            sql.executeUpdate("UPDATE sessions SET status = 'running', ended_at = NULL WHERE id = '" + stuck + "'");
        }
        // The files themselves: a reader of a WAL file has SQLite's empty -wal and -shm beside it while open.
        Map<String, String> before = FileBytes.folder(home.resolve(".lean-spec"));
        String chatBefore = FileBytes.folder(chat.getParent()).get("chat.db");

        robot.interact(() -> model.openAtStart(List.of(), LeanSpecPaths.of(home, Map.of("HOME", home.toString()), "Linux")));
        waitUntil(() -> model.files().size() == 3);
        OpenFileViewModel file = model.files().stream().filter(f -> f.kind() == DatabaseKind.LEANSPEC).findFirst().orElseThrow();
        OpenFileViewModel sessionsFile = model.files().stream().filter(f -> f.kind() == DatabaseKind.SESSIONS).findFirst().orElseThrow();
        OpenFileViewModel chats = model.files().stream().filter(f -> f.kind() == DatabaseKind.CHAT).findFirst().orElseThrow();
        HealthViewModel health = file.health().orElseThrow();

        // Checked once the file is open, without being asked: the badge says how many to act on.
        // LeanSpec's own leanspec.db also shows what concerns the files around it.
        waitUntil(() -> !health.busyProperty().get() && !health.findings().isEmpty());
        assertThat(health.findings()).extracting(Finding::code).contains("stuck-session", "sessions-not-imported", "chat-not-imported");
        int warnings = (int) health.findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
        assertThat(health.warningsProperty().get()).isEqualTo(warnings);
        robot.interact(() -> model.selectedProperty().set(file));
        TabPane tabs = fileTabs(robot, "tab-runners");
        Tab healthTab = tabs.getTabs().stream().filter(t -> "tab-health".equals(t.getId())).findFirst().orElseThrow();
        assertThat(tabs.getTabs()).extracting(Tab::getText)
                .containsExactly("Migrations", "Sessions", "Conversations", "Runners", "Dashboard", "Health", "Tables", "Schema", "SQL");
        Label badge = (Label) healthTab.getGraphic();
        assertThat(badge.getText()).isEqualTo(String.valueOf(warnings));
        // Drawn in the tab's header, after its title.
        Label header = robot.from(tabs).lookup("#tab-health .tab-label").queryAs(Label.class);
        assertThat(header.getGraphic()).isSameAs(badge);
        assertThat(badge.localToScene(0, 0).getX()).isGreaterThan(header.localToScene(0, 0).getX() + 20);
        // The other files' tabs say theirs: each file's own findings.
        waitUntil(() -> chats.health().orElseThrow().findings().stream().anyMatch(f -> f.code().equals("chat-not-imported")));
        assertThat(chats.health().orElseThrow().findings()).extracting(Finding::file).containsOnly(chat.toString());
        waitUntil(() -> sessionsFile.health().orElseThrow().warningsProperty().get() == 2); // stuck, not imported
        // The file tabs carry them too, seen from any other file's tab.
        waitUntil(() -> robot.lookup("#file-health-badge").queryAll().size() == 3);

        // The tab: warnings first; a finding's id is a link to its row, in the file that holds it.
        robot.interact(() -> tabs.getSelectionModel().select(healthTab));
        TableView<Finding> table = Windows.visible(robot, "#health-table");
        assertThat(table.getItems().getFirst().severity()).isEqualTo(Finding.Severity.WARNING);
        Finding stuckFinding = table.getItems().stream().filter(f -> f.code().equals("stuck-session")).findFirst().orElseThrow();
        assertThat(stuckFinding.file()).isEqualTo(sessionsDb.toString());
        robot.interact(() -> table.getSelectionModel().select(stuckFinding));
        eventually(() -> assertThat(Windows.<Label>visible(robot, "#health-message").getText()).contains("still 'running'"));
        Hyperlink id = robot.lookup("#health-ids .hyperlink").queryAllAs(Hyperlink.class).stream()
                .filter(link -> link.getText().equals(stuck)).findFirst().orElseThrow();
        robot.interact(id::fire);
        waitUntil(() -> model.selectedProperty().get() == sessionsFile);
        waitUntil(() -> sessionsFile.sessions().orElseThrow().list().sessions().size() == 1
                && sessionsFile.sessions().orElseThrow().list().sessions().getFirst() != null);
        assertThat(sessionsFile.sessions().orElseThrow().list().sessions().getFirst().id()).isEqualTo(stuck);
        assertThat(FileBytes.folder(home.resolve(".lean-spec"))).containsAllEntriesOf(before);
        assertThat(FileBytes.folder(chat.getParent()).get("chat.db")).isEqualTo(chatBefore);

        // Repair… asks first, saying what changes; then closes the session, merges both files the
        // upgrade never imported (renamed .migrated, their tabs closed), and checks again.
        robot.interact(() -> model.selectedProperty().set(file));
        robot.interact(() -> tabs.getSelectionModel().select(healthTab));
        Button repair = Windows.visible(robot, "#health-repair");
        assertThat(repair.isDisabled()).isFalse();
        dialogs.answer = false;
        robot.interact(repair::fire);
        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(dialogs.confirmations.getFirst()).contains("3 repairs")
                .contains("sessions.db: close 1 session as LeanSpec's cleanup would have")
                .contains("sessions.db: merge " + String.format("%,d", sessionRows) + " sessions into " + leanspec)
                .contains("chat.db: merge 3 conversations into " + leanspec).contains("backup");
        assertThat(FileBytes.folder(home.resolve(".lean-spec"))).containsAllEntriesOf(before);
        dialogs.answer = true;
        robot.interact(repair::fire);
        waitUntil(() -> model.files().size() == 1 && model.files().getFirst() == file);
        waitUntil(() -> !health.busyProperty().get() && health.findings().stream().noneMatch(f -> f.code().equals("chat-not-imported"))
                && !health.findings().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.notices).anySatisfy(notice -> assertThat(notice).contains("close 1 session").contains("merge 3 conversations")
                .contains("The backup, checked: "));
        assertThat(health.findings()).extracting(Finding::code).doesNotContain("stuck-session", "sessions-not-imported")
                .contains("leftover-migrated");
        assertThat(health.warningsProperty().get()).isEqualTo(warnings - 3);
        assertThat(repair.isDisabled()).isTrue();
        assertThat(chat).doesNotExist();
        assertThat(chat.resolveSibling("chat.db.migrated")).exists();
        assertThat(sessionsDb.resolveSibling("sessions.db.migrated")).exists();
        // The leanspec.db shown reads the file again: every session and conversation is in it, the stuck one failed.
        waitUntil(() -> file.conversations().orElseThrow().conversations().size() == 3);
        waitUntil(() -> file.sessions().orElseThrow().list().sessions().size() == sessionRows
                && file.sessions().orElseThrow().list().sessions().stream()
                .anyMatch(s -> s != null && s.id().equals(stuck) && s.status().value().equals("failed")));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + leanspec + "?mode=ro", "", "");
             Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT status, (SELECT data FROM session_events WHERE session_id = s.id ORDER BY id DESC "
                     + "LIMIT 1) FROM sessions s WHERE id = '" + stuck + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("failed");
            assertThat(row.getString(2)).isEqualTo("Process disappeared");
        }
        try (var files = Files.list(leanspec.getParent())) {
            // One per merge into leanspec.db, one of sessions.db before its session was closed.
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".backup-")))
                    .filteredOn(n -> n.startsWith("leanspec.db")).hasSize(2);
        }
    }

    @Test
    void orphanRowsGoOnlyWhenAskedAndAPostgresPlaceholderOpensInATab(FxRobot robot) throws Exception {
        // 0.2.28's own file with a log line of a session deleted while foreign keys were off, and the
        // SQLite file 0.2.25-0.2.28 wrote as "(postgres)" in the folder their server started from.
        Path home = dir.resolve("home-orphans");
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", home.resolve(".lean-spec"));
        Path placeholder = home.resolve("(postgres)");
        Files.copy(leanspec, placeholder);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + leanspec); Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('gone', '2026-01-01T00:00:00Z', "
                    + "'stdout', 'left behind')");
        }
        Map<String, String> before = FileBytes.data(leanspec.getParent());

        robot.interact(() -> model.openAtStart(List.of(), LeanSpecPaths.of(home, Map.of("HOME", home.toString()), "Linux")));
        waitUntil(() -> model.files().size() == 1);
        OpenFileViewModel file = model.files().getFirst();
        HealthViewModel health = file.health().orElseThrow();
        waitUntil(() -> !health.busyProperty().get() && health.findings().stream().anyMatch(f -> f.code().equals("orphan-rows")));
        robot.interact(() -> model.selectedProperty().set(file));
        TabPane tabs = fileTabs(robot, "tab-health");
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "tab-health".equals(t.getId()))
                .findFirst().orElseThrow()));
        // No id names them: one click lists them in the SQL tab.
        TableView<Finding> findings = Windows.visible(robot, "#health-table");
        robot.interact(() -> findings.getSelectionModel().select(findings.getItems().stream()
                .filter(f -> f.code().equals("orphan-rows")).findFirst().orElseThrow()));
        Hyperlink rows = Windows.visible(robot, "#health-show-rows");
        robot.interact(rows::fire);
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-sql"));
        waitUntil(() -> file.console().rows().size() == 1 && !file.console().runningProperty().get());
        assertThat(file.console().rows().getFirst()).contains("left behind");
        assertThat(Windows.<org.fxmisc.richtext.CodeArea>visible(robot, ".code-area").getText()).startsWith("SELECT * FROM \"session_logs\"");
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "tab-health".equals(t.getId()))
                .findFirst().orElseThrow()));
        // Repair… leaves orphans alone; their own button says where they go, and asks.
        Button orphans = Windows.visible(robot, "#health-delete-orphans");
        waitUntil(() -> !orphans.isDisabled());
        assertThat(Windows.<Button>visible(robot, "#health-repair").isDisabled()).isTrue();
        dialogs.answer = false;
        robot.interact(orphans::fire);
        assertThat(dialogs.confirmations.getLast()).contains("leanspec.db: delete 1 orphan row").contains("JSON file beside");
        assertThat(FileBytes.data(leanspec.getParent())).isEqualTo(before);
        dialogs.answer = true;
        robot.interact(orphans::fire);
        waitUntil(() -> !health.busyProperty().get() && !health.findings().isEmpty()
                && health.findings().stream().noneMatch(f -> f.code().equals("orphan-rows")));
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.notices).anySatisfy(notice -> assertThat(notice).contains("The rows deleted, saved in: "));
        waitUntil(orphans::isDisabled);
        assertThat(Databases.scalar(leanspec, "SELECT count(*) FROM session_logs WHERE session_id = 'gone'")).isEqualTo(0);
        try (var files = Files.list(leanspec.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).anySatisfy(name -> assertThat(name).endsWith(".orphans.json"));
        }

        // The (postgres) file: one click opens it in a tab of its own (File ▸ Copy to PostgreSQL… then copies it).
        TableView<Finding> table = Windows.visible(robot, "#health-table");
        Finding found = table.getItems().stream().filter(f -> f.code().equals("postgres-placeholder-file")).findFirst().orElseThrow();
        assertThat(found.file()).isEqualTo(placeholder.toString());
        assertThat(found.repair()).contains("File ▸ Copy to PostgreSQL…").contains("copy --from '" + placeholder + "'");
        robot.interact(() -> table.getSelectionModel().select(found));
        Hyperlink open = Windows.visible(robot, "#health-open-file");
        robot.interact(open::fire);
        waitUntil(() -> model.files().size() == 2);
        assertThat(model.files().getLast().file()).contains(placeholder);
        assertThat(model.files().getLast().kind()).isEqualTo(DatabaseKind.LEANSPEC);
        waitUntil(() -> model.selectedProperty().get() == model.files().getLast());
        // Copy to PostgreSQL… offers the database config.json names, never its password.
        Files.writeString(home.resolve(".lean-spec/config.json"), "{\"databaseUrl\": \"postgres://me:secret@db.example:5433/team\"}");
        dialogs.postgresToConnect = null;
        robot.interact(model::copyToPostgres);
        assertThat(dialogs.suggested).isNotNull();
        assertThat(dialogs.suggested.host()).isEqualTo("db.example");
        assertThat(dialogs.suggested.port()).isEqualTo(5433);
        assertThat(dialogs.suggested.database()).isEqualTo("team");
        assertThat(dialogs.suggested.password()).isEmpty();
    }

    /** The tab pane of the open file that has the tab {@code id}. */
    private static TabPane fileTabs(FxRobot robot, String id) throws Exception {
        waitUntil(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream().filter(Node::isVisible)
                .anyMatch(p -> p.getTabs().stream().anyMatch(t -> id.equals(t.getId()))));
        return robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream().filter(Node::isVisible)
                .filter(p -> p.getTabs().stream().anyMatch(t -> id.equals(t.getId()))).findFirst().orElseThrow();
    }
}
