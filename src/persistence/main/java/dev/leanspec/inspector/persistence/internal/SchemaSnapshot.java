package dev.leanspec.inspector.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts of a schema that tell LeanSpec's shapes apart: tables with their column names, and
 * the named indexes. SQLite's own tables and Flyway's history are left out.
 *
 * @param tables  table name to its columns, in declaration order
 * @param indexes index names (explicit indexes only, not SQLite's automatic ones)
 */
public record SchemaSnapshot(Map<String, List<String>> tables, Set<String> indexes) {

    public static final String HISTORY_TABLE = "flyway_schema_history";

    public SchemaSnapshot {
        // Sorted, so that every listing and every "what differs" reads the same on every run.
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        indexes = Collections.unmodifiableSortedSet(new TreeSet<>(indexes));
    }

    /** Reads the schema of the {@code main} database of an open connection. */
    public static SchemaSnapshot read(Connection connection) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        Set<String> indexes = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT type, name FROM main.sqlite_schema WHERE type IN ('table', 'view', 'index') "
                             + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND tbl_name <> '" + HISTORY_TABLE + "' ORDER BY name")) {
            while (rows.next()) {
                String name = rows.getString("name");
                switch (rows.getString("type")) {
                    case "index" -> indexes.add(name);
                    default -> tables.put(name, List.of());
                }
            }
        }
        try (PreparedStatement columns = connection.prepareStatement(
                "SELECT name FROM pragma_table_info(?) ORDER BY cid")) {
            for (String table : tables.keySet()) {
                columns.setString(1, table);
                List<String> names = new ArrayList<>();
                try (ResultSet rows = columns.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                tables.put(table, List.copyOf(names));
            }
        }
        // Automatic indexes (primary keys, UNIQUE) have no SQL and are named sqlite_autoindex_*;
        // the filter above already dropped them.
        return new SchemaSnapshot(tables, indexes);
    }

    /** Whether the file has Flyway's history table. */
    public static boolean hasHistory(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = ?")) {
            statement.setString(1, HISTORY_TABLE);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }

    /**
     * How this schema differs from {@code expected}, one phrase each, e.g.
     * "sessions has no column tool". Extra tables and indexes are allowed (they are left alone);
     * a missing table, column or index, or an extra column in a known table, is a difference.
     */
    public List<String> differencesFrom(SchemaSnapshot expected) {
        List<String> differences = new ArrayList<>();
        expected.tables.forEach((table, expectedColumns) -> {
            List<String> columns = tables.get(table);
            if (columns == null) {
                differences.add("has no table " + table);
                return;
            }
            for (String column : expectedColumns) {
                if (!columns.contains(column)) {
                    differences.add(table + " has no column " + column);
                }
            }
            for (String column : columns) {
                if (!expectedColumns.contains(column)) {
                    differences.add(table + " has an unexpected column " + column);
                }
            }
        });
        for (String index : expected.indexes) {
            if (!indexes.contains(index)) {
                differences.add("has no index " + index);
            }
        }
        return differences;
    }
}
