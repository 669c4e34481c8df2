package dev.leanspec.inspector.gui.migrations;

import dev.leanspec.inspector.gui.common.Controls;
import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.gui.common.PagedTables;
import dev.leanspec.inspector.persistence.migration.LeanSpecMigration;
import dev.leanspec.inspector.persistence.migration.MigrationRow;

import java.util.Locale;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The migrations table of one file, its SQL viewer and the Migrate and Validate actions. */
public final class MigrationsView extends BorderPane {

    public MigrationsView(MigrationsViewModel model) {
        setId("migrations-view");
        Label summary = new Label();
        summary.setId("migration-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add("summary");

        Label facts = new Label();
        facts.setId("migration-facts");
        facts.setWrapText(true);
        facts.textProperty().bind(model.factsProperty());

        Label problems = new Label();
        problems.setId("migration-problems");
        problems.setWrapText(true);
        problems.getStyleClass().add("problems");
        problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", model.problems()), model.problems()));
        problems.visibleProperty().bind(Bindings.isNotEmpty(model.problems()));
        problems.managedProperty().bind(problems.visibleProperty());

        Button migrate = new Button("Migrate…");
        migrate.setId("migrate-button");
        migrate.disableProperty().bind(model.canMigrateProperty().not().or(model.busyProperty()));
        migrate.setOnAction(e -> model.migrate());
        Button validate = new Button("Validate");
        validate.setId("validate-button");
        validate.disableProperty().bind(model.busyProperty());
        validate.setOnAction(e -> model.validate());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.busyProperty());
        ToolBar toolbar = new ToolBar(migrate, validate, refresh, progress);

        TableView<MigrationRow> table = new TableView<>(model.rows());
        table.setId("migrations-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Version", 90, MigrationRow::version));
        table.getColumns().add(column("Description", 240, MigrationRow::description));
        table.getColumns().add(column("Type", 90, MigrationRow::type));
        TableColumn<MigrationRow, String> state = column("State", 200, MigrationRow::state);
        state.setCellFactory(c -> new StateCell());
        table.getColumns().add(state);
        table.getColumns().add(column("Installed on", 160, row -> Formats.instant(row.installedOn())));
        table.getColumns().add(column("Time", 70, row -> row.executionTimeMs() == null ? "" : row.executionTimeMs() + " ms"));
        table.getColumns().add(column("Checksum", 110, row -> row.checksum() == null ? "" : row.checksum().toString()));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> model.select(row));
        table.setPlaceholder(Controls.placeholder(model.busyProperty(), "No migrations to show."));

        TextArea sql = new TextArea();
        sql.setId("migration-sql");
        sql.setEditable(false);
        sql.getStyleClass().add("monospace");
        sql.setPromptText("Select a migration to see its SQL.");
        sql.textProperty().bind(model.selectedSqlProperty());

        Label ours = new Label("LeanSpec Inspector's history (Flyway table flyway_schema_history) and pending versions");
        ours.getStyleClass().add("section-title");
        VBox oursBox = new VBox(4, ours, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        TableView<LeanSpecMigration> sqlx = new TableView<>(model.leanSpecRows());
        sqlx.setId("sqlx-table");
        sqlx.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        sqlx.getColumns().add(column("Version", 90, row -> Long.toString(row.version())));
        sqlx.getColumns().add(column("Description", 240, LeanSpecMigration::description));
        sqlx.getColumns().add(column("Success", 90, row -> row.success() ? "✔ success" : "✖ failed (dirty)"));
        sqlx.getColumns().add(column("Installed on (UTC)", 160, LeanSpecMigration::installedOn));
        sqlx.getColumns().add(column("Time", 90, row -> String.format(Locale.ROOT, "%.3f ms", row.executionTimeNanos() / 1e6)));
        sqlx.getColumns().add(column("Checksum (SHA-384)", 300, LeanSpecMigration::checksumHex));
        // As tall as its rows (LeanSpec has one or two), so the history below keeps the room.
        sqlx.setFixedCellSize(32);
        sqlx.prefHeightProperty().bind(Bindings.size(model.leanSpecRows()).multiply(32).add(44));
        sqlx.minHeightProperty().bind(sqlx.prefHeightProperty());
        Label theirs = new Label("LeanSpec's own history (sqlx table _sqlx_migrations; LeanSpec 0.2.28 checks it at every start, so it is never changed)");
        theirs.getStyleClass().add("section-title");
        VBox theirsBox = new VBox(4, theirs, sqlx);
        theirsBox.visibleProperty().bind(Bindings.isNotEmpty(model.leanSpecRows()));
        theirsBox.managedProperty().bind(theirsBox.visibleProperty());
        VBox histories = new VBox(8, theirsBox, oursBox);
        histories.setPadding(new Insets(4, 6, 4, 6));
        VBox.setVgrow(oursBox, Priority.ALWAYS);

        SplitPane split = new SplitPane(histories, sql);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);

        VBox header = new VBox(6, toolbar, facts, summary, problems);
        header.setPadding(new Insets(0, 0, 6, 0));
        VBox.setVgrow(split, Priority.ALWAYS);
        summary.setPadding(new Insets(0, 10, 0, 10));
        facts.setPadding(new Insets(0, 10, 0, 10));
        problems.setPadding(new Insets(0, 10, 0, 10));
        setTop(header);
        setCenter(split);
    }

    static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        return PagedTables.column(title, width, value);
    }

    /** A coloured badge per Flyway state, so the history reads at a glance. */
    private static final class StateCell extends TableCell<MigrationRow, String> {
        @Override
        protected void updateItem(String state, boolean empty) {
            super.updateItem(state, empty);
            getStyleClass().removeIf(style -> style.startsWith("state-"));
            if (empty || state == null) {
                setText(null);
                return;
            }
            MigrationRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (state.equals("BASELINE") && row != null && !row.isApplied()) {
                // Not recorded yet: what adoption will write, not a green success.
                setText("○ baseline, when adopted");
                getStyleClass().add("state-pending");
                return;
            }
            String symbol = switch (state) {
                case "SUCCESS" -> "✔ ";
                case "BASELINE" -> "⚑ ";
                case "PENDING" -> "○ ";
                case "FAILED", "FUTURE_FAILED", "MISSING_FAILED" -> "✖ ";
                case "OUTDATED", "MISSING_SUCCESS" -> "⚠ ";
                case "FUTURE_SUCCESS" -> "⇧ ";
                default -> "· ";
            };
            setText(symbol + state.toLowerCase().replace('_', ' '));
            getStyleClass().add("state-" + state.toLowerCase().replace('_', '-'));
        }
    }
}
