package dev.leanspec.inspector.persistence.compare;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.compare.Difference.Change;
import dev.leanspec.inspector.persistence.compare.Difference.ChangedRow;
import dev.leanspec.inspector.persistence.compare.Difference.SchemaChange;
import dev.leanspec.inspector.persistence.compare.Difference.TableDifference;
import dev.leanspec.inspector.persistence.internal.Backend;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;
import dev.leanspec.inspector.persistence.raw.FilePragmas;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.SchemaObject;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Compares two databases, read-only: their schemas and settings, then each table both have, row
 * by row. Rows are matched by the table's primary key (a table without one is compared as a
 * multiset of rows); both sides are read in key order and merged, so memory holds two rows at a
 * time, plus the keys it reports.
 *
 * <p>This compares tables as they are stored: a file against another of the same shape (its
 * copy, its backup, a teammate's file). Files of different shapes show their shapes' differences
 * under the schema, and rows only for the columns both tables have.
 */
public final class Comparison {

    /**
     * What to compare.
     *
     * @param tables     only these tables (their rows and schema); empty for all
     * @param schemaOnly the schemas and settings only, no rows
     * @param limit      at most this many keys in each list of a table (the counts stay whole)
     */
    public record Options(Set<String> tables, boolean schemaOnly, int limit) {

        /** Copies the tables; a limit must be positive. */
        public Options {
            tables = Set.copyOf(tables);
            if (limit < 1) {
                throw new IllegalArgumentException("the limit must be at least 1, was " + limit);
            }
        }

        /** {@return everything: every table's rows, every key listed} */
        public static Options all() {
            return new Options(Set.of(), false, Integer.MAX_VALUE);
        }
    }

    /** Told as tables are read. */
    public interface Progress {
        /**
         * Called every few thousand rows and after each table.
         *
         * @param table the table being read
         * @param rows  rows read so far, both sides together
         */
        void at(String table, long rows);
    }

    private static final int TELL_EVERY = 10_000;

    private final Options options;
    private final Progress progress;
    private final BooleanSupplier stopped;
    private Comparison(Options options, Progress progress, BooleanSupplier stopped) {
        this.options = options;
        this.progress = progress;
        this.stopped = stopped;
    }

    /**
     * Compares {@code left} with {@code right}; neither changes a byte.
     *
     * @param left     the first file or PostgreSQL database (the "before")
     * @param right    the second one (the "after")
     * @param options  what to compare
     * @param progress told as rows are read
     * @param stopped  asked every few thousand rows; true stops with {@link Reason#CANCELLED}
     * @return what differs; {@link Difference#same()} when nothing does
     * @throws PersistenceException naming the database that cannot be read, or a table named in
     *                              the options that neither has
     */
    public static Difference run(Location left, Location right, Options options, Progress progress, BooleanSupplier stopped) {
        return new Comparison(options, progress, stopped).compare(Side.open(left), Side.open(right), true);
    }

    /** The same, every table read side by side and merged here, as a server's are (for the tests: both ways must agree). */
    static Difference runMerging(Location left, Location right, Options options) {
        return new Comparison(options, (table, rows) -> { }, () -> false).compare(Side.open(left), Side.open(right), false);
    }

    private Difference compare(Side left, Side right, boolean join) {
        try (left; right; Joined joined = join ? Joined.attach(left, right) : null) {
            for (String table : options.tables()) {
                if (!left.tables.containsKey(table) && !right.tables.containsKey(table)) {
                    throw PersistenceException.of(Reason.INVALID_ARGUMENT, left.location, "Neither " + left.where() + " nor " + right.where()
                            + " has a table named " + table + ".");
                }
            }
            List<SchemaChange> schema = schema(left, right);
            List<TableDifference> tables = new ArrayList<>();
            if (!options.schemaOnly()) {
                for (String table : new TreeSet<>(left.tables.keySet())) {
                    if (right.tables.containsKey(table) && wanted(table)) {
                        TableDifference difference = rows(left, right, joined, table);
                        if (difference != null) {
                            tables.add(difference);
                        }
                    }
                }
            }
            return new Difference(left.where(), right.where(), schema, tables);
        }
    }

    private boolean wanted(String table) {
        return options.tables().isEmpty() || options.tables().contains(table);
    }

    // ---- the schema -------------------------------------------------------------------------

    private List<SchemaChange> schema(Side left, Side right) {
        List<SchemaChange> changes = new ArrayList<>();
        for (String table : union(left.tables.keySet(), right.tables.keySet())) {
            if (!wanted(table)) {
                continue;
            }
            SchemaObject a = left.tables.get(table);
            SchemaObject b = right.tables.get(table);
            if (a == null || b == null) {
                changes.add(new SchemaChange("table " + table, a == null ? null : left.rowsOf(table), b == null ? null : right.rowsOf(table)));
                continue;
            }
            Map<String, SchemaObject.Column> ac = columns(a);
            Map<String, SchemaObject.Column> bc = columns(b);
            for (String column : union(ac.keySet(), bc.keySet())) {
                String x = describe(ac.get(column));
                String y = describe(bc.get(column));
                if (!Objects.equals(x, y)) {
                    changes.add(new SchemaChange("column " + table + "." + column, x, y));
                }
            }
        }
        for (String type : List.of("view", "index", "trigger")) {
            Map<String, SchemaObject> a = left.objects(type);
            Map<String, SchemaObject> b = right.objects(type);
            for (String name : union(a.keySet(), b.keySet())) {
                SchemaObject x = a.get(name);
                SchemaObject y = b.get(name);
                String owner = (x != null ? x : y).table();
                if (!type.equals("view") && !wanted(owner) || type.equals("view") && !options.tables().isEmpty()) {
                    continue;
                }
                String dx = x == null ? null : definition(x);
                String dy = y == null ? null : definition(y);
                if (!Objects.equals(dx, dy)) {
                    changes.add(new SchemaChange(type + " " + name, dx, dy));
                }
            }
        }
        if (left.pragmas != null && right.pragmas != null) {
            pragma(changes, "user_version", left.pragmas.userVersion(), right.pragmas.userVersion());
            pragma(changes, "application_id", left.pragmas.applicationId(), right.pragmas.applicationId());
            pragma(changes, "journal_mode", left.pragmas.journalMode(), right.pragmas.journalMode());
            pragma(changes, "page_size", left.pragmas.pageSize(), right.pragmas.pageSize());
        }
        return changes;
    }

    private static void pragma(List<SchemaChange> changes, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            changes.add(new SchemaChange("pragma " + name, String.valueOf(a), String.valueOf(b)));
        }
    }

    private static Map<String, SchemaObject.Column> columns(SchemaObject table) {
        return table.columns().stream().collect(Collectors.toMap(SchemaObject.Column::name, Function.identity(), (x, y) -> x, LinkedHashMap::new));
    }

    private static String describe(SchemaObject.Column column) {
        if (column == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(column.type().isEmpty() ? "(no type)" : column.type());
        if (column.notNull()) {
            text.append(" NOT NULL");
        }
        if (column.defaultValue() != null) {
            text.append(" DEFAULT ").append(column.defaultValue());
        }
        if (column.primaryKey() > 0) {
            text.append(" PRIMARY KEY (").append(column.primaryKey()).append(')');
        }
        return text.toString();
    }

    /** An object's CREATE statement with its white space collapsed (the same object written on other lines is the same). */
    private static String definition(SchemaObject object) {
        if (object.sql() != null) {
            return object.sql().replaceAll("\\s+", " ").trim();
        }
        return "on " + object.table() + " (" + object.columns().stream().map(SchemaObject.Column::name).collect(Collectors.joining(", ")) + ")";
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    // ---- the rows ---------------------------------------------------------------------------

    /** {@return how {@code table}'s rows differ, or null when they do not}; {@code joined}, when not null, compares them in SQLite */
    private TableDifference rows(Side left, Side right, Joined joined, String table) {
        Map<String, SchemaObject.Column> a = columns(left.tables.get(table));
        Map<String, SchemaObject.Column> b = columns(right.tables.get(table));
        List<String> common = a.keySet().stream().filter(b::containsKey).toList();
        if (common.isEmpty()) {
            return null;
        }
        List<String> key = primaryKey(a);
        boolean keyed = !key.isEmpty() && key.equals(primaryKey(b));
        if (!keyed) {
            key = common;
        }
        List<String> order = new ArrayList<>(key);
        common.stream().filter(column -> !order.contains(column)).forEach(order::add);
        int keySize = key.size();
        if (keyed && joined != null) {
            return joined.rows(table, order, keySize, options.limit(), progress, column -> textAffinity(a.get(column)) && textAffinity(b.get(column)));
        }

        long added = 0;
        long removed = 0;
        long changed = 0;
        List<List<Object>> addedKeys = new ArrayList<>();
        List<List<Object>> removedKeys = new ArrayList<>();
        List<ChangedRow> changedRows = new ArrayList<>();
        long read = 0;
        try (Rows x = left.rows(table, order, keySize, a); Rows y = right.rows(table, order, keySize, b)) {
            Object[] l = x.next();
            Object[] r = y.next();
            while (l != null || r != null) {
                if (++read % TELL_EVERY == 0) {
                    if (stopped.getAsBoolean()) {
                        throw PersistenceException.of(Reason.CANCELLED, left.location, "The comparison of " + left.where() + " with "
                                + right.where() + " was stopped.");
                    }
                    progress.at(table, read);
                }
                int c = l == null ? 1 : r == null ? -1 : compareKeys(l, r, keySize);
                if (c < 0) {
                    if (removed++ < options.limit()) {
                        removedKeys.add(key(l, keySize));
                    }
                    l = x.next();
                } else if (c > 0) {
                    if (added++ < options.limit()) {
                        addedKeys.add(key(r, keySize));
                    }
                    r = y.next();
                } else {
                    Map<String, Change> columns = null;
                    for (int i = keySize; i < order.size(); i++) {
                        if (!Values.same(l[i], r[i])) {
                            if (columns == null) {
                                columns = new LinkedHashMap<>();
                            }
                            columns.put(order.get(i), new Change(l[i], r[i]));
                        }
                    }
                    if (columns != null && changed++ < options.limit()) {
                        changedRows.add(new ChangedRow(key(l, keySize), columns));
                    }
                    l = x.next();
                    r = y.next();
                }
            }
        }
        progress.at(table, read);
        if (added == 0 && removed == 0 && changed == 0) {
            return null;
        }
        return new TableDifference(table, key, added, removed, changed, addedKeys, removedKeys, changedRows);
    }

    /**
     * Whether a column declared so has TEXT affinity (SQLite's rules: a type naming INT is an
     * integer's; one naming CHAR, CLOB or TEXT is text's): it stores no integer or real.
     */
    private static boolean textAffinity(SchemaObject.Column column) {
        String type = column.type().toUpperCase(java.util.Locale.ROOT);
        return !type.contains("INT") && (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT"));
    }

    private static List<String> primaryKey(Map<String, SchemaObject.Column> columns) {
        return columns.values().stream().filter(column -> column.primaryKey() > 0).sorted(Comparator.comparingInt(SchemaObject.Column::primaryKey))
                .map(SchemaObject.Column::name).toList();
    }

    private static int compareKeys(Object[] a, Object[] b, int keySize) {
        for (int i = 0; i < keySize; i++) {
            int c = Values.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<Object> key(Object[] row, int keySize) {
        return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(row, keySize)));
    }

    // ---- two files on one connection -------------------------------------------------------

    /**
     * Two SQLite files on one connection (the second attached read-only), whose keyed tables
     * SQLite compares itself, as sqldiff does: a join on the key for the changed rows, and
     * {@code NOT EXISTS} both ways for the added and removed ones. Only the rows that differ
     * reach Java; reading every row through JDBC to merge them was 4.6 times sqldiff's time.
     */
    private static final class Joined implements AutoCloseable {
        private static final String OTHER = "compared";
        private final Side left;
        private final Side right;
        private final boolean tidyRight;

        private Joined(Side left, Side right, boolean tidyRight) {
            this.left = left;
            this.right = right;
            this.tidyRight = tidyRight;
        }

        /** {@return both files on the first one's connection, or null when they are not two files or the second cannot be attached} */
        static Joined attach(Side left, Side right) {
            if (!(left.backend instanceof Backend.Sqlite) || !(right.backend instanceof Backend.Sqlite(Path file))) {
                return null;
            }
            // As FileConsolidation attaches its sources: read-only, and a WAL file's -wal and -shm
            // removed afterwards when its other readers would have removed them.
            boolean tidy = SqliteFiles.tidiedByItsReaders(file);
            String uri = file.toAbsolutePath().normalize().toUri() + (SqliteFiles.readAsSnapshot(file) ? "?immutable=1" : "?mode=ro");
            try (PreparedStatement attach = left.connection().prepareStatement("ATTACH DATABASE ? AS " + OTHER)) {
                attach.setString(1, uri);
                attach.execute();
                return new Joined(left, right, tidy);
            } catch (SQLException e) {
                return null;
            }
        }

        TableDifference rows(String table, List<String> order, int keySize, int limit, Progress progress, Predicate<String> textOnly) {
            String first = left.backend.qualified(table);
            String second = OTHER + "." + left.backend.quote(table);
            List<String> keys = order.subList(0, keySize).stream().map(left.backend::quote).toList();
            List<String> values = order.subList(keySize, order.size()).stream().map(left.backend::quote).toList();
            List<Boolean> textual = order.subList(keySize, order.size()).stream().map(textOnly::test).toList();
            List<List<Object>> removedKeys = new ArrayList<>();
            List<List<Object>> addedKeys = new ArrayList<>();
            List<ChangedRow> changedRows = new ArrayList<>();
            long removed = onlyIn(first, second, keys, limit, removedKeys);
            progress.at(table, removed);
            long added = onlyIn(second, first, keys, limit, addedKeys);
            progress.at(table, removed + added);
            // IS NOT holds 1 and 1.0 equal; their types tell them apart, as Values.same does. A column
            // both sides declare as text holds no numbers, so its values need no typeof (which tripled
            // the join's time on the logs' messages).
            List<String> tests = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String c = values.get(i);
                tests.add("a." + c + " IS NOT b." + c + (textual.get(i) ? "" : " OR typeof(a." + c + ") <> typeof(b." + c + ")"));
            }
            String differs = values.isEmpty() ? "0" : String.join(" OR ", tests);
            String select = "SELECT " + columns("a", keys) + (values.isEmpty() ? "" : ", " + columns("a", values) + ", " + columns("b", values))
                    + " FROM " + first + " a JOIN " + second + " b ON " + same("a", "b", keys) + " WHERE " + differs + " ORDER BY " + columns("a", keys);
            long changed = 0;
            int width = values.size();
            try (PreparedStatement statement = left.connection().prepareStatement(select); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<String, Change> columns = new LinkedHashMap<>();
                    for (int i = 0; i < width; i++) {
                        Object before = Values.normal(rows.getObject(keySize + i + 1));
                        Object after = Values.normal(rows.getObject(keySize + width + i + 1));
                        if (!Values.same(before, after)) {
                            columns.put(order.get(keySize + i), new Change(before, after));
                        }
                    }
                    if (changed++ < limit) {
                        changedRows.add(new ChangedRow(key(rows, keySize), columns));
                    }
                }
            } catch (SQLException e) {
                throw left.backend.translate("compare table " + table + " of", e);
            }
            progress.at(table, removed + added + changed);
            if (added == 0 && removed == 0 && changed == 0) {
                return null;
            }
            return new TableDifference(table, order.subList(0, keySize), added, removed, changed, addedKeys, removedKeys, changedRows);
        }

        /** The keys of {@code from}'s rows that {@code other} lacks, in key order: all counted, the first {@code limit} kept. */
        private long onlyIn(String from, String other, List<String> keys, int limit, List<List<Object>> kept) {
            String sql = "SELECT " + columns("x", keys) + " FROM " + from + " x WHERE NOT EXISTS (SELECT 1 FROM " + other + " y WHERE "
                    + same("x", "y", keys) + ") ORDER BY " + columns("x", keys);
            long count = 0;
            try (PreparedStatement statement = left.connection().prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (count++ < limit) {
                        kept.add(key(rows, keys.size()));
                    }
                }
            } catch (SQLException e) {
                throw left.backend.translate("compare table " + from + " of", e);
            }
            return count;
        }

        private static String columns(String alias, List<String> quoted) {
            return quoted.stream().map(column -> alias + "." + column).collect(Collectors.joining(", "));
        }

        /** Each key column of {@code x} IS its own in {@code y} (IS: a NULL key matches a NULL key, as the merge's order has it). */
        private static String same(String x, String y, List<String> keys) {
            return keys.stream().map(k -> y + "." + k + " IS " + x + "." + k).collect(Collectors.joining(" AND "));
        }

        private static List<Object> key(ResultSet rows, int keySize) throws SQLException {
            Object[] key = new Object[keySize];
            for (int i = 0; i < keySize; i++) {
                key[i] = Values.normal(rows.getObject(i + 1));
            }
            return Collections.unmodifiableList(Arrays.asList(key));
        }

        @Override
        public void close() {
            try (Statement detach = left.connection().createStatement()) {
                detach.execute("DETACH DATABASE " + OTHER);
            } catch (SQLException e) {
                // The connection closes next, which detaches it too.
            }
            if (tidyRight && right.backend instanceof Backend.Sqlite(Path file)) {
                SqliteFiles.removeReaderFiles(file);
            }
        }
    }

    // ---- one database -----------------------------------------------------------------------

    /** One of the two databases: its schema, read once, and a connection for its rows. */
    private static final class Side implements AutoCloseable {
        private final Location location;
        private final Backend backend;
        private final RawDatabase raw;
        /** For its rows, opened at the first read: a side whose rows SQLite joins, or a schema-only run, needs none. */
        private Connection connection;
        private final Map<String, SchemaObject> tables = new LinkedHashMap<>();
        private final List<SchemaObject> schema;
        private final FilePragmas pragmas;

        private Side(Location location, RawDatabase raw) {
            this.location = location;
            this.backend = Backend.of(location);
            this.raw = raw;
            this.schema = raw.schema();
            this.pragmas = raw.pragmas();
            for (SchemaObject object : schema) {
                if (object.type().equals("table") && !internal(object.name())) {
                    tables.put(object.name(), object);
                }
            }
        }

        static Side open(Location location) {
            RawDatabase raw = RawDatabase.openReadOnly(location);
            try {
                return new Side(location, raw);
            } catch (RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        /** SQLite's own tables (sqlite_sequence, sqlite_stat1): its bookkeeping, not the user's rows. */
        private static boolean internal(String name) {
            return name.startsWith("sqlite_");
        }

        String where() {
            return location.where();
        }

        Map<String, SchemaObject> objects(String type) {
            Map<String, SchemaObject> objects = new LinkedHashMap<>();
            for (SchemaObject object : schema) {
                if (object.type().equals(type) && !internal(object.name())) {
                    objects.put(object.name(), object);
                }
            }
            return objects;
        }

        String rowsOf(String table) {
            long rows = raw.count(table);
            return String.format("%,d %s", rows, rows == 1 ? "row" : "rows");
        }

        /** The table's {@code columns}, the first {@code keySize} of them its key, in key order. */
        Rows rows(String table, List<String> columns, int keySize, Map<String, SchemaObject.Column> declared) {
            boolean postgres = backend instanceof Backend.Postgresql;
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i > 0 ? ", " : "").append(backend.quote(columns.get(i)));
            }
            sql.append(" FROM ").append(backend.qualified(table)).append(" ORDER BY ");
            for (int i = 0; i < keySize; i++) {
                String type = declared.get(columns.get(i)).type().toLowerCase(java.util.Locale.ROOT);
                sql.append(i > 0 ? ", " : "").append(backend.quote(columns.get(i)));
                // The server's collation orders text by language; "C" orders it by bytes, as here.
                if (postgres && (type.contains("char") || type.contains("text"))) {
                    sql.append(" COLLATE \"C\"");
                }
            }
            try {
                return new Rows(this, table, sql.toString(), columns.size(), keySize);
            } catch (SQLException e) {
                throw backend.translate("read table " + table + " of", e);
            }
        }

        Connection connection() {
            if (connection == null) {
                connection = backend.openReadOnly();
            }
            return connection;
        }

        @Override
        public void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Read only: nothing was left to write.
                }
            }
            raw.close();
        }
    }

    /** A table's rows from one side, in key order (checked: a row out of order is an error, never a wrong answer). */
    private static final class Rows implements AutoCloseable {
        private final Side side;
        private final String table;
        private final PreparedStatement statement;
        private final ResultSet result;
        private final int width;
        private final int keySize;
        private Object[] last;

        Rows(Side side, String table, String sql, int width, int keySize) throws SQLException {
            this.side = side;
            this.table = table;
            this.width = width;
            this.keySize = keySize;
            if (side.backend instanceof Backend.Postgresql) {
                side.connection().setAutoCommit(false); // pgjdbc streams by its fetch size only inside a transaction
            }
            this.statement = side.connection().prepareStatement(sql);
            statement.setFetchSize(1_000);
            this.result = statement.executeQuery();
        }

        Object[] next() {
            try {
                if (!result.next()) {
                    return null;
                }
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    row[i] = Values.normal(result.getObject(i + 1));
                }
                if (last != null && compareKeys(last, row, keySize) > 0) {
                    throw PersistenceException.of(Reason.FAILED, side.location, "The rows of table " + table + " of " + side.where()
                            + " do not come in the order a comparison needs (a key column with its own collation?): compare the other "
                            + "tables with --table.");
                }
                last = row;
                return row;
            } catch (SQLException e) {
                throw side.backend.translate("read table " + table + " of", e);
            }
        }

        @Override
        public void close() {
            try {
                result.close();
                statement.close();
                if (side.backend instanceof Backend.Postgresql) {
                    side.connection().rollback();
                    side.connection().setAutoCommit(true);
                }
            } catch (SQLException e) {
                // Read only: nothing to undo.
            }
        }
    }
}
