package dev.leanspec.inspector.persistence.sessions;

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
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.internal.Dates;
import dev.leanspec.inspector.persistence.internal.FileColumns;
import dev.leanspec.inspector.persistence.internal.Keyset;
import dev.leanspec.inspector.persistence.internal.OpenDatabase;
import dev.leanspec.inspector.persistence.internal.Previews;
import dev.leanspec.inspector.persistence.internal.schema.sessions.tables.records.SessionsRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.RecordMapper;
import org.jooq.Records;
import org.jooq.SelectField;
import org.jooq.SelectJoinStep;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import static dev.leanspec.inspector.persistence.internal.schema.sessions.Tables.SESSIONS;
import static dev.leanspec.inspector.persistence.internal.schema.sessions.Tables.SESSION_EVENTS;
import static dev.leanspec.inspector.persistence.internal.schema.sessions.Tables.SESSION_LOGS;
import static dev.leanspec.inspector.persistence.internal.schema.sessions.Tables.SESSION_METADATA;
import static dev.leanspec.inspector.persistence.internal.schema.sessions.Tables.SESSION_SPECS;

/**
 * The sessions of a {@code sessions.db} or a {@code leanspec.db}: sessions with their metadata
 * and specs, their logs and their events. Everything LeanSpec's own store did, typed. It reads
 * every shape LeanSpec left (one store for all of them: what differs is which columns the file
 * has) and writes only to files at their chain's newest version.
 *
 * <p>One store holds one connection and is not thread-safe; use it from one thread at a time.
 * {@link #cancel()} is the exception: call it from any thread to stop the running query.
 * Lists come in keyset pages; counting is a separate, cancellable call.
 */
public final class SessionStore implements AutoCloseable {

    private final OpenDatabase db;
    /** The columns this file has: every LeanSpec shape is read as it is. */
    private final FileColumns cols;
    /** Long text is cut to this many characters in what is read ({@link Previews#NONE}: never). */
    private final int textLimit;
    /** Whether closing this store closes the connection (a {@link #withTextLimit} view does not). */
    private final boolean owner;

    private SessionStore(OpenDatabase db, int textLimit, boolean owner) {
        this.db = db;
        this.cols = db.columns();
        this.textLimit = textLimit;
        this.owner = owner;
    }

    /**
     * Opens a file or a PostgreSQL database for reading and writing. A missing or empty file is
     * created as a sessions.db at the newest version, an empty schema gets the leanspec tables;
     * any other must already be at its chain's newest version (see {@code MigrationService}).
     * To read, use {@link #openReadOnly} (or {@code LeanSpecDatabase.at(..).sessions()}).
     *
     * @param location the file (a relative path is taken from the working directory) or database
     * @return a store on it; close it when done
     * @throws PersistenceException when it cannot be opened or is not at the newest version
     */
    public static SessionStore open(Location location) {
        return open(location, DatabaseKind.SESSIONS);
    }

    /**
     * The same, creating a missing or empty file as {@code kindIfNew}: {@code SESSIONS} for a
     * sessions.db, {@code LEANSPEC} for a leanspec.db.
     *
     * @param location the file or database
     * @param kindIfNew what a missing or empty file becomes
     * @return a store on it; close it when done
     */
    public static SessionStore open(Location location, DatabaseKind kindIfNew) {
        if (!kindIfNew.hasSessions()) {
            throw new IllegalArgumentException("a " + kindIfNew.fileName() + " holds no sessions");
        }
        return new SessionStore(OpenDatabase.writer(location, DatabaseKind.SESSIONS, kindIfNew), Previews.NONE, true);
    }

    /**
     * Opens an existing sessions.db or leanspec.db, or a PostgreSQL database, for reading only.
     * A file is read in whatever shape a LeanSpec release left it (no migration needed:
     * {@code tool} is read as the runner, a lone {@code spec_id} as the session's one spec, a
     * missing {@code prompt} as null) or at any version of ours; it is never created, changed or
     * locked for writing, and no triggers or schema functions run. LeanSpec may go on writing
     * meanwhile. On PostgreSQL the server refuses any write on the connection
     * ({@code default_transaction_read_only}).
     *
     * @param location an existing file, or a database
     * @return a store on it; close it when done
     * @throws PersistenceException when it is missing, not a database, of no known shape, or
     *                              holds no sessions
     */
    public static SessionStore openReadOnly(Location location) {
        return new SessionStore(OpenDatabase.readOnly(location, DatabaseKind.SESSIONS), Previews.NONE, true);
    }

    /**
     * A view of this store, on the same connection, whose reads cut long text (prompt, log
     * message, event data, metadata value) to {@code chars} characters with a
     * {@code "… (N more characters)"} note: for showing rows, so that a 100 MB log line costs
     * no more than a short one. Never write through it what it read. Closing the view does
     * nothing; close this store.
     *
     * @param chars the longest text read, in characters; at least 1
     * @return the view; closing it does nothing
     */
    public SessionStore withTextLimit(int chars) {
        if (chars < 1) {
            throw new IllegalArgumentException("a text limit must be at least 1 character, was " + chars);
        }
        return new SessionStore(db, chars, false);
    }

