package dev.leanspec.inspector.persistence.chat;

import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.Tally;
import dev.leanspec.inspector.persistence.internal.FileColumns;
import dev.leanspec.inspector.persistence.internal.Keyset;
import dev.leanspec.inspector.persistence.internal.OpenDatabase;
import dev.leanspec.inspector.persistence.internal.Previews;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import static dev.leanspec.inspector.persistence.internal.schema.chat.Tables.CONVERSATIONS;
import static dev.leanspec.inspector.persistence.internal.schema.chat.Tables.MESSAGES;
import static dev.leanspec.inspector.persistence.internal.schema.chat.Tables.SYNC_METADATA;

/**
 * The conversations of a {@code chat.db} or a {@code leanspec.db}: conversations, their messages
 * and their sync state. Everything LeanSpec's own chat store did, typed. It reads every shape
 * LeanSpec left (one store for all: what differs is which columns the file has) and writes only
 * to files at their chain's newest version.
 *
 * <p>One store holds one connection and is not thread-safe; {@link #cancel()} may be called from
 * any thread. Lists come in keyset pages; counting is a separate, cancellable call.
 */
public final class ChatStore implements AutoCloseable {

    // Typed by SQLDataType, not by Long.class: looking a type up by its class reads jOOQ's registry
    // without waiting for SQLDataType to fill it, and a file opened on another worker at the same
    // moment (the window opens sessions.db and chat.db at once) left it half filled: "Type class
    // java.lang.Long is not supported in dialect DEFAULT", and ChatStore unusable for the process.
    private static final Field<Long> MESSAGE_ROWID = DSL.field(DSL.name("messages", "rowid"), SQLDataType.BIGINT);

    private final OpenDatabase db;
    /** The columns this file has: every LeanSpec shape is read as it is. */
    private final FileColumns cols;
    private final Clock clock;
    /** Long text is cut to this many characters in what is read ({@link Previews#NONE}: never). */
    private final int textLimit;
    /** Whether closing this store closes the connection (a {@link #withTextLimit} view does not). */
    private final boolean owner;

    private ChatStore(OpenDatabase db, Clock clock, int textLimit, boolean owner) {
        this.db = db;
        this.cols = db.columns();
        this.clock = clock;
        this.textLimit = textLimit;
        this.owner = owner;
    }

    /**
     * Opens a file or a PostgreSQL database for reading and writing. A missing or empty file is
     * created as a chat.db at the newest version, an empty schema gets the leanspec tables; any
     * other must already be at its chain's newest version. To read, use {@link #openReadOnly}
     * (or {@code LeanSpecDatabase.at(..).chat()}).
     *
     * @param location the file (a relative path is taken from the working directory) or database
     * @return a store on it; close it when done
     * @throws PersistenceException when it cannot be opened or is not at the newest version
     */
    public static ChatStore open(Location location) {
        return open(location, DatabaseKind.CHAT);
    }

    /**
     * The same, creating a missing or empty file as {@code kindIfNew} ({@code CHAT} or
     * {@code LEANSPEC}).
     *
     * @param location the file or database
     * @param kindIfNew what a missing or empty file becomes
     * @return a store on it; close it when done
     */
    public static ChatStore open(Location location, DatabaseKind kindIfNew) {
        return open(location, Clock.systemUTC(), kindIfNew);
    }

    /** The same, with the clock that stamps {@code updated_at}: a test's seam, not API. */
    static ChatStore open(Location location, Clock clock, DatabaseKind kindIfNew) {
        if (!kindIfNew.hasConversations()) {
            throw new IllegalArgumentException("a " + kindIfNew.fileName() + " holds no conversations");
        }
        return new ChatStore(OpenDatabase.writer(location, DatabaseKind.CHAT, kindIfNew), clock, Previews.NONE, true);
    }

    /**
     * Opens an existing chat.db or leanspec.db, or a PostgreSQL database, for reading only. A
     * file is read in whatever shape a LeanSpec release left it (no migration needed: messages
     * without {@code parts} read as null parts, a file without {@code sync_metadata} as having no
     * sync state) or at any version of ours, and never changed; LeanSpec may go on writing
     * meanwhile. On PostgreSQL the server refuses writes on the connection.
     *
     * @param location an existing file, or a database
     * @return a store on it; close it when done
     * @throws PersistenceException when it is missing, not a database, of no known shape, or
     *                              holds no conversations
     */
    public static ChatStore openReadOnly(Location location) {
        return new ChatStore(OpenDatabase.readOnly(location, DatabaseKind.CHAT), Clock.systemUTC(), Previews.NONE, true);
    }

