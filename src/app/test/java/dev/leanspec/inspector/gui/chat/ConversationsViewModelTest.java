package dev.leanspec.inspector.gui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.DirectTaskRunner;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    /** A chat of LeanSpec 0.2.24's own chat.db exported as JSON, then copied as Markdown, with every message. */
    @Test
    void exportsTheSelectedConversationOfARealChatFile() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("real"));
        RecordingDialogs dialogs = new RecordingDialogs();
        ConversationsViewModel model = new ConversationsViewModel(new Location.File(file), new DirectTaskRunner(), dialogs);
        model.start();
        Conversation first = model.conversations().getFirst();
        model.select(first);

        model.export().save(dir.resolve("chat.json"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("chat.json").toFile());
        assertThat(json.get("id").asText()).isEqualTo(first.id());
        assertThat(json.get("messages")).hasSize(model.messages().size());
        String[] pasted = {null};
        model.export().copyAsMarkdown(text -> pasted[0] = text);
        assertThat(pasted[0]).startsWith("# " + first.title().replace("_", "\\_"));
        assertThat(pasted[0].split("\n## ", -1)).hasSize(1 + model.messages().size());
        model.select(null);
        assertThat(model.export().selectedProperty().get()).isNull();
        assertThat(dialogs.errors).isEmpty();
    }
}
