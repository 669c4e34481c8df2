package dev.leanspec.inspector.gui.health;

import dev.leanspec.inspector.gui.common.Controls;
import dev.leanspec.inspector.persistence.doctor.Finding;

import java.nio.file.Path;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * What {@code doctor} finds in the file: a table of findings (warnings first) and the selected
 * one's sentence, its rows as links, and what a repair does; Check Again, Stop, Delete Orphan Rows… (when
 * there are any) and Repair….
 */
public final class HealthView extends BorderPane {

    public HealthView(HealthViewModel model) {
        setId("health-view");
        Label summary = new Label();
        summary.setId("health-summary");
        summary.getStyleClass().add("summary");
        summary.textProperty().bind(model.summaryProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.busyProperty());
        Button again = new Button("Check Again");
        again.setId("health-check");
        again.setOnAction(e -> model.check());
        Button stop = new Button("Stop");
        stop.setId("health-stop");
        stop.visibleProperty().bind(model.busyProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setOnAction(e -> model.stop());
        Button repair = new Button("Repair…");
        repair.setId("health-repair");
        repair.setTooltip(new Tooltip("Close the sessions stuck in 'running' as LeanSpec's own cleanup would have, after a checked backup"));
        repair.disableProperty().bind(model.repairableProperty().not().or(model.busyProperty()));
        repair.setOnAction(e -> model.repair());
        Button orphans = new Button("Delete Orphan Rows…");
        orphans.setId("health-delete-orphans");
        orphans.setTooltip(new Tooltip("Save the rows no session or conversation owns to a JSON file beside a checked backup, then delete them"));
        // Always there, as Repair… is: a button that came and went with the findings once left the table drawn without the new row.
        orphans.disableProperty().bind(model.orphanedProperty().not().or(model.busyProperty()));
        orphans.setOnAction(e -> model.deleteOrphans());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        setTop(new ToolBar(summary, progress, gap, stop, again, orphans, repair));

        TableView<Finding> table = new TableView<>(model.findings());
        table.setId("health-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Finding, String> severity = column("", 80, f -> f.severity().value());
        severity.setCellFactory(c -> new SeverityCell());
        // Only the file's column gives or takes width: a window made smaller once clipped the codes.
        severity.setMinWidth(75);
        severity.setMaxWidth(100);
        table.getColumns().add(severity);
        TableColumn<Finding, String> code = column("Finding", 200, Finding::code);
        code.setMinWidth(200);
        code.setMaxWidth(260);
        table.getColumns().add(code);
        TableColumn<Finding, String> count = column("Count", 90, f -> String.format("%,d", f.count()));
        count.setMinWidth(70);
        count.setMaxWidth(120);
        count.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(count);
        table.getColumns().add(column("File", 300, f -> Path.of(f.file()).getFileName() + "  —  " + f.file()));
        table.setPlaceholder(Controls.placeholder(model.busyProperty(), "Nothing found."));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, finding) -> model.select(finding));
        model.selectedProperty().addListener((o, a, finding) -> {
            if (finding != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(finding);
            }
        });

        VBox details = new VBox(8);
        details.setId("health-details");
        details.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        model.selectedProperty().addListener((o, a, finding) -> describe(model, finding, details));
        describe(model, model.selectedProperty().get(), details);

        SplitPane split = new SplitPane(table, scroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);
    }

    /**
     * Puts the number of findings to act on after the title of {@code tab} (the file's tab, its
     * Health tab), and nothing while there are none; its tooltip says what they are.
     */
    public static void badge(Tab tab, HealthViewModel model, String id) {
        Label badge = new Label();
        badge.setId(id);
        badge.getStyleClass().addAll("badge", "badge-warning");
        badge.textProperty().bind(model.warningsProperty().asString());
        badge.setTooltip(new Tooltip());
        badge.getTooltip().textProperty().bind(Bindings.concat("Health: ", model.summaryProperty()));
        // Set and taken away rather than hidden: the tab's header laid out a hidden graphic's change late.
        tab.graphicProperty().bind(Bindings.when(model.warningsProperty().greaterThan(0)).then((Node) badge).otherwise((Node) null));
        tab.getStyleClass().add("badged-tab"); // the badge after the title (app.css)
    }

    /** The finding's sentence, its ids (links where the window shows their rows) and its repair. */
    private static void describe(HealthViewModel model, Finding finding, VBox into) {
        into.getChildren().clear();
        if (finding == null) {
            return;
        }
        Label message = new Label(finding.message());
        message.setId("health-message");
        message.setWrapText(true);
        into.getChildren().add(message);
        if (!finding.ids().isEmpty()) {
            FlowPane ids = new FlowPane(4, 2);
            ids.setId("health-ids");
            ids.getChildren().add(new Label(finding.ids().size() == 1 ? "Id:" : "Ids:"));
            for (String id : finding.ids()) {
                if (model.followable(finding)) {
                    Hyperlink link = new Hyperlink(id);
                    link.setTooltip(new Tooltip("Show it"));
                    link.setOnAction(e -> {
                        model.follow(finding, id);
                        link.setVisited(false);
                    });
                    ids.getChildren().add(link);
                } else {
                    ids.getChildren().add(new Label(id));
                }
            }
            if (finding.count() > finding.ids().size()) {
                ids.getChildren().add(new Label(String.format("(and %,d more)", finding.count() - finding.ids().size())));
            }
            into.getChildren().add(ids);
        }
        if (finding.query() != null) {
            Hyperlink rows = new Hyperlink(finding.count() == 1 ? "Show it in the SQL tab" : "Show them in the SQL tab");
            rows.setId("health-show-rows");
            rows.setTooltip(new Tooltip(finding.query()));
            rows.setOnAction(e -> {
                model.showRows(finding);
                rows.setVisited(false);
            });
            into.getChildren().add(rows);
        }
        if (finding.code().equals("postgres-placeholder-file")) {
            Hyperlink open = new Hyperlink("Open this file");
            open.setId("health-open-file");
            open.setTooltip(new Tooltip("Open " + finding.file() + " in a tab of its own; File ▸ Copy to PostgreSQL… then copies it"));
            open.setOnAction(e -> {
                model.follow(finding, null);
                open.setVisited(false);
            });
            into.getChildren().add(open);
        }
        Label repair = new Label("Repair: " + finding.repair());
        repair.setId("health-repair-text");
        repair.setWrapText(true);
        repair.getStyleClass().add("health-repair-text");
        into.getChildren().add(repair);
    }

    private static TableColumn<Finding, String> column(String title, double width, Function<Finding, String> value) {
        TableColumn<Finding, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return column;
    }

    /** A warning or a note, coloured as the theme colours them. */
    private static final class SeverityCell extends TableCell<Finding, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("state-outdated", "state-ignored");
            setText(empty ? null : item);
            if (!empty && item != null) {
                getStyleClass().add(item.equals("warning") ? "state-outdated" : "state-ignored");
            }
        }
    }
}
