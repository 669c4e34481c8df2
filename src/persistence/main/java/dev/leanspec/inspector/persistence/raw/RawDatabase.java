package dev.leanspec.inspector.persistence.raw;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.internal.Backend;
import dev.leanspec.inspector.persistence.internal.Previews;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.postgresql.util.PGobject;

/**
 * Any SQLite file, or a PostgreSQL database's schema, read-only and schema-agnostic: every table
 * and view, page by page, for files of unknown shape and for the tables the stores do not cover.
 * Values come back as previews, so a 100 MB cell never reaches Java whole. Names are always
 * quoted: a table called {@code we"ird} is read correctly.
 *
 * <p>A row's key is SQLite's rowid; on PostgreSQL it is the row's {@code ctid} (block and line, one
 * number: {@code block * 65536 + line}), which pages by a TID range scan and finds a row again as
 * long as nobody updates it (the inspector never does).
 *
 * <p>Not thread-safe, except {@link #cancel()}.
 */
public final class RawDatabase implements AutoCloseable {

    /** Text longer than this is cut (with a note of how much more there is). */
    public static final int PREVIEW_CHARS = 10_000;

    private final Backend backend;
    private final Connection connection;
    private final Backend.Stopper stopper;
    /** On PostgreSQL, each column's type per table (as {@link #tables()} last read them), for its preview. */
    private final Map<String, Map<String, String>> types = new HashMap<>();

    private RawDatabase(Backend backend) {
        this.backend = backend;
        this.connection = backend.openReadOnly();
        this.stopper = backend.stopper(connection);
    }

    /**
     * Opens an existing file read-only (never creates it, runs no schema code), or a PostgreSQL
     * database on a connection the server keeps read-only: the tables and views of the URL's schema.
     *
     * @param location the file or database
     * @return a read-only view of its tables; close it when done
     */
    public static RawDatabase openReadOnly(Location location) {
        return new RawDatabase(Backend.of(location));
    }

    /** {@return where the database is} */
    public Location location() {
        return backend.location();
    }

    /** {@return whether this is a PostgreSQL database (no file: no pragmas, no integrity check)} */
    public boolean isPostgres() {
        return backend instanceof Backend.Postgresql;
    }

    // ---- what differs between SQLite and PostgreSQL, in one place ----------------------------

    /** A table's name as the SQL here names it: in SQLite's main database, or in the URL's schema. */
    private String qualified(String table) {
        return backend.qualified(table);
    }

    private String quote(String name) {
        return backend.quote(name);
    }

    /** The row's key as a number: the rowid, or the ctid's block and line. */
    private String rowidValue() {
        return backend instanceof Backend.Sqlite ? "rowid" : "(((ctid::text::point)[0])::bigint * 65536 + ((ctid::text::point)[1])::bigint)";
    }

    /** What rows are ordered by for keyset pages: the rowid, or the ctid itself (a TID range scan). */
    private String rowidOrder() {
        return backend instanceof Backend.Sqlite ? "rowid" : "ctid";
    }

    /** The condition comparing the row's key with one parameter ({@link #bindRowid}). */
    private String rowidIs(String operator) {
        return backend instanceof Backend.Sqlite ? "rowid " + operator + " ?" : "ctid " + operator + " ?::tid";
    }

    private void bindRowid(PreparedStatement statement, int index, long rowid) throws SQLException {
        if (backend instanceof Backend.Sqlite) {
            statement.setLong(index, rowid);
        } else {
            statement.setString(index, "(" + (rowid >>> 16) + "," + (rowid & 0xFFFF) + ")");
        }
    }

