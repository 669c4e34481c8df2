package dev.leanspec.inspector.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * A user whose machine holds what LeanSpec 0.2.24 wrote: the window opens both files, File ▸
 * Consolidate shows what will be carried over, and one click later the leanspec.db is open and
 * the sources are renamed as LeanSpec does.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ConsolidateGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"));
    }

    @Test
    void oneClickTurnsThe024FilesIntoALeanspecDbAndOpensIt(FxRobot robot) throws Exception {
        Path home = dir.resolve("home");
        RealFixtures.copy("leanspec-0.2.24/sessions.db", home.resolve(".lean-spec"));
        RealFixtures.copy("leanspec-0.2.24/chat.db", home.resolve(".local/share/lean-spec"));
        robot.interact(() -> model.openAtStart(java.util.List.of(), LeanSpecPaths.of(home, Map.of(), "Linux")));
        waitUntil(() -> model.files().size() == 2);

        robot.interact(model::consolidate);
        waitUntil(() -> robot.lookup("#confirm-dialog .button").match(LabeledMatchers.hasText("Consolidate")).tryQuery().isPresent());
        assertThat((String) robot.lookup("#confirm-dialog #dialog-text").query().getUserData())
                .contains("runner-era").contains("v0.2.24").contains("session_logs").contains("27 rows");
        // The dialog sits on the window, centred, not hanging off its edge.
        Node pane = robot.lookup("#confirm-dialog").query();
        Windows.eventually(() -> {
            javafx.stage.Window dialog = pane.getScene().getWindow();
            javafx.stage.Window main = dialog instanceof javafx.stage.Stage s ? s.getOwner() : null;
            assertThat(main).isNotNull();
            assertThat(dialog.getX()).isGreaterThanOrEqualTo(main.getX());
            assertThat(dialog.getX() + dialog.getWidth()).isLessThanOrEqualTo(main.getX() + main.getWidth());
            assertThat(dialog.getX() + dialog.getWidth() / 2).isCloseTo(main.getX() + main.getWidth() / 2, org.assertj.core.data.Offset.offset(2.0));
        });
        // The counts are a grid, not columns of spaces in a proportional font.
        assertThat(robot.lookup("#confirm-dialog .dialog-grid .label").queryAllAs(javafx.scene.control.Label.class))
                .extracting(javafx.scene.control.Label::getText).contains("session_logs", "27 rows");
        robot.clickOn(robot.lookup("#confirm-dialog .button").match(LabeledMatchers.hasText("Consolidate")).queryAs(Node.class));

        waitUntil(() -> model.files().size() == 1 && model.files().getFirst().kind() == DatabaseKind.LEANSPEC);
        OpenFileViewModel leanspec = model.files().getFirst();
        assertThat(leanspec.file()).contains(home.resolve(".lean-spec/leanspec.db"));
        waitUntil(() -> leanspec.sessions().orElseThrow().list().pages().items().size() == 6);
        assertThat(home.resolve(".lean-spec/sessions.db.migrated")).exists();
        assertThat(home.resolve(".local/share/lean-spec/chat.db.migrated")).exists();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        dev.leanspec.inspector.testing.Windows.waitUntil(condition);
    }
}
