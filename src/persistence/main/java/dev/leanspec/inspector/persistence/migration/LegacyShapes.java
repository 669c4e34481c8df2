package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.internal.Failures;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.SchemaSnapshot;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates new, empty files in one of LeanSpec's unversioned shapes, as LeanSpec itself would
 * have left them: for demos and for trying adoption. The schema comes from our own migrations
 * (run up to the shape's baseline version, then the history is removed), so there is no second
 * copy of any DDL.
 */
public final class LegacyShapes {

    private LegacyShapes() {
    }

    /**
     * Writes a new file at {@code file} in {@code shape}.
     *
     * @param file a missing or empty file to write
     * @param shape a legacy shape
     * @throws PersistenceException when the file exists or cannot be written
     * @throws IllegalArgumentException when {@code shape} is not a legacy shape
     */
    public static void create(Path file, Shape shape) {
        if (!shape.isLegacy()) {
            throw new IllegalArgumentException(shape.label() + " is not a legacy LeanSpec shape");
        }
        if (Files.exists(file)) {
            throw new PersistenceException(Reason.INVALID_ARGUMENT, file, file + " already exists; choose a new path.");
        }
        Migrations.flyway(shape.legacyKind(), SqliteFiles.writerDataSource(file))
                .target(Integer.toString(shape.baselineVersion()))
                .load()
                .migrate();
        try (Connection connection = SqliteFiles.openWriter(file, false); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + SchemaSnapshot.HISTORY_TABLE);
            // chat v1 files carry LeanSpec's own user_version 1; the others never set one.
            statement.execute("PRAGMA user_version = " + (shape == Shape.CHAT_V1 ? 1 : 0));
        } catch (SQLException e) {
            throw Failures.translate(file, "create", e);
        }
    }
}