    /** {@return where the database this store reads is} */
    public Location location() {
        return db.location();
    }

    /** {@return the file's path, or the PostgreSQL URL without its password} */
    public String where() {
        return db.where();
    }

    /** {@return size, SQLite version, journal mode and user_version of the file} */
    public DatabaseInfo info() {
        return db.info();
    }

    /** Stops the query running on this store (from another thread); it fails with CANCELLED. */
    public void cancel() {
        db.cancel();
    }

    // ---- sessions ------------------------------------------------------------------------

    /**
     * Inserts a session with its metadata and specs, and records its {@code created} event at its
     * {@code createdAt} time, in one transaction.
     *
     * @param detail the session with its metadata and specs
     * @throws PersistenceException when a session with that id exists
     */
    public void insert(SessionDetail detail) {
        Session session = detail.session();
        db.write("insert session " + session.id() + " into", dsl -> {
            dsl.executeInsert(toRecord(dsl, session));
            writeChildren(dsl, detail);
            dsl.insertInto(SESSION_EVENTS, SESSION_EVENTS.SESSION_ID, SESSION_EVENTS.EVENT_TYPE, SESSION_EVENTS.DATA, SESSION_EVENTS.TIMESTAMP)
                    .values(session.id(), EventType.CREATED.value(), null, session.createdAt().text())
                    .execute();
            return null;
        });
    }

    /**
     * Replaces a session's fields, metadata and specs with {@code detail}'s, in one transaction.
     *
     * @param detail the session's new state; its id names the session
     * @throws PersistenceException with INVALID_ARGUMENT when there is no such session
     */
    public void update(SessionDetail detail) {
        Session session = detail.session();
        db.write("update session " + session.id() + " in", dsl -> {
            SessionsRecord record = toRecord(dsl, session);
            record.changed(SESSIONS.ID, false);
            int updated = dsl.update(SESSIONS).set(record).where(SESSIONS.ID.eq(session.id())).execute();
            if (updated == 0) {
                throw noSuchSession(session.id());
            }
            dsl.deleteFrom(SESSION_METADATA).where(SESSION_METADATA.SESSION_ID.eq(session.id())).execute();
            dsl.deleteFrom(SESSION_SPECS).where(SESSION_SPECS.SESSION_ID.eq(session.id())).execute();
            writeChildren(dsl, detail);
            return null;
        });
    }

    /**
     * Deletes a session with its metadata, specs, logs and events. Returns false when there was none.
     *
     * @param id the session's id
     * @return whether a session was deleted
     */
    public boolean delete(String id) {
        return db.write("delete session " + id + " from",
                dsl -> dsl.deleteFrom(SESSIONS).where(SESSIONS.ID.eq(id)).execute() > 0);
    }

    /**
     * The session with its metadata and specs, or empty when there is none with that id.
     *
     * @param id the session's id
     * @return the session, or empty
     */
    public Optional<SessionDetail> get(String id) {
        return db.read("read session " + id + " from", dsl -> {
            Record row = dsl.select(sessionColumns()).from(SESSIONS).where(SESSIONS.ID.eq(id)).fetchOne();
            if (row == null) {
                return Optional.empty();
            }
            List<SessionDetail> one = new ArrayList<>(1);
            details(dsl, List.of(toSession(row)), one::add);
            return Optional.of(one.getFirst());
        });
    }

    /**
     * Hands every session matching {@code query} to {@code action} with its metadata and specs,
     * as {@link #get} reads them, in the query's order, from one read of the file: what an archive
     * of every session reads. Their metadata and specs are read {@value #DETAIL_BATCH} sessions at
     * a time (three queries per batch, not per session); only a batch is in memory.
     *
     * @param query  the filters and order
     * @param action takes each session, in order
     * @return how many sessions were handed over
     */
    public long forEachDetail(SessionQuery query, Consumer<SessionDetail> action) {
        return db.read("read sessions of", dsl -> {
            List<Session> batch = new ArrayList<>(DETAIL_BATCH);
            long count = 0;
            try (Cursor<Record> cursor = dsl.select(sessionColumns()).from(SESSIONS).where(condition(query))
                    .orderBy(order(query)).fetchSize(1_000).fetchLazy()) {
                for (Record row : cursor) {
                    batch.add(toSession(row));
                    if (batch.size() == DETAIL_BATCH) {
                        details(dsl, batch, action);
                        count += batch.size();
                        batch.clear();
                    }
                }
            }
            details(dsl, batch, action);
            return count + batch.size();
        });
    }

    private static final int DETAIL_BATCH = 500;

