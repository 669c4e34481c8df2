package dev.leanspec.inspector.gui.main;

import static dev.leanspec.inspector.testing.Windows.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.migration.MigrationRow;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.testing.Windows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.control.ListView;
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
 * The whole story a first-time user sees, in the real window (headless): demo databases in
 * LeanSpec's oldest shapes browse as they are → Migrate → everything applied → a session's events
 * and logs → filtering → a conversation's transcript, before and after migrating.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class InspectorFlowTest {

    @TempDir
    static Path dataDir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dataDir);
    }

    @Test
    void demoDatabasesMigrateThenBrowseSessionsAndConversations(FxRobot robot) throws Exception {
        visible(robot, "#welcome-view");

        robot.clickOn("#welcome-demo");
        waitUntil(() -> model.files().size() == 2);
        assertThat(Files.list(dataDir.resolve("demo")).count()).isEqualTo(1);

        // sessions.db in LeanSpec's oldest shape: its sessions browse as they are, no migration asked.
        select(robot, "sessions.db");
        TableView<Session> sessions = visible(robot, "#sessions-table");
        waitUntil(() -> !sessions.getItems().isEmpty());
        int legacyRows = sessions.getItems().size();

        // Pending migrations, then one click (and a confirmation) migrates it.
        selectTab(robot, "tab-migrations");
        // Each file has its own tables; read the selected file's through its view model.
        visible(robot, "#migrations-table");
        var migrations = model.selectedProperty().get().migrations().orElseThrow().rows();
        waitUntil(() -> migrations.stream().anyMatch(row -> row.state().equals("PENDING")));
        robot.clickOn(visibleNode(robot, "#migrate-button"));
        confirmMigration(robot);
        waitUntil(() -> migrations.stream().noneMatch(row -> row.state().equals("PENDING")));
        assertThat(migrations).extracting(MigrationRow::state).contains("SUCCESS", "BASELINE");

        // The migrated file (tool renamed to runner) is read afresh; pick a session, read its events and logs.
        selectTab(robot, "tab-sessions");
        waitUntil(() -> sessions.getItems().size() == legacyRows && sessions.getItems().stream().allMatch(s -> s.runner() != null));
        robot.interact(() -> sessions.getSelectionModel().select(0));
        selectTab(robot, "tab-events");
        ListView<?> events = visible(robot, "#session-events");
        waitUntil(() -> !events.getItems().isEmpty());
        selectTab(robot, "tab-logs");
        ListView<?> logs = visible(robot, "#session-logs");
        waitUntil(() -> !logs.getItems().isEmpty());

        // Filtering asks the database again.
        int all = sessions.getItems().size();
        robot.clickOn(visibleNode(robot, "#session-search")).write("login-flow").type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> sessions.getItems().size() < all && !sessions.getItems().isEmpty());
        eventually(() -> assertThat(sessions.getItems()).allMatch(s -> s != null && s.specId() != null && s.specId().contains("login-flow")));

        // chat.db: read a transcript as it is, then migrate and read it again.
        select(robot, "chat.db");
        TableView<?> conversations = visible(robot, "#conversations-table");
        waitUntil(() -> !conversations.getItems().isEmpty());
        robot.interact(() -> conversations.getSelectionModel().select(0));
        ListView<?> transcript = visible(robot, "#transcript");
        waitUntil(() -> !transcript.getItems().isEmpty());
        selectTab(robot, "tab-migrations");
        robot.clickOn(visibleNode(robot, "#migrate-button"));
        confirmMigration(robot);
        waitUntil(() -> model.selectedProperty().get().migrations().orElseThrow().statusProperty().get().isUpToDate());
        selectTab(robot, "tab-conversations");
        waitUntil(() -> !conversations.getItems().isEmpty());
        robot.interact(() -> conversations.getSelectionModel().select(0));
        waitUntil(() -> !transcript.getItems().isEmpty());

        // Ctrl+W closes the file's tab.
        robot.interact(() -> model.close(model.selectedProperty().get()));
        waitUntil(() -> model.files().size() == 1);
        eventually(() -> assertThat(robot.lookup("#file-tabs").queryAs(TabPane.class).getTabs()).hasSize(1));
    }

    @Test
    void closingAFileLetsGoOfItAndLeavesItsFolderAsItWas(FxRobot robot) throws Exception {
        // 0.2.24's chat.db as LeanSpec leaves it: WAL mode, nothing beside it. While it is open
        // SQLite keeps a -wal and -shm beside it; once its tab is closed every connection to it
        // must be closed too (a closed tab's queued closes used to be dropped with its worker).
        Path chat = dev.leanspec.inspector.testing.RealFixtures.copy("leanspec-0.2.24/chat.db", dataDir.resolve("real"));
        var before = dev.leanspec.inspector.testing.FileBytes.folder(chat.getParent());
        robot.interact(() -> model.open(chat));
        waitUntil(() -> model.files().stream().anyMatch(file -> file.file().filter(chat::equals).isPresent()));
        select(robot, "chat.db");
        TableView<?> conversations = visible(robot, "#conversations-table");
        waitUntil(() -> !conversations.getItems().isEmpty());
        robot.interact(() -> conversations.getSelectionModel().select(0));
        eventually(() -> assertThat(chat.resolveSibling("chat.db-shm")).exists());

        robot.interact(() -> model.close(model.files().stream().filter(file -> file.file().filter(chat::equals).isPresent()).findFirst().orElseThrow()));

        waitUntil(() -> {
            try {
                return dev.leanspec.inspector.testing.FileBytes.folder(chat.getParent()).equals(before);
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** Clicks "Migrate" in the confirmation dialog once it shows. */
    private static void confirmMigration(FxRobot robot) throws TimeoutException {
        waitUntil(() -> robot.lookup("#confirm-dialog .button").match(Node::isVisible)
                .match(org.testfx.matcher.control.LabeledMatchers.hasText("Migrate")).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#confirm-dialog .button").match(Node::isVisible)
                .match(org.testfx.matcher.control.LabeledMatchers.hasText("Migrate")).queryAs(Node.class));
    }

    private void select(FxRobot robot, String fileName) {
        robot.interact(() -> model.selectedProperty().set(model.files().stream()
                .filter(f -> f.file().map(p -> p.getFileName().toString()).filter(fileName::equals).isPresent()).findFirst().orElseThrow()));
    }

    /** Selects a visible tab by id (tab headers are skin internals, not nodes to click reliably). */
    private static void selectTab(FxRobot robot, String id) {
        robot.interact(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(Node::isVisible)
                .forEach(pane -> pane.getTabs().stream().filter(tab -> id.equals(tab.getId()))
                        .forEach(tab -> pane.getSelectionModel().select(tab))));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T visible(FxRobot robot, String query) throws TimeoutException {
        try {
            waitUntil(() -> robot.lookup(query).match(Node::isVisible).tryQuery().isPresent());
        } catch (TimeoutException e) {
            String dialogs = robot.lookup(".dialog-pane").queryAll().stream()
                    .map(n -> ((javafx.scene.control.DialogPane) n).getHeaderText() + " / " + ((javafx.scene.control.DialogPane) n).getContentText()
                            + " / " + (((javafx.scene.control.DialogPane) n).getContent() instanceof javafx.scene.control.TextArea t ? t.getText() : ""))
                    .collect(java.util.stream.Collectors.joining("; "));
            StringBuilder tree = new StringBuilder();
            robot.lookup("#main-view").queryAll().forEach(n -> dump(n, 0, tree));
            throw new AssertionError(tree + "\nno visible " + query + " (found " + robot.lookup(query).queryAll().size()
                    + " in all); dialogs: " + dialogs, e);
        }
        return (T) robot.lookup(query).match(Node::isVisible).query();
    }

    private static void dump(Node node, int depth, StringBuilder out) {
        if (depth > 14) {
            return;
        }
        out.append("  ".repeat(depth)).append(node.getClass().getSimpleName()).append(node.getId() == null ? "" : "#" + node.getId())
                .append(node.isVisible() ? "" : " (hidden)").append('\n');
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> dump(child, depth + 1, out));
        }
    }

    private static Node visibleNode(FxRobot robot, String query) throws TimeoutException {
        return visible(robot, query);
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        dev.leanspec.inspector.testing.Windows.waitUntil(condition);
    }
}
