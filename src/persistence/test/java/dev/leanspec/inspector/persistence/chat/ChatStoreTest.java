package dev.leanspec.inspector.persistence.chat;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.testing.Backend;
import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The store on both backends (a SQLite file, a PostgreSQL database) where it means the same; file-only facts apart. */
class ChatStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");

    @TempDir
    Path dir;

    private ChatStore open(Backend backend) {
        return ChatStore.open(backend.newDatabase(dir, "chat.db"), Clock.fixed(NOW, ZoneOffset.UTC), DatabaseKind.CHAT);
    }

    private static Conversation conversation(String id, String project, String title, long updated, boolean archived) {
        return new Conversation(id, project, title, null, null, Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(updated),
                0L, null, "[\"t\"]", archived, null);
    }

    private static Message message(String id, String conversation, String role, long at) {
        return new Message(id, conversation, "p", new MessageRole(role), "content of " + id + " ✓", Instant.ofEpochMilli(at),
                "{\"tokens\":1}", null);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void createGetUpdateOnlyGivenFieldsAndDelete(Backend backend) {
        try (ChatStore store = open(backend)) {
            Conversation c = new Conversation("c", "p", "Title", "anthropic", "claude", Instant.ofEpochMilli(1_769_591_643_123L),
                    Instant.ofEpochMilli(1_769_591_700_000L), 0L, null, null, false, "cloud");
            store.create(c);
            assertThat(store.get("c")).contains(c);

            store.update("c", new ConversationUpdate(null, null, "gpt-5"));
            Conversation updated = store.get("c").orElseThrow();
            assertThat(updated.title()).isEqualTo("Title");
            assertThat(updated.providerId()).isEqualTo("anthropic");
            assertThat(updated.modelId()).isEqualTo("gpt-5");
            assertThat(updated.updatedAt()).isEqualTo(NOW);
            assertThatThrownBy(() -> store.update("ghost", new ConversationUpdate("x", null, null)))
                    .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(Reason.INVALID_ARGUMENT);

            store.replaceMessages("c", List.of(message("m1", "c", "user", 10)));
            assertThat(store.delete("c")).isTrue();
            assertThat(store.delete("c")).isFalse();
            assertThat(store.countMessages("c")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void replaceMessagesIsOneTransactionAndUpdatesTheConversation(Backend backend) {
        try (ChatStore store = open(backend)) {
            store.create(conversation("c", "p", "T", 5, false));
            store.replaceMessages("c", List.of(message("m1", "c", "user", 10), message("m2", "c", "assistant", 20)));
            store.replaceMessages("c", List.of(message("m3", "c", "user", 30), message("m4", "c", "critic", 40),
                    message("m5", "c", "assistant", 35)));

            Conversation c = store.get("c").orElseThrow();
            assertThat(c.messageCount()).isEqualTo(3);
            assertThat(c.lastMessage()).isEqualTo("content of m4 ✓");
            assertThat(c.updatedAt()).isEqualTo(NOW);
            List<Message> messages = store.messages("c", PageRequest.first(10)).items();
            assertThat(messages).extracting(Message::id).containsExactly("m3", "m5", "m4");
            assertThat(messages.get(2).role().isKnown()).isFalse();

            // A duplicate id fails the insert: nothing of the replacement may remain.
            assertThatThrownBy(() -> store.replaceMessages("c", List.of(message("x", "c", "user", 1), message("x", "c", "user", 2))))
                    .isInstanceOf(PersistenceException.class);
            assertThat(store.messages("c", PageRequest.first(10)).items()).extracting(Message::id).containsExactly("m3", "m5", "m4");
            assertThat(store.get("c").orElseThrow().messageCount()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void talliesChangeWhenAThreadIsRewrittenOrGrows(Backend backend) {
        try (ChatStore store = open(backend)) {
            store.create(conversation("c", "p", "T", 5, false));
            store.create(conversation("empty", "p", "T", 6, false));
            store.replaceMessages("c", List.of(message("m1", "c", "user", 10), message("m2", "c", "assistant", 20)));

            MessageTally two = store.tallies().get("c");
            assertThat(two).isEqualTo(new MessageTally(2, 10, 20));
            assertThat(store.tallies()).doesNotContainKey("empty");
            // 0.2.20-0.2.23 rewrote the whole thread with new timestamps: the same count, another tally.
            store.replaceMessages("c", List.of(message("m1", "c", "user", 30), message("m2", "c", "assistant", 30)));
            assertThat(store.tallies().get("c")).isNotEqualTo(two).isEqualTo(new MessageTally(2, 30, 30));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void conversationsPageNewestFirstWithFilters(Backend backend) {
        try (ChatStore store = open(backend)) {
            for (int i = 0; i < 30; i++) {
                store.create(conversation("c" + i, i % 2 == 0 ? "even" : "odd", (i % 3 == 0 ? "Bug 100%" : "Chat ") + i,
                        1_000 + (i / 4), i % 5 == 0));
            }
            List<String> seen = new ArrayList<>();
            PageRequest request = PageRequest.first(4);
            ConversationQuery evenActive = ConversationQuery.all().withProject("even").withArchived(false);
            while (request != null) {
                Page<Conversation> page = store.conversations(evenActive, request);
                page.items().forEach(c -> seen.add(c.id()));
                request = page.nextRequest(4).orElse(null);
            }
            List<String> all = store.conversations(evenActive, PageRequest.first(100)).items().stream().map(Conversation::id).toList();
            assertThat(seen).containsExactlyElementsOf(all).hasSize(12).doesNotHaveDuplicates();
            assertThat(store.count(evenActive)).isEqualTo(12);
            assertThat(store.count(ConversationQuery.all().withArchived(true))).isEqualTo(6);
            assertThat(store.count(ConversationQuery.all().withTitleText("100%"))).isEqualTo(10);
            assertThat(store.count(ConversationQuery.all().withTitleText("0%"))).isEqualTo(10);
            assertThat(store.count(ConversationQuery.all().withTitleText("_"))).isZero();
            assertThat(store.projects()).containsExactly("even", "odd");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void messagesPageAcrossBoundariesInTimeOrder(Backend backend) {
        try (ChatStore store = open(backend)) {
            store.create(conversation("c", "p", "T", 5, false));
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                messages.add(message(String.format("m%02d", i), "c", i % 2 == 0 ? "user" : "assistant", 100 + i / 3));
            }
            store.replaceMessages("c", messages);
            List<String> seen = new ArrayList<>();
            PageRequest request = PageRequest.first(5);
            while (request != null) {
                Page<Message> page = store.messages("c", request);
                page.items().forEach(m -> seen.add(m.id()));
                request = page.nextRequest(5).orElse(null);
            }
            assertThat(seen).containsExactlyElementsOf(messages.stream().map(Message::id).toList());
        }
    }

    @Test
    void adoptedLegacyChatKeepsSyncStateNullsAndOddValues() throws Exception {
        Path file = LegacyFiles.chatV1(dir.resolve("chat.db"));
        MigrationService.of(Location.of(file), DatabaseKind.CHAT).migrate(MigrateOptions.safe().withAdoption());
        try (ChatStore store = ChatStore.openReadOnly(Location.of(file))) {
            Conversation old = store.get("c-2").orElseThrow();
            assertThat(old.messageCount()).isNull();
            assertThat(old.archived()).isTrue();
            assertThat(store.syncMetadata("c-2")).hasValueSatisfying(sync -> {
                assertThat(sync.status()).isEqualTo(SyncStatus.SYNCED);
                assertThat(sync.version()).isEqualTo(3);
                assertThat(sync.lastSyncedAt()).isEqualTo(Instant.ofEpochMilli(1_769_000_000_500L));
            });
            assertThat(store.syncMetadata("c-1")).isEmpty();
            Message odd = store.messages("c-2", PageRequest.first(5)).items().get(0);
            assertThat(odd.role().value()).isEqualTo("narrator");
            assertThat(odd.metadata()).isEqualTo("not json at all");
            assertThat(odd.parts()).isNull();
            assertThat(store.info().path()).isEqualTo(file.toAbsolutePath());
            assertThat(store.info().sizeBytes()).isPositive();
            assertThat(store.info().userVersion()).isEqualTo(4);
        }
        assertThat(Databases.scalar(file, "SELECT title FROM conversations WHERE id = 'c-1'")).isEqualTo("Fix the \"login\" bug – ünïcode");
    }
}