    /**
     * A view of this store, on the same connection, whose reads cut long text (title, last
     * message, message content, metadata and parts) to {@code chars} characters with a
     * {@code "… (N more characters)"} note: for showing rows. Never write through it what it
     * read. Closing the view does nothing; close this store.
     *
     * @param chars the longest text read, in characters; at least 1
     * @return the view; closing it does nothing
     */
    public ChatStore withTextLimit(int chars) {
        if (chars < 1) {
            throw new IllegalArgumentException("a text limit must be at least 1 character, was " + chars);
        }
        return new ChatStore(db, clock, chars, false);
    }

    /** {@return where the database this store reads is} */
    public Location location() {
        return db.location();
    }

    /** {@return the file's path, or the PostgreSQL URL without its password} */
    public String where() {
        return db.where();
    }

    /** {@return the file's path, size and settings (LeanSpec's "storage info")} */
    public DatabaseInfo info() {
        return db.info();
    }

    /** Stops the query running on this store (from another thread); it fails with CANCELLED. */
    public void cancel() {
        db.cancel();
    }

    // ---- conversations -------------------------------------------------------------------

    /**
     * One page of conversations matching {@code query}, most recently updated first.
     *
     * @param query the filters; {@link ConversationQuery#all()} for every conversation
     * @param page where to start and how many
     * @return the page; empty items when nothing (more) matches
     */
    public Page<Conversation> conversations(ConversationQuery query, PageRequest page) {
        return db.read("list conversations of", dsl -> {
            var ordered = dsl.select(conversationColumns()).from(CONVERSATIONS).where(condition(query))
                    .orderBy(CONVERSATIONS.UPDATED_AT.desc(), CONVERSATIONS.ID.desc());
            var rows = page.after() == null
                    ? ordered.limit(Keyset.fetchSize(page)).fetch()
                    : ordered.seek(Keyset.longAt(page, 0, 2), Keyset.stringAt(page, 1, 2)).limit(Keyset.fetchSize(page)).fetch();
            return Keyset.page(rows.map(ChatStore::toConversation), page,
                    c -> PageKey.of(c.updatedAt().toEpochMilli(), c.id()));
        });
    }

    /**
     * Hands every conversation matching {@code query} to {@code action}, most recently updated
     * first, from one read of the file, one row in memory at a time: for exports. Returns how many.
     *
     * @param query the filters
     * @param action takes each conversation, in order
     * @return how many conversations were handed over
     */
    public long forEach(ConversationQuery query, Consumer<Conversation> action) {
        return db.read("read conversations of", dsl -> {
            try (Cursor<Record> cursor = dsl.select(conversationColumns()).from(CONVERSATIONS).where(condition(query))
                    .orderBy(CONVERSATIONS.UPDATED_AT.desc(), CONVERSATIONS.ID.desc()).fetchSize(1_000).fetchLazy()) {
                long count = 0;
                for (Record row : cursor) {
                    action.accept(toConversation(row));
                    count++;
                }
                return count;
            }
        });
    }

    /**
     * The key a page must start after to begin at row {@code position} (0-based), or null for
     * position 0 or past the end: how a table jumps to any row (see {@code SessionStore.keyBefore}).
     *
     * @param query the filters and order
     * @param position the 0-based row to start at
     * @return the key to start after, or null
     */
    public PageKey keyBefore(ConversationQuery query, long position) {
        if (position <= 0) {
            return null;
        }
        return db.read("find a row of", dsl -> dsl.select(CONVERSATIONS.UPDATED_AT, CONVERSATIONS.ID).from(CONVERSATIONS)
                .where(condition(query)).orderBy(CONVERSATIONS.UPDATED_AT.desc(), CONVERSATIONS.ID.desc())
                .limit(1).offset(position - 1).fetchOptional()
                .map(key -> PageKey.of(key.value1(), key.value2())).orElse(null));
    }

