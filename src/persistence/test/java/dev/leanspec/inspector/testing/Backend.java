package dev.leanspec.inspector.testing;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PostgresUrl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two backends a store test runs on ({@code @ParameterizedTest @EnumSource(Backend.class)}):
 * a new SQLite file in the test's folder, or a new database on the tests' PostgreSQL server.
 * The stores create the tables on first open (a file as the kind named, a server schema as the
 * leanspec tables LeanSpec's {@code databaseUrl} holds).
 */
public enum Backend {
    SQLITE, POSTGRESQL;

    /**
     * A new, empty database for one test.
     *
     * @param dir the test's folder (for a file)
     * @param fileName the file's name: sessions.db, chat.db
     * @return where it is; nothing exists there yet
     */
    public Location newDatabase(Path dir, String fileName) {
        return this == SQLITE ? new Location.File(dir.resolve(fileName)) : new Location.Server(PostgresUrl.parse(PostgresServer.shared().newDatabase()));
    }

    /** The number the first column of the first row of {@code sql} holds, read over plain JDBC (not the code under test). */
    public static long scalar(Location location, String sql) throws SQLException {
        return switch (location) {
            case Location.File file -> ((Number) Databases.scalar(file.path(), sql)).longValue();
            case Location.Server server -> scalar(server.url(), sql);
        };
    }

    private static long scalar(PostgresUrl url, String sql) throws SQLException {
        try (Connection db = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
             Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
