package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.internal.schema.SchemaVersions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteConfig;

/**
 * Where the migration chains live on the classpath and how Flyway is set up for them. The scripts
 * are the files of {@code migrations/}, packaged unchanged.
 */
public final class Migrations {

    private static final String ROOT = "dev/leanspec/inspector/migrations/";
    private static final Map<DatabaseKind, Map<Integer, SchemaSnapshot>> SHAPES = new ConcurrentHashMap<>();
    private static final Map<Shape, SchemaSnapshot> REFERENCES = new ConcurrentHashMap<>();

    private Migrations() {
    }

    /** The newest version of a chain this build knows. */
    public static int latest(DatabaseKind kind) {
        return switch (kind) {
            case SESSIONS -> SchemaVersions.SESSIONS;
            case CHAT -> SchemaVersions.CHAT;
            case LEANSPEC -> SchemaVersions.LEANSPEC;
        };
    }

    /** Flyway set up for one chain over the given connections. */
    public static FluentConfiguration flyway(DatabaseKind kind, DataSource dataSource) {
        return configure(kind.chain(), dataSource);
    }

    /**
     * Flyway for one chain's PostgreSQL scripts, in the URL's schema (Flyway creates it when
     * missing, and keeps its history table there).
     */
    public static FluentConfiguration flyway(DatabaseKind kind, PostgresUrl url, DataSource dataSource) {
        return configure(postgresChain(kind), dataSource).schemas(url.schema()).defaultSchema(url.schema());
    }

    /** The folder of a chain's PostgreSQL scripts, beside the SQLite ones (same versions, same names). */
    public static String postgresChain(DatabaseKind kind) {
        return "postgresql/" + kind.chain();
    }

    private static FluentConfiguration configure(String chain, DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + ROOT + chain)
                .table(SchemaSnapshot.HISTORY_TABLE)
                // Scripts are plain SQL; a "${" in user-facing text must never be substituted.
                .placeholderReplacement(false)
                // Nothing in this app may ever drop a user's tables.
                .cleanDisabled(true)
                // All pending versions commit together or not at all.
                .group(true)
                .validateMigrationNaming(true)
                .loggers("slf4j");
    }

    /** The text of a script of a chain, e.g. {@code V2__rename_tool_to_runner.sql}. */
    public static String script(DatabaseKind kind, String scriptName) {
        return script(kind.chain(), scriptName);
    }

    /** The text of a script in a chain's folder ({@code sessions}, {@code postgresql/sessions}). */
    public static String script(String chain, String scriptName) {
        String resource = ROOT + chain + "/" + scriptName;
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the build: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The schema each version of a chain produces, from running the real scripts on an
     * in-memory database. Shapes are recognised by comparing against these, so recognition can
     * never drift from what the migrations build. Computed once per process, on first need.
     * The scripts are replayed directly rather than through Flyway: they are plain SQL
     * (placeholders are off), and four Flyway runs per chain cost a second of every CLI start.
     */
    public static Map<Integer, SchemaSnapshot> shapesByVersion(DatabaseKind kind) {
        return SHAPES.computeIfAbsent(kind, Migrations::buildShapes);
    }

    /**
     * The schema a legacy shape has: its chain's schema at the shape's reference version, less
     * the tables the shape lacks (dropped with their indexes, by SQLite itself).
     */
    public static SchemaSnapshot reference(Shape shape) {
        if (!shape.isLegacy()) {
            throw new IllegalArgumentException(shape.label() + " is not a legacy LeanSpec shape");
        }
        if (shape.missingTables().isEmpty()) {
            return shapesByVersion(shape.legacyKind()).get(shape.referenceVersion());
        }
        return REFERENCES.computeIfAbsent(shape, Migrations::buildReference);
    }

    private static SchemaSnapshot buildReference(Shape shape) {
        DatabaseKind kind = shape.legacyKind();
        try (Connection scratch = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
             Statement statement = scratch.createStatement()) {
            for (String name : scripts(kind).subList(0, shape.referenceVersion())) {
                statement.executeUpdate(script(kind, name));
            }
            for (String table : shape.missingTables()) {
                statement.executeUpdate("DROP TABLE \"" + table + "\"");
            }
            return SchemaSnapshot.read(scratch);
        } catch (SQLException e) {
            throw new IllegalStateException("could not build the reference schema of " + shape.label(), e);
        }
    }

    /** The chain's script names, oldest first (listed by the build from migrations/). */
    public static List<String> scripts(DatabaseKind kind) {
        return switch (kind) {
            case SESSIONS -> SchemaVersions.SESSIONS_SCRIPTS;
            case CHAT -> SchemaVersions.CHAT_SCRIPTS;
            case LEANSPEC -> SchemaVersions.LEANSPEC_SCRIPTS;
        };
    }

    private static Map<Integer, SchemaSnapshot> buildShapes(DatabaseKind kind) {
        try (Connection scratch = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
             Statement statement = scratch.createStatement()) {
            Map<Integer, SchemaSnapshot> shapes = new LinkedHashMap<>();
            int version = 0;
            for (String name : scripts(kind)) {
                // sqlite-jdbc's executeUpdate runs every statement of a script (sqlite3_exec).
                statement.executeUpdate(script(kind, name));
                shapes.put(++version, SchemaSnapshot.read(scratch));
            }
            return Map.copyOf(shapes);
        } catch (SQLException e) {
            throw new IllegalStateException("could not build the reference schemas of " + kind.chain(), e);
        }
    }

    /** Deletes a database file with its -wal, -shm and -journal files, ignoring what is absent. */
    public static void deleteWithSidecars(Path file) {
        if (file == null) {
            return;
        }
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(SqliteFiles.sidecar(file, suffix));
            } catch (IOException e) {
                // A scratch file left in the temp folder is harmless.
            }
        }
    }
}
