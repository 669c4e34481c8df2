package dev.leanspec.inspector.gui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.DirectTaskRunner;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void listsFiltersAndShowsATranscriptWithSyncState() {
        Path file = DemoDatabases.write(dir, 3L, 90).chat();
        MigrationService.of(Location.of(file), DatabaseKind.CHAT).migrate(MigrateOptions.safe().withAdoption());
        RecordingDialogs dialogs = new RecordingDialogs();
        ConversationsViewModel model = new ConversationsViewModel(new Location.File(file), new DirectTaskRunner(), dialogs);

        model.start();
        assertThat(model.conversations()).hasSize(30);
        assertThat(model.totalProperty().get()).isEqualTo("30 conversations");
        assertThat(model.projectChoices()).containsExactly("proj-1", "proj-2", "proj-3");

        model.archivedProperty().set(ConversationsViewModel.Archived.ARCHIVED);
        model.reload();
        assertThat(model.conversations()).isNotEmpty().allMatch(c -> c.archived());

        model.archivedProperty().set(ConversationsViewModel.Archived.ALL);
        model.titleProperty().set("WAL");
        model.reload();
        assertThat(model.conversations()).isNotEmpty().allMatch(c -> c.title().contains("WAL"));

        model.select(model.conversations().get(0));
        assertThat(model.messages()).hasSize(model.conversations().get(0).messageCount().intValue());
        assertThat(model.syncProperty().get()).isEmpty();
        assertThat(ConversationsView.describe(model.syncProperty().get())).isEqualTo("Sync: none recorded");
        assertThat(dialogs.errors).isEmpty();
    }
}
