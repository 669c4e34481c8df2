package dev.leanspec.inspector.persistence.consolidate;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.internal.Backups;
import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.LeanSpecFacts;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.Postgres;
import dev.leanspec.inspector.persistence.internal.SchemaSnapshot;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Orphans;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every row of a team member's LeanSpec files into a PostgreSQL database at the newest version of
 * the leanspec chain (what LeanSpec's {@code databaseUrl} holds): a {@code leanspec.db}, or a
 * {@code sessions.db} and/or {@code chat.db}, of any known shape.
 *
 * <p>The sources are never written: they are first brought to the newest leanspec.db in a scratch
 * folder (a copy migrated, or the pair consolidated), and copied from there. Into an empty schema
 * the tables are built in a staging schema beside it, filled, and checked (every table's row count
 * and a checksum of every value equal to the source's), then moved into place in the same
 * transaction: a failure, or a process killed at any moment, leaves the target as it was (a
 * killed run's staging schema is dropped by the next). A schema already at the newest version
 * whose tables are all empty is filled the same way, in one transaction. Rows whose session or
 * conversation is gone (orphans; LeanSpec's SQLite never checked) cannot enter PostgreSQL's
 * foreign keys: they are left out and reported.
 */
public final class PostgresCopy {

    /** Tables in the order they are filled, parents first (which parent a child needs: {@link LeanSpecFacts#parentOf}). */
    private static final List<String> TABLES = List.of("sessions", "session_specs", "session_metadata", "session_logs",
            "session_events", "conversations", "messages", "sync_metadata", "runners");

    private static final int BATCH = 1_000;

    private final List<Path> sources;
    private final PostgresUrl target;

    private PostgresCopy(List<Path> sources, PostgresUrl target) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a copy needs at least one source file");
        }
        this.sources = sources.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * A copy of {@code sources} into {@code target}.
     *
     * @param sources one leanspec.db, or a sessions.db and/or a chat.db (any known shape)
     * @param target the PostgreSQL database and schema to fill
     * @return the copy; nothing is read before {@link #run}
     */
    public static PostgresCopy of(List<Path> sources, PostgresUrl target) {
        return new PostgresCopy(List.copyOf(sources), target);
    }

    /**
     * What was copied, per table, and what was left out.
     *
     * @param target the database filled
     * @param tables every table copied and checked, in the order filled
     * @param leftOut the orphan rows not copied (their parent is gone), per table
     * @param took how long the whole copy took
     */
    public record Report(PostgresUrl target, List<TableCopy> tables, List<Orphans> leftOut, Duration took) {

        /** Copies the lists. */
        public Report {
            tables = List.copyOf(tables);
            leftOut = List.copyOf(leftOut);
        }

        /** {@return every row copied, over all tables} */
        public long rows() {
            return tables.stream().mapToLong(TableCopy::rows).sum();
        }
    }

    /**
     * One table copied and checked.
     *
     * @param table its name
     * @param rows rows copied (equal on both sides)
     * @param checksum the order-independent checksum of every value, equal on both sides
     */
    public record TableCopy(String table, long rows, long checksum) {
    }

    /**
     * Copies, checks, and commits, or changes nothing.
     *
     * @return what was copied and checked
     * @throws PersistenceException when refused (a target with rows, sources that are no pair) or
     *                              failed; the target and the sources are then as they were
     */
    public Report run() {
        long started = System.nanoTime();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("leanspec-copy");
            Path source = newestLeanspecDb(scratch);
            try (Connection from = SqliteFiles.openReadOnly(source)) {
                // The migration lock: a copy and a migrate (or two copies) of one schema never overlap.
                return Postgres.withMigrationLock(target, DatabaseKind.LEANSPEC, "Will not copy into " + target
                        + ": another LeanSpec Inspector is migrating or copying into it now. Retry when it is done. Nothing was changed.",
                        to -> {
                            SchemaSnapshot schema = SchemaSnapshot.read(from);
                            List<Orphans> orphans = LeanSpecFacts.orphans(from, schema);
                            List<TableCopy> tables = fill(from, schema, to);
                            return new Report(target, tables, orphans, Duration.ofNanos(System.nanoTime() - started));
                        });
            } catch (SQLException e) {
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
        Map<Path, DatabaseKind> kinds = new java.util.LinkedHashMap<>();
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
                Backups.copyPages(connection, built);
            } catch (SQLException e) {
                throw Failures.translate(file, "read", e);
            }
            MigrationService.of(built, DatabaseKind.LEANSPEC).migrate(MigrateOptions.safe().withAdoption().withoutBackup().forced());
            return built;
        }
        Consolidation.of(sources, built).run(ConsolidateOptions.safe().forced());
        return built;
    }

    /** Fills the target (through a staging schema when it is empty) and checks it, in one transaction. */
    private List<TableCopy> fill(Connection from, SchemaSnapshot source, Connection to) throws SQLException {
        String schema = target.schema();
        String staging = schema + "_leanspec_copy";
        boolean empty = Postgres.isEmpty(to, schema);
        if (empty) {
            // A killed run's staging schema goes first; then the tables are built there, committed
            // (nothing of it is in the target), and filled in the transaction that moves them.
            try (Statement statement = to.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + Postgres.quote(staging) + " CASCADE");
                statement.execute("CREATE SCHEMA " + Postgres.quote(staging));
            }
            Migrations.flyway(DatabaseKind.LEANSPEC, target.withSchema(staging), Postgres.pool(target, false))
                    .createSchemas(false).load().migrate();
        } else {
            refuseUnlessReadyAndEmpty(to);
        }
        String into = empty ? staging : schema;
        boolean autoCommit = to.getAutoCommit();
        to.setAutoCommit(false);
        try {
            List<TableCopy> copied = new ArrayList<>();
            for (String table : TABLES) {
                copied.add(copyTable(from, source.tables().get(table), to, into, table));
            }
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
            }
            to.commit();
            return copied;
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            to.setAutoCommit(true);
            if (empty) {
                // The tables built for this copy go too: the database is left as it was found.
                try (Statement statement = to.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + Postgres.quote(staging) + " CASCADE");
                } catch (SQLException ignored) {
                    // The next copy drops it first.
                }
            }
            throw e;
        } finally {
            to.setAutoCommit(autoCommit);
        }
    }

    /** A schema with tables is filled only when it is this build's newest leanspec schema with no rows at all. */
    private void refuseUnlessReadyAndEmpty(Connection to) throws SQLException {
        var status = MigrationService.of(target, DatabaseKind.LEANSPEC).status();
        if (status.shape() != dev.leanspec.inspector.persistence.migration.Shape.MANAGED || !status.problems().isEmpty()
                || !status.pending().isEmpty()) {
            throw new PersistenceException(Reason.INVALID_ARGUMENT, null, "Will not copy into " + target + ": its schema "
                    + target.schema() + " already has tables that are not this build's newest leanspec schema (" + status.summary()
                    + "). Copy into an empty schema (?schema=name). Nothing was changed.");
        }
        for (String table : TABLES) {
            try (Statement statement = to.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + Postgres.quote(table) + ")")) {
                if (rows.next() && rows.getBoolean(1)) {
                    throw new PersistenceException(Reason.INVALID_ARGUMENT, null, "Will not copy into " + target + ": its table "
                            + table + " has rows, and a copy never merges into or overwrites a team's data. "
                            + "Copy into an empty schema (?schema=name). Nothing was changed.");
                }
            }
        }
    }

    private TableCopy copyTable(Connection from, List<String> sourceColumns, Connection to, String schema, String table)
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
        String insert = "INSERT INTO " + Postgres.quote(schema) + "." + Postgres.quote(table) + " (" + list + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        long rows = 0;
        try (Statement select = from.createStatement(); PreparedStatement put = to.prepareStatement(insert)) {
            select.setFetchSize(BATCH);
            try (ResultSet values = select.executeQuery(read)) {
                while (values.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        put.setObject(i, values.getObject(i));
                    }
                    put.addBatch();
                    if (++rows % BATCH == 0) {
                        put.executeBatch();
                    }
                }
            }
            put.executeBatch();
        }
        String identity = switch (table) {
            case "session_logs", "session_events" -> "id";
            case "messages" -> "rowid";
            default -> null;
        };
        String qualified = Postgres.quote(schema) + "." + Postgres.quote(table);
        if (identity != null && rows > 0) {
            // New rows (LeanSpec writing to the database later) get ids after the copied ones.
            try (Statement statement = to.createStatement()) {
                statement.execute("SELECT setval(pg_get_serial_sequence('" + qualified.replace("'", "''") + "', '" + identity
                        + "'), (SELECT max(" + Postgres.quote(identity) + ") FROM " + qualified + "))");
            }
        }
        long sourceSum = RowHashes.sum(from, read);
        long targetSum = RowHashes.sum(to, "SELECT " + list + " FROM " + qualified);
        long targetRows = count(to, qualified);
        if (targetRows != rows || targetSum != sourceSum) {
            throw new PersistenceException(Reason.FAILED, null, "The copy of " + table + " into " + target + " does not match its source ("
                    + rows + " rows read, " + targetRows + " in PostgreSQL; checksums " + Long.toHexString(sourceSum) + " and "
                    + Long.toHexString(targetSum) + "). It was rolled back: nothing was changed.");
        }
        return new TableCopy(table, rows, sourceSum);
    }

    private static long count(Connection connection, String qualified) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + qualified)) {
            rows.next();
            return rows.getLong(1);
        }
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
