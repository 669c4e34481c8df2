package dev.leanspec.inspector.gui.runners;

import dev.leanspec.inspector.gui.common.ColumnWidths;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.persistence.runners.Runner;

import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The runners table (scope, project, id, default, times) and the selected runner's configuration. */
public final class RunnersView extends BorderPane {

    public RunnersView(RunnersViewModel model) {
        setId("runners-view");
        Label summary = new Label();
        summary.setId("runners-summary");
        summary.textProperty().bind(model.summaryProperty());
        setTop(new ToolBar(summary));

        TableView<Runner> table = new TableView<>(model.runners());
        table.setId("runners-table");
        table.setPlaceholder(new Label("No runners in this file."));
        table.getColumns().add(column("Scope", 80, Runner::scope));
        table.getColumns().add(column("Id", 160, Runner::id));
        table.getColumns().add(column("Default", 70, r -> r.isDefault() ? "yes" : ""));
        table.getColumns().add(column("Project", 220, r -> r.projectPath().isEmpty() ? "(all projects)" : r.projectPath()));
        table.getColumns().add(column("Created", 150, r -> Formats.timestamp(r.createdAt())));
        table.getColumns().add(column("Updated", 150, r -> Formats.timestamp(r.updatedAt())));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, runner) -> model.select(runner));
        // Selected from elsewhere (a search's hit, a link): the table follows, also when the
        // selection came before this view was built (the tab is built when first shown).
        Consumer<Runner> follow = runner -> {
            if (runner != null && runner != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(runner);
                table.scrollTo(runner);
            }
        };
        model.selectedProperty().addListener((o, a, runner) -> follow.accept(runner));
        follow.accept(model.selectedProperty().get());
        ColumnWidths.fitToContent(table);

        TextArea config = new TextArea();
        config.setId("runner-config");
        config.setEditable(false);
        config.getStyleClass().add("monospace");
        config.textProperty().bind(model.configProperty());
        Hyperlink sessions = new Hyperlink("Its sessions");
        sessions.setId("runner-sessions");
        sessions.setTooltip(new Tooltip("List the sessions this runner ran, in the Sessions tab"));
        sessions.disableProperty().bind(model.selectedProperty().isNull());
        sessions.setOnAction(e -> {
            model.followSessions();
            sessions.setVisited(false);
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(new Label("config_json"), gap, sessions);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(0, 6, 0, 0));
        BorderPane details = new BorderPane(config);
        details.setTop(head);

        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.6);
        setCenter(split);
    }

    private static TableColumn<Runner, String> column(String title, double width, Function<Runner, String> value) {
        TableColumn<Runner, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return column;
    }
}
