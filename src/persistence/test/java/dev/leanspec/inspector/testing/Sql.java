package dev.leanspec.inspector.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plain SQL over JDBC, the independent side that tests compare the stores' answers with. */
public final class Sql {

    private Sql() {
    }

    /** The first column of the first row, as a number. */
    public static long count(Connection db, String sql) throws SQLException {
        try (ResultSet result = db.createStatement().executeQuery(sql)) {
            return result.getLong(1);
        }
    }

    /** The first column to the second, for a {@code GROUP BY} of two columns. */
    public static Map<String, Long> grouped(Connection db, String sql) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (ResultSet result = db.createStatement().executeQuery(sql)) {
            while (result.next()) {
                rows.put(result.getString(1), result.getLong(2));
            }
        }
        return rows;
    }

    /** Every row, each as its values in column order. */
    public static List<List<Object>> rows(Connection db, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet result = db.createStatement().executeQuery(sql)) {
            int n = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
