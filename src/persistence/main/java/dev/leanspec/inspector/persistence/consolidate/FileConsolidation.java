package dev.leanspec.inspector.persistence.consolidate;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationPlan.Source;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationPlan.TargetState;
import dev.leanspec.inspector.persistence.internal.Backups;
import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.FileColumns;
import dev.leanspec.inspector.persistence.internal.FileUsers;
import dev.leanspec.inspector.persistence.internal.LeanSpecFacts;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.SchemaSnapshot;
import dev.leanspec.inspector.persistence.internal.ShapeDetector;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Orphans;
import dev.leanspec.inspector.persistence.migration.Shape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.sqlite.SQLiteConfig;

/**
 * The upgrade LeanSpec's own 0.2.25+ import gets wrong: one or more {@code sessions.db} and
 * {@code chat.db} of any known shape into one {@code leanspec.db} that LeanSpec 0.2.28 starts on.
 *
 * <p>The target gets LeanSpec 0.2.28's schema (this project's leanspec chain, so it is managed
 * here), and the {@code _sqlx_migrations} row 0.2.28 itself writes for its migration 1, with the
 * checksum it expects, so that it finds its migration applied and runs nothing. Every row is
 * carried over with its values and ids: {@code tool} becomes {@code runner}, a lone
 * {@code spec_id} the session's spec at position 0, logs and events keep their ids (and
 * {@code sqlite_sequence} its high-water mark). Orphan rows are carried over and reported: foreign
 * keys only check rows that are written, and LeanSpec never rewrites a log, an event or a message
 * of a deleted parent, so 0.2.28 works on the file.
 *
 * <p>Nothing is written where the target is until the end: the new file is built beside it under
 * a temporary name, checked (integrity, every table's row count, every source row there value for
 * value), and only then moved into place in one rename. A failure, or a process killed
 * at any moment, leaves the target as it was and the sources untouched.
 */
final class FileConsolidation implements Consolidator {

    /** The checksum LeanSpec 0.2.28 expects for its migration 1 (SHA-384 of its 0001 file, see the reference). */
    static final String SQLX_CHECKSUM =
            "593ccbdaa6661c95ac0c33cfae413d477597ba71b722fb3ef4a40f0a226e7632c45fd959c9baa4ba6b6e7cdc93170b62";

    /** The new file is built under the target's name plus this and a time, beside it. */
    static final String TEMP_INFIX = ".consolidating-";

    private static final String SQLX_TABLE = """
            CREATE TABLE IF NOT EXISTS _sqlx_migrations (
                version BIGINT PRIMARY KEY,
                description TEXT NOT NULL,
                installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
                success BOOLEAN NOT NULL,
                checksum BLOB NOT NULL,
                execution_time BIGINT NOT NULL
            )""";

    /** The data tables of a leanspec.db, in the order they are filled (parents first). */
    private static final List<String> TABLES = List.of("sessions", "session_specs", "session_metadata", "session_logs",
            "session_events", "conversations", "messages", "sync_metadata");

    private final List<Path> sources;
    private final Path target;
    private final Consumer<String> progress;
    private final Consumer<Path> beforeCheck;
    private volatile boolean cancelled;
    private volatile Connection running;

    /**
     * A consolidation of {@code sources} (sessions.db and chat.db files, of any known shape; their
     * kind comes from their schema) into {@code target}, telling {@code progress} its steps, and
     * running {@code beforeCheck} on the new file between its build and its check (tests put a
     * fault there, which the check must catch).
     */
    FileConsolidation(List<Path> sources, Path target, Consumer<String> progress, Consumer<Path> beforeCheck) {
        this.sources = sources.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.target = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
        this.progress = Objects.requireNonNull(progress, "progress");
        this.beforeCheck = Objects.requireNonNull(beforeCheck, "beforeCheck");
    }