    /**
     * How many conversations match.
     *
     * @param query the filters
     * @return how many conversations match
     */
    public long count(ConversationQuery query) {
        return db.read("count conversations of", dsl -> (long) dsl.fetchCount(CONVERSATIONS, condition(query)));
    }

    /** {@return the distinct project ids, sorted, for filter choices} */
    public List<String> projects() {
        return db.read("list projects of", dsl -> dsl.selectDistinct(CONVERSATIONS.PROJECT_ID).from(CONVERSATIONS)
                .orderBy(CONVERSATIONS.PROJECT_ID).fetch(CONVERSATIONS.PROJECT_ID));
    }

    /**
     * {@return how the file's chats went, for a dashboard: counted by the database, weeks summed from its days}
     * Reads every message's time and role: may take a second on a big file, and can be cancelled.
     */
    public ChatStats stats() {
        return db.read("compute the chats' figures of", dsl -> {
            // LeanSpec stores epoch milliseconds: whole days are integer division, which SQLite
            // groups off the timestamp index. Messages per day are the longest scan of these
            // figures: it runs on the second core while this connection reads the rest, and its
            // days are named (and folded into weeks) here, not per row in SQL.
            Field<Long> day = MESSAGES.TIMESTAMP.div(DSL.inline(86_400_000L)); // inlined: see SessionStore.stats
            Supplier<List<DayCount>> perDay = db.readBeside("compute the messages per day of", aside -> aside
                    .select(day, DSL.count()).from(MESSAGES).groupBy(day).orderBy(day)
                    .fetch(r -> new DayCount(r.value1(), r.value2())));
            long conversations = dsl.fetchCount(CONVERSATIONS);
            long messages = dsl.fetchCount(MESSAGES);
            Field<String> provider = cols.get(CONVERSATIONS.PROVIDER_ID);
            Field<String> modelId = cols.get(CONVERSATIONS.MODEL_ID);
            Field<String> model = DSL.when(provider.isNull().and(modelId.isNull()), DSL.inline("(not recorded)"))
                    .otherwise(DSL.concat(DSL.coalesce(provider, DSL.inline("?")), DSL.inline(" / "), DSL.coalesce(modelId, DSL.inline("?"))));
            // Messages are counted per conversation first (off its index), then joined: 100,000
            // rows meet, not 2,000,000.
            var perConversation = dsl.select(MESSAGES.CONVERSATION_ID.as("c"), DSL.count().as("n")).from(MESSAGES)
                    .groupBy(MESSAGES.CONVERSATION_ID).asTable("m");
            Field<Long> count = DSL.sum(perConversation.field("n", Integer.class)).cast(Long.class);
            List<Tally> byModel = dsl.select(model, count).from(perConversation)
                    .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(perConversation.field("c", String.class)))
                    .groupBy(model).orderBy(count.desc(), model).fetch(r -> new Tally(r.value1(), "", r.value2()));
            List<Tally> projects = dsl.select(MESSAGES.PROJECT_ID, DSL.count()).from(MESSAGES)
                    .groupBy(MESSAGES.PROJECT_ID).orderBy(DSL.count().desc(), MESSAGES.PROJECT_ID).limit(ChatStats.TOP)
                    .fetch(r -> new Tally(String.valueOf(r.value1()), "", r.value2()));
            List<DayCount> days = perDay.get();
            boolean weeks = days.size() > ChatStats.MAX_DAYS;
            return new ChatStats(conversations, messages, weeks ? "week" : "day", perPeriod(days, weeks), byModel, projects);
        });
    }

    /** The messages of one day, which is counted from 1970-01-01. */
    private record DayCount(long epochDay, long messages) {
    }

    /**
     * Messages per day, in order, as tallies named by their day, or summed into weeks named by
     * their Monday (epoch day 0 was a Thursday). Integer division as SQL's, so a day means the
     * same here and in the query.
     */
    private static List<Tally> perPeriod(List<DayCount> days, boolean weeks) {
        Map<Long, Long> periods = new LinkedHashMap<>();
        for (DayCount d : days) {
            periods.merge(weeks ? (d.epochDay() + 3) / 7 * 7 - 3 : d.epochDay(), d.messages(), Long::sum);
        }
        List<Tally> tallies = new ArrayList<>();
        periods.forEach((first, count) -> tallies.add(new Tally(LocalDate.ofEpochDay(first).toString(), "", count)));
        return tallies;
    }

    /**
     * Inserts a conversation as given.
     *
     * @param conversation the conversation to insert
     * @throws PersistenceException when one with that id exists
     */
    public void create(Conversation conversation) {
        db.write("create conversation " + conversation.id() + " in", dsl -> dsl.insertInto(CONVERSATIONS)
                .set(CONVERSATIONS.ID, conversation.id())
                .set(CONVERSATIONS.PROJECT_ID, conversation.projectId())
                .set(CONVERSATIONS.TITLE, conversation.title())
                .set(CONVERSATIONS.PROVIDER_ID, conversation.providerId())
                .set(CONVERSATIONS.MODEL_ID, conversation.modelId())
                .set(CONVERSATIONS.CREATED_AT, conversation.createdAt().toEpochMilli())
                .set(CONVERSATIONS.UPDATED_AT, conversation.updatedAt().toEpochMilli())
                .set(CONVERSATIONS.MESSAGE_COUNT, conversation.messageCount())
                .set(CONVERSATIONS.LAST_MESSAGE, conversation.lastMessage())
                .set(CONVERSATIONS.TAGS, conversation.tags())
                .set(CONVERSATIONS.ARCHIVED, conversation.archived() ? 1L : 0L)
                .set(CONVERSATIONS.CLOUD_ID, conversation.cloudId())
                .execute());
    }

    /**
     * The conversation with that id, or empty.
     *
     * @param id the conversation's id
     * @return the conversation, or empty
     */
    public Optional<Conversation> get(String id) {
        return db.read("read conversation " + id + " from", dsl -> dsl.select(conversationColumns()).from(CONVERSATIONS)
                .where(CONVERSATIONS.ID.eq(id)).fetchOptional().map(ChatStore::toConversation));
    }

    /**
     * Every conversation's tally of messages, by conversation id (conversations without messages
     * are absent): one grouped scan, what an archive compares with the tallies it kept to skip the
     * conversations that did not change.
     *
     * @return the tallies; empty for a file without messages
     */
    public Map<String, MessageTally> tallies() {
        return db.read("count the messages of each conversation in", dsl -> {
            Map<String, MessageTally> tallies = new HashMap<>();
            dsl.select(MESSAGES.CONVERSATION_ID, DSL.count(), DSL.min(MESSAGES.TIMESTAMP), DSL.max(MESSAGES.TIMESTAMP)).from(MESSAGES)
                    .groupBy(MESSAGES.CONVERSATION_ID)
                    .forEach(r -> tallies.put(r.value1(), new MessageTally(r.value2(), orZero(r.value3()), orZero(r.value4()))));
            return tallies;
        });
    }

    private static long orZero(Number n) {
        return n == null ? 0 : n.longValue();
    }

    /**
     * The ids of the conversations whose id starts with {@code prefix}, in order, at most
     * {@code limit}: one means the prefix names a conversation, more that it is ambiguous.
     *
     * @param prefix the start of an id, taken literally; empty matches every conversation
     * @param limit  the most ids to return; at least 1
     * @return the ids; empty when none starts so
     */
    public List<String> idsStartingWith(String prefix, int limit) {
        return db.read("look for conversations " + prefix + "… in", dsl -> dsl.select(CONVERSATIONS.ID).from(CONVERSATIONS)
                .where(CONVERSATIONS.ID.startsWith(prefix)).orderBy(CONVERSATIONS.ID).limit(limit).fetch(CONVERSATIONS.ID));
    }

    /**
     * Changes the given fields of a conversation (and its {@code updated_at}); fields left null
     * keep their value. An empty update changes nothing.
     *
     * @param id the conversation's id
     * @param update the fields to change; empty changes only {@code updated_at}
     * @throws PersistenceException with INVALID_ARGUMENT when there is no such conversation
     */
    public void update(String id, ConversationUpdate update) {
        if (update.isEmpty()) {
            return;
        }
        Map<Field<?>, Object> changes = new HashMap<>();
        if (update.title() != null) {
            changes.put(CONVERSATIONS.TITLE, update.title());
        }
        if (update.providerId() != null) {
            changes.put(CONVERSATIONS.PROVIDER_ID, update.providerId());
        }
        if (update.modelId() != null) {
            changes.put(CONVERSATIONS.MODEL_ID, update.modelId());
        }
        changes.put(CONVERSATIONS.UPDATED_AT, clock.millis());
        db.write("update conversation " + id + " in", dsl -> {
            if (dsl.update(CONVERSATIONS).set(changes).where(CONVERSATIONS.ID.eq(id)).execute() == 0) {
                throw noSuchConversation(id);
            }
            return null;
        });
    }

    /**
     * Deletes a conversation with its messages and sync state; false when there was none.
     *
     * @param id the conversation's id
     * @return whether a conversation was deleted
     */
    public boolean delete(String id) {
        return db.write("delete conversation " + id + " from",
                dsl -> dsl.deleteFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id)).execute() > 0);
    }

    /**
     * The conversation's sync state, or empty when it has none.
     *
     * @param conversationId the conversation's id
     * @return its sync state, or empty
     */
    public Optional<SyncMetadata> syncMetadata(String conversationId) {
        if (!cols.has(SYNC_METADATA)) {
            return Optional.empty();
        }
        return db.read("read the sync state of conversation " + conversationId + " in", dsl -> dsl.selectFrom(SYNC_METADATA)
                .where(SYNC_METADATA.CONVERSATION_ID.eq(conversationId)).fetchOptional()
                .map(r -> new SyncMetadata(r.getConversationId(), r.getCloudId(),
                        r.getLastSyncedAt() == null ? null : Instant.ofEpochMilli(r.getLastSyncedAt()),
                        r.getSyncStatus() == null ? null : new SyncStatus(r.getSyncStatus()), r.getVersion())));
    }

    // ---- messages ------------------------------------------------------------------------

    /**
     * One page of a conversation's messages, oldest first. Ties in time (common: LeanSpec
     * 0.2.20–0.2.23 re-inserted a whole thread with one timestamp) keep the order the messages
     * were written in (their rowid), as LeanSpec itself read them.
     *
     * @param conversationId the conversation's id
     * @param page where to start and how many
     * @return the page; empty items for an unknown conversation
     */
    public Page<Message> messages(String conversationId, PageRequest page) {
        return db.read("read the messages of conversation " + conversationId + " in", dsl -> {
            List<SelectField<?>> columns = new ArrayList<>(messageColumns());
            columns.add(MESSAGE_ROWID);
            var ordered = dsl.select(columns).from(MESSAGES).where(MESSAGES.CONVERSATION_ID.eq(conversationId))
                    .orderBy(MESSAGES.TIMESTAMP.asc(), MESSAGE_ROWID.asc());
            var rows = page.after() == null
                    ? ordered.limit(Keyset.fetchSize(page)).fetch()
                    : ordered.seek(Keyset.longAt(page, 0, 2), Keyset.longAt(page, 1, 2)).limit(Keyset.fetchSize(page)).fetch();
            Page<Record> records = Keyset.page(rows, page, r -> PageKey.of(r.get(MESSAGES.TIMESTAMP), r.get(MESSAGE_ROWID)));
            return new Page<>(records.items().stream().map(ChatStore::toMessage).toList(), records.next());
        });
    }

    /**
     * How many messages a conversation has.
     *
     * @param conversationId the conversation's id
     * @return how many messages it has; 0 for an unknown conversation
     */
    public long countMessages(String conversationId) {
        return db.read("count the messages of conversation " + conversationId + " in",
                dsl -> (long) dsl.fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversationId)));
    }

    /**
     * Replaces all messages of a conversation, in one transaction, and brings the conversation's
     * {@code message_count}, {@code last_message} (the newest message's text) and
     * {@code updated_at} up to date.
     *
     * @param conversationId the conversation's id
     * @param messages the messages it holds afterwards, in order; empty deletes them all
     * @throws PersistenceException with INVALID_ARGUMENT when there is no such conversation
     */
    public void replaceMessages(String conversationId, List<Message> messages) {
        for (Message message : messages) {
            if (!message.conversationId().equals(conversationId)) {
                throw new IllegalArgumentException("message " + message.id() + " belongs to " + message.conversationId()
                        + ", not " + conversationId);
            }
        }
        String last = messages.stream().max(Comparator.comparing(Message::timestamp)).map(Message::content).orElse(null);
        db.write("replace the messages of conversation " + conversationId + " in", dsl -> {
            int updated = dsl.update(CONVERSATIONS)
                    .set(CONVERSATIONS.MESSAGE_COUNT, (long) messages.size())
                    .set(CONVERSATIONS.LAST_MESSAGE, last)
                    .set(CONVERSATIONS.UPDATED_AT, clock.millis())
                    .where(CONVERSATIONS.ID.eq(conversationId)).execute();
            if (updated == 0) {
                throw noSuchConversation(conversationId);
            }
            dsl.deleteFrom(MESSAGES).where(MESSAGES.CONVERSATION_ID.eq(conversationId)).execute();
            var insert = dsl.insertInto(MESSAGES, MESSAGES.ID, MESSAGES.CONVERSATION_ID, MESSAGES.PROJECT_ID, MESSAGES.ROLE,
                    MESSAGES.CONTENT, MESSAGES.TIMESTAMP, MESSAGES.METADATA, MESSAGES.PARTS);
            for (Message m : messages) {
                insert = insert.values(m.id(), m.conversationId(), m.projectId(), m.role().value(), m.content(),
                        m.timestamp().toEpochMilli(), m.metadata(), m.parts());
            }
            if (!messages.isEmpty()) {
                insert.execute();
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        db.close();
    }

    // ---- mapping -------------------------------------------------------------------------

    private PersistenceException noSuchConversation(String id) {
        return PersistenceException.of(Reason.INVALID_ARGUMENT, db.location(), "There is no conversation " + id + " in " + db.where() + ".");
    }

    private static Condition condition(ConversationQuery query) {
        Condition condition = DSL.noCondition();
        if (query.projectId() != null) {
            condition = condition.and(CONVERSATIONS.PROJECT_ID.eq(query.projectId()));
        }
        if (query.archived() != null) {
            // LeanSpec wrote 0/1, and NULL for "never set", which means not archived.
            condition = condition.and(query.archived()
                    ? DSL.coalesce(CONVERSATIONS.ARCHIVED, 0L).ne(0L)
                    : DSL.coalesce(CONVERSATIONS.ARCHIVED, 0L).eq(0L));
        }
        if (query.titleText() != null && !query.titleText().isEmpty()) {
            condition = condition.and(Keyset.contains(CONVERSATIONS.TITLE, query.titleText()));
        }
        return condition;
    }

    private List<SelectField<?>> conversationColumns() {
        return cols.select(CONVERSATIONS, textLimit, Set.of(CONVERSATIONS.TITLE, CONVERSATIONS.LAST_MESSAGE, CONVERSATIONS.TAGS), Map.of());
    }

    private List<SelectField<?>> messageColumns() {
        return cols.select(MESSAGES, textLimit, Set.of(MESSAGES.CONTENT, MESSAGES.METADATA, MESSAGES.PARTS), Map.of());
    }

    private static Conversation toConversation(Record r) {
        Long archived = r.get(CONVERSATIONS.ARCHIVED);
        return new Conversation(r.get(CONVERSATIONS.ID), r.get(CONVERSATIONS.PROJECT_ID), r.get(CONVERSATIONS.TITLE),
                r.get(CONVERSATIONS.PROVIDER_ID), r.get(CONVERSATIONS.MODEL_ID),
                Instant.ofEpochMilli(r.get(CONVERSATIONS.CREATED_AT)), Instant.ofEpochMilli(r.get(CONVERSATIONS.UPDATED_AT)),
                r.get(CONVERSATIONS.MESSAGE_COUNT), r.get(CONVERSATIONS.LAST_MESSAGE), r.get(CONVERSATIONS.TAGS),
                archived != null && archived != 0, r.get(CONVERSATIONS.CLOUD_ID));
    }

    private static Message toMessage(Record r) {
        return new Message(r.get(MESSAGES.ID), r.get(MESSAGES.CONVERSATION_ID), r.get(MESSAGES.PROJECT_ID),
                new MessageRole(r.get(MESSAGES.ROLE)), r.get(MESSAGES.CONTENT), Instant.ofEpochMilli(r.get(MESSAGES.TIMESTAMP)),
                r.get(MESSAGES.METADATA), r.get(MESSAGES.PARTS));
    }
}
