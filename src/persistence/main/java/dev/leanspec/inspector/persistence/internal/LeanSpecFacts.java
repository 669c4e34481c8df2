package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.migration.LeanSpecMigration;
import dev.leanspec.inspector.persistence.migration.Orphans;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a file says about LeanSpec's own doings: its sqlx history and the orphans it left. */
public final class LeanSpecFacts {

    /** Child table, its parent-id column, the parent table: every foreign key LeanSpec declared. */
    private static final List<String[]> RELATIONS = List.of(
            new String[] {"session_metadata", "session_id", "sessions"},
            new String[] {"session_specs", "session_id", "sessions"},
            new String[] {"session_logs", "session_id", "sessions"},
            new String[] {"session_events", "session_id", "sessions"},
            new String[] {"messages", "conversation_id", "conversations"},
            new String[] {"sync_metadata", "conversation_id", "conversations"});

    private LeanSpecFacts() {
    }

    /**
     * The parent a child table's rows need, as {@code {column, parent table}}; empty for a table
     * that has none (sessions, conversations, runners).
     */
    public static Optional<String[]> parentOf(String table) {
        return RELATIONS.stream().filter(r -> r[0].equals(table)).map(r -> new String[] {r[1], r[2]}).findFirst();
    }

    /** The rows of {@code _sqlx_migrations}, oldest first; empty when the file has none. */
    public static List<LeanSpecMigration> sqlxHistory(Connection connection, SchemaSnapshot schema) throws SQLException {
        if (!schema.tables().containsKey(ShapeDetector.SQLX_HISTORY)) {
            return List.of();
        }
        List<LeanSpecMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT version, description, installed_on, success, hex(checksum), execution_time FROM "
                     + ShapeDetector.SQLX_HISTORY + " ORDER BY version")) {
            while (r.next()) {
                rows.add(new LeanSpecMigration(r.getLong(1), r.getString(2), String.valueOf(r.getString(3)), r.getBoolean(4),
                        r.getString(5) == null ? "" : r.getString(5).toLowerCase(Locale.ROOT), r.getLong(6)));
            }
        }
        return List.copyOf(rows);
    }

    /** {@code orphans} in the order {@link #orphans(Connection, SchemaSnapshot)} gives them (child tables as LeanSpec relates them). */
    public static List<Orphans> inOrder(List<Orphans> orphans) {
        List<String> children = RELATIONS.stream().map(r -> r[0]).toList();
        return orphans.stream().sorted(Comparator.comparingInt(o -> children.indexOf(o.table()))).toList();
    }

    /**
     * Orphan rows per child table, in a fixed order; tables without orphans are left out. Each
     * child table is read once, grouped by its parent id off the index LeanSpec gave it, and only
     * the distinct ids are looked up: millions of log lines cost one index scan.
     */
    public static List<Orphans> orphans(Connection connection, SchemaSnapshot schema) throws SQLException {
        List<Orphans> orphans = new ArrayList<>();
        for (String[] relation : RELATIONS) {
            String child = relation[0];
            String column = relation[1];
            String parent = relation[2];
            if (!schema.tables().containsKey(child) || !schema.tables().containsKey(parent)
                    || !schema.tables().get(child).contains(column)) {
                continue;
            }
            String sql = "SELECT coalesce(sum(n), 0), count(*) FROM (SELECT \"" + column + "\" AS parent_id, count(*) AS n FROM \""
                    + child + "\" GROUP BY \"" + column + "\") AS g WHERE NOT EXISTS (SELECT 1 FROM \"" + parent
                    + "\" AS p WHERE p.id = g.parent_id)";
            try (Statement statement = connection.createStatement(); ResultSet r = statement.executeQuery(sql)) {
                if (r.next() && r.getLong(1) > 0) {
                    orphans.add(new Orphans(child, parent, r.getLong(1), r.getLong(2)));
                }
            }
        }
        return List.copyOf(orphans);
    }
}