    @Override
    public ConsolidationPlan plan(ConsolidateOptions options) {
        List<String> problems = new ArrayList<>();
        List<Source> read = new ArrayList<>();
        List<Orphans> orphans = new ArrayList<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        TABLES.forEach(table -> rows.put(table, 0L));
        if (sources.isEmpty()) {
            problems.add("no sessions.db or chat.db to read");
        }
        progress.accept("Reading the files");
        for (Path source : sources) {
            if (source.equals(target)) {
                problems.add(source + " is the target itself");
                continue;
            }
            readSource(source, false, read, rows, orphans, problems);
        }
        TargetState state = targetState(problems);
        if (state == TargetState.HAS_ROWS && !options.merge()) {
            problems.add(target + " already holds rows: merge into it explicitly (CLI: --merge), or choose another target");
        }
        return new ConsolidationPlan(Location.of(target), state, read, rows, orphans, problems);
    }

    /**
     * Reads one source for a plan: its kind and shape into {@code read}, its rows per target table
     * added to {@code rows}, its orphans to {@code orphans}; when it cannot be copied, why, to
     * {@code problems}. A leanspec.db is a source only where {@code leanspecToo} (a PostgreSQL copy).
     */
    static void readSource(Path source, boolean leanspecToo, List<Source> read, Map<String, Long> rows, List<Orphans> orphans,
                           List<String> problems) {
        try (Connection connection = SqliteFiles.openReadOnly(source)) {
            ShapeDetector.Detection detection = ShapeDetector.detect(connection);
            DatabaseKind kind = detection.actualKind();
            Shape shape = detection.shape();
            if (shape == Shape.MANAGED) {
                shape = MigrationService.of(Location.of(source), kind).status().shape();
            }
            read.add(new Source(source, kind, shape));
            if (kind == null || kind == DatabaseKind.LEANSPEC && !leanspecToo || shape == Shape.UNKNOWN || shape == Shape.NEWER
                    || shape == Shape.EMPTY) {
                problems.add(source + " is not a " + (leanspecToo ? "leanspec.db, " : "") + "sessions.db or chat.db of a known shape ("
                        + (kind == null ? "" : kind.fileName() + ", ") + shape.label() + ")");
                return;
            }
            if (kind == DatabaseKind.LEANSPEC) {
                for (String table : rows.keySet()) {
                    if (detection.schema().tables().containsKey(table)) {
                        rows.merge(table, count(connection, "SELECT count(*) FROM main.\"" + table + "\""), Long::sum);
                    }
                }
            } else {
                FileColumns columns = FileColumns.of(detection.schema());
                for (Copy copy : copies(kind, columns, "main")) {
                    rows.merge(copy.table(), count(connection, copy.countSql()), Long::sum);
                }
            }
            orphans.addAll(LeanSpecFacts.orphans(connection, detection.schema()));
        } catch (SQLException e) {
            throw Failures.translate(source, "read", e);
        }
    }

    private TargetState targetState(List<String> problems) {
        if (!Files.exists(target)) {
            return TargetState.MISSING;
        }
        try (Connection connection = SqliteFiles.openReadOnly(target)) {
            SchemaSnapshot schema = SchemaSnapshot.read(connection);
            if (!schema.isEmpty() && ShapeDetector.kindOf(schema) != DatabaseKind.LEANSPEC) {
                problems.add(target + " exists and is not a leanspec.db; choose another target");
                return TargetState.HAS_ROWS;
            }
            for (String table : TABLES) {
                if (schema.tables().containsKey(table) && count(connection, "SELECT count(*) FROM (SELECT 1 FROM main.\"" + table
                        + "\" LIMIT 1)") > 0) {
                    return TargetState.HAS_ROWS;
                }
            }
            return TargetState.EMPTY;
        } catch (SQLException e) {
            throw Failures.translate(target, "read", e);
        }
    }

