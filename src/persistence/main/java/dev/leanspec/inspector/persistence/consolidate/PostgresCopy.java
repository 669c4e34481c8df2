package dev.leanspec.inspector.persistence.consolidate;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationPlan.Source;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationPlan.TargetState;
import dev.leanspec.inspector.persistence.internal.Backups;
import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.LeanSpecFacts;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.Postgres;
import dev.leanspec.inspector.persistence.internal.RowHashes;
import dev.leanspec.inspector.persistence.internal.SchemaSnapshot;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Orphans;
import dev.leanspec.inspector.persistence.migration.Shape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every row of a team member's LeanSpec files into a PostgreSQL database at the newest version of
 * the leanspec chain (what LeanSpec's {@code databaseUrl} holds): a {@code leanspec.db}, or a
 * {@code sessions.db} and/or {@code chat.db}, of any known shape.
 *
 * <p>The sources are never written: they are first brought to the newest leanspec.db in a scratch
 * folder (a copy migrated, or the pair consolidated), and copied from there; a leanspec.db already
 * at the newest version (in WAL mode) is read where it is, as one snapshot. Into an empty schema
 * the tables are built in a staging schema beside it, filled, and checked (every table's row count
 * and a checksum of every value equal to the source's), then moved into place in the same
 * transaction: a failure, or a process killed at any moment, leaves the target as it was (a
 * killed run's staging schema is dropped by the next). A schema already at the newest version
 * whose tables are all empty is filled the same way, in one transaction. Rows whose session or
 * conversation is gone (orphans; LeanSpec's SQLite never checked) cannot enter PostgreSQL's
 * foreign keys: they are left out and reported.
 *
 * <p>A schema that already holds a team's rows is refused, unless the copy is told to
 * merge ({@link ConsolidateOptions#merge()}): then the files' rows are staged and checked as above, and only what
 * the target lacks is added, in the same transaction. A session, conversation or runner whose key
 * is already there is never overwritten: an identical one is skipped, a differing one is kept as
 * the target has it and reported (the files still hold theirs). The logs, events and messages of
 * what is added get new row numbers after the target's (each file numbered its own from 1), in
 * their order. Message ids are the chat client's, unique only within one file ("m1" in two files'
 * conversations): an added message whose id the target already uses for another conversation's
 * gets {@code id@<its conversation's first 8 characters>}, and the report names it.
 */
final class PostgresCopy implements Consolidator {

    /** Tables in the order they are filled, parents first (which parent a child needs: {@link LeanSpecFacts#parentOf}). */
    private static final List<String> TABLES = List.of("sessions", "session_specs", "session_metadata", "session_logs",
            "session_events", "conversations", "messages", "sync_metadata", "runners");

    private static final int BATCH = 1_000;

    /**
     * The tables a merge matches by their own key (the rest come with the parent they belong to:
     * {@link LeanSpecFacts#parentOf}).
     */
    private static final Map<String, List<String>> MERGE_KEYS = Map.of(
            "sessions", List.of("id"), "conversations", List.of("id"), "runners", List.of("scope", "project_path", "runner_id"));

    /** The column a merge keeps unique across parents, renaming an added row's on a clash: the chat client's message ids. */
    private static final Map<String, String> UNIQUE_IDS = Map.of("messages", "id");

    /** How many differing keys a report names per table (all are counted). */
    private static final int NAMED = 20;

    private final List<Path> sources;
    private final PostgresUrl target;
    private final Consumer<String> progress;
    private volatile boolean cancelled;
    private volatile Connection running;

    /** A copy of {@code sources} into {@code target}, telling {@code progress} its steps; nothing is read before {@link #plan} or {@link #run}. */
    PostgresCopy(List<Path> sources, PostgresUrl target, Consumer<String> progress) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a copy needs at least one source file");
        }
        this.sources = sources.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.target = Objects.requireNonNull(target, "target");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Stops the copy (from another thread): its transaction is rolled back and {@link #run}
     * fails with {@code CANCELLED}; the target is as it was.
     */
    @Override
    public void cancel() {
        cancelled = true;
        Connection connection = running;
        if (connection != null) {
            Postgres.cancel(connection);
        }
    }

    /** One table filled and checked: its rows and the checksum of every value, equal on both sides. */
    private record Copied(String table, long rows, long checksum) {
    }

    /**
     * Each table's share: the rows staged from the files, those added (all of them, but on a
     * merge), and the files' rows the target had already, identical (a merge's skipped keys).
     */
    private static List<TableCopy> tables(List<Copied> staged, List<Copied> added, List<Kept> kept) {
        List<TableCopy> tables = new ArrayList<>();
        for (int i = 0; i < staged.size(); i++) {
            String table = staged.get(i).table();
            long identical = kept.stream().filter(k -> k.table().equals(table)).mapToLong(Kept::identical).sum();
            tables.add(new TableCopy(table, staged.get(i).rows(), added.get(i).rows(), identical));
        }
        return tables;
    }

    /** What {@code fill} did: the tables written and, on a merge, what was kept and renamed. */
    private record Filled(List<TableCopy> tables, List<Kept> kept, List<Renamed> renamed) {
    }

    /**
     * What the copy would do: the sources' kinds, shapes, rows and orphans (left out), whether the
     * schema is missing, empty or holds rows, and what stands in the way. Reads only.
     */
    @Override
    public ConsolidationPlan plan(ConsolidateOptions options) {
        List<Source> read = new ArrayList<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        TABLES.forEach(table -> rows.put(table, 0L));
        List<Orphans> orphans = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        progress.accept("Reading the files");
        for (Path source : sources) {
            FileConsolidation.readSource(source, true, read, rows, orphans, problems);
        }
        if (read.stream().anyMatch(s -> s.kind() == DatabaseKind.LEANSPEC) && read.size() > 1) {
            problems.add("give one leanspec.db, or a sessions.db and a chat.db (" + read.size() + " files given)");
        }
        if (options.renameSources()) {
            problems.add("the sources are renamed only when consolidated into LeanSpec's own leanspec.db, not when copied into PostgreSQL");
        }
        TargetState state;
        try (Connection to = Postgres.connect(target, true)) {
            if (!Postgres.hasSchema(to, target.schema())) {
                state = TargetState.MISSING;
            } else if (Postgres.isEmpty(to, target.schema()) || tableWithRows(to).isEmpty()) {
                state = TargetState.EMPTY;
            } else {
                state = TargetState.HAS_ROWS;
            }
        } catch (SQLException e) {
            throw Postgres.translate(target, "read", e);
        }
        if (state == TargetState.HAS_ROWS && !options.merge()) {
            problems.add(target + " already holds rows: merge into it explicitly (CLI: --merge; nothing there is overwritten), "
                    + "or copy into an empty schema (?schema=name)");
        }
        return new ConsolidationPlan(new Location.Server(target), state, read, rows, orphans, problems);
    }

    /** {@return the first leanspec table of the schema that holds a row; empty when none does} */
    private Optional<String> tableWithRows(Connection to) throws SQLException {
        for (String table : TABLES) {
            if (Postgres.hasTable(to, target.schema(), table)) {
                try (Statement statement = to.createStatement(); ResultSet any = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM "
                        + Postgres.quote(target.schema()) + "." + Postgres.quote(table) + ")")) {
                    if (any.next() && any.getBoolean(1)) {
                        return Optional.of(table);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Copies, checks, and commits, or changes nothing: refused for a target with rows unless
     * merging, for sources that are no pair, and for renaming the sources.
     */
    @Override
    public ConsolidationReport run(ConsolidateOptions options) {
        long started = System.nanoTime();
        if (options.renameSources()) {
            throw new PersistenceException(Reason.INVALID_ARGUMENT, null, "Will not copy into " + target + ": the sources are renamed "
                    + "only when consolidated into LeanSpec's own leanspec.db. Nothing was changed.");
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("leanspec-copy");
            progress.accept("Reading the files");
            Path source = newestLeanspecDb(scratch);
            try (Connection from = SqliteFiles.openReadOnly(source)) {
                // One read transaction: every table is read from the same snapshot, even while
                // LeanSpec writes to a file read in place (a child row never arrives without its parent).
                from.setAutoCommit(false);
                // The migration lock: a copy and a migrate (or two copies) of one schema never overlap.
                return Postgres.withMigrationLock(target, DatabaseKind.LEANSPEC, "Will not copy into " + target
                        + ": another LeanSpec Inspector is migrating or copying into it now. Retry when it is done. Nothing was changed.",
                        to -> {
                            running = to;
                            try {
                                SchemaSnapshot schema = SchemaSnapshot.read(from);
                                List<Orphans> orphans = LeanSpecFacts.orphans(from, schema);
                                Filled filled = fill(from, schema, to, options.merge());
                                return new ConsolidationReport(new Location.Server(target), filled.tables(), orphans, filled.kept(),
                                        filled.renamed(), List.of(), Duration.ofNanos(System.nanoTime() - started));
                            } finally {
                                running = null;
                            }
                        });
            } catch (SQLException e) {
                if (cancelled) {
                    throw cancelledNow(e);
                }
                throw Postgres.translate(target, "copy into", e);
            }
        } catch (IOException e) {
            throw new PersistenceException(Reason.FAILED, null, "Could not make a scratch folder for the copy into " + target + ": "
                    + e.getMessage() + ". Nothing was changed.", e);
        } finally {
            deleteTree(scratch);
        }
    }

    /** The sources as one leanspec.db at the newest version, in {@code scratch}; the sources are only read. */
    private Path newestLeanspecDb(Path scratch) {
        Map<Path, DatabaseKind> kinds = new LinkedHashMap<>();
        for (Path file : sources) {
            kinds.put(file, MigrationService.detectKind(file).orElseThrow(() -> new PersistenceException(Reason.UNKNOWN_SHAPE, file,
                    "Will not copy " + file + ": it is no LeanSpec sessions.db, chat.db or leanspec.db. Nothing was changed.")));
        }
        Path built = scratch.resolve("leanspec.db");
        if (kinds.containsValue(DatabaseKind.LEANSPEC)) {
            if (kinds.size() > 1) {
                throw new PersistenceException(Reason.INVALID_ARGUMENT, null, "Will not copy into " + target + ": give one leanspec.db, "
                        + "or a sessions.db and a chat.db (" + kinds.size() + " files given). Nothing was changed.");
            }
            Path file = sources.getFirst();
            try (Connection connection = SqliteFiles.openReadOnly(file)) {
                if (readableInPlace(file, connection)) {
                    return file;
                }
                Backups.copyPages(connection, built);
            } catch (SQLException e) {
                throw Failures.translate(file, "read", e);
            }
            MigrationService.of(Location.of(built), DatabaseKind.LEANSPEC).migrate(MigrateOptions.safe().withAdoption().withoutBackup().forced());
            return built;
        }
        new FileConsolidation(sources, built, step -> { }, file -> { }).run(ConsolidateOptions.safe().forced());
        return built;
    }

    /**
     * Whether a leanspec.db can be copied from where it is: already at this build's newest version
     * (nothing to migrate first), in WAL mode (the copy's one long read does not hold off LeanSpec's
     * writes, as it would under a rollback journal). Read as one snapshot, it needs no scratch copy
     * of its pages (the whole file written once more).
     */
    private static boolean readableInPlace(Path file, Connection connection) throws SQLException {
        if (!SqliteFiles.info(file, connection).journalMode().equalsIgnoreCase("wal")) {
            return false;
        }
        var status = MigrationService.of(Location.of(file), DatabaseKind.LEANSPEC).status();
        return status.shape() == Shape.MANAGED && status.pending().isEmpty()
                && status.problems().isEmpty();
    }

    /**
     * Fills the target and checks it, in one transaction: through a staging schema when it is
     * empty (moved into place) or merged into (added from).
     */
    private Filled fill(Connection from, SchemaSnapshot source, Connection to, boolean merge) throws SQLException {
        String schema = target.schema();
        String staging = schema + "_leanspec_copy";
        boolean empty = Postgres.isEmpty(to, schema);
        boolean mergeInto = !empty && refuseUnlessReady(to, merge);
        if (empty || mergeInto) {
            // A killed run's staging schema goes first; then the tables are built there, committed
            // (nothing of it is in the target), and filled in the transaction that moves them.
            try (Statement statement = to.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + Postgres.quote(staging) + " CASCADE");
                statement.execute("CREATE SCHEMA " + Postgres.quote(staging));
            }
            Migrations.flyway(DatabaseKind.LEANSPEC, target.withSchema(staging), Postgres.pool(target, false))
                    .createSchemas(false).load().migrate();
        }
        String into = empty || mergeInto ? staging : schema;
        boolean autoCommit = to.getAutoCommit();
        to.setAutoCommit(false);
        try {
            DeferredIndexes deferred = empty || mergeInto ? DeferredIndexes.drop(to, staging) : null;
            List<Copied> copied = new ArrayList<>();
            List<Copied> added = copied;
            for (String table : TABLES) {
                checkNotCancelled();
                progress.accept("Copying " + table);
                copied.add(copyTable(from, source.tables().get(table), to, into, table));
            }
            if (deferred != null) {
                checkNotCancelled();
                progress.accept("Indexing the tables");
                deferred.restore(to);
            }
            List<Kept> kept = new ArrayList<>();
            List<Renamed> renamed = new ArrayList<>();
            if (empty) {
                try (Statement statement = to.createStatement()) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + Postgres.quote(schema));
                    for (String table : Postgres.schema(to, staging).tables().keySet().stream().sorted().toList()) {
                        statement.execute("ALTER TABLE " + Postgres.quote(staging) + "." + Postgres.quote(table)
                                + " SET SCHEMA " + Postgres.quote(schema));
                    }
                    statement.execute("ALTER TABLE " + Postgres.quote(staging) + "." + SchemaSnapshot.HISTORY_TABLE
                            + " SET SCHEMA " + Postgres.quote(schema));
                    statement.execute("DROP SCHEMA " + Postgres.quote(staging));
                }
            } else if (mergeInto) {
                added = merge(to, staging, schema, kept, renamed);
                try (Statement statement = to.createStatement()) {
                    statement.execute("DROP SCHEMA " + Postgres.quote(staging) + " CASCADE");
                }
            }
            checkNotCancelled();
            // Fresh statistics, so that the first pages read from the copy are planned on the
            // rows it holds, not on an empty table's (autovacuum would get there only later).
            progress.accept("Analyzing the tables");
            try (Statement statement = to.createStatement()) {
                for (String table : TABLES) {
                    statement.execute("ANALYZE " + Postgres.quote(schema) + "." + Postgres.quote(table));
                }
            }
            to.commit();
            return new Filled(tables(copied, added, kept), kept, renamed);
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            to.setAutoCommit(true);
            if (empty || mergeInto) {
                // The tables built for this copy go too: the database is left as it was found. A
                // cancel's signal reaches the server on its own and may land on this statement
                // rather than the one it was meant for: so it is tried again.
                for (int attempt = 0; attempt < 3; attempt++) {
                    try (Statement statement = to.createStatement()) {
                        statement.execute("DROP SCHEMA IF EXISTS " + Postgres.quote(staging) + " CASCADE");
                        break;
                    } catch (SQLException again) {
                        // The next copy drops it first, if all three fail.
                    }
                }
            }
            if (cancelled) {
                throw cancelledNow(e);
            }
            throw e;
        } finally {
            to.setAutoCommit(autoCommit);
        }
    }

    /**
     * A schema with tables is filled only when it is this build's newest leanspec schema; one
     * with rows only by a merging copy.
     *
     * @return whether the schema has rows (and this copy merges)
     */
    private boolean refuseUnlessReady(Connection to, boolean merge) throws SQLException {
        var status = MigrationService.of(Location.of(target), DatabaseKind.LEANSPEC).status();
        if (status.shape() != Shape.MANAGED || !status.problems().isEmpty()
                || !status.pending().isEmpty()) {
            throw new PersistenceException(Reason.INVALID_ARGUMENT, null, "Will not copy into " + target + ": its schema "
                    + target.schema() + " already has tables that are not this build's newest leanspec schema (" + status.summary()
                    + "). Copy into an empty schema (?schema=name). Nothing was changed.");
        }
        Optional<String> withRows = tableWithRows(to);
        if (withRows.isPresent() && !merge) {
            throw new PersistenceException(Reason.INVALID_ARGUMENT, null, "Will not copy into " + target + ": its table "
                    + withRows.get() + " has rows, and a copy never overwrites a team's data. Add to them with --merge "
                    + "(nothing there is overwritten), or copy into an empty schema (?schema=name). Nothing was changed.");
        }
        return withRows.isPresent();
    }

    /**
     * Adds from the checked staging schema what the target lacks, table by table, on the server:
     * rows whose key is new, and the children of the sessions and conversations added. Each
     * table's added rows are then checked against the staged ones (count and checksum of every
     * value but the new ids).
     */
    private List<Copied> merge(Connection to, String staging, String schema, List<Kept> kept, List<Renamed> renamed)
            throws SQLException {
        Map<String, List<String>> columns = Postgres.schema(to, staging).tables();
        String from = Postgres.quote(staging) + ".";
        String into = Postgres.quote(schema) + ".";
        List<Copied> added = new ArrayList<>();
        for (String name : TABLES) {
            checkNotCancelled();
            progress.accept("Merging " + name);
            String table = Postgres.quote(name);
            String identity = identityOf(name);
            List<String> values = columns.get(name).stream().filter(c -> !c.equals(identity)).toList();
            String list = values.stream().map(Postgres::quote).collect(Collectors.joining(", "));
            List<String> key = MERGE_KEYS.get(name);
            String picked;
            if (key != null) {
                String keyList = key.stream().map(Postgres::quote).collect(Collectors.joining(", "));
                String join = key.stream().map(k -> "t." + Postgres.quote(k) + " = s." + Postgres.quote(k)).collect(Collectors.joining(" AND "));
                kept.add(kept(to, name, key, from + table, into + table, join, values));
                try (Statement statement = to.createStatement()) {
                    statement.execute("CREATE TEMP TABLE leanspec_new_" + name + " ON COMMIT DROP AS SELECT " + keyList + " FROM " + from
                            + table + " s WHERE NOT EXISTS (SELECT 1 FROM " + into + table + " t WHERE " + join + ")");
                }
                picked = " WHERE (" + keyList + ") IN (SELECT " + keyList + " FROM leanspec_new_" + name + ")";
            } else {
                String[] parent = LeanSpecFacts.parentOf(name).orElseThrow();
                picked = " WHERE " + Postgres.quote(parent[0]) + " IN (SELECT id FROM leanspec_new_" + parent[1] + ")";
                if (UNIQUE_IDS.containsKey(name)) {
                    Renamed moved = renameClashes(to, name, UNIQUE_IDS.get(name), parent[0], from + table, into + table, picked);
                    if (moved.rows() > 0) {
                        renamed.add(moved);
                    }
                }
            }
            String order = identity == null ? "" : " ORDER BY " + Postgres.quote(identity);
            long rows;
            try (Statement statement = to.createStatement()) {
                // New ids come from the target's own sequence, in the order of the staged ones.
                rows = statement.executeUpdate("INSERT INTO " + into + table + " (" + list + ") SELECT " + list + " FROM " + from + table
                        + picked + order);
            }
            long stagedSum = RowHashes.sum(to, "SELECT " + list + " FROM " + from + table + picked);
            RowHashes.Sum inTarget = RowHashes.read(to, "SELECT " + list + " FROM " + into + table + picked);
            long addedSum = inTarget.total();
            long addedRows = inTarget.rows();
            if (addedRows != rows || addedSum != stagedSum) {
                throw new PersistenceException(Reason.FAILED, null, "The merge of " + name + " into " + target
                        + " does not match its source (" + rows + " rows added, " + addedRows + " found; checksums "
                        + Long.toHexString(stagedSum) + " and " + Long.toHexString(addedSum) + "). It was rolled back: nothing was changed.");
            }
            added.add(new Copied(name, rows, stagedSum));
        }
        return added;
    }

    /**
     * Gives the staged rows about to be added whose {@code uniqueId} the target already uses a new
     * one: {@code id@} and their parent's first 8 characters (the staging schema is this copy's own).
     */
    private static Renamed renameClashes(Connection to, String table, String uniqueId, String parentColumn, String staged, String target,
                                         String picked) throws SQLException {
        String id = Postgres.quote(uniqueId);
        String parent = Postgres.quote(parentColumn);
        String clash = picked + " AND " + id + " IN (SELECT " + id + " FROM " + target + ")";
        List<String> named = new ArrayList<>();
        try (Statement statement = to.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + id + ", " + id + " || '@' || left(" + parent + ", 8) FROM " + staged
                     + clash + " ORDER BY 1 LIMIT " + NAMED)) {
            while (rows.next()) {
                named.add(rows.getString(1) + " → " + rows.getString(2));
            }
        }
        if (named.isEmpty()) {
            return new Renamed(table, 0, List.of());
        }
        try (Statement statement = to.createStatement()) {
            long rows = statement.executeUpdate("UPDATE " + staged + " SET " + id + " = " + id + " || '@' || left(" + parent + ", 8)" + clash);
            return new Renamed(table, rows, named);
        }
    }

    /** The staged rows of a keyed table whose key the target has: how many are identical, and which differ. */
    private static Kept kept(Connection to, String table, List<String> keyColumns, String staged, String target, String join,
                             List<String> values) throws SQLException {
        String same = "ROW(" + values.stream().map(c -> "s." + Postgres.quote(c)).collect(Collectors.joining(", ")) + ") IS NOT DISTINCT FROM ROW("
                + values.stream().map(c -> "t." + Postgres.quote(c)).collect(Collectors.joining(", ")) + ")";
        String key = keyColumns.stream().map(k -> "s." + Postgres.quote(k)).collect(Collectors.joining(" || '/' || "));
        long identical = 0;
        long differing = 0;
        List<String> named = new ArrayList<>();
        try (Statement statement = to.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + same + ", " + key + " FROM " + staged + " s JOIN " + target + " t ON "
                     + join + " ORDER BY 2")) {
            while (rows.next()) {
                if (rows.getBoolean(1)) {
                    identical++;
                } else {
                    differing++;
                    if (named.size() < NAMED) {
                        named.add(rows.getString(2));
                    }
                }
            }
        }
        return new Kept(table, identical, differing, named);
    }

    private void checkNotCancelled() {
        if (cancelled) {
            throw new PersistenceException(Reason.CANCELLED, null, "Cancelled: the copy into " + target + ". Nothing was changed.");
        }
    }

    private PersistenceException cancelledNow(Throwable cause) {
        return new PersistenceException(Reason.CANCELLED, null, "Cancelled: the copy into " + target + ". Nothing was changed.", cause);
    }

    private Copied copyTable(Connection from, List<String> sourceColumns, Connection to, String schema, String table)
            throws SQLException {
        List<String> columns = new ArrayList<>(sourceColumns);
        if (table.equals("messages")) {
            columns.add("rowid"); // the order messages were written in, explicit on PostgreSQL
        }
        String list = columns.stream().map(Postgres::quote).collect(Collectors.joining(", "));
        // Orphans stay behind: PostgreSQL's foreign keys refuse them (they are reported apart).
        String where = LeanSpecFacts.parentOf(table).map(p -> " WHERE " + Postgres.quote(p[0]) + " IN (SELECT id FROM "
                + Postgres.quote(p[1]) + ")").orElse("");
        String read = "SELECT " + list + " FROM " + Postgres.quote(table) + where;
        String qualified = Postgres.quote(schema) + "." + Postgres.quote(table);
        // One read of the source: each row is hashed as it is sent, not read again for the check.
        RowHashes.Sum source = new RowHashes.Sum();
        long rows = 0;
        try (Statement select = from.createStatement()) {
            checkNotCancelled();
            select.setFetchSize(BATCH);
            try (ResultSet values = select.executeQuery(read); CopyRows copy = CopyRows.into(to, qualified, list)) {
                Object[] row = new Object[columns.size()];
                while (values.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = values.getObject(i + 1);
                    }
                    source.add(row);
                    copy.write(row);
                    if (++rows % BATCH == 0) {
                        checkNotCancelled();
                    }
                }
                long taken = copy.end();
                if (taken != rows) {
                    throw new PersistenceException(Reason.FAILED, null, "The copy of " + table + " into " + target + " sent " + rows
                            + " rows and PostgreSQL took " + taken + ". It was rolled back: nothing was changed.");
                }
            }
        }
        String identity = identityOf(table);
        if (identity != null && rows > 0) {
            // New rows (LeanSpec writing to the database later) get ids after the copied ones.
            try (Statement statement = to.createStatement()) {
                statement.execute("SELECT setval(pg_get_serial_sequence('" + qualified.replace("'", "''") + "', '" + identity
                        + "'), (SELECT max(" + Postgres.quote(identity) + ") FROM " + qualified + "))");
            }
        }
        progress.accept("Checking " + table);
        long sourceSum = source.total();
        RowHashes.Sum stored = RowHashes.read(to, "SELECT " + list + " FROM " + qualified);
        long targetSum = stored.total();
        long targetRows = stored.rows();
        if (targetRows != rows || targetSum != sourceSum) {
            throw new PersistenceException(Reason.FAILED, null, "The copy of " + table + " into " + target + " does not match its source ("
                    + rows + " rows read, " + targetRows + " in PostgreSQL; checksums " + Long.toHexString(sourceSum) + " and "
                    + Long.toHexString(targetSum) + "). It was rolled back: nothing was changed.");
        }
        return new Copied(table, rows, sourceSum);
    }

    /** The column PostgreSQL numbers itself (an identity): new rows, copied later or merged, get numbers after these. */
    private static String identityOf(String table) {
        return switch (table) {
            case "session_logs", "session_events" -> "id";
            case "messages" -> "rowid";
            default -> null;
        };
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A scratch folder left in the temp folder is harmless.
        }
    }
}