    /** The sessions with their metadata and specs, read for all of them at once, handed over in order. */
    private void details(DSLContext dsl, List<Session> sessions, Consumer<SessionDetail> action) {
        if (sessions.isEmpty()) {
            return;
        }
        List<String> ids = sessions.stream().map(Session::id).toList();
        Map<String, Map<String, String>> metadata = new java.util.HashMap<>();
        dsl.select(SESSION_METADATA.SESSION_ID, SESSION_METADATA.KEY, Previews.cut(SESSION_METADATA.VALUE, textLimit)).from(SESSION_METADATA)
                .where(SESSION_METADATA.SESSION_ID.in(ids)).orderBy(SESSION_METADATA.SESSION_ID, SESSION_METADATA.KEY)
                .forEach(r -> metadata.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>()).put(r.value2(), r.value3()));
        Map<String, List<String>> specs = new java.util.HashMap<>();
        if (cols.has(SESSION_SPECS)) {
            dsl.select(SESSION_SPECS.SESSION_ID, SESSION_SPECS.SPEC_ID).from(SESSION_SPECS).where(SESSION_SPECS.SESSION_ID.in(ids))
                    .orderBy(SESSION_SPECS.SESSION_ID, SESSION_SPECS.POSITION, SESSION_SPECS.SPEC_ID)
                    .forEach(r -> specs.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        }
        for (Session session : sessions) {
            List<String> its = specs.getOrDefault(session.id(), List.of());
            // LeanSpec 0.2.22-0.2.24 write only spec_id, also into a file we migrated: it is the one spec then.
            if (its.isEmpty() && cols.has(SESSIONS.SPEC_ID) && session.specId() != null) {
                its = List.of(session.specId());
            }
            action.accept(new SessionDetail(session, metadata.get(session.id()), its));
        }
    }

    /**
     * The ids of the sessions whose id starts with {@code prefix} (the short ids the window
     * shows), in order, at most {@code limit}: one means the prefix names a session, more that it
     * is ambiguous.
     *
     * @param prefix the start of an id, taken literally; empty matches every session
     * @param limit  the most ids to return; at least 1
     * @return the ids; empty when none starts so
     */
    public List<String> idsStartingWith(String prefix, int limit) {
        return db.read("look for sessions " + prefix + "… in", dsl -> dsl.select(SESSIONS.ID).from(SESSIONS)
                .where(SESSIONS.ID.startsWith(prefix)).orderBy(SESSIONS.ID).limit(limit).fetch(SESSIONS.ID));
    }

    /**
     * One page of sessions matching {@code query}, in its order. Never counts.
     *
     * @param query the filters and order; {@link SessionQuery#all()} for every session, newest first
     * @param page where to start and how many
     * @return the page; empty items when nothing (more) matches
     */
    public Page<Session> list(SessionQuery query, PageRequest page) {
        List<SortField<?>> order = order(query);
        boolean byIdOnly = order.size() == 1;
        return db.read("list sessions of", dsl -> {
            var ordered = dsl.select(sessionColumns()).from(SESSIONS).where(condition(query)).orderBy(order);
            var rows = page.after() == null
                    ? ordered.limit(Keyset.fetchSize(page)).fetch()
                    : ordered.seek(Keyset.seekValues(page, order.size())).limit(Keyset.fetchSize(page)).fetch();
            List<Session> sessions = rows.map(SessionStore::toSession);
            return Keyset.page(sessions, page, s -> byIdOnly
                    ? PageKey.of(s.id())
                    : PageKey.of(sortValue(s, query.sort().column()), s.id()));
        });
    }

    /**
     * Hands every session matching {@code query} to {@code action}, in the query's order, from
     * one read of the file (a consistent snapshot, even while LeanSpec writes), one row in memory
     * at a time: for exports. Returns how many there were. {@link #cancel()} stops it.
     *
     * @param query the filters and order
     * @param action takes each session, in order
     * @return how many sessions were handed over
     */
    public long forEach(SessionQuery query, Consumer<Session> action) {
        return db.read("read sessions of", dsl -> {
            try (Cursor<Record> cursor = dsl.select(sessionColumns()).from(SESSIONS).where(condition(query))
                    .orderBy(order(query)).fetchSize(1_000).fetchLazy()) {
                long count = 0;
                for (Record row : cursor) {
                    action.accept(toSession(row));
                    count++;
                }
                return count;
            }
        });
    }

    /**
     * The key a page must start after to begin at row {@code position} (0-based) of
     * {@code query}'s order, or null for position 0 or past the end: how a table jumps to any
     * row. Reads only the sort columns, off their index (the rows skipped are never loaded),
     * so a jump deep into a million rows costs a fraction of a second and the pages after it
     * are keyset pages again.
     *
     * @param query the filters and order
     * @param position the 0-based row to start at
     * @return the key to start after, or null
     */
    public PageKey keyBefore(SessionQuery query, long position) {
        if (position <= 0) {
            return null;
        }
        Field<String> column = sortField(query.sort().column());
        List<SortField<?>> order = order(query);
        return db.read("find a row of", dsl -> {
            var key = column == SESSIONS.ID
                    ? dsl.select(SESSIONS.ID).from(SESSIONS).where(condition(query)).orderBy(order).limit(1).offset(position - 1).fetchOne()
                    : dsl.select(column, SESSIONS.ID).from(SESSIONS).where(condition(query)).orderBy(order).limit(1).offset(position - 1).fetchOne();
            return key == null ? null : new PageKey(Arrays.asList(key.intoArray()));
        });
    }

    /** The query's order, with the id as tie-breaker so that keyset pages never skip or repeat a row. */
    private List<SortField<?>> order(SessionQuery query) {
        Field<String> column = sortField(query.sort().column());
        List<SortField<?>> order = new ArrayList<>();
        order.add(query.sort().descending() ? column.desc() : column.asc());
        if (column != SESSIONS.ID) {
            order.add(query.sort().descending() ? SESSIONS.ID.desc() : SESSIONS.ID.asc());
        }
        return order;
    }

