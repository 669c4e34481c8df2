package dev.leanspec.inspector.persistence.raw;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL schema's tables, views, indexes and triggers as {@link SchemaObject}s, read from the
 * catalog (PostgreSQL keeps no DDL text: a table's {@code CREATE TABLE} is written from its
 * columns and constraints as the server describes them; views, indexes and triggers come from the
 * server's own {@code pg_get_*def}).
 */
final class PostgresSchema {

    private PostgresSchema() {
    }

    static List<SchemaObject> read(Connection connection, String schema) throws SQLException {
        Map<String, List<SchemaObject.Column>> columns = columns(connection, schema);
        Map<String, List<SchemaObject.ForeignKey>> foreignKeys = foreignKeys(connection, schema);
        Map<String, List<String>> constraints = constraints(connection, schema);
        List<SchemaObject> objects = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname, c.relkind, pg_get_viewdef(c.oid, true) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm')"
                + " ORDER BY c.relkind IN ('v', 'm'), c.relname")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    boolean view = rows.getString(2).equals("v") || rows.getString(2).equals("m");
                    List<SchemaObject.Column> own = columns.getOrDefault(name, List.of());
                    String sql = view ? "CREATE VIEW " + quote(name) + " AS\n" + rows.getString(3)
                            : createTable(name, own, constraints.getOrDefault(name, List.of()));
                    objects.add(new SchemaObject(view ? "view" : "table", name, name, sql, own,
                            view ? List.of() : foreignKeys.getOrDefault(name, List.of())));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT i.relname, t.relname, pg_get_indexdef(i.oid),"
                + " ARRAY(SELECT CASE WHEN k.attnum = 0 THEN NULL ELSE a.attname END FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)"
                + "   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? ORDER BY i.relname")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<SchemaObject.Column> covered = new ArrayList<>();
                    for (Object column : (Object[]) rows.getArray(4).getArray()) {
                        covered.add(new SchemaObject.Column(column == null ? "<expression>" : column.toString(), "", false, null, 0));
                    }
                    objects.add(new SchemaObject("index", rows.getString(1), rows.getString(2), rows.getString(3), covered, List.of()));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT g.tgname, t.relname, pg_get_triggerdef(g.oid, true)"
                + " FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND NOT g.tgisinternal ORDER BY g.tgname")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    objects.add(new SchemaObject("trigger", rows.getString(1), rows.getString(2), rows.getString(3), List.of(), List.of()));
                }
            }
        }
        return objects;
    }

    /** Bytes on disk per table (its heap, without indexes) and per index. */
    static Map<String, Long> sizes(Connection connection, String schema) throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'i', 'm') ORDER BY 2 DESC")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sizes.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return sizes;
    }

    private static Map<String, List<SchemaObject.Column>> columns(Connection connection, String schema) throws SQLException {
        Map<String, List<SchemaObject.Column>> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull, CASE WHEN a.attidentity = 'd' THEN 'GENERATED BY DEFAULT AS IDENTITY' WHEN a.attidentity = 'a'"
                + "   THEN 'GENERATED ALWAYS AS IDENTITY' ELSE pg_get_expr(d.adbin, d.adrelid) END,"
                + " coalesce(array_position(p.conkey, a.attnum), 0)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " LEFT JOIN pg_constraint p ON p.conrelid = c.oid AND p.contype = 'p'"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY c.relname, a.attnum")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(new SchemaObject.Column(rows.getString(2),
                            rows.getString(3), rows.getBoolean(4), rows.getString(5), rows.getInt(6)));
                }
            }
        }
        return columns;
    }

    /** Each table's constraints as the server writes them ({@code PRIMARY KEY (id)}, {@code CHECK (…)}, …), named. */
    private static Map<String, List<String>> constraints(Connection connection, String schema) throws SQLException {
        Map<String, List<String>> constraints = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname, k.conname, pg_get_constraintdef(k.oid, true)"
                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND k.contype IN ('p', 'u', 'f', 'c', 'x')"
                + " ORDER BY c.relname, CASE k.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'f' THEN 2 ELSE 3 END, k.conname")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    constraints.computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
                            .add("CONSTRAINT " + quote(rows.getString(2)) + " " + rows.getString(3));
                }
            }
        }
        return constraints;
    }

    private static Map<String, List<SchemaObject.ForeignKey>> foreignKeys(Connection connection, String schema) throws SQLException {
        Map<String, List<SchemaObject.ForeignKey>> keys = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname, r.relname,"
                + " ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o),"
                + " ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o),"
                + " k.confupdtype, k.confdeltype"
                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND k.contype = 'f' ORDER BY c.relname, k.conname")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(new SchemaObject.ForeignKey(names(rows.getArray(3)),
                            rows.getString(2), names(rows.getArray(4)), action(rows.getString(5)), action(rows.getString(6))));
                }
            }
        }
        return keys;
    }

    private static List<String> names(java.sql.Array array) throws SQLException {
        List<String> names = new ArrayList<>();
        for (Object name : (Object[]) array.getArray()) {
            names.add(name.toString());
        }
        return names;
    }

    /** pg_constraint's one-letter referential action, as SQL says it. */
    private static String action(String code) {
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static String createTable(String name, List<SchemaObject.Column> columns, List<String> constraints) {
        List<String> lines = new ArrayList<>();
        for (SchemaObject.Column column : columns) {
            String line = "    " + quote(column.name()) + " " + column.type();
            if (column.defaultValue() != null) {
                line += column.defaultValue().startsWith("GENERATED ") ? " " + column.defaultValue() : " DEFAULT " + column.defaultValue();
            }
            lines.add(line + (column.notNull() ? " NOT NULL" : ""));
        }
        constraints.forEach(constraint -> lines.add("    " + constraint));
        return "-- as the server describes it (PostgreSQL keeps no DDL text)\nCREATE TABLE " + quote(name) + " (\n"
                + String.join(",\n", lines) + "\n);";
    }

    private static String quote(String name) {
        return dev.leanspec.inspector.persistence.internal.Postgres.quote(name);
    }
}
