package dev.leanspec.inspector.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** The whole-process baseline for `status`: a JVM that reads each file's history over JDBC and prints it. */
public final class HistoryProbe {

    private HistoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (String file : args) {
            try (Connection db = StoreBench.readOnly(Path.of(file)); Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT version, description, success FROM flyway_schema_history ORDER BY installed_rank")) {
                while (rows.next()) {
                    System.out.println(file + " " + rows.getString(1) + " " + rows.getString(2) + " " + rows.getBoolean(3));
                }
            }
        }
    }
}
