package dev.leanspec.inspector.gui.main;

import static dev.leanspec.inspector.testing.Windows.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.runners.Runner;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A leanspec.db that LeanSpec 0.2.28 itself wrote, left with its -wal, opens as one tab: its
 * sessions, conversations and runners browse without migrating, both histories show, and no byte
 * of the file changes.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class RealLeanspecDbGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"));
    }

    @Test
    void aRealLeanspecDbBrowsesAsOneFileWithoutMigrating(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/as-left/leanspec.db", dir.resolve("files"));
        Map<String, String> before = FileBytes.folder(file.getParent());

        robot.interact(() -> model.open(file));
        waitUntil(() -> model.files().size() == 1);
        waitUntil(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .anyMatch(p -> p.getTabs().stream().anyMatch(t -> "tab-runners".equals(t.getId()))));
        TabPane tabs = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(p -> p.getTabs().stream().anyMatch(t -> "tab-runners".equals(t.getId()))).findFirst().orElseThrow();
        assertThat(tabs.getTabs()).extracting(Tab::getText).containsExactly("Migrations", "Sessions", "Conversations", "Runners", "Dashboard", "Health", "Tables", "Schema", "SQL");
        OpenFileViewModel open = model.files().getFirst();
        waitUntil(() -> open.browsableProperty().get());

        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == 8);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-sessions");
        eventually(() -> assertThat(sessions.getItems()).doesNotContainNull().extracting(Session::runner).contains("acp-agent", "ok-runner"));
        // Only the tab shown is built; the others' views, Migrations' too, wait until first looked
        // at (their CSS and layout passes took ~0.3 s of the first rows).
        assertThat(tabs.getTabs()).filteredOn(t -> t.getContent() == null).extracting(Tab::getId)
                .containsExactly("tab-migrations", "tab-conversations", "tab-runners", "tab-dashboard", "tab-health", "tab-tables", "tab-schema", "tab-sql");

        // An ACP session opens on its conversation, folded as LeanSpec's UI showed it.
        Session acp = sessions.getItems().stream().filter(s -> s.runner().equals("acp-agent") && s.status().value().equals("completed"))
                .findFirst().orElseThrow();
        var browser = open.sessions().orElseThrow();
        TabPane sessionTabs = Windows.present(robot, "#session-tabs");
        // Its row says "acp" once its summary is read; selected then, it opens on its conversation
        // at once (the tab is decided as it is selected, not switched when its log is folded).
        waitUntil(() -> browser.list().summaries().containsKey(acp.id()));
        robot.interact(() -> sessions.getSelectionModel().select(acp));
        assertThat(sessionTabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-conversation");
        assertThat(sessionTabs.getTabs()).extracting(Tab::getText).containsExactly("Details", "Conversation", "Events", "Logs");
        waitUntil(() -> browser.conversation().acpProperty().get() && browser.conversation().transcript().size() == 9);
        waitUntil(() -> !robot.lookup("#session-conversation .tool-card").queryAll().isEmpty()
                || !robot.lookup("#session-conversation .plan").queryAll().isEmpty());
        robot.interact(() -> browser.conversation().showToolsProperty().set(false));
        waitUntil(() -> browser.conversation().transcript().size() == 7);
        robot.interact(() -> {
            browser.conversation().showToolsProperty().set(true);
            browser.conversation().textProperty().set("readme");
        });
        waitUntil(() -> browser.conversation().transcript().size() == 5); // prompt, thought, plan, tool call, answer
        // The count says what the find box left of the conversation.
        assertThat(browser.conversation().summaryProperty().get()).startsWith("5 of 9 entries").contains("plan 1/3").contains("acp");

        robot.interact(() -> tabs.getSelectionModel().select(3));
        waitUntil(() -> open.runners().orElseThrow().runners().size() == 5);
        TableView<Runner> runners = Windows.visible(robot, "#runners-table");
        waitUntil(() -> runners.getItems().stream().anyMatch(r -> r.id().equals("acp-agent")));
        robot.interact(() -> runners.getSelectionModel().select(
                runners.getItems().stream().filter(r -> r.id().equals("acp-agent")).findFirst().orElseThrow()));
        TextArea config = Windows.visible(robot, "#runner-config");
        eventually(() -> assertThat(config.getText()).contains("\"protocol\" : \"acp\""));

        robot.interact(() -> tabs.getSelectionModel().select(2));
        waitUntil(() -> open.conversations().orElseThrow().conversations().size() == 3);
        // A chat message reads as its parts: the tool call is a card with its result.
        robot.interact(() -> open.conversations().orElseThrow().select(open.conversations().orElseThrow().conversations().stream()
                .filter(c -> c.title().equals("Specs of lean-spec")).findFirst().orElseThrow()));
        waitUntil(() -> open.conversations().orElseThrow().messages().size() == 4);
        waitUntil(() -> !robot.lookup("#transcript .tool-card").queryAll().isEmpty());

        robot.interact(() -> tabs.getSelectionModel().select(0));
        waitUntil(() -> open.migrations().orElseThrow().leanSpecRows().size() == 1);
        assertThat(open.migrations().orElseThrow().leanSpecRows().getFirst().description()).isEqualTo("initial schema");
        assertThat(open.migrations().orElseThrow().rows()).extracting(r -> r.version() + " " + r.state())
                .containsExactly("1 BASELINE_IGNORED", "1 BASELINE", "2 PENDING");
        Windows.visible(robot, "#sqlx-table");
        // Not adopted yet: the baseline row is what adoption will record, not a green success,
        // and the file has no version of ours yet.
        eventually(() -> {
            assertThat(robot.lookup("#migrations-table .table-cell").queryAllAs(javafx.scene.control.Labeled.class))
                    .extracting(javafx.scene.control.Labeled::getText).contains("○ baseline, when adopted").doesNotContain("⚑ baseline");
            assertThat(open.statusLineProperty().get()).contains("unversioned (its schema is version 1 of 2)");
        });

        robot.interact(() -> model.close(open));
        waitUntil(() -> model.files().isEmpty());
        // The worker closes the connections after the tab.
        eventually(() -> assertThat(FileBytes.folder(file.getParent())).isEqualTo(before));
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        Windows.waitUntil(condition);
    }
}