    /**
     * How many sessions match {@code query}. May take long on big files: run it off the UI thread.
     *
     * @param query the filters (its order does not matter)
     * @return how many sessions match
     */
    public long count(SessionQuery query) {
        return db.read("count sessions of", dsl -> (long) dsl.fetchCount(SESSIONS, condition(query)));
    }

    /** {@return the distinct runners in the file, sorted, for filter choices} */
    public List<String> runners() {
        Field<String> runner = cols.get(SESSIONS.RUNNER);
        return db.read("list runners of", dsl -> dsl.selectDistinct(runner).from(SESSIONS)
                .orderBy(runner).fetch(runner));
    }

    /** {@return the distinct project paths in the file, sorted, for filter choices} */
    public List<String> projects() {
        return db.read("list projects of", dsl -> dsl.selectDistinct(SESSIONS.PROJECT_PATH).from(SESSIONS)
                .orderBy(SESSIONS.PROJECT_PATH).fetch(SESSIONS.PROJECT_PATH));
    }

    // ---- aggregates ----------------------------------------------------------------------

    /**
     * {@return how the file's sessions went, for a dashboard: every aggregate computed by SQLite}
     * Reads every session (and every log line's index entry, for the busiest sessions): may take
     * a second on a big file, and can be cancelled.
     */
    public SessionStats stats() {
        Field<String> runner = cols.get(SESSIONS.RUNNER);
        return db.read("compute the sessions' figures of", dsl -> {
            // The busiest sessions are the longest scan (every log line's index entry): it runs on
            // the second core while this connection reads the sessions' figures.
            Supplier<List<Tally>> busiest = db.readBeside("compute the busiest sessions of", aside -> aside
                    .select(SESSION_LOGS.SESSION_ID, DSL.count()).from(SESSION_LOGS)
                    .groupBy(SESSION_LOGS.SESSION_ID).orderBy(DSL.count().desc(), SESSION_LOGS.SESSION_ID).limit(SessionStats.TOP)
                    .fetch(r -> new Tally(r.value1(), "", r.value2())));
            long sessions = dsl.fetchCount(SESSIONS);
            Field<String> day = DSL.substring(SESSIONS.STARTED_AT, DSL.inline(1), DSL.inline(10));
            // Constants in grouped expressions are inlined: PostgreSQL matches a GROUP BY to the
            // select list by text, and two bind markers never match.
            long days = dsl.select(DSL.countDistinct(day)).from(SESSIONS).fetchOne(0, Long.class);
            boolean weeks = days > SessionStats.MAX_DAYS;
            // Sessions are grouped by day first (cheap text), then days into weeks: the date
            // function runs per group, not per row. A week is named by its Monday. One pass gives
            // both the sessions and the tokens per period.
            var perDay = dsl.select(day.as("d"), SESSIONS.STATUS.as("s"), DSL.count().as("n"),
                            DSL.sum(cols.get(SESSIONS.TOKEN_COUNT)).cast(Long.class).as("t"))
                    .from(SESSIONS).groupBy(day, SESSIONS.STATUS).asTable("g");
            Field<String> d = perDay.field("d", String.class);
            Field<String> period = weeks ? Dates.mondayOf(dsl.dialect(), d) : d;
            List<Tally> perPeriod = new ArrayList<>();
            List<Tally> tokensPerPeriod = new ArrayList<>();
            dsl.select(period, perDay.field("s", String.class), DSL.sum(perDay.field("n", Integer.class)).cast(Long.class),
                            DSL.sum(perDay.field("t", Long.class)).cast(Long.class))
                    .from(perDay).groupBy(period, perDay.field("s")).orderBy(period, perDay.field("s"))
                    .forEach(r -> {
                        String key = String.valueOf(r.value1());
                        perPeriod.add(new Tally(key, r.value2(), r.value3() == null ? 0 : r.value3()));
                        if (r.value4() == null) {
                            return; // no tokens recorded: a period with none has no bar
                        }
                        // Rows come ordered by period: one period's statuses are next to each other.
                        int last = tokensPerPeriod.size() - 1;
                        if (last >= 0 && tokensPerPeriod.get(last).key().equals(key)) {
                            tokensPerPeriod.set(last, new Tally(key, "", tokensPerPeriod.get(last).value() + r.value4()));
                        } else {
                            tokensPerPeriod.add(new Tally(key, "", r.value4()));
                        }
                    });
            Field<Long> duration = cols.get(SESSIONS.DURATION_MS);
            Field<String> bucket = DSL.when(duration.isNull(), DSL.inline("not recorded"))
                    .when(duration.lt(DSL.inline(1_000L)), DSL.inline("< 1 s"))
                    .when(duration.lt(DSL.inline(10_000L)), DSL.inline("1–10 s"))
                    .when(duration.lt(DSL.inline(60_000L)), DSL.inline("10 s–1 min"))
                    .when(duration.lt(DSL.inline(600_000L)), DSL.inline("1–10 min"))
                    .when(duration.lt(DSL.inline(3_600_000L)), DSL.inline("10 min–1 h"))
                    .otherwise(DSL.inline("≥ 1 h"));
            List<String> order = List.of("< 1 s", "1–10 s", "10 s–1 min", "1–10 min", "10 min–1 h", "≥ 1 h", "not recorded");
            List<Tally> durations = new ArrayList<>(dsl.select(bucket, DSL.count()).from(SESSIONS).groupBy(bucket)
                    .fetch(r -> new Tally(r.value1(), "", r.value2())));
            durations.sort(Comparator.comparingInt(t -> order.indexOf(t.key())));
            Field<String> exit = DSL.coalesce(cols.get(SESSIONS.EXIT_CODE).cast(String.class), DSL.inline("none"));
            List<Tally> failures = new ArrayList<>(dsl.select(exit, DSL.count()).from(SESSIONS).where(SESSIONS.STATUS.eq("failed"))
                    .groupBy(exit).orderBy(DSL.count().desc(), exit).fetch(r -> new Tally(r.value1(), "", r.value2())));
            if (failures.size() > SessionStats.TOP) {
                // The rest in one bar that says how many codes it holds: a chart of 200 codes reads as none.
                List<Tally> rest = failures.subList(SessionStats.TOP, failures.size());
                Tally other = new Tally("other (" + rest.size() + " codes)", "",
                        rest.stream().mapToLong(Tally::value).sum());
                rest.clear();
                failures.add(other);
            }
            List<Tally> projects = top(dsl, SESSIONS.PROJECT_PATH, DSL.noCondition());
            List<Tally> specs;
            if (cols.has(SESSION_SPECS)) {
                specs = dsl.select(SESSION_SPECS.SPEC_ID, DSL.count()).from(SESSION_SPECS).groupBy(SESSION_SPECS.SPEC_ID)
                        .orderBy(DSL.count().desc(), SESSION_SPECS.SPEC_ID).limit(SessionStats.TOP)
                        .fetch(r -> new Tally(r.value1(), "", r.value2()));
            } else if (cols.has(SESSIONS.SPEC_ID)) {
                specs = top(dsl, SESSIONS.SPEC_ID, SESSIONS.SPEC_ID.isNotNull());
            } else {
                specs = List.of();
            }
            return new SessionStats(sessions, weeks ? "week" : "day", perPeriod, top(dsl, runner, DSL.noCondition(), Integer.MAX_VALUE),
                    top(dsl, SESSIONS.MODE, DSL.noCondition(), Integer.MAX_VALUE), durations, failures, tokensPerPeriod, busiest.get(),
                    projects, specs);
        });
    }

