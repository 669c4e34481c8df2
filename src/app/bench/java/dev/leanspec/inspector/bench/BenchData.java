package dev.leanspec.inspector.bench;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.GeneratedFiles;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The benchmark's files, made once and reused by later runs (generating scale 1 takes a minute
 * or two): {@code legacy/} as the generator wrote them, {@code migrated/} the same adopted and
 * migrated to the latest version, and {@code wide/sessions.db} with a million sessions (times the
 * scale) for the GUI and export figures.
 *
 * @param ids the ids worth measuring on, as the generator reported them
 */
record BenchData(Path legacy, Path migrated, Path wideSessions, Properties ids) {

    static final long SEED = 42;

    static BenchData prepare(Path root, double scale, Consumer<String> log) throws IOException {
        Path dir = root.resolve("scale-" + scale);
        Path legacy = dir.resolve("legacy");
        Path ids = dir.resolve("generated.properties");
        if (!Files.exists(ids)) {
            deleteTree(dir);
            log.accept("Generating scale " + scale + " legacy files in " + legacy + " …");
            GeneratedFiles files = GeneratedDatabases.write(legacy, Volumes.scale(scale), SEED, log);
            Properties written = new Properties();
            written.setProperty("bigSession", files.bigSessionId());
            written.setProperty("bigConversation", files.bigConversationId());
            Path wide = dir.resolve("wide");
            long wideSessions = Math.max(1_000, Math.round(1_000_000 * scale));
            log.accept(String.format("Generating %,d sessions in %s …", wideSessions, wide));
            GeneratedDatabases.write(wide, new Volumes((int) wideSessions, 0, 0, 1, 0), SEED, log);
            migrate(wide.resolve("sessions.db"), DatabaseKind.SESSIONS);
            Path migrated = dir.resolve("migrated");
            Files.createDirectories(migrated);
            for (String name : new String[] {"sessions.db", "chat.db"}) {
                Files.copy(legacy.resolve(name), migrated.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                migrate(migrated.resolve(name), name.equals("chat.db") ? DatabaseKind.CHAT : DatabaseKind.SESSIONS);
            }
            try (Writer out = Files.newBufferedWriter(ids)) {
                written.store(out, "written by the generator with seed " + SEED);
            }
        }
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(ids)) {
            read.load(in);
        }
        return new BenchData(legacy, dir.resolve("migrated"), dir.resolve("wide/sessions.db"), read);
    }

    private static void migrate(Path file, DatabaseKind kind) {
        MigrationService.of(Location.of(file), kind).migrate(MigrateOptions.safe().withAdoption().withoutBackup());
    }

    /** Reads {@code file} once, to the end, so that the next reader finds it in the page cache. */
    static void readThrough(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
