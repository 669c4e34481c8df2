package dev.leanspec.inspector.persistence.consolidate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The foreign keys and plain indexes of a copy's target, dropped before its tables are filled and
 * made again, as the migrations defined them, once they are full (what pgloader and
 * {@code pg_restore} do too). Kept during the fill they cost a parent lookup and two index
 * insertions per row; made after it, one sort per index and one join per foreign key. Primary
 * keys and unique constraints stay: they are what the merge matches on.
 *
 * <p>Both steps run in the copy's transaction: a failure or a rollback leaves the schema as the
 * migrations made it. On PostgreSQL that is a copy's staging schema; on SQLite, a consolidation's
 * new file (whose foreign keys are part of its tables and are not checked while it is filled).
 */
final class DeferredIndexes {

    /** For the index builds of this transaction only; PostgreSQL's default (64 MB) spills a 5-million-row sort to disk. */
    private static final String SORT_MEMORY = "256MB";

    /**
     * A SQLite index that was dropped, with its table.
     *
     * @param partial whether it holds only the rows of a {@code WHERE}
     */
    record SqliteIndex(String name, String table, boolean partial) {
    }

    /** What runs before the indexes are made again (settings for their sorts). */
    private final List<String> setup;
    private final List<String> restore;
    private final List<SqliteIndex> sqliteIndexes;

    private DeferredIndexes(List<String> setup, List<String> restore, List<SqliteIndex> sqliteIndexes) {
        this.setup = List.copyOf(setup);
        this.restore = List.copyOf(restore);
        this.sqliteIndexes = List.copyOf(sqliteIndexes);
    }

    /** Drops the foreign keys and plain indexes of {@code schema}'s tables; {@return what makes them again} */
    static DeferredIndexes drop(Connection connection, String schema) throws SQLException {
        List<String> drops = new ArrayList<>();
        List<String> restore = new ArrayList<>();
        // Indexes first, foreign keys after them in the restore: a foreign key is checked faster
        // with its child's index in place.
        for (String[] index : rows(connection, "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                + " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
                + " ORDER BY 1", schema)) {
            drops.add("DROP INDEX " + index[0]);
            restore.add(index[1]);
        }
        for (String[] key : rows(connection, "SELECT c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid)"
                + " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = ? AND c.contype = 'f'"
                + " ORDER BY 1, 2", schema)) {
            drops.add("ALTER TABLE " + key[0] + " DROP CONSTRAINT " + key[1]);
            restore.add("ALTER TABLE " + key[0] + " ADD CONSTRAINT " + key[1] + " " + key[2]);
        }
        execute(connection, drops);
        return new DeferredIndexes(List.of("SET LOCAL maintenance_work_mem = '" + SORT_MEMORY + "'"), restore, List.of());
    }

    /**
     * Drops the plain indexes of a SQLite connection's {@code main} database: those made by a
     * {@code CREATE INDEX} that is not {@code UNIQUE}. {@return what makes them again}
     */
    static DeferredIndexes dropSqlite(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        List<String> restore = new ArrayList<>();
        List<SqliteIndex> indexes = new ArrayList<>();
        for (String[] index : rows(connection, "SELECT s.name, s.sql, s.tbl_name, l.partial FROM main.sqlite_schema s"
                + " JOIN pragma_index_list(s.tbl_name, ?) l ON l.name = s.name"
                + " WHERE s.type = 'index' AND s.sql IS NOT NULL AND NOT l.\"unique\" ORDER BY s.name", "main")) {
            drops.add("DROP INDEX main.\"" + index[0].replace("\"", "\"\"") + "\"");
            restore.add(index[1]);
            indexes.add(new SqliteIndex(index[0], index[2], "1".equals(index[3])));
        }
        execute(connection, drops);
        return new DeferredIndexes(List.of(), restore, indexes);
    }

    /** {@return the SQLite indexes {@link #dropSqlite} dropped, which {@link #restore} makes again}; none on PostgreSQL */
    List<SqliteIndex> sqliteIndexes() {
        return sqliteIndexes;
    }

    /** Makes the indexes and foreign keys again (each foreign key checked over every row). */
    void restore(Connection connection) throws SQLException {
        execute(connection, setup);
        execute(connection, restore);
    }

    private static void execute(Connection connection, List<String> sqls) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : sqls) {
                statement.execute(sql);
            }
        }
    }

    private static List<String[]> rows(Connection connection, String sql, String schema) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
