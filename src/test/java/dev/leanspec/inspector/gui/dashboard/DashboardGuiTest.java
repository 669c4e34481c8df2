package dev.leanspec.inspector.gui.dashboard;

import static dev.leanspec.inspector.testing.FileTabs.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;
import dev.leanspec.inspector.gui.main.Settings;
import dev.leanspec.inspector.persistence.sessions.SessionStats;
import dev.leanspec.inspector.testing.FileTabs;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Dashboard on the demo sessions.db: its charts, and a bar's click opening the session list filtered to it. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class DashboardGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(FxTaskRunner::new, new FxDialogService(stage), Settings.inMemory(), dir.resolve("data"));
        stage.setScene(dev.leanspec.inspector.gui.InspectorApp.scene(model, stage::close));
        stage.show();
    }

    @Test
    void chartsDrawAndABarListsItsSessions(FxRobot robot) throws Exception {
        Path file = DemoDatabases.write(dir.resolve("demo")).sessions();
        FileTabs.Opened opened = FileTabs.open(robot, model, file, "tab-dashboard");
        OpenFileViewModel open = opened.file();
        TabPane tabs = opened.tabs();
        waitUntil(() -> open.browsableProperty().get());

        waitUntil(() -> open.dashboard().statsProperty().get() != null);
        SessionStats stats = open.dashboard().statsProperty().get();
        assertThat(open.dashboard().messageProperty().get()).contains("sessions · computed by SQLite in");
        waitUntil(() -> robot.lookup("#chart-per-period").tryQuery().isPresent());
        waitUntil(() -> robot.lookup(".chart").queryAll().stream()
                .anyMatch(c -> c instanceof BarChart<?, ?> chart && "Sessions per runner".equals(chart.getTitle())));
        @SuppressWarnings("unchecked")
        BarChart<String, Number> runners = robot.lookup(".chart").queryAll().stream()
                .filter(c -> c instanceof BarChart<?, ?> chart && "Sessions per runner".equals(chart.getTitle()))
                .map(c -> (BarChart<String, Number>) c).findFirst().orElseThrow();
        waitUntil(() -> !runners.getData().isEmpty() && !runners.getData().getFirst().getData().isEmpty()
                && runners.getData().getFirst().getData().getFirst().getNode() != null);
        XYChart.Data<String, Number> bar = runners.getData().getFirst().getData().getFirst();
        String runner = bar.getXValue();
        long sessions = bar.getYValue().longValue();
        assertThat(stats.byRunner().getFirst().key()).isEqualTo(runner);

        Node node = bar.getNode();
        robot.interact(() -> node.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0, MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, true, false, false, null)));
        waitUntil(() -> "tab-sessions".equals(tabs.getSelectionModel().getSelectedItem().getId()));
        eventually(() -> assertThat(open.sessions().runnerFilter()).containsExactly(runner));
        waitUntil(() -> open.sessions().totalProperty().get().equals(String.format("%,d sessions", sessions)));
        assertThat(open.sessions().sessions()).allSatisfy(s -> assertThat(s == null || s.runner().equals(runner)).isTrue());
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        FileTabs.waitUntil(condition);
    }
}