    private static List<Tally> top(DSLContext dsl, Field<String> key, Condition where) {
        return top(dsl, key, where, SessionStats.TOP);
    }

    private static List<Tally> top(DSLContext dsl, Field<String> key, Condition where, int limit) {
        return dsl.select(key, DSL.count()).from(SESSIONS).where(where).groupBy(key).orderBy(DSL.count().desc(), key).limit(limit)
                .fetch(r -> new Tally(String.valueOf(r.value1()), "", r.value2()));
    }

    // ---- logs ----------------------------------------------------------------------------

    /**
     * Appends a log line to a session and returns it with its id.
     *
     * @param sessionId the session's id
     * @param timestamp when it was logged
     * @param level its level
     * @param message the line
     * @return the stored line
     */
    public SessionLog insertLog(String sessionId, Timestamp timestamp, LogLevel level, String message) {
        long id = db.write("add a log line to session " + sessionId + " in", dsl ->
                dsl.insertInto(SESSION_LOGS, SESSION_LOGS.SESSION_ID, SESSION_LOGS.TIMESTAMP, SESSION_LOGS.LEVEL, SESSION_LOGS.MESSAGE)
                        .values(sessionId, timestamp.text(), level.value(), message)
                        .returningResult(SESSION_LOGS.ID).fetchOne().value1());
        return new SessionLog(id, sessionId, timestamp, level, message);
    }

    /**
     * One page of a session's log lines, oldest first.
     *
     * @param query the session and filters
     * @param page where to start and how many
     * @return the page; empty items for an unknown session
     */
    public Page<SessionLog> logs(LogQuery query, PageRequest page) {
        Condition condition = SESSION_LOGS.SESSION_ID.eq(query.sessionId());
        if (!query.levels().isEmpty()) {
            condition = condition.and(SESSION_LOGS.LEVEL.in(query.levels().stream().map(LogLevel::value).toList()));
        }
        if (query.text() != null && !query.text().isEmpty()) {
            condition = condition.and(Keyset.contains(SESSION_LOGS.MESSAGE, query.text()));
        }
        Condition where = condition;
        return db.read("read the logs of session " + query.sessionId() + " in", dsl -> {
            var ordered = logs(dsl).where(where).orderBy(SESSION_LOGS.ID.asc());
            var rows = page.after() == null
                    ? ordered.limit(Keyset.fetchSize(page)).fetch(TO_LOG)
                    : ordered.seek(Keyset.longAt(page, 0, 1)).limit(Keyset.fetchSize(page)).fetch(TO_LOG);
            return Keyset.page(rows, page, log -> PageKey.of(log.id()));
        });
    }

