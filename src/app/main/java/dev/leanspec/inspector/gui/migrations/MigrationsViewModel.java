package dev.leanspec.inspector.gui.migrations;

import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationPlan;
import dev.leanspec.inspector.persistence.migration.MigrationReport;
import dev.leanspec.inspector.persistence.migration.LeanSpecMigration;
import dev.leanspec.inspector.persistence.migration.MigrationRow;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.PlannedMigration;
import dev.leanspec.inspector.persistence.migration.ValidationReport;

import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A file's migration history and pending versions, and the one action in the app that writes:
 * migrate (after the user confirms what will run and where the backup goes).
 */
public final class MigrationsViewModel {

    private final MigrationService service;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Consumer<DatabaseStatus> onStatus;

    private final ObservableList<MigrationRow> rows = FXCollections.observableArrayList();
    // One read-only view, kept: a new wrapper per call would lose its listeners when collected.
    private final ObservableList<MigrationRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<LeanSpecMigration> leanSpecRows = FXCollections.observableArrayList();
    private final ObservableList<LeanSpecMigration> leanSpecRowsView = FXCollections.unmodifiableObservableList(leanSpecRows);
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper("");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    // One read-only view, kept: a new wrapper per call would lose its listeners when collected.
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyObjectWrapper<DatabaseStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Reading the file…");
    private final ReadOnlyStringWrapper selectedSql = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canMigrate = new ReadOnlyBooleanWrapper();

    /**
     * @param onStatus told every new status (after a refresh or a migration), e.g. to enable browsing
     */
    public MigrationsViewModel(MigrationService service, TaskRunner runner, DialogService dialogs, Consumer<DatabaseStatus> onStatus) {
        this.service = service;
        this.runner = runner;
        this.dialogs = dialogs;
        this.onStatus = onStatus;
    }

    public ObservableList<MigrationRow> rows() {
        return rowsView;
    }

    /** LeanSpec's own history ({@code _sqlx_migrations}); empty for files without one. */
    public ObservableList<LeanSpecMigration> leanSpecRows() {
        return leanSpecRowsView;
    }

    /** Who wrote the file, what it is, and its orphan rows, in a sentence or two. */
    public ReadOnlyStringProperty factsProperty() {
        return facts.getReadOnlyProperty();
    }

    public ObservableList<String> problems() {
        return problemsView;
    }

