package dev.leanspec.inspector.gui.migrations;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.DirectTaskRunner;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrationRow;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No JavaFX toolkit here: ViewModels are plain objects with observable state. */
class MigrationsViewModelTest {

    @TempDir
    Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final List<DatabaseStatus> statuses = new ArrayList<>();

    private MigrationsViewModel model(Path file, DatabaseKind kind) {
        return new MigrationsViewModel(MigrationService.of(Location.of(file), kind), new DirectTaskRunner(), dialogs, statuses::add);
    }

    @Test
    void showsALegacyFilesHistoryAndWhatAdoptionWillDo() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        MigrationsViewModel model = model(file, DatabaseKind.SESSIONS);

        model.refresh();

        assertThat(model.rows()).extracting(MigrationRow::state).containsExactly("BASELINE_IGNORED", "BASELINE", "PENDING", "PENDING", "PENDING");
        assertThat(model.summaryProperty().get()).contains("tool-era").contains("baseline");
        assertThat(model.canMigrateProperty().get()).isTrue();
        assertThat(model.busyProperty().get()).isFalse();
        model.select(model.rows().get(2));
        assertThat(model.selectedSqlProperty().get()).contains("RENAME COLUMN tool TO runner");
        model.select(model.rows().get(1));
        assertThat(model.selectedSqlProperty().get()).contains("no script");
    }

    @Test
    void validatingAFileWithNoHistorySaysThereIsNothingToValidate() throws Exception {
        Path file = dev.leanspec.inspector.testing.RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("real"));
        MigrationsViewModel model = model(file, DatabaseKind.LEANSPEC);
        model.refresh();

        model.validate();

        assertThat(dialogs.notices).noneMatch(notice -> notice.contains("matches"));
        assertThat(dialogs.messages).singleElement().asString().startsWith("Nothing to validate")
                .contains("no migration history yet").contains("unversioned");
    }

    @Test
    void aLeftoverOfAnImportIsNotOfferedForMigration() throws Exception {
        Path file = java.nio.file.Files.copy(dev.leanspec.inspector.testing.RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("left")),
                dir.resolve("left/sessions.db.migrated"));
        MigrationsViewModel model = model(file, DatabaseKind.SESSIONS);
        model.refresh();

        assertThat(model.canMigrateProperty().get()).isFalse();
        assertThat(model.summaryProperty().get()).contains("nothing to migrate");
    }

    @Test
    void migrateAsksFirstAndDoesNothingWhenTheUserSaysNo() throws Exception {
        Path file = LegacyFiles.jan20(dir.resolve("chat.db"));
        String before = FileBytes.sha256(file);
        MigrationsViewModel model = model(file, DatabaseKind.CHAT);
        model.refresh();
        dialogs.answer = false;

        model.migrate();

        assertThat(dialogs.confirmations).singleElement().asString()
                .contains("Adopt: record version 1").contains("Run: 2").contains("Run: 3").contains("backup");
        assertThat(FileBytes.sha256(file)).isEqualTo(before);
        assertThat(dialogs.notices).isEmpty();
    }

    @Test
    void migrateAfterYesBacksUpMigratesNotifiesAndRefreshes() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        MigrationsViewModel model = model(file, DatabaseKind.SESSIONS);
        model.refresh();

        model.migrate();

        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.notices).singleElement().asString().contains("Now at version 4").contains("Backup:");
        assertThat(model.statusProperty().get().isUpToDate()).isTrue();
        assertThat(model.canMigrateProperty().get()).isFalse();
        assertThat(statuses).last().extracting(DatabaseStatus::shape).isEqualTo(Shape.MANAGED);
    }

    @Test
    void unknownFileShowsWhatDiffersAndCannotBeMigrated() throws Exception {
        Path file = LegacyFiles.run(dir.resolve("sessions.db"), "CREATE TABLE sessions (id TEXT);\n");
        MigrationsViewModel model = model(file, DatabaseKind.SESSIONS);

        model.refresh();

        assertThat(model.canMigrateProperty().get()).isFalse();
        assertThat(model.problems()).anyMatch(problem -> problem.contains("no column"));
    }

    @Test
    void validateReportsAnEditedHistory() throws Exception {
        Path file = LegacyFiles.runnerEra(dir.resolve("sessions.db"));
        MigrationsViewModel model = model(file, DatabaseKind.SESSIONS);
        model.refresh();
        model.migrate();
        LegacyFiles.run(file, "UPDATE flyway_schema_history SET checksum = 1 WHERE version = '3';\n");

        model.validate();

        assertThat(dialogs.errors).singleElement().asString().contains("Validation failed").containsIgnoringCase("checksum");
    }
}
