package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.internal.schema.SchemaVersions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Where the migration chains live on the classpath and how Flyway is set up for them. The scripts
 * are the files of {@code migrations/}, packaged unchanged.
 */
public final class Migrations {

    private static final String ROOT = "dev/leanspec/inspector/migrations/";
    private static final Map<DatabaseKind, Map<Integer, SchemaSnapshot>> SHAPES = new ConcurrentHashMap<>();

    private Migrations() {
    }

    /** The newest version of a chain this build knows. */
    public static int latest(DatabaseKind kind) {
        return switch (kind) {
            case SESSIONS -> SchemaVersions.SESSIONS;
            case CHAT -> SchemaVersions.CHAT;
        };
    }

    /** Flyway set up for one chain over the given connections. */
    public static FluentConfiguration flyway(DatabaseKind kind, DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + ROOT + kind.chain())
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
        String resource = ROOT + kind.chain() + "/" + scriptName;
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
     * The schema each version of a chain produces, from running the real scripts on a scratch
     * file. Shapes are recognised by comparing against these, so recognition can never drift
     * from what the migrations build. Computed once per process, on first need.
     */
    public static Map<Integer, SchemaSnapshot> shapesByVersion(DatabaseKind kind) {
        return SHAPES.computeIfAbsent(kind, Migrations::buildShapes);
    }

    private static Map<Integer, SchemaSnapshot> buildShapes(DatabaseKind kind) {
        Path scratch = null;
        try {
            scratch = Files.createTempFile("leanspec-shapes-" + kind.chain(), ".db");
            Map<Integer, SchemaSnapshot> shapes = new LinkedHashMap<>();
            for (int version = 1; version <= latest(kind); version++) {
                flyway(kind, SqliteFiles.writerDataSource(scratch))
                        .target(Integer.toString(version))
                        .load()
                        .migrate();
                try (var connection = SqliteFiles.openReadOnly(scratch)) {
                    shapes.put(version, SchemaSnapshot.read(connection));
                }
            }
            return Map.copyOf(shapes);
        } catch (Exception e) {
            throw new IllegalStateException("could not build the reference schemas of " + kind.chain(), e);
        } finally {
            deleteWithSidecars(scratch);
        }
    }

    /** Deletes a database file with its -wal, -shm and -journal files, ignoring what is absent. */
    public static void deleteWithSidecars(Path file) {
        if (file == null) {
            return;
        }
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                // A scratch file left in the temp folder is harmless.
            }
        }
    }
}
