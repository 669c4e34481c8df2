package dev.leanspec.inspector.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Plain-JDBC reads for assertions: independent of the code under test. */
public final class Databases {

    private Databases() {
    }

    /** Every row of a table as column-to-value maps, ordered by the given SQL order. */
    public static List<Map<String, Object>> rows(Path file, String table, String orderBy) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toUri());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY " + orderBy)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** The first column of the first row of a query. */
    public static Object scalar(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toUri());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    /** The lines a PRAGMA (integrity_check, foreign_key_check, ...) returns. */
    public static List<String> pragma(Path file, String pragma) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toUri());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + pragma)) {
            List<String> lines = new ArrayList<>();
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
            return lines;
        }
    }
}