    /**
     * Writes the target: refuses what {@link #plan} refuses, and while another program has a
     * source or the target open (unless forced); builds the new file beside the target, checks it,
     * moves it into place, and renames the sources if asked.
     */
    @Override
    public ConsolidationReport run(ConsolidateOptions options) {
        long started = System.nanoTime();
        ConsolidationPlan plan = plan(options);
        if (!plan.canRun()) {
            throw new PersistenceException(Reason.INVALID_ARGUMENT, target, "Will not consolidate into " + target + ": "
                    + String.join("; ", plan.problems()) + ". Nothing was changed.");
        }
        if (!options.force()) {
            for (Path file : files(plan)) {
                FileUsers.refuseWhileInUse(file, "A LeanSpec still running would go on writing to the old file");
            }
        }
        Path temp = target.resolveSibling(target.getFileName() + TEMP_INFIX + System.currentTimeMillis());
        // Sources are read through ATTACH, read-only: a WAL source is left a -wal and -shm that its
        // other readers would have removed (SqliteFiles.readerConfig).
        List<Path> bare = plan.sources().stream().map(Source::path).filter(SqliteFiles::tidiedByItsReaders).toList();
        try {
            Files.createDirectories(target.getParent());
            deleteLeftovers();
            Built built = build(temp, plan);
            beforeCheck.accept(temp);
            List<TableCopy> tables = built.tables();
            progress.accept("Checking the new file");
            List<Orphans> orphans = check(temp, plan, built);
            bare.forEach(SqliteFiles::removeReaderFiles);
            settle(temp);
            // The last moment a cancel is taken: from here on the new file is the target.
            checkNotCancelled(null);
            replaceTarget(temp);
            List<Path> renamed = options.renameSources() ? renameSources(plan) : List.of();
            return new ConsolidationReport(Location.of(target), tables, orphans, List.of(), List.of(), renamed,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new PersistenceException(Reason.FAILED, target, "Could not write " + temp + ": " + e.getMessage()
                    + ". " + target + " and the sources are as they were.", e);
        } finally {
            Migrations.deleteWithSidecars(temp);
            bare.forEach(SqliteFiles::removeReaderFiles);
        }
    }

    /**
     * Stops the run (from another thread) while it builds or checks the new file: it is deleted,
     * and {@link #run} fails with {@code CANCELLED}; the target and the sources are as they were.
     * Once the new file is moving into place, the run ends as if not cancelled.
     */
    @Override
    public void cancel() {
        cancelled = true;
        Connection connection = running;
        if (connection != null) {
            SqliteFiles.interrupt(connection);
        }
    }

    private void checkNotCancelled(Throwable cause) {
        if (cancelled) {
            throw new PersistenceException(Reason.CANCELLED, target, "Cancelled: the consolidation into " + target + ". " + target
                    + " and the sources are as they were.", cause);
        }
    }

    /** What a run killed before its end left beside the target: never the target itself. */
    private void deleteLeftovers() throws IOException {
        try (var files = Files.list(target.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(target.getFileName() + TEMP_INFIX)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private List<Path> files(ConsolidationPlan plan) {
        List<Path> files = new ArrayList<>(plan.sources().stream().map(Source::path).toList());
        if (plan.targetState() != TargetState.MISSING) {
            files.add(target);
        }
        return files;
    }

    // ---- building ------------------------------------------------------------------------------

    /**
     * The new file as built: what each table got, and the plain indexes still to be made (none
     * for a merge, which keeps the target's).
     */
    private record Built(List<TableCopy> tables, DeferredIndexes deferred) {
    }

    /**
     * The new file under its temporary name: schema, LeanSpec's own history, then every row; its
     * plain indexes are left for the check to make (on the second core, see {@link #check}).
     * Leaves the file in WAL mode, so that the check can read it while they are written.
     */
    private Built build(Path temp, ConsolidationPlan plan) throws IOException {
        long sqlxNanos;
        if (plan.targetState() == TargetState.HAS_ROWS) {
            // A merge works on a copy of the target, brought to the newest version of our chain.
            copyOf(target, temp);
            long startedAt = System.nanoTime();
            MigrationService.of(Location.of(temp), DatabaseKind.LEANSPEC).migrate(MigrateOptions.safe().withAdoption().withoutBackup().forced());
            sqlxNanos = System.nanoTime() - startedAt;
        } else {
            SqliteFiles.closeQuietly(SqliteFiles.openWriter(temp, true));
            long startedAt = System.nanoTime();
            MigrationService.of(Location.of(temp), DatabaseKind.LEANSPEC).migrate(MigrateOptions.safe().withoutBackup().forced());
            sqlxNanos = System.nanoTime() - startedAt;
        }
        try (Connection db = fast(temp); Statement statement = db.createStatement()) {
            running = db;
            checkNotCancelled(null);
            // No journal while it is filled: the file is thrown away if anything fails.
            statement.execute("PRAGMA journal_mode = OFF");
            statement.execute(SQLX_TABLE);
            // What sqlx writes for 0.2.28's migration 1: present and identical, so 0.2.28 runs nothing.
            statement.execute("INSERT OR IGNORE INTO _sqlx_migrations (version, description, success, checksum, execution_time) "
                    + "VALUES (1, 'initial schema', TRUE, X'" + SQLX_CHECKSUM + "', " + sqlxNanos + ")");
            List<String> attached = new ArrayList<>();
            int n = 0;
            for (Source source : plan.sources()) {
                String alias = "s" + n++;
                try (PreparedStatement attach = db.prepareStatement("ATTACH DATABASE ? AS " + alias)) {
                    attach.setString(1, source.path().toUri() + "?mode=ro");
                    attach.execute();
                }
                attached.add(alias);
            }
            db.setAutoCommit(false);
            // A new file's plain indexes are made once it is full (a sort each instead of an
            // insertion per row); a merge keeps the target's, which may be the bigger side.
            DeferredIndexes deferred = plan.targetState() == TargetState.HAS_ROWS ? null : DeferredIndexes.dropSqlite(db);
            Map<String, long[]> totals = new LinkedHashMap<>();
            TABLES.forEach(table -> totals.put(table, new long[2]));
            for (int i = 0; i < plan.sources().size(); i++) {
                Source source = plan.sources().get(i);
                String alias = attached.get(i);
                FileColumns columns = columnsOf(db, alias);
                for (Copy copy : copies(source.kind(), columns, alias)) {
                    checkNotCancelled(null);
                    progress.accept("Copying " + copy.table());
                    long[] total = totals.get(copy.table());
                    long conflicts = count(db, copy.conflictSql(false));
                    if (conflicts > 0) {
                        throw new PersistenceException(Reason.FAILED, source.path(), conflicts + " rows of " + copy.table() + " in "
                                + source.path() + " have the ids of different rows already written (from another source or the target). "
                                + "Nothing was changed; consolidate them separately.");
                    }
                    long identical = count(db, copy.conflictSql(true));
                    int added = statement.executeUpdate(copy.insertSql());
                    total[0] += added;
                    total[1] += identical;
                }
                keepSequences(statement, alias, columns);
            }
            db.commit();
            db.setAutoCommit(true);
            for (String alias : attached) {
                statement.execute("DETACH DATABASE " + alias);
            }
            statement.execute("PRAGMA journal_mode = WAL");
            List<TableCopy> tables = new ArrayList<>();
            // The sources' rows are the plan's count (a scan of each source table: counted once, not
            // again here and in the check). A source that changed since (only with force: one in
            // use is refused) fails the check, which compares them to what the new file holds.
            totals.forEach((table, t) -> tables.add(new TableCopy(table, plan.rows().get(table), t[0], t[1])));
            return new Built(tables, deferred);
        } catch (SQLException e) {
            checkNotCancelled(e);
            throw Failures.translate(target, "consolidate into", e);
        } finally {
            running = null;
        }
    }

    /**
     * A connection for loading and checking the temporary file fast: foreign keys off (orphans
     * are carried over, not refused) and no syncs (the file is thrown away if anything fails; it
     * is synced to disk before it is moved into place). It keeps the file's journal mode: the
     * check's connections are opened while another one writes.
     */
    private static Connection fast(Path temp) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(false);
        config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
        config.setCacheSize(-65_536);
        config.setTempStore(SQLiteConfig.TempStore.FILE);
        return config.createConnection(SqliteFiles.url(temp));
    }

    private static FileColumns columnsOf(Connection db, String alias) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM " + alias + ".sqlite_schema WHERE type = 'table'")) {
            while (rows.next()) {
                tables.put(rows.getString(1), new ArrayList<>());
            }
        }
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            try (PreparedStatement columns = db.prepareStatement("SELECT name FROM pragma_table_info(?, ?)")) {
                columns.setString(1, table.getKey());
                columns.setString(2, alias);
                try (ResultSet rows = columns.executeQuery()) {
                    while (rows.next()) {
                        table.getValue().add(rows.getString(1));
                    }
                }
            }
        }
        return new FileColumns(tables);
    }

