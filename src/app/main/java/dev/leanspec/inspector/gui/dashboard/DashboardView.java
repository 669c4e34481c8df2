package dev.leanspec.inspector.gui.dashboard;

import dev.leanspec.inspector.gui.dashboard.DashboardViewModel.Drill;
import dev.leanspec.inspector.persistence.Tally;
import dev.leanspec.inspector.persistence.chat.ChatStats;
import dev.leanspec.inspector.persistence.sessions.SessionStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.Chart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * The Dashboard tab: how the sessions and chats went, in JavaFX charts drawn from SQLite's
 * aggregates. Every bar of a session's status, runner, mode, project, spec or id opens the session
 * list filtered to it.
 */
public final class DashboardView extends BorderPane {

    /** The order of the status series: their colours in app.css follow it. */
    static final List<String> STATUS_ORDER = List.of("completed", "failed", "running", "paused", "pending", "cancelled");

    private final DashboardViewModel model;
    private final GridPane charts = new GridPane();

    public DashboardView(DashboardViewModel model) {
        this.model = model;
        setId("dashboard-view");
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Button stop = new Button("Stop");
        stop.disableProperty().bind(model.loadingProperty().not());
        stop.setOnAction(e -> model.cancel());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.loadingProperty());
        Label message = new Label();
        message.setId("dashboard-message");
        message.textProperty().bind(model.messageProperty());
        setTop(new ToolBar(refresh, stop, progress, message));
        for (int i = 0; i < 2; i++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            half.setHgrow(Priority.ALWAYS);
            charts.getColumnConstraints().add(half);
        }
        charts.setHgap(8);
        charts.setVgap(8);
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        model.statsProperty().addListener((o, was, stats) -> draw());
        model.chatStatsProperty().addListener((o, was, stats) -> draw());
    }

    private void draw() {
        charts.getChildren().clear();
        SessionStats stats = model.statsProperty().get();
        ChatStats chats = model.chatStatsProperty().get();
        int row = 0;
        if (stats != null) {
            row = drawSessions(stats);
        }
        if (chats != null) {
            charts.add(stacked("chart-messages", "Messages per " + chats.period() + " (UTC)", chats.perPeriod(), null), 0, row, 2, 1);
            charts.add(bars("Messages per provider / model", chats.byModel(), null), 0, row + 1);
            charts.add(bars("Busiest chat projects (top " + ChatStats.TOP + ")", chats.projects(), null), 1, row + 1);
        }
    }

    /** The sessions' charts; returns the next free row. */
    private int drawSessions(SessionStats stats) {
        charts.add(perPeriod(stats), 0, 0, 2, 1);
        charts.add(bars("Sessions per runner", stats.byRunner(), key -> new Drill(null, key, null, null, null)), 0, 1);
        charts.add(pie("Sessions per mode", stats.byMode(), key -> new Drill(null, null, key, null, null)), 1, 1);
        charts.add(bars("How long sessions ran", stats.durations(), null), 0, 2);
        charts.add(bars("Failed sessions per exit code", stats.failures(), key -> Drill.status("failed")), 1, 2);
        charts.add(bars("Tokens recorded per " + stats.period(), stats.tokensPerPeriod(), null), 0, 3);
        charts.add(bars("Sessions with the most log lines (top " + SessionStats.TOP + ")", shortIds(stats.busiestLogs()),
                key -> new Drill(null, null, null, null, fullId(stats.busiestLogs(), key))), 1, 3);
        charts.add(bars("Busiest projects (top " + SessionStats.TOP + ")", stats.projects(), key -> new Drill(null, null, null, key, null)), 0, 4);
        charts.add(bars("Busiest specs (top " + SessionStats.TOP + ")", stats.specs(), key -> new Drill(null, null, null, null, key)), 1, 4);
        return 5;
    }

    /** Sessions per day (or week), stacked by status; a bar's status opens the list of that status. */
    private Node perPeriod(SessionStats stats) {
        return stacked("chart-per-period", "Sessions started per " + stats.period() + ", by status", stats.perPeriod(), STATUS_ORDER);
    }

    /** Bars per day (or week), stacked by series; {@code order} (or null) fixes the series' order, so each keeps its colour. */
    private Node stacked(String id, String title, List<Tally> tallies, List<String> order) {
        CategoryAxis x = new CategoryAxis();
        Map<String, Long> perCategory = new LinkedHashMap<>();
        tallies.forEach(t -> perCategory.merge(t.key(), t.value(), Long::sum));
        NumberAxis y = countAxis(perCategory.values().stream().mapToLong(Long::longValue).max().orElse(0));
        StackedBarChart<String, Number> chart = new StackedBarChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCategoryGap(1);
        chart.setLegendVisible(order != null); // one unnamed series needs no legend
        Map<String, XYChart.Series<String, Number>> byStatus = new LinkedHashMap<>();
        for (String status : order == null ? List.<String>of() : order) {
            if (tallies.stream().anyMatch(t -> t.series().equals(status))) {
                XYChart.Series<String, Number> series = new XYChart.Series<>();
                series.setName(status);
                byStatus.put(status, series);
            }
        }
        for (Tally tally : tallies) {
            byStatus.computeIfAbsent(tally.series(), status -> {
                XYChart.Series<String, Number> series = new XYChart.Series<>();
                series.setName(status);
                return series;
            }).getData().add(new XYChart.Data<>(tally.key(), tally.value()));
        }
        chart.getData().addAll(byStatus.values());
        boolean sessions = order != null;
        for (XYChart.Series<String, Number> series : chart.getData()) {
            for (XYChart.Data<String, Number> point : series.getData()) {
                clickable(point.getNode(), series.getName() + " on " + point.getXValue() + ": " + point.getYValue(),
                        sessions ? Drill.status(series.getName()) : null);
            }
        }
        chart.setPrefHeight(320);
        return empty(chart, tallies);
    }

    private Node bars(String title, List<Tally> tallies, Function<String, Drill> drill) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = countAxis(tallies.stream().mapToLong(Tally::value).max().orElse(0));
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        tallies.forEach(t -> series.getData().add(new XYChart.Data<>(t.key(), t.value())));
        chart.getData().add(series);
        for (XYChart.Data<String, Number> point : series.getData()) {
            clickable(point.getNode(), point.getXValue() + ": " + String.format("%,d", point.getYValue().longValue()),
                    drill == null ? null : drill.apply(point.getXValue()));
        }
        chart.setPrefHeight(300);
        return empty(chart, tallies);
    }

    private Node pie(String title, List<Tally> tallies, Function<String, Drill> drill) {
        PieChart chart = new PieChart();
        chart.setTitle(title);
        chart.setAnimated(false);
        tallies.forEach(t -> chart.getData().add(new PieChart.Data(t.key() + " (" + String.format("%,d", t.value()) + ")", t.value())));
        for (int i = 0; i < tallies.size(); i++) {
            clickable(chart.getData().get(i).getNode(), chart.getData().get(i).getName(), drill.apply(tallies.get(i).key()));
        }
        chart.setPrefHeight(300);
        return empty(chart, tallies);
    }

    private void clickable(Node node, String tip, Drill drill) {
        if (node == null) {
            return;
        }
        Tooltip.install(node, new Tooltip(tip + (drill == null ? "" : "\nClick to list these sessions")));
        if (drill != null) {
            node.setCursor(Cursor.HAND);
            node.setOnMouseClicked(e -> model.drill(drill));
        }
    }

    /**
     * An axis of counts: ticks on whole numbers only (1, 2, 5, 10, 20, 50 … apart, about five of
     * them), labelled with thousands separators. JavaFX's own chose 0.25 and 0.5 for small counts.
     */
    static NumberAxis countAxis(long max) {
        long unit = countTickUnit(max);
        long upper = Math.max(unit, (max + unit - 1) / unit * unit);
        NumberAxis axis = new NumberAxis(0, upper, unit);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return String.format("%,d", Math.round(value.doubleValue()));
            }

            @Override
            public Number fromString(String text) {
                return Long.parseLong(text.replace(",", ""));
            }
        });
        return axis;
    }

    /** The whole step between ticks that gives about five of them up to {@code max}. */
    static long countTickUnit(long max) {
        double raw = max / 5.0;
        if (raw <= 1) {
            return 1;
        }
        long magnitude = (long) Math.pow(10, Math.floor(Math.log10(raw)));
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * magnitude >= raw) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static Node empty(Node chart, List<Tally> tallies) {
        if (!tallies.isEmpty()) {
            return chart;
        }
        Label none = new Label("(nothing recorded)");
        BorderPane pane = new BorderPane(none);
        // Titled as the charts beside it are: centred, in the charts' title style.
        Label title = new Label(chart instanceof Chart c ? c.getTitle() : "");
        title.getStyleClass().add("chart-title");
        BorderPane.setAlignment(title, Pos.CENTER);
        pane.setTop(title);
        pane.getStyleClass().add("chart-empty");
        pane.setPrefHeight(120);
        return pane;
    }

    /** Session ids shortened for an axis (the full id stays in the drill). */
    private static List<Tally> shortIds(List<Tally> tallies) {
        return tallies.stream().map(t -> new Tally(t.key().length() > 8 ? t.key().substring(0, 8) : t.key(), t.series(), t.value())).toList();
    }

    private static String fullId(List<Tally> tallies, String shortId) {
        return tallies.stream().map(Tally::key).filter(id -> id.startsWith(shortId)).findFirst().orElse(shortId);
    }
}