    /**
     * A session's newest {@code n} log lines, returned oldest first (a console's tail).
     *
     * @param sessionId the session's id
     * @param n how many lines at most
     * @return the lines, oldest first; empty for an unknown session
     */
    public List<SessionLog> lastLogs(String sessionId, int n) {
        return db.read("read the logs of session " + sessionId + " in", dsl -> {
            List<SessionLog> newestFirst = logs(dsl).where(SESSION_LOGS.SESSION_ID.eq(sessionId))
                    .orderBy(SESSION_LOGS.ID.desc()).limit(n).fetch(TO_LOG);
            List<SessionLog> chronological = new ArrayList<>(newestFirst);
            Collections.reverse(chronological);
            return List.copyOf(chronological);
        });
    }

    /**
     * How many log lines a session has.
     *
     * @param sessionId the session's id
     * @return how many lines it has; 0 for an unknown session
     */
    public long countLogs(String sessionId) {
        return db.read("count the logs of session " + sessionId + " in",
                dsl -> (long) dsl.fetchCount(SESSION_LOGS, SESSION_LOGS.SESSION_ID.eq(sessionId)));
    }

    /**
     * The ids of the sessions that logged a line starting with {@code prefix}, in id order: an
     * ACP agent's lines start with <code>{"__acp_method"</code>. Reads every log line.
     *
     * @param prefix the start of a line, taken literally
     * @return the sessions' ids; empty when none
     */
    public List<String> idsLoggingLinesStartingWith(String prefix) {
        return db.read("look for sessions logging " + prefix + " in", dsl -> dsl.selectDistinct(SESSION_LOGS.SESSION_ID).from(SESSION_LOGS)
                .where(SESSION_LOGS.MESSAGE.startsWith(prefix)).orderBy(SESSION_LOGS.SESSION_ID).fetch(SESSION_LOGS.SESSION_ID));
    }

    /**
     * Every session's tally of log lines and events, by session id (sessions with neither are
     * absent): two grouped scans of the session-id indexes, what an archive compares with the
     * tallies it kept to skip the sessions that did not change.
     *
     * @return the tallies; empty for a file without sessions
     */
    public Map<String, SessionTally> tallies() {
        return db.read("count the logs and events of each session in", dsl -> {
            Map<String, long[]> counts = new java.util.HashMap<>();
            dsl.select(SESSION_LOGS.SESSION_ID, DSL.count(), DSL.min(SESSION_LOGS.ID), DSL.max(SESSION_LOGS.ID)).from(SESSION_LOGS)
                    .groupBy(SESSION_LOGS.SESSION_ID).forEach(r -> {
                        long[] c = counts.computeIfAbsent(r.value1(), id -> new long[6]);
                        c[0] = r.value2();
                        c[1] = r.value3();
                        c[2] = r.value4();
                    });
            dsl.select(SESSION_EVENTS.SESSION_ID, DSL.count(), DSL.min(SESSION_EVENTS.ID), DSL.max(SESSION_EVENTS.ID)).from(SESSION_EVENTS)
                    .groupBy(SESSION_EVENTS.SESSION_ID).forEach(r -> {
                        long[] c = counts.computeIfAbsent(r.value1(), id -> new long[6]);
                        c[3] = r.value2();
                        c[4] = r.value3();
                        c[5] = r.value4();
                    });
            Map<String, SessionTally> tallies = new java.util.HashMap<>(counts.size() * 2);
            counts.forEach((id, c) -> tallies.put(id, new SessionTally(c[0], c[1], c[2], c[3], c[4], c[5])));
            return tallies;
        });
    }

