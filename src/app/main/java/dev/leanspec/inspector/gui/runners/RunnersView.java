package dev.leanspec.inspector.gui.runners;

import dev.leanspec.inspector.gui.common.ColumnWidths;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.persistence.runners.Runner;

import java.util.function.Function;

import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

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
        // Selected from elsewhere (a search's hit): the table follows.
        model.selectedProperty().addListener((o, a, runner) -> {
            if (runner != null && runner != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(runner);
                table.scrollTo(runner);
            }
        });
        ColumnWidths.fitToContent(table);

        TextArea config = new TextArea();
        config.setId("runner-config");
        config.setEditable(false);
        config.getStyleClass().add("monospace");
        config.textProperty().bind(model.configProperty());
        BorderPane details = new BorderPane(config);
        details.setTop(new Label("config_json"));

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
