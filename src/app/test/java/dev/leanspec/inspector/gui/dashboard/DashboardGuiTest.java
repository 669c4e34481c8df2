package dev.leanspec.inspector.gui.dashboard;

import static dev.leanspec.inspector.testing.Windows.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;
import dev.leanspec.inspector.persistence.sessions.SessionStats;
import dev.leanspec.inspector.testing.Windows;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
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

/** The Dashboard on the demo sessions.db and a real leanspec.db: its charts, and a bar's click opening the session list filtered to it. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class DashboardGuiTest {

    @TempDir
    static Path dir;

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = Windows.show(stage, dir.resolve("data"));
    }

    @Test
    void chartsDrawAndABarListsItsSessions(FxRobot robot) throws Exception {
        Path file = DemoDatabases.write(dir.resolve("demo")).sessions();
        Windows.Opened opened = Windows.open(robot, model, file, "tab-dashboard");
        OpenFileViewModel open = opened.file();
        TabPane tabs = opened.tabs();
        waitUntil(() -> open.browsableProperty().get());

        waitUntil(() -> open.dashboard().orElseThrow().statsProperty().get() != null);
        SessionStats stats = open.dashboard().orElseThrow().statsProperty().get();
        assertThat(open.dashboard().orElseThrow().messageProperty().get()).contains("sessions · computed by SQLite in");
        waitUntil(() -> robot.lookup("#chart-per-period").tryQuery().isPresent());
        XYChart.Data<String, Number> bar = firstBar(robot, "Sessions per runner");
        String runner = bar.getXValue();
        long sessions = bar.getYValue().longValue();
        assertThat(stats.byRunner().getFirst().key()).isEqualTo(runner);

        click(robot, bar);
        waitUntil(() -> "tab-sessions".equals(tabs.getSelectionModel().getSelectedItem().getId()));
        eventually(() -> assertThat(open.sessions().orElseThrow().list().runnerFilter()).containsExactly(runner));
        waitUntil(() -> open.sessions().orElseThrow().list().totalProperty().get().equals(String.format("%,d sessions", sessions)));
        assertThat(open.sessions().orElseThrow().list().sessions()).allSatisfy(s -> assertThat(s == null || s.runner().equals(runner)).isTrue());
    }

    @Test
    void aBusySpecOfALeanspecDbListsItsSessions(FxRobot robot) throws Exception {
        // LeanSpec 0.2.28 keeps a session's specs in session_specs: 001-first has four sessions.
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("real"));
        Windows.Opened opened = Windows.open(robot, model, file, "tab-dashboard");
        OpenFileViewModel open = opened.file();
        waitUntil(() -> open.dashboard().orElseThrow().statsProperty().get() != null);

        // Counts are whole: no tick at 0.25 or 0.5 on small files; an empty chart is titled as the rest.
        waitUntil(() -> !robot.lookup(".axis").queryAllAs(javafx.scene.chart.Axis.class).isEmpty());
        eventually(() -> {
            for (NumberAxis axis : robot.lookup(".axis").queryAllAs(javafx.scene.chart.Axis.class).stream()
                    .filter(NumberAxis.class::isInstance).map(NumberAxis.class::cast).toList()) {
                assertThat(axis.getTickMarks()).isNotEmpty()
                        .allSatisfy(tick -> assertThat(tick.getValue().doubleValue() % 1).isZero());
            }
        });
        assertThat(robot.lookup(".chart-empty > .chart-title").queryAllAs(javafx.scene.control.Label.class))
                .allSatisfy(title -> assertThat(javafx.scene.layout.BorderPane.getAlignment(title)).isEqualTo(javafx.geometry.Pos.CENTER));

        XYChart.Data<String, Number> bar = firstBar(robot, "Busiest specs (top " + SessionStats.TOP + ")");
        assertThat(bar.getXValue()).isEqualTo("001-first");
        assertThat(bar.getYValue().longValue()).isEqualTo(4);
        click(robot, bar);

        waitUntil(() -> "tab-sessions".equals(opened.tabs().getSelectionModel().getSelectedItem().getId()));
        waitUntil(() -> open.sessions().orElseThrow().list().totalProperty().get().equals("4 sessions"));
    }

    /** The first bar of the bar chart titled {@code title}, once drawn. */
    @SuppressWarnings("unchecked")
    private static XYChart.Data<String, Number> firstBar(FxRobot robot, String title) throws TimeoutException {
        waitUntil(() -> robot.lookup(".chart").queryAll().stream()
                .anyMatch(c -> c instanceof BarChart<?, ?> chart && title.equals(chart.getTitle())));
        BarChart<String, Number> chart = robot.lookup(".chart").queryAll().stream()
                .filter(c -> c instanceof BarChart<?, ?> bars && title.equals(bars.getTitle()))
                .map(c -> (BarChart<String, Number>) c).findFirst().orElseThrow();
        waitUntil(() -> !chart.getData().isEmpty() && !chart.getData().getFirst().getData().isEmpty()
                && chart.getData().getFirst().getData().getFirst().getNode() != null);
        return chart.getData().getFirst().getData().getFirst();
    }

    private static void click(FxRobot robot, XYChart.Data<String, Number> bar) {
        Node node = bar.getNode();
        robot.interact(() -> node.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0, MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, true, false, false, null)));
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        Windows.waitUntil(condition);
    }
}
