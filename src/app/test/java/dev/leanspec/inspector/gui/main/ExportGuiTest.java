package dev.leanspec.inspector.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.testing.RealFixtures;
import dev.leanspec.inspector.testing.Windows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 35 in the real window: a session's Export menu copies and saves its transcript, and
 * File ▸ Archive… turns the open file into a folder a browser opens. The file choosers are
 * answered by a recording dialog service (native choosers cannot be driven headless); menus and
 * items are clicked.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ExportGuiTest {

    private static final String ACP = "d7843e56-8aaa-433b-a73d-9c4ced26ced6";

    @TempDir
    static Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"), dialogs);
    }

    @Test
    void theExportMenuCopiesAndSavesTheSessionAndFileArchiveWritesTheFolder(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        robot.interact(() -> model.open(file));
        waitUntil(() -> model.files().size() == 1 && model.files().getFirst().browsableProperty().get());
        TableView<Session> sessions = Windows.visible(robot, "#sessions-table");
        waitUntil(() -> sessions.getItems().size() == 8);
        robot.interact(() -> sessions.getSelectionModel().select(sessions.getItems().stream().filter(s -> s.id().equals(ACP)).findFirst().orElseThrow()));
        robot.interact(() -> robot.lookup("#session-tabs").queryAllAs(javafx.scene.control.TabPane.class).stream()
                .filter(javafx.scene.Node::isVisible).forEach(tabs -> tabs.getTabs().stream().filter(t -> t.getId().equals("tab-conversation"))
                        .findFirst().ifPresent(t -> tabs.getSelectionModel().select(t))));
        MenuButton export = Windows.visible(robot, "#transcript-export");
        waitUntil(() -> !export.isDisabled());

        // Copy as Markdown: the whole transcript on the clipboard.
        robot.clickOn(export);
        robot.clickOn("Copy as Markdown");
        waitUntil(() -> clipboard(robot).startsWith("# Session d7843e56"));
        assertThat(clipboard(robot)).contains("## Conversation").contains("- [x] Read the spec");

        // Save as HTML…: the name suggested from the session, the page written whole.
        Path saved = dir.resolve("out/d7843e56.html");
        Files.createDirectories(saved.getParent());
        dialogs.fileToSave = saved;
        robot.clickOn(export);
        robot.clickOn("Save as HTML…");
        waitUntil(() -> Files.exists(saved));
        assertThat(dialogs.suggestedNames).last().asString().startsWith("session-d7843e56").endsWith(".html");
        assertThat(Files.readString(saved)).startsWith("<!DOCTYPE html>").contains("<h2>Conversation</h2>").contains("Content-Security-Policy");

        // File ▸ Archive…: a folder chosen, confirmed, written; then offered to the browser.
        Path history = dir.resolve("history");
        dialogs.folderToChoose = history;
        dialogs.answer = true;
        robot.clickOn("File");
        robot.clickOn("Archive…");
        waitUntil(() -> !dialogs.browsed.isEmpty());
        assertThat(dialogs.confirmations).anySatisfy(c -> assertThat(c).startsWith("Archive?"));
        assertThat(dialogs.confirmations).anySatisfy(c -> assertThat(c).startsWith("Archived\n8 sessions and 3 conversations into " + history));
        assertThat(dialogs.browsed).containsExactly(history.resolve("index.html").toUri().toString());
        assertThat(Files.readString(history.resolve("index.html"))).contains("href=\"sessions/" + ACP + ".html\"");
        assertThat(history.resolve("sessions/" + ACP + ".md")).exists();
        assertThat(dialogs.errors).isEmpty();
    }

    private static String clipboard(FxRobot robot) {
        String[] text = new String[1];
        robot.interact(() -> text[0] = Clipboard.getSystemClipboard().getString());
        return text[0] == null ? "" : text[0];
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        Windows.waitUntil(30, condition);
    }
}
