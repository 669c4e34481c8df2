package dev.leanspec.inspector.persistence.raw;

import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.internal.Backups;
import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.Previews;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any SQLite file, read-only and schema-agnostic: every table and view, page by page, for files
 * of unknown shape and for the tables the stores do not cover. Values come back as previews, so
 * a 100 MB cell never reaches Java whole. Names are always quoted: a table called {@code we"ird}
 * is read correctly.
 *
 * <p>Not thread-safe, except {@link #cancel()}.
 */
public final class RawDatabase implements AutoCloseable {

    /** Text longer than this is cut (with a note of how much more there is). */
    public static final int PREVIEW_CHARS = 10_000;

    private final Path path;
    private final Connection connection;

    private RawDatabase(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    /**
     * Opens an existing file read-only (never creates it, runs no schema code).
     *
     * @param file an existing SQLite file of any kind
     * @return a read-only view of its tables; close it when done
     */
    public static RawDatabase openReadOnly(Path file) {
        Path path = file.toAbsolutePath().normalize();
        return new RawDatabase(path, SqliteFiles.openReadOnly(path));
    }

    /** {@return the file} */
    public Path path() {
        return path;
    }

    /** {@return every table and view (SQLite's own internal tables included, last), by name} */
    public List<TableInfo> tables() {
        List<TableInfo> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' "
                     + "AND type IN ('table', 'view') ORDER BY name LIKE 'sqlite\\_%' ESCAPE '\\', name")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String type = rows.getString(2);
                tables.add(new TableInfo(name, type, columns(name), type.equals("table") && rows.getInt(3) == 0));
            }
        } catch (SQLException e) {
            throw Failures.translate(path, "list the tables of", e);
        }
        return tables;
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

    /**
     * One page of a table's rows: keyset pages on rowid where the table has one (any page costs
     * the same), numbered pages otherwise (views, WITHOUT ROWID tables).
     *
     * @param table one of {@link #tables()}
     * @param page where to start and how many
     * @return the rows, long values as previews; empty rows past the end
     */
    public RawPage rows(TableInfo table, PageRequest page) {
        StringBuilder select = new StringBuilder("SELECT ");
        select.append(table.hasRowid() ? "rowid" : "NULL");
        for (String column : table.columns()) {
            // Cut in SQL, so that a huge value is never copied into Java.
            select.append(", ").append(Previews.sql(Backups.quote(column), PREVIEW_CHARS));
        }
        select.append(" FROM main.").append(Backups.quote(table.name()));
        long after = page.after() == null ? 0 : ((Number) page.after().values().get(0)).longValue();
        if (table.hasRowid()) {
            select.append(page.after() == null ? "" : " WHERE rowid > ?").append(" ORDER BY rowid LIMIT ?");
        } else {
            select.append(" LIMIT ? OFFSET ?");
        }
        try (PreparedStatement statement = connection.prepareStatement(select.toString())) {
            int index = 1;
            if (table.hasRowid()) {
                if (page.after() != null) {
                    statement.setLong(index++, after);
                }
                statement.setInt(index, page.size() + 1);
            } else {
                statement.setInt(index++, page.size() + 1);
                statement.setLong(index, after);
            }
            List<List<Object>> rows = new ArrayList<>();
            long lastRowid = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next() && rows.size() < page.size() + 1) {
                    Object[] values = new Object[table.columns().size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = result.getObject(i + 2);
                    }
                    if (rows.size() < page.size()) {
                        lastRowid = result.getLong(1);
                    }
                    rows.add(Arrays.asList(values));
                }
            }
            PageKey next = null;
            if (rows.size() > page.size()) {
                rows.remove(rows.size() - 1);
                next = PageKey.of(table.hasRowid() ? lastRowid : after + page.size());
            }
            return new RawPage(table.columns(), rows, next);
        } catch (SQLException e) {
            throw Failures.translate(path, "read table " + table.name() + " of", e);
        }
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
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT rowid FROM main." + Backups.quote(table.name()) + " ORDER BY rowid LIMIT 1 OFFSET ?")) {
            statement.setLong(1, position - 1);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? PageKey.of(result.getLong(1)) : null;
            }
        } catch (SQLException e) {
            throw Failures.translate(path, "read table " + table.name() + " of", e);
        }
    }

    /**
     * How many rows a table has; may take long, and can be cancelled.
     *
     * @param table one of {@link #tables()}
     * @return how many rows it has
     */
    public long count(TableInfo table) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM main." + Backups.quote(table.name()))) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw Failures.translate(path, "count table " + table.name() + " of", e);
        }
    }

    /** Stops the running query (from another thread). */
    public void cancel() {
        SqliteFiles.interrupt(connection);
    }

    @Override
    public void close() {
        SqliteFiles.closeQuietly(connection);
    }
}
