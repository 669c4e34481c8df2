package dev.leanspec.inspector.gui.search;

import static dev.leanspec.inspector.testing.Windows.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.InspectorApp;
import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.common.QueuedTaskRunner;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.Settings;
import dev.leanspec.inspector.persistence.search.SearchHit;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;
import dev.leanspec.inspector.testing.Windows;

import java.nio.file.Path;
import java.util.Map;

import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The line above the hits while a file's first index is built, in the window: it says so with
 * Stop; Stop leaves searches reading the file; the next search goes on with the build, and once
 * it is through the line goes and the index answers. The build waits for the test (a queued
 * indexer), so nothing races it.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SearchIndexingGuiTest {

    @TempDir
    static Path dir;

    private final QueuedTaskRunner indexer = new QueuedTaskRunner();
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(name -> name.equals("index") ? indexer : new FxTaskRunner(name), new FxDialogService(stage),
                Settings.inMemory(), dir.resolve("data"));
        stage.setScene(InspectorApp.scene(model, stage::close));
        stage.show();
    }

    @Test
    void theIndexingLineSaysSoStopsAndGoesWhenTheIndexIsBuilt(FxRobot robot) throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        Map<String, String> before = FileBytes.folder(file.getParent());
        Windows.open(robot, model, file, "tab-sessions");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#search-field").query().isFocused());
        robot.write("usage section");
        ListView<SearchHit> hits = Windows.visible(robot, "#search-hits");
        Label indexing = Windows.visible(robot, "#search-indexing");
        Label status = Windows.visible(robot, "#search-status");
        waitUntil(() -> hits.getItems().size() == 2 && indexing.getText().equals("Indexing leanspec.db for search…")
                && status.getText().endsWith("Searched by reading the file through: its index is being built."));
        Hyperlink stop = Windows.visible(robot, "#search-stop-indexing");

        robot.clickOn(stop);
        Windows.eventually(() -> {
            assertThat(indexing.getText()).startsWith("Indexing stopped");
            assertThat(stop.isVisible()).isFalse();
            assertThat(indexer.cancelled).isOne();
        });

        // The next search goes on with the build; once through, the line goes and the index answers.
        robot.clickOn("#search-field").write(" ");
        robot.type(KeyCode.BACK_SPACE);
        Windows.eventually(() -> {
            assertThat(indexing.getText()).isEqualTo("Indexing leanspec.db for search…");
            assertThat(stop.isVisible()).isTrue();
            assertThat(indexer.waiting()).as("the stopped build (skipped when run) and the new one").isEqualTo(2);
        });
        robot.interact(indexer::runAll);
        Windows.eventually(() -> {
            assertThat(indexing.getText()).isEmpty();
            assertThat(indexing.getParent().isVisible()).as("the indexing line").isFalse();
            assertThat(stop.isVisible()).isFalse();
            assertThat(status.getText()).isEqualTo("2 found in 1 file");
            assertThat(hits.getItems()).hasSize(2);
        });

        robot.interact(() -> model.closeAll());
        Windows.waitUntilUnchanged(file.getParent(), before);
    }
}
