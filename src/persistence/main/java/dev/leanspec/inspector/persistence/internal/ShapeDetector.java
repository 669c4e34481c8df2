package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.Shape;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recognises a file's shape from its schema: a legacy shape matches exactly the schema that our
 * migrations build at its reference version, less the tables it lacks (so adopting it is true by
 * construction). Columns are compared by name, never by position: LeanSpec's {@code ensure_column}
 * appended {@code parts} after {@code metadata} where its fresh DDL put it before. Anything else
 * is {@link Shape#UNKNOWN}, with the differences spelled out.
 */
public final class ShapeDetector {

    /** LeanSpec 0.2.28's own migration history (sqlx); its presence tells 0.2.28 from 0.2.27. */
    public static final String SQLX_HISTORY = "_sqlx_migrations";

    /**
     * What the schema says.
     *
     * @param shape       the shape
     * @param actualKind  the kind the schema looks like, or null when it looks like none
     * @param differences for UNKNOWN, why; empty otherwise
     * @param schema      the schema read
     */
    public record Detection(Shape shape, DatabaseKind actualKind, List<String> differences, SchemaSnapshot schema) {
        public Detection {
            differences = List.copyOf(differences);
        }
    }

    private ShapeDetector() {
    }

    /** Detects the kind and shape of the file open on {@code connection} from its schema alone. */
    public static Detection detect(Connection connection) throws SQLException {
        SchemaSnapshot schema = SchemaSnapshot.read(connection);
        DatabaseKind kind = kindOf(schema);
        return detect(connection, schema, kind == null ? DatabaseKind.SESSIONS : kind);
    }

    /** Detects the shape of the file open on {@code connection}, expected to be of {@code kind}. */
    public static Detection detect(Connection connection, DatabaseKind kind) throws SQLException {
        return detect(connection, SchemaSnapshot.read(connection), kind);
    }

    private static Detection detect(Connection connection, SchemaSnapshot schema, DatabaseKind kind) throws SQLException {
        DatabaseKind actual = kindOf(schema);
        if (SchemaSnapshot.hasHistory(connection)) {
            // NEWER is decided from the history by the caller; the schema says it is ours.
            if (actual != null && actual != kind) {
                return new Detection(Shape.UNKNOWN, actual, List.of(wrongKind(kind, actual)), schema);
            }
            return new Detection(Shape.MANAGED, kind, List.of(), schema);
        }
        if (schema.isEmpty()) {
            return new Detection(Shape.EMPTY, null, List.of(), schema);
        }
        if (actual == null) {
            return new Detection(Shape.UNKNOWN, null, List.of(
                    "has no sessions table (sessions.db, leanspec.db) and no conversations table (chat.db, leanspec.db); tables: "
                            + String.join(", ", schema.tables().keySet())), schema);
        }
        if (actual != kind) {
            return new Detection(Shape.UNKNOWN, actual, List.of(wrongKind(kind, actual)), schema);
        }
        List<String> differences = new ArrayList<>();
        // Newest first: extra tables are allowed, so an older shape is contained in a newer one.
        List<Shape> candidates = new ArrayList<>(List.of(Shape.values()));
        candidates.removeIf(shape -> shape.legacyKind() != kind);
        candidates.sort(Comparator.comparingInt(Shape::referenceVersion).thenComparingInt(s -> -s.missingTables().size()).reversed());
        for (Shape candidate : candidates) {
            List<String> diff = new ArrayList<>(schema.differencesFrom(Migrations.reference(candidate)));
            for (String table : candidate.missingTables()) {
                // A table the shape lacks must really be absent: V1's IF NOT EXISTS would keep a wrong one.
                if (schema.tables().containsKey(table)) {
                    diff.add("has a table " + table + " that " + candidate.writtenBy() + " did not write");
                }
            }
            boolean sqlx = schema.tables().containsKey(SQLX_HISTORY);
            if (candidate == Shape.LEANSPEC_SQLX && !sqlx) {
                continue;
            }
            if (candidate == Shape.LEANSPEC_RUNNERS && sqlx) {
                continue;
            }
            if (diff.isEmpty()) {
                return new Detection(candidate, kind, List.of(), schema);
            }
            differences.add("compared with " + candidate.label() + ": " + String.join("; ", diff));
        }
        return new Detection(Shape.UNKNOWN, kind, differences, schema);
    }

    /**
     * The kind a schema looks like, or null when it looks like none. Both main tables, LeanSpec's
     * runners or sqlx history, or sessions without {@code spec_id} (only leanspec.db dropped it)
     * make a leanspec.db.
     */
    public static DatabaseKind kindOf(SchemaSnapshot schema) {
        var tables = schema.tables();
        boolean sessions = tables.containsKey("sessions");
        boolean chat = tables.containsKey("conversations");
        if (sessions && chat || tables.containsKey("runners") || tables.containsKey(SQLX_HISTORY)) {
            return DatabaseKind.LEANSPEC;
        }
        if (sessions) {
            boolean specId = tables.get("sessions").contains("spec_id");
            return !specId && tables.containsKey("session_specs") ? DatabaseKind.LEANSPEC : DatabaseKind.SESSIONS;
        }
        return chat ? DatabaseKind.CHAT : null;
    }

    private static String wrongKind(DatabaseKind expected, DatabaseKind actual) {
        return "this is a " + actual.fileName() + ", not a " + expected.fileName();
    }
}