    public ReadOnlyObjectProperty<DatabaseStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedSqlProperty() {
        return selectedSql.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canMigrateProperty() {
        return canMigrate.getReadOnlyProperty();
    }

    /** Reads the status again (never writes). */
    public void refresh() {
        busy.set(true);
        runner.submit(service::status, null, this::show, this::failed);
    }

    private void show(DatabaseStatus next) {
        status.set(next);
        rows.setAll(next.migrations());
        leanSpecRows.setAll(next.leanSpecHistory());
        facts.set(facts(next));
        problems.setAll(next.problems());
        summary.set(next.summary());
        canMigrate.set(next.canMigrate());
        onStatus.accept(next);
        // Last: whoever waits for the read to end sees its outcome (the file's tabs turn to
        // Migrations when its rows cannot be read).
        busy.set(false);
        if (next.isBrowsable()) {
            // Counted after the status shows, and queued after what onStatus asked for (the first
            // page of sessions): it reads every child table's index, ~3 s on a million sessions.
            runner.submit(service::orphans, null, orphans -> {
                if (status.get() == next) {
                    facts.set(facts(next.withOrphans(orphans)));
                }
            }, error -> { });
        }
    }

    static String facts(DatabaseStatus status) {
        StringBuilder text = new StringBuilder(status.kind().fileName() + ", shape " + status.shape().label()
                + " (" + status.shape().writtenBy() + ").");
        if (!status.compatibility().worksNow().isEmpty()) {
            text.append(" Works with LeanSpec ").append(String.join(", ", status.compatibility().worksNow())).append(" as it is.");
            if (!status.pending().isEmpty()) {
                text.append(' ').append(status.compatibility().sentence());
            }
        }
        if (status.note() != null) {
            text.append(' ').append(status.note());
        }
        if (!status.orphans().isEmpty()) {
            text.append(String.format(" Orphan rows (their session or conversation is gone; shown, never dropped): %s.",
                    String.join(", ", status.orphans().stream().map(o -> String.format("%,d in %s", o.rows(), o.table())).toList())));
        }
        return text.toString();
    }

    private void failed(Throwable error) {
        busy.set(false);
        canMigrate.set(false);
        summary.set(error.getMessage());
        dialogs.readFailed(service.location(), error);
    }

    /** Shows the SQL of the selected migration (nothing for a baseline record). */
    public void select(MigrationRow row) {
        if (row == null) {
            selectedSql.set("");
            return;
        }
        selectedSql.set(service.scriptText(row.script())
                .orElse("-- " + row.description() + "\n-- (" + row.type() + ": no script; "
                        + ("BASELINE".equals(row.type()) ? "records that the file already had this version's schema)" : "not in this build)")));
    }

    /**
     * Plans (read-only), asks the user to confirm exactly what will run, then backs up and
     * migrates in the background, and reports the outcome.
     */
    public void migrate() {
        busy.set(true);
        runner.submit(service::plan, null, plan -> {
            busy.set(false);
            if (!plan.status().canMigrate()) {
                show(plan.status());
                dialogs.error("Cannot migrate " + service.location().name(), plan.status().summary()
                        + (plan.status().problems().isEmpty() ? "" : "\n\n" + String.join("\n", plan.status().problems())));
                return;
            }
            if (dialogs.confirm("Migrate " + service.location().name() + "?", plan.status().summary(), describe(plan))) {
                runMigration(plan);
            }
        }, this::failed);
    }

    private void runMigration(MigrationPlan plan) {
        busy.set(true);
        // The user has just confirmed the plan, adoption included when there is one.
        MigrateOptions options = plan.baseline() == null ? MigrateOptions.safe() : MigrateOptions.safe().withAdoption();
        runner.submit(() -> service.migrate(options), null, report -> {
            busy.set(false);
            dialogs.notify("Migrated " + service.location().name(), describe(report));
            refresh();
        }, error -> {
            busy.set(false);
            dialogs.error("Migration refused: " + service.location().name(), message(error));
            refresh();
        });
    }

    /** Runs Flyway's validation and shows the result. */
    public void validate() {
        DatabaseStatus known = statusProperty().get();
        if (known != null && (known.needsAdoption() || known.shape() == Shape.EMPTY)) {
            // Flyway finds nothing wrong with no history at all; "matches" would say it has one.
            dialogs.message("Nothing to validate", service.location().name() + " has no migration history yet: it is "
                    + (known.shape() == Shape.EMPTY ? "empty" : "as LeanSpec left it, unversioned")
                    + ". Migrate records one (adopting the file first); Validate then checks it against this build's migrations.");
            return;
        }
        busy.set(true);
        runner.submit(service::validate, null, (ValidationReport report) -> {
            busy.set(false);
            if (report.isValid()) {
                dialogs.notify("Valid", service.location().name() + ": the history matches this build's migrations.");
            } else {
                dialogs.error("Validation failed: " + service.location().name(), String.join("\n", report.errors()));
            }
        }, this::failed);
    }

    static String describe(MigrationPlan plan) {
        StringBuilder text = new StringBuilder();
        if (!plan.status().compatibility().breaks().isEmpty()) {
            // What could break a running LeanSpec comes first, before the details.
            text.append("⚠ ").append(plan.status().compatibility().sentence()).append("\n\n");
        }
        Path file = plan.status().location() instanceof Location.File(Path path) ? path : null; // null: a PostgreSQL database
        boolean server = file == null;
        text.append(server ? "Database: PostgreSQL" : "File: " + file).append('\n');
        if (plan.baseline() != null) {
            text.append("Adopt: record version ").append(plan.baseline()).append(" as the baseline of this ")
                    .append(plan.status().shape()).append(" file (its data is not changed)\n");
        }
        for (PlannedMigration migration : plan.migrations()) {
            text.append("Run: ").append(migration.version()).append(" — ").append(migration.description()).append('\n');
        }
        if (server) {
            // No file to copy beside: on a server, backups are the DBA's.
            text.append("\nNo backup is made on PostgreSQL: back up first with pg_dump (e.g. pg_dump --format=custom).\n");
        } else if (plan.status().shape() != Shape.EMPTY) {
            text.append("\nFirst, a checked backup is written next to it: ")
                    .append(file.getFileName()).append(".backup-<UTC time>.db\n");
        }
        text.append("All versions run in one transaction: if one fails, the ").append(server ? "database" : "file")
                .append(" stays as it is.");
        String compatibility = plan.status().compatibility().sentence();
        if (!compatibility.isEmpty() && plan.status().compatibility().breaks().isEmpty()) {
            text.append("\n\n").append(compatibility);
        }
        text.append(server ? "\nMigrate is refused while another LeanSpec Inspector migrates the same database."
                : "\nMigrate is refused while another program (LeanSpec) has the file open.");
        return text.toString();
    }

    static String describe(MigrationReport report) {
        StringBuilder text = new StringBuilder("Now at version " + report.versionAfter() + ".");
        if (report.backup() != null) {
            text.append("\nBackup: ").append(report.backup());
        }
        report.applied().forEach(m -> text.append("\nApplied ").append(m.version()).append(" ").append(m.description())
                .append(" (").append(m.took().toMillis()).append(" ms)"));
        return text.toString();
    }

    private static String message(Throwable error) {
        return error instanceof PersistenceException ? error.getMessage() : "Unexpected error: " + error;
    }
}
