package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.Shape;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recognises a file's shape from its schema: a legacy shape matches exactly the schema that its
 * baseline version of our migrations builds (so adopting it at that version is true by
 * construction). Anything else is {@link Shape#UNKNOWN}, with the differences spelled out.
 */
public final class ShapeDetector {

    /**
     * What the schema says.
     *
     * @param shape       the shape
     * @param actualKind  the kind the schema looks like, or null when it looks like neither
     * @param differences for UNKNOWN, why; empty otherwise
     */
    public record Detection(Shape shape, DatabaseKind actualKind, List<String> differences) {
        public Detection {
            differences = List.copyOf(differences);
        }
    }

    private ShapeDetector() {
    }

    /** Detects the shape of the file open on {@code connection}, expected to be of {@code kind}. */
    public static Detection detect(Connection connection, DatabaseKind kind) throws SQLException {
        SchemaSnapshot schema = SchemaSnapshot.read(connection);
        DatabaseKind actual = kindOf(schema);
        if (SchemaSnapshot.hasHistory(connection)) {
            // NEWER is decided from the history by the caller; the schema says it is ours.
            if (actual != null && actual != kind) {
                return new Detection(Shape.UNKNOWN, actual, List.of(wrongKind(kind, actual)));
            }
            return new Detection(Shape.MANAGED, kind, List.of());
        }
        if (schema.isEmpty()) {
            return new Detection(Shape.EMPTY, null, List.of());
        }
        if (actual == null) {
            return new Detection(Shape.UNKNOWN, null, List.of(
                    "has neither a sessions table (sessions.db) nor a conversations table (chat.db); tables: "
                            + String.join(", ", schema.tables().keySet())));
        }
        if (actual != kind) {
            return new Detection(Shape.UNKNOWN, actual, List.of(wrongKind(kind, actual)));
        }
        Map<Integer, SchemaSnapshot> references = Migrations.shapesByVersion(kind);
        List<String> differences = new ArrayList<>();
        // Newest first: extra tables are allowed, so an older shape is contained in a newer one.
        List<Shape> candidates = new ArrayList<>(List.of(Shape.values()));
        candidates.removeIf(shape -> shape.legacyKind() != kind);
        candidates.sort((a, b) -> b.baselineVersion() - a.baselineVersion());
        for (Shape candidate : candidates) {
            List<String> diff = schema.differencesFrom(references.get(candidate.baselineVersion()));
            if (diff.isEmpty()) {
                return new Detection(candidate, kind, List.of());
            }
            differences.add("compared with " + candidate.label() + ": " + String.join("; ", diff));
        }
        return new Detection(Shape.UNKNOWN, kind, differences);
    }

    /** The kind a schema looks like, or null when it has both or neither main table. */
    public static DatabaseKind kindOf(SchemaSnapshot schema) {
        boolean sessions = schema.tables().containsKey("sessions");
        boolean chat = schema.tables().containsKey("conversations");
        if (sessions == chat) {
            return null;
        }
        return sessions ? DatabaseKind.SESSIONS : DatabaseKind.CHAT;
    }

    private static String wrongKind(DatabaseKind expected, DatabaseKind actual) {
        return "this is a " + actual.fileName() + " (it has a "
                + (actual == DatabaseKind.SESSIONS ? "sessions" : "conversations")
                + " table), not a " + expected.fileName();
    }
}