    /** Logs and events keep their ids; the next id LeanSpec hands out stays above the source's too. */
    private static void keepSequences(Statement statement, String alias, FileColumns columns) throws SQLException {
        if (!columns.tables().containsKey("sqlite_sequence")) {
            return;
        }
        statement.executeUpdate("UPDATE main.sqlite_sequence SET seq = max(seq, coalesce((SELECT s.seq FROM " + alias
                + ".sqlite_sequence s WHERE s.name = main.sqlite_sequence.name), 0))");
        statement.executeUpdate("INSERT INTO main.sqlite_sequence (name, seq) SELECT s.name, s.seq FROM " + alias
                + ".sqlite_sequence s WHERE s.name IN ('session_logs', 'session_events') "
                + "AND NOT EXISTS (SELECT 1 FROM main.sqlite_sequence m WHERE m.name = s.name)");
    }

    // ---- checking --------------------------------------------------------------------------------

    /**
     * Proves the new file before it replaces anything: SQLite's integrity check, every table's
     * row count, and every source row present in it, value for value and type for type (each
     * source row joined by its key to the new file's, in SQLite: a checksum read over JDBC took
     * three times as long). Meanwhile, on the second core, the plain indexes the fill left out are
     * made, then each one's entries counted against its table's rows. The file is in WAL mode by
     * then, so the rows are read as they are while the indexes are written beside them; the
     * integrity check covers the tables and their keys, not the indexes made after it started:
     * SQLite makes those from the checked rows, and checking their entries one by one could only
     * start once they were all made (8 s of the bench's scale-1 pair, after 11 s of making them).
     * With the rows checked beside the indexes, the whole consolidation went from 35 s to 29 s.
     * Returns the orphans it holds.
     */
    private List<Orphans> check(Path temp, ConsolidationPlan plan, Built built) {
        List<TableCopy> tables = built.tables();
        List<Orphans> orphans;
        List<String> problems = new ArrayList<>();
        try (Indexing indexing = Indexing.start(temp, built.deferred(), tables);
             Connection db = fast(temp); Statement statement = db.createStatement()) {
            running = db;
            checkNotCancelled(null);
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                while (rows.next()) {
                    if (!"ok".equalsIgnoreCase(rows.getString(1))) {
                        problems.add("SQLite's integrity check: " + rows.getString(1));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw checkFailed(String.join("; ", problems));
            }
            Map<String, Long> matched = new LinkedHashMap<>();
            int n = 0;
            for (Source source : plan.sources()) {
                String alias = "c" + n++;
                try (PreparedStatement attach = db.prepareStatement("ATTACH DATABASE ? AS " + alias)) {
                    attach.setString(1, source.path().toUri() + "?mode=ro");
                    attach.execute();
                }
                for (Copy copy : copies(source.kind(), columnsOf(db, alias), alias)) {
                    matched.merge(copy.table(), count(db, copy.conflictSql(true)), Long::sum);
                }
                statement.execute("DETACH DATABASE " + alias);
            }
            // A source row matches at most one row of the new file (by its key), so all of them
            // are there, value for value, exactly when the matches add up to the sources' rows.
            for (TableCopy table : tables) {
                long missing = table.fromSources() - matched.getOrDefault(table.table(), 0L);
                if (missing != 0) {
                    throw checkFailed(table.table() + ": " + missing + " rows of the sources are not in the new file as they are there");
                }
            }
            // A new file holds exactly what was added; a merged one also what it held.
            if (plan.targetState() != TargetState.HAS_ROWS) {
                for (TableCopy table : tables) {
                    long actual = count(db, "SELECT count(*) FROM main.\"" + table.table() + "\"");
                    if (actual != table.added()) {
                        throw checkFailed(table.table() + " has " + actual + " rows, the sources " + table.added());
                    }
                }
            }
            // A new file from one file of each kind holds exactly their rows (just proven), so it
            // has exactly the orphans the plan counted in them: counting again took 1.8 s on the
            // bench's pair. A merge, or two files of one kind, can give a parent to another's orphan.
            boolean oneOfEachKind = plan.sources().stream().map(Source::kind).distinct().count() == plan.sources().size();
            orphans = plan.targetState() != TargetState.HAS_ROWS && oneOfEachKind ? LeanSpecFacts.inOrder(plan.orphans())
                    : LeanSpecFacts.orphans(db, SchemaSnapshot.read(db));
            problems.addAll(indexing.problems());
        } catch (SQLException e) {
            checkNotCancelled(e);
            throw Failures.translate(temp, "check", e);
        } finally {
            running = null;
        }
        if (!problems.isEmpty()) {
            throw checkFailed(String.join("; ", problems));
        }
        return orphans;
    }

    /**
     * The second core's part of the check: the plain indexes the fill left out, made, then each
     * one's entries counted (off the index itself) against its table's rows. Closing it
     * before it is done (the other part failed) stops it and waits for it, so that nothing writes
     * the file once it is deleted.
     */
    private static final class Indexing implements AutoCloseable {

        private final Connection db; // null: nothing to make (a merge keeps the target's indexes)
        private final CompletableFuture<List<String>> problems;

        private Indexing(Connection db, CompletableFuture<List<String>> problems) {
            this.db = db;
            this.problems = problems;
        }

        /** {@code tables}: the rows each data table got, which are all it holds when there are indexes to make (a new file). */
        static Indexing start(Path temp, DeferredIndexes deferred, List<TableCopy> tables) throws SQLException {
            if (deferred == null) {
                return new Indexing(null, CompletableFuture.completedFuture(List.of()));
            }
            Connection db = fast(temp);
            Map<String, Long> rows = tables.stream().collect(Collectors.toMap(TableCopy::table, TableCopy::added));
            return new Indexing(db, CompletableFuture.supplyAsync(() -> {
                try {
                    deferred.restore(db);
                    return countedAgainstTheirTables(db, deferred, rows);
                } catch (SQLException e) {
                    throw Failures.translate(temp, "check", e);
                }
            }));
        }

        private static List<String> countedAgainstTheirTables(Connection db, DeferredIndexes made, Map<String, Long> rows)
                throws SQLException {
            List<String> problems = new ArrayList<>();
            for (DeferredIndexes.SqliteIndex index : made.sqliteIndexes()) {
                if (index.partial()) {
                    continue; // it holds only the rows of its WHERE
                }
                String table = "main." + Backups.quote(index.table());
                Long expected = rows.get(index.table());
                long tableRows = expected != null ? expected : count(db, "SELECT count(*) FROM " + table + " NOT INDEXED");
                long entries = count(db, "SELECT count(*) FROM " + table + " INDEXED BY " + Backups.quote(index.name()));
                if (entries != tableRows) {
                    problems.add("index " + index.name() + " has " + entries + " entries for " + tableRows + " rows of " + index.table());
                }
            }
            return problems;
        }

        /** {@return what the count of each index's entries found}; waits for the indexes */
        List<String> problems() {
            try {
                return problems.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        @Override
        public void close() {
            if (!problems.isDone()) {
                SqliteFiles.interrupt(db);
            }
            try {
                problems.join();
            } catch (CompletionException | CancellationException stopped) {
                // Stopped because the check failed: that failure is the one reported.
            }
            SqliteFiles.closeQuietly(db);
        }
    }

    private PersistenceException checkFailed(String what) {
        return new PersistenceException(Reason.FAILED, target, "The consolidated file failed its check (" + what + "); it was "
                + "deleted. " + target + " and the sources are as they were.");
    }

    // ---- putting it in place ---------------------------------------------------------------------

    /**
     * Every byte in the file itself and on disk before the rename: what the check's connections
     * wrote to the log (the indexes) is folded in, and the file synced. (The fill already left it
     * in WAL mode, as LeanSpec 0.2.28 opens it.)
     */
    private static void settle(Path temp) throws IOException {
        try (Connection db = SqliteFiles.openWriter(temp, false); Statement statement = db.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
        SqliteFiles.sync(temp);
    }

    /**
     * Moves the checked file over the target in one rename. An existing target (the empty one
     * LeanSpec's failed import left, or the one merged into, which the new file already holds)
     * first has its write-ahead log folded in, so that no old {@code -wal} is left to be replayed
     * onto the new file.
     */
    private void replaceTarget(Path temp) throws IOException {
        if (Files.exists(target)) {
            try (Connection db = SqliteFiles.openWriter(target, false); Statement statement = db.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
            Files.deleteIfExists(SqliteFiles.sidecar(target, "-wal"));
            Files.deleteIfExists(SqliteFiles.sidecar(target, "-shm"));
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Renames each source as LeanSpec does ({@code with_extension("db.migrated")}), its -wal along. */
    private static List<Path> renameSources(ConsolidationPlan plan) throws IOException {
        List<Path> renamed = new ArrayList<>();
        for (Source source : plan.sources()) {
            Path path = source.path();
            String name = path.getFileName().toString();
            Path moved = path.resolveSibling((name.endsWith(".db") ? name.substring(0, name.length() - 3) : name) + ".db.migrated");
            if (Files.exists(moved)) {
                throw new IOException(moved + " exists already; " + path + " was not renamed");
            }
            Path wal = SqliteFiles.sidecar(path, "-wal");
            if (Files.exists(wal)) {
                Files.move(wal, SqliteFiles.sidecar(moved, "-wal"));
            }
            Files.deleteIfExists(SqliteFiles.sidecar(path, "-shm"));
            Files.move(path, moved, StandardCopyOption.ATOMIC_MOVE);
            renamed.add(moved);
        }
        return renamed;
    }

    private static void copyOf(Path file, Path copy) throws IOException {
        try (Connection source = SqliteFiles.openForBackup(file)) {
            Backups.copyPages(source, copy);
        } catch (SQLException e) {
            throw new IOException("could not copy " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- what is copied, and how -----------------------------------------------------------------

    /**
     * One INSERT … SELECT: a target table, its columns, and what stands for each in the source
     * (a column, its older name, NULL, or a constant).
     */
    private record Copy(String table, List<String> columns, List<String> key, List<String> expressions, String from, String where) {

        String selectSql() {
            List<String> aliased = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                aliased.add(expressions.get(i) + " AS \"" + columns.get(i) + "\"");
            }
            return "SELECT " + String.join(", ", aliased) + " FROM " + from + (where.isEmpty() ? "" : " WHERE " + where);
        }

        String countSql() {
            return "SELECT count(*) FROM " + from + (where.isEmpty() ? "" : " WHERE " + where);
        }

        String insertSql() {
            return "INSERT OR IGNORE INTO main.\"" + table + "\" (" + String.join(", ", quoted(columns)) + ") " + selectSql();
        }

        /**
         * Source rows whose key is in the target already: with different values, or ({@code same})
         * identical, value for value and type for type (as strict as a checksum of typed values:
         * {@code IS} alone would take 1 and '1' for equal where a column's affinity converts one side).
         */
        String conflictSql(boolean same) {
            String join = key.stream().map(k -> "m.\"" + k + "\" IS s.\"" + k + "\"").collect(Collectors.joining(" AND "));
            String equal = columns.stream().map(c -> "m.\"" + c + "\" IS s.\"" + c + "\" AND typeof(m.\"" + c + "\") = typeof(s.\"" + c + "\")")
                    .collect(Collectors.joining(" AND "));
            return "SELECT count(*) FROM (" + selectSql() + ") AS s JOIN main.\"" + table + "\" AS m ON " + join
                    + " WHERE " + (same ? "" : "NOT ") + "(" + equal + ")";
        }
    }

    private static List<Copy> copies(DatabaseKind kind, FileColumns source, String alias) {
        List<Copy> copies = new ArrayList<>();
        var tables = source.tables();
        if (kind == DatabaseKind.SESSIONS) {
            List<String> sessionColumns = targetColumns("sessions");
            List<String> expressions = new ArrayList<>();
            for (String column : sessionColumns) {
                expressions.add(expression(tables.get("sessions"), column, column.equals("runner") ? "tool" : null));
            }
            copies.add(new Copy("sessions", sessionColumns, List.of("id"), expressions, alias + ".sessions", ""));
            boolean specsTable = tables.containsKey("session_specs");
            if (specsTable) {
                copies.add(plain("session_specs", List.of("session_id", "spec_id"), alias, tables));
            }
            if (tables.get("sessions").contains("spec_id")) {
                // A lone spec_id is the session's one spec (0.2.22-0.2.24 wrote nothing else).
                copies.add(new Copy("session_specs", targetColumns("session_specs"), List.of("session_id", "spec_id"),
                        List.of("id", "spec_id", "0"), alias + ".sessions", "spec_id IS NOT NULL" + (specsTable
                        ? " AND NOT EXISTS (SELECT 1 FROM " + alias + ".session_specs x WHERE x.session_id = " + alias + ".sessions.id)"
                        : "")));
            }
            copies.add(plain("session_metadata", List.of("session_id", "key"), alias, tables));
            copies.add(plain("session_logs", List.of("id"), alias, tables));
            copies.add(plain("session_events", List.of("id"), alias, tables));
        } else {
            copies.add(plain("conversations", List.of("id"), alias, tables));
            copies.add(plain("messages", List.of("id"), alias, tables));
            if (tables.containsKey("sync_metadata")) {
                copies.add(plain("sync_metadata", List.of("conversation_id"), alias, tables));
            }
        }
        return copies;
    }

    private static Copy plain(String table, List<String> key, String alias, Map<String, List<String>> tables) {
        List<String> columns = targetColumns(table);
        List<String> expressions = columns.stream().map(c -> expression(tables.get(table), c, null)).toList();
        return new Copy(table, columns, key, expressions, alias + ".\"" + table + "\"", "");
    }

    private static String expression(List<String> sourceColumns, String column, String oldName) {
        if (sourceColumns.contains(column)) {
            return "\"" + column + "\"";
        }
        return oldName != null && sourceColumns.contains(oldName) ? "\"" + oldName + "\"" : "NULL";
    }

    /** The target's columns of a table: what our leanspec chain builds (which is what 0.2.28 builds). */
    private static List<String> targetColumns(String table) {
        return Migrations.shapesByVersion(DatabaseKind.LEANSPEC).get(1).tables().get(table);
    }

    private static List<String> quoted(List<String> columns) {
        return columns.stream().map(c -> "\"" + c + "\"").toList();
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

}