    /**
     * Deletes all but a session's newest {@code keep} log lines; returns how many went.
     *
     * @param sessionId the session's id
     * @param keep how many of the newest lines stay; 0 deletes them all
     * @return how many lines were deleted
     */
    public int pruneLogs(String sessionId, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0, was " + keep);
        }
        return db.write("prune the logs of session " + sessionId + " in", dsl -> dsl.deleteFrom(SESSION_LOGS)
                .where(SESSION_LOGS.SESSION_ID.eq(sessionId))
                .and(SESSION_LOGS.ID.notIn(DSL.select(SESSION_LOGS.ID).from(SESSION_LOGS)
                        .where(SESSION_LOGS.SESSION_ID.eq(sessionId))
                        .orderBy(SESSION_LOGS.ID.desc()).limit(keep)))
                .execute());
    }

    // ---- events --------------------------------------------------------------------------

    /**
     * Records an event and returns it with its id.
     *
     * @param sessionId the session's id
     * @param type what happened
     * @param data its JSON, or null
     * @param timestamp when it happened
     * @return the stored event
     */
    public SessionEvent insertEvent(String sessionId, EventType type, String data, Timestamp timestamp) {
        long id = db.write("add an event to session " + sessionId + " in", dsl ->
                dsl.insertInto(SESSION_EVENTS, SESSION_EVENTS.SESSION_ID, SESSION_EVENTS.EVENT_TYPE, SESSION_EVENTS.DATA, SESSION_EVENTS.TIMESTAMP)
                        .values(sessionId, type.value(), data, timestamp.text())
                        .returningResult(SESSION_EVENTS.ID).fetchOne().value1());
        return new SessionEvent(id, sessionId, type, data, timestamp);
    }

    /**
     * One page of events, in the order they were recorded.
     *
     * @param query the session and event types
     * @param page where to start and how many
     * @return the page; empty items for an unknown session
     */
    public Page<SessionEvent> events(EventQuery query, PageRequest page) {
        Condition condition = DSL.noCondition();
        if (query.sessionId() != null) {
            condition = condition.and(SESSION_EVENTS.SESSION_ID.eq(query.sessionId()));
        }
        if (!query.types().isEmpty()) {
            condition = condition.and(SESSION_EVENTS.EVENT_TYPE.in(query.types().stream().map(EventType::value).toList()));
        }
        Condition where = condition;
        return db.read("read events of", dsl -> {
            var ordered = events(dsl).where(where).orderBy(SESSION_EVENTS.ID.asc());
            var rows = page.after() == null
                    ? ordered.limit(Keyset.fetchSize(page)).fetch(TO_EVENT)
                    : ordered.seek(Keyset.longAt(page, 0, 1)).limit(Keyset.fetchSize(page)).fetch(TO_EVENT);
            return Keyset.page(rows, page, event -> PageKey.of(event.id()));
        });
    }

    /**
     * How many events match.
     *
     * @param query the session and event types
     * @return how many events match
     */
    public long countEvents(EventQuery query) {
        Condition condition = query.sessionId() == null ? DSL.noCondition() : SESSION_EVENTS.SESSION_ID.eq(query.sessionId());
        return db.read("count events of", dsl -> (long) dsl.fetchCount(SESSION_EVENTS, condition));
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        db.close();
    }

    // ---- mapping -------------------------------------------------------------------------

    private void writeChildren(DSLContext dsl, SessionDetail detail) {
        String id = detail.session().id();
        for (Map.Entry<String, String> entry : detail.metadata().entrySet()) {
            dsl.insertInto(SESSION_METADATA, SESSION_METADATA.SESSION_ID, SESSION_METADATA.KEY, SESSION_METADATA.VALUE)
                    .values(id, entry.getKey(), entry.getValue()).execute();
        }
        for (int position = 0; position < detail.specs().size(); position++) {
            dsl.insertInto(SESSION_SPECS, SESSION_SPECS.SESSION_ID, SESSION_SPECS.SPEC_ID, SESSION_SPECS.POSITION)
                    .values(id, detail.specs().get(position), (long) position).execute();
        }
    }

    private PersistenceException noSuchSession(String id) {
        return PersistenceException.of(Reason.INVALID_ARGUMENT, db.location(), "There is no session " + id + " in " + db.where() + ".");
    }

    private Condition condition(SessionQuery query) {
        Condition condition = DSL.noCondition();
        if (!query.statuses().isEmpty()) {
            condition = condition.and(SESSIONS.STATUS.in(query.statuses().stream().map(SessionStatus::value).toList()));
        }
        if (!query.runners().isEmpty()) {
            condition = condition.and(cols.get(SESSIONS.RUNNER).in(query.runners()));
        }
        if (!query.modes().isEmpty()) {
            condition = condition.and(SESSIONS.MODE.in(query.modes().stream().map(SessionMode::value).toList()));
        }
        if (query.project() != null) {
            condition = condition.and(SESSIONS.PROJECT_PATH.eq(query.project()));
        }
        if (query.spec() != null) {
            Condition spec = cols.has(SESSIONS.SPEC_ID) ? SESSIONS.SPEC_ID.eq(query.spec()) : DSL.falseCondition();
            if (cols.has(SESSION_SPECS)) {
                spec = spec.or(DSL.exists(DSL.selectOne().from(SESSION_SPECS)
                        .where(SESSION_SPECS.SESSION_ID.eq(SESSIONS.ID)).and(SESSION_SPECS.SPEC_ID.eq(query.spec()))));
            }
            condition = condition.and(spec);
        }
        if (query.text() != null && !query.text().isEmpty()) {
            List<Field<String>> searched = new ArrayList<>(List.of(SESSIONS.ID, SESSIONS.PROJECT_PATH, cols.get(SESSIONS.RUNNER)));
            for (Field<String> optional : List.of(SESSIONS.SPEC_ID, SESSIONS.PROMPT)) {
                if (cols.has(optional)) {
                    searched.add(optional);
                }
            }
            Condition text = Keyset.containsText(query.text(), searched);
            if (cols.has(SESSION_SPECS)) {
                // From 0.2.25 on a session's specs live in session_specs (spec_id is gone or
                // left NULL), so a spec typed into the search box is looked for there too.
                text = text.or(DSL.exists(DSL.selectOne().from(SESSION_SPECS)
                        .where(SESSION_SPECS.SESSION_ID.eq(SESSIONS.ID))
                        .and(Keyset.contains(SESSION_SPECS.SPEC_ID, query.text()))));
            }
            condition = condition.and(text);
        }
        return condition;
    }

    private Field<String> sortField(SessionSort.Column column) {
        return switch (column) {
            case CREATED_AT -> SESSIONS.CREATED_AT;
            case STARTED_AT -> SESSIONS.STARTED_AT;
            case UPDATED_AT -> SESSIONS.UPDATED_AT;
            case STATUS -> SESSIONS.STATUS;
            case RUNNER -> cols.get(SESSIONS.RUNNER);
            case MODE -> SESSIONS.MODE;
            case PROJECT -> SESSIONS.PROJECT_PATH;
            case ID -> SESSIONS.ID;
        };
    }

    private static String sortValue(Session session, SessionSort.Column column) {
        return switch (column) {
            case CREATED_AT -> session.createdAt().text();
            case STARTED_AT -> session.startedAt().text();
            case UPDATED_AT -> session.updatedAt().text();
            case STATUS -> session.status().value();
            case RUNNER -> session.runner();
            case MODE -> session.mode().value();
            case PROJECT -> session.projectPath();
            case ID -> session.id();
        };
    }

    private SessionsRecord toRecord(DSLContext dsl, Session s) {
        SessionsRecord record = dsl.newRecord(SESSIONS);
        record.setId(s.id());
        record.setProjectPath(s.projectPath());
        record.setSpecId(s.specId());
        record.setRunner(s.runner());
        record.setMode(s.mode().value());
        record.setStatus(s.status().value());
        record.setExitCode(s.exitCode());
        record.setStartedAt(s.startedAt().text());
        record.setEndedAt(s.endedAt() == null ? null : s.endedAt().text());
        record.setDurationMs(s.durationMs());
        record.setTokenCount(s.tokenCount());
        record.setCreatedAt(s.createdAt().text());
        record.setUpdatedAt(s.updatedAt().text());
        record.setPrompt(s.prompt());
        // A leanspec.db has no spec_id: its specs are session_specs rows only.
        for (Field<?> field : SESSIONS.fields()) {
            if (!cols.has(field)) {
                record.changed(field, false);
            }
        }
        return record;
    }

    private List<SelectField<?>> sessionColumns() {
        // Where sessions has no spec_id (a leanspec.db), the list shows the first of its specs.
        Map<Field<?>, Field<?>> replacements = cols.has(SESSION_SPECS)
                ? Map.of(SESSIONS.SPEC_ID, DSL.field(DSL.select(SESSION_SPECS.SPEC_ID).from(SESSION_SPECS)
                        .where(SESSION_SPECS.SESSION_ID.eq(SESSIONS.ID))
                        .orderBy(SESSION_SPECS.POSITION, SESSION_SPECS.SPEC_ID).limit(1)))
                : Map.of();
        return cols.select(SESSIONS, textLimit, Set.of(SESSIONS.PROMPT), replacements);
    }

    // Logs and events have the same columns in every shape: their rows are read as typed records
    // and mapped by position (a record read by field looks each name up; a 100-row page did 500
    // lookups, ~7 % of the samples of an events page on PostgreSQL).
    private SelectJoinStep<Record5<Long, String, String, String, String>> logs(DSLContext dsl) {
        return dsl.select(SESSION_LOGS.ID, SESSION_LOGS.SESSION_ID, SESSION_LOGS.TIMESTAMP, SESSION_LOGS.LEVEL,
                Previews.cut(SESSION_LOGS.MESSAGE, textLimit).as(SESSION_LOGS.MESSAGE)).from(SESSION_LOGS);
    }

    private SelectJoinStep<Record5<Long, String, String, String, String>> events(DSLContext dsl) {
        return dsl.select(SESSION_EVENTS.ID, SESSION_EVENTS.SESSION_ID, SESSION_EVENTS.EVENT_TYPE,
                Previews.cut(SESSION_EVENTS.DATA, textLimit).as(SESSION_EVENTS.DATA), SESSION_EVENTS.TIMESTAMP).from(SESSION_EVENTS);
    }

    private static final RecordMapper<Record5<Long, String, String, String, String>, SessionLog> TO_LOG = Records.mapping(
            (id, session, timestamp, level, message) -> new SessionLog(id, session, new Timestamp(timestamp), new LogLevel(level), message));

    private static final RecordMapper<Record5<Long, String, String, String, String>, SessionEvent> TO_EVENT = Records.mapping(
            (id, session, type, data, timestamp) -> new SessionEvent(id, session, new EventType(type), data, new Timestamp(timestamp)));

    private static Session toSession(Record r) {
        return new Session(r.get(SESSIONS.ID), r.get(SESSIONS.PROJECT_PATH), r.get(SESSIONS.SPEC_ID), r.get(SESSIONS.RUNNER),
                new SessionMode(r.get(SESSIONS.MODE)), new SessionStatus(r.get(SESSIONS.STATUS)), r.get(SESSIONS.EXIT_CODE),
                new Timestamp(r.get(SESSIONS.STARTED_AT)), Timestamp.ofNullable(r.get(SESSIONS.ENDED_AT)),
                r.get(SESSIONS.DURATION_MS), r.get(SESSIONS.TOKEN_COUNT),
                new Timestamp(r.get(SESSIONS.CREATED_AT)), new Timestamp(r.get(SESSIONS.UPDATED_AT)), r.get(SESSIONS.PROMPT));
    }

}