    /** A column's preview: cut in SQL, so a huge value is never copied into Java. */
    private String preview(TableInfo table, String column) {
        String c = quote(column);
        if (backend instanceof Backend.Sqlite) {
            return Previews.sql(c, PREVIEW_CHARS);
        }
        String type = typesOf(table.name()).getOrDefault(column, "");
        return switch (type) {
            case "bytea" -> "CASE WHEN " + c + " IS NULL THEN NULL ELSE '<BLOB ' || octet_length(" + c + ") || ' bytes>' END";
            case "text", "character varying", "character", "json", "jsonb", "xml" -> "CASE WHEN length(" + c + "::text) > " + PREVIEW_CHARS
                    + " THEN substr(" + c + "::text, 1, " + PREVIEW_CHARS + ") || '… (' || (length(" + c + "::text) - " + PREVIEW_CHARS
                    + ") || ' more characters)' ELSE " + c + "::text END";
            default -> c;
        };
    }

    /**
     * A PostgreSQL table's column types, as {@link #tables()} last read them, or read now for a
     * table it has not listed: a preview must never depend on what was called before it.
     */
    private Map<String, String> typesOf(String table) {
        return types.computeIfAbsent(table, name -> {
            Map<String, String> read = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
                statement.setString(1, backend.schema());
                statement.setString(2, name);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        read.put(rows.getString(1), rows.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw translate("read the columns of table " + name + " of", e);
            }
            return read;
        });
    }

    /** A literal, case-insensitive "contains" on a column's text. */
    private String contains(String column) {
        return backend instanceof Backend.Sqlite ? "instr(lower(CAST(" + quote(column) + " AS TEXT)), lower(?)) > 0"
                : "strpos(lower(" + quote(column) + "::text), lower(?)) > 0";
    }

    private PersistenceException translate(String action, Throwable error) {
        return backend.translate(action, error);
    }

    /** Runs one read, cancellable on both backends. */
    private <T> T reading(String action, Read<T> read) {
        long call = stopper.begin();
        try {
            return read.run();
        } catch (SQLException | RuntimeException e) {
            throw translate(action, e);
        } finally {
            stopper.end(call);
        }
    }

    private interface Read<T> {
        T run() throws SQLException;
    }

    /** {@return every table and view (SQLite's own internal tables included, last), by name} */
    public List<TableInfo> tables() {
        if (backend instanceof Backend.Postgresql) {
            return reading("list the tables of", this::postgresTables);
        }
        return reading("list the tables of", () -> {
            List<TableInfo> tables = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' "
                         + "AND type IN ('table', 'view') ORDER BY name LIKE 'sqlite\\_%' ESCAPE '\\', name")) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    String type = rows.getString(2);
                    tables.add(new TableInfo(name, type, columns(name), type.equals("table") && rows.getInt(3) == 0));
                }
            }
            return tables;
        });
    }

    private List<String> columns(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM pragma_table_xinfo(?) WHERE hidden IN (0, 2, 3) ORDER BY cid")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /** The schema's tables and views, their columns in order, and each column's type (for previews). */
    private List<TableInfo> postgresTables() throws SQLException {
        Map<String, String> kinds = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            statement.setString(1, backend.schema());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    kinds.put(rows.getString(1), rows.getString(2).equals("VIEW") ? "view" : "table");
                }
            }
        }
        Map<String, Map<String, String>> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? ORDER BY table_name, ordinal_position")) {
            statement.setString(1, backend.schema());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getString(1), t -> new LinkedHashMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
        }
        types.clear();
        types.putAll(columns);
        List<TableInfo> tables = new ArrayList<>();
        kinds.forEach((name, type) -> tables.add(new TableInfo(name, type,
                List.copyOf(columns.getOrDefault(name, Map.of()).keySet()), type.equals("table"))));
        return tables;
    }

    /**
     * One page of a table's rows: keyset pages on rowid where the table has one (any page costs
     * the same), numbered pages otherwise (views, WITHOUT ROWID tables).
     *
     * @param table one of {@link #tables()}
     * @param page where to start and how many
     * @return the rows, long values as previews, with their rowids; empty rows past the end
     */
    public RawPage rows(TableInfo table, PageRequest page) {
        StringBuilder select = new StringBuilder("SELECT ");
        select.append(table.hasRowid() ? rowidValue() : "NULL");
        for (String column : table.columns()) {
            // Cut in SQL, so that a huge value is never copied into Java.
            select.append(", ").append(preview(table, column));
        }
        select.append(" FROM ").append(qualified(table.name()));
        long after = page.after() == null ? 0 : ((Number) page.after().values().get(0)).longValue();
        if (table.hasRowid()) {
            select.append(page.after() == null ? "" : " WHERE " + rowidIs(">")).append(" ORDER BY ").append(rowidOrder()).append(" LIMIT ?");
        } else {
            select.append(" LIMIT ? OFFSET ?");
        }
        return reading("read table " + table.name() + " of", () -> rowsPage(table, page, select.toString(), after));
    }

    private RawPage rowsPage(TableInfo table, PageRequest page, String select, long after) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            int index = 1;
            if (table.hasRowid()) {
                if (page.after() != null) {
                    bindRowid(statement, index++, after);
                }
                statement.setInt(index, page.size() + 1);
            } else {
                statement.setInt(index++, page.size() + 1);
                statement.setLong(index, after);
            }
            List<List<Object>> rows = new ArrayList<>();
            List<Long> rowids = new ArrayList<>();
            long lastRowid = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next() && rows.size() < page.size() + 1) {
                    Object[] values = new Object[table.columns().size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = result.getObject(i + 2);
                    }
                    rowids.add(table.hasRowid() ? result.getLong(1) : null);
                    if (rows.size() < page.size()) {
                        lastRowid = result.getLong(1);
                    }
                    rows.add(Arrays.asList(values));
                }
            }
            PageKey next = null;
            if (rows.size() > page.size()) {
                rows.remove(rows.size() - 1);
                rowids.remove(rowids.size() - 1);
                next = PageKey.of(table.hasRowid() ? lastRowid : after + page.size());
            }
            return new RawPage(table.columns(), rows, rowids, next);
        }
    }

    /**
     * One page of the rows a query asks for: sorted by any column and filtered by SQLite. A
     * plain query (no sort, no filter) pages on rowid like {@link #rows(TableInfo, PageRequest)};
     * any other is numbered pages ({@code LIMIT/OFFSET}), as DB Browser for SQLite pages, since
     * a sort on an unindexed column is SQLite's sort whatever the paging.
     *
     * @param query the table, order and filters
     * @param page  where to start and how many
     * @return the rows, long values as previews, with their rowids
     */
    public RawPage rows(TableQuery query, PageRequest page) {
        if (query.isPlain()) {
            return rows(query.table(), page);
        }
        TableInfo table = query.table();
        StringBuilder select = new StringBuilder("SELECT ");
        for (String column : table.columns()) {
            select.append(preview(table, column)).append(", ");
        }
        select.append(table.hasRowid() ? rowidValue() : "NULL").append(" FROM ").append(qualified(table.name()));
        List<String> arguments = new ArrayList<>();
        select.append(where(query, arguments));
        select.append(orderBy(query)).append(" LIMIT ? OFFSET ?");
        long offset = page.after() == null ? 0 : ((Number) page.after().values().get(0)).longValue();
        return reading("read table " + table.name() + " of", () -> queryPage(table, page, select.toString(), arguments, offset));
    }

    private RawPage queryPage(TableInfo table, PageRequest page, String select, List<String> arguments, long offset) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            int index = 1;
            for (String argument : arguments) {
                statement.setString(index++, argument);
            }
            statement.setInt(index++, page.size() + 1);
            statement.setLong(index, offset);
            List<List<Object>> rows = new ArrayList<>();
            List<Long> rowids = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next() && rows.size() <= page.size()) {
                    Object[] values = new Object[table.columns().size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = result.getObject(i + 1);
                    }
                    rowids.add(table.hasRowid() ? result.getLong(values.length + 1) : null);
                    rows.add(Arrays.asList(values));
                }
            }
            PageKey next = null;
            if (rows.size() > page.size()) {
                rows.remove(rows.size() - 1);
                rowids.remove(rowids.size() - 1);
                next = PageKey.of(offset + page.size());
            }
            return new RawPage(table.columns(), rows, rowids, next);
        }
    }

    /**
     * {@return the key a page of {@code query} must start after to begin at row {@code position}}
     *
     * @param query    the table, order and filters
     * @param position the 0-based row to start at
     */
    public PageKey keyBefore(TableQuery query, long position) {
        return query.isPlain() ? keyBefore(query.table(), position) : position <= 0 ? null : PageKey.of(position);
    }

    /**
     * How many rows a query matches; may take long, and can be cancelled.
     *
     * @param query the table and filters (the order does not matter)
     * @return how many rows match
     */
    public long count(TableQuery query) {
        List<String> arguments = new ArrayList<>();
        String sql = "SELECT count(*) FROM " + qualified(query.table().name()) + where(query, arguments);
        return reading("count table " + query.table().name() + " of", () -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < arguments.size(); i++) {
                    statement.setString(i + 1, arguments.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /**
     * Hands every row a query matches to {@code row}, in its order, with values whole (not
     * previews), from one read of the file: for exports. {@link #cancel()} stops it.
     *
     * @param query the table, order and filters
     * @param row   takes each row's values in column order
     * @return how many rows there were
     */
    public long forEach(TableQuery query, Consumer<List<Object>> row) {
        TableInfo table = query.table();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < table.columns().size(); i++) {
            select.append(i > 0 ? ", " : "").append(quote(table.columns().get(i)));
        }
        select.append(" FROM ").append(qualified(table.name()));
        List<String> arguments = new ArrayList<>();
        select.append(where(query, arguments));
        select.append(orderBy(query));
        return reading("read table " + table.name() + " of", () -> everyRow(table, select.toString(), arguments, row));
    }

    private long everyRow(TableInfo table, String select, List<String> arguments, Consumer<List<Object>> row)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (backend instanceof Backend.Postgresql) {
            connection.setAutoCommit(false); // pgjdbc streams a result by its fetch size only inside a transaction
        }
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setFetchSize(1_000);
            for (int i = 0; i < arguments.size(); i++) {
                statement.setString(i + 1, arguments.get(i));
            }
            long count = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Object[] values = new Object[table.columns().size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = result.getObject(i + 1);
                    }
                    row.accept(Arrays.asList(values));
                    count++;
                }
            }
            return count;
        } finally {
            if (backend instanceof Backend.Postgresql) {
                connection.rollback(); // read only: nothing to keep
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * {@return one value whole, as stored (text as String, blob as byte[], numbers, or null)}
     * For the cell viewer: the grid holds previews only.
     *
     * @param table  a table with rowids
     * @param column one of its columns
     * @param rowid  the row's rowid
     */
    public Object value(TableInfo table, String column, long rowid) {
        if (!table.columns().contains(column)) {
            throw new IllegalArgumentException(table.name() + " has no column " + column);
        }
        String sql = "SELECT " + quote(column) + " FROM " + qualified(table.name()) + " WHERE " + rowidIs("=");
        return reading("read a value of table " + table.name() + " of", () -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bindRowid(statement, 1, rowid);
                try (ResultSet result = statement.executeQuery()) {
                    if (!result.next()) {
                        return null;
                    }
                    Object value = result.getObject(1);
                    // PostgreSQL's own types (json, uuid, arrays…) as the text the server writes for them.
                    return value instanceof PGobject || value instanceof Array ? result.getString(1) : value;
                }
            }
        });
    }

    /** The query's order, rowid breaking ties, so pages and exports agree row for row. */
    private String orderBy(TableQuery query) {
        boolean rowid = query.table().hasRowid();
        if (query.sortColumn() == null) {
            return rowid ? " ORDER BY " + rowidOrder() : "";
        }
        String direction = query.descending() ? " DESC" : " ASC";
        return " ORDER BY " + quote(query.sortColumn()) + direction + (rowid ? ", " + rowidOrder() + direction : "");
    }

    /** The WHERE of a query's filters (literal, case-insensitive "contains"), its arguments added in order. */
    private String where(TableQuery query, List<String> arguments) {
        List<String> conditions = new ArrayList<>();
        query.filters().forEach((column, text) -> {
            conditions.add(contains(column));
            arguments.add(text);
        });
        if (query.anyText() != null) {
            List<String> any = new ArrayList<>();
            for (String column : query.table().columns()) {
                any.add(contains(column));
                arguments.add(query.anyText());
            }
            conditions.add(any.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", any) + ")");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * The key a page must start after to begin at row {@code position} (0-based), or null for
     * position 0 or past the end: how a table jumps to any row. Reads rowids only.
     *
     * @param table one of {@link #tables()}
     * @param position the 0-based row to start at
     * @return the key to start after, or null
     */
    public PageKey keyBefore(TableInfo table, long position) {
        if (position <= 0) {
            return null;
        }
        if (!table.hasRowid()) {
            return PageKey.of(position);
        }
        String sql = "SELECT " + rowidValue() + " FROM " + qualified(table.name()) + " ORDER BY " + rowidOrder() + " LIMIT 1 OFFSET ?";
        return reading("read table " + table.name() + " of", () -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, position - 1);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() ? PageKey.of(result.getLong(1)) : null;
                }
            }
        });
    }

    /**
     * How many rows a table has; may take long, and can be cancelled.
     *
     * @param table one of {@link #tables()}
     * @return how many rows it has
     */
    public long count(TableInfo table) {
        return count(table.name());
    }

    /**
     * How many rows a table or view has; may take long, and can be cancelled.
     *
     * @param table the table's or view's name, exactly
     * @return how many rows it has
     */
    public long count(String table) {
        return reading("count table " + table + " of", () -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + qualified(table))) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * {@return every table, view, index and trigger (SQLite's own internal tables last), by type then name}
     * Columns, keys and index columns are read from SQLite's pragmas, so they are what SQLite
     * understood, not a parse of the DDL.
     */
    public List<SchemaObject> schema() {
        if (backend instanceof Backend.Postgresql) {
            return reading("read the schema of", () -> PostgresSchema.read(connection, backend.schema()));
        }
        List<SchemaObject> objects = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name, sql FROM main.sqlite_schema "
                     + "WHERE type IN ('table', 'view', 'index', 'trigger') ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 "
                     + "WHEN 'index' THEN 2 ELSE 3 END, name LIKE 'sqlite\\_%' ESCAPE '\\', name")) {
            while (rows.next()) {
                String type = rows.getString(1);
                String name = rows.getString(2);
                List<SchemaObject.Column> columns = switch (type) {
                    case "table", "view" -> tableColumns(name);
                    case "index" -> indexColumns(name);
                    default -> List.of();
                };
                objects.add(new SchemaObject(type, name, rows.getString(3), rows.getString(4), columns,
                        type.equals("table") ? foreignKeys(name) : List.of()));
            }
        } catch (SQLException e) {
            throw backend.translate("read the schema of", e);
        }
        return objects;
    }

    private List<SchemaObject.Column> tableColumns(String table) throws SQLException {
        List<SchemaObject.Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?) WHERE hidden IN (0, 2, 3) ORDER BY cid")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(new SchemaObject.Column(rows.getString(1), rows.getString(2), rows.getInt(3) != 0, rows.getString(4), rows.getInt(5)));
                }
            }
        }
        return columns;
    }

    private List<SchemaObject.Column> indexColumns(String index) throws SQLException {
        List<SchemaObject.Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
            statement.setString(1, index);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    columns.add(new SchemaObject.Column(name == null ? "<expression>" : name, "", false, null, 0));
                }
            }
        }
        return columns;
    }

    private List<SchemaObject.ForeignKey> foreignKeys(String table) throws SQLException {
        Map<Integer, List<String[]>> keys = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getInt(1), id -> new ArrayList<>()).add(new String[] {rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7)});
                }
            }
        }
        List<SchemaObject.ForeignKey> foreignKeys = new ArrayList<>();
        for (List<String[]> parts : keys.values()) {
            String[] first = parts.getFirst();
            List<String> to = parts.stream().map(p -> p[2]).filter(Objects::nonNull).toList();
            foreignKeys.add(new SchemaObject.ForeignKey(parts.stream().map(p -> p[1]).toList(), first[0], to, first[3], first[4]));
        }
        return foreignKeys;
    }

    /**
     * {@return bytes on disk per table and index (SQLite's {@code dbstat}), or empty when this SQLite has no dbstat}
     * Reads every page of the file: may take long on a big one, and can be cancelled.
     */
    public Optional<Map<String, Long>> sizes() {
        if (backend instanceof Backend.Postgresql) {
            return reading("measure the tables of", () -> Optional.of(PostgresSchema.sizes(connection, backend.schema())));
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, sum(pgsize) FROM dbstat('main') GROUP BY name ORDER BY 2 DESC")) {
            while (rows.next()) {
                sizes.put(rows.getString(1), rows.getLong(2));
            }
            return Optional.of(sizes);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table: dbstat")) {
                return Optional.empty();
            }
            throw backend.translate("measure the tables of", e);
        }
    }

    /** {@return the file's settings (page size, journal mode, user_version, ...), read without changing any; null on PostgreSQL} */
    public FilePragmas pragmas() {
        if (backend instanceof Backend.Postgresql) {
            return null;
        }
        try (Statement statement = connection.createStatement()) {
            return new FilePragmas(pragmaLong(statement, "page_size"), pragmaLong(statement, "page_count"),
                    pragmaLong(statement, "freelist_count"), pragmaText(statement, "journal_mode"), pragmaLong(statement, "user_version"),
                    pragmaLong(statement, "application_id"), pragmaText(statement, "encoding"), pragmaLong(statement, "schema_version"),
                    switch ((int) pragmaLong(statement, "auto_vacuum")) {
                        case 1 -> "full";
                        case 2 -> "incremental";
                        default -> "none";
                    }, queryText(statement, "SELECT sqlite_version()"));
        } catch (SQLException e) {
            throw backend.translate("read the settings of", e);
        }
    }

    /**
     * Runs SQLite's {@code integrity_check} (every page and index is read: may take long, and can
     * be cancelled).
     *
     * @return what it found: {@code ["ok"]} for a sound file, else its findings (at most 100)
     */
    public List<String> integrityCheck() {
        if (backend instanceof Backend.Postgresql) {
            throw PersistenceException.of(PersistenceException.Reason.INVALID_ARGUMENT, location(), backend.where()
                    + " is a PostgreSQL database: its server checks its own pages (there is no integrity_check to run).");
        }
        List<String> findings = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA integrity_check(100)")) {
            while (rows.next()) {
                findings.add(rows.getString(1));
            }
            return findings;
        } catch (SQLException e) {
            throw backend.translate("check", e);
        }
    }

    private static long pragmaLong(Statement statement, String pragma) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA main." + pragma)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static String pragmaText(Statement statement, String pragma) throws SQLException {
        return queryText(statement, "PRAGMA main." + pragma);
    }

    private static String queryText(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    /** Stops the running query (from another thread). */
    public void cancel() {
        stopper.stop();
    }

    @Override
    public void close() {
        SqliteFiles.closeQuietly(connection);
    }
}
