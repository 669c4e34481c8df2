import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;

/**
 * Build step, run by the pom as a single-file program on the toolchain JDK: migrates a throw-away
 * SQLite file per chain with the real migrations, then lets jOOQ read it over JDBC. Reading a real
 * SQLite file (not parsing DDL) is the point: it is exactly the schema users' files will have.
 *
 * <p>Arguments: migrations dir, work dir, output source dir, base package, this file's path.
 */
public class Codegen {

    private static final List<String> CHAINS = List.of("sessions", "chat", "leanspec");

    public static void main(String[] args) throws Exception {
        Path migrations = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Path output = Path.of(args[2]);
        String basePackage = args[3];

        // Regenerating costs seconds on every build; skip it when neither the migrations nor this
        // program changed since the last run.
        String fingerprint = fingerprint(migrations, Path.of(args[4]));
        Path stamp = work.resolve("fingerprint");
        if (Files.isDirectory(output) && Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
            // Touched, so that the build's up-to-date check (pom.xml, codegen-uptodate) skips
            // starting this program next time, until a migration changes again.
            Files.setLastModifiedTime(stamp, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            return;
        }

        Files.createDirectories(work);
        deleteRecursively(output);
        StringBuilder versions = new StringBuilder();
        for (String chain : CHAINS) {
            Path db = work.resolve(chain + ".db");
            Files.deleteIfExists(db);
            String url = "jdbc:sqlite:" + db.toAbsolutePath();
            var result = Flyway.configure()
                    .dataSource(url, null, null)
                    .locations("filesystem:" + migrations.resolve(chain).toAbsolutePath())
                    .placeholderReplacement(false)
                    .load()
                    .migrate();
            GenerationTool.generate(configuration(url, basePackage + "." + chain, output));
            versions.append("    /** The newest version in migrations/").append(chain).append("/. */\n")
                    .append("    public static final int ").append(chain.toUpperCase()).append(" = ")
                    .append(result.targetSchemaVersion).append(";\n");
            // The scripts in version order, so the runtime can replay them without scanning the class path.
            try (var files = Files.list(migrations.resolve(chain))) {
                List<String> scripts = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))))
                        .toList();
                versions.append("    /** The scripts of migrations/").append(chain).append("/, oldest first. */\n")
                        .append("    public static final java.util.List<String> ").append(chain.toUpperCase()).append("_SCRIPTS = java.util.List.of(")
                        .append(String.join(", ", scripts.stream().map(n -> '"' + n + '"').toList())).append(");\n");
            }
            System.out.println("[codegen] generated " + basePackage + "." + chain + " from " + migrations.resolve(chain));
        }
        // The generated classes match the newest migration; code that checks a file's version
        // against "what this build knows" reads it from here rather than from a second copy.
        Path versionsFile = output.resolve(basePackage.replace('.', '/')).resolve("SchemaVersions.java");
        Files.createDirectories(versionsFile.getParent());
        Files.writeString(versionsFile, "package " + basePackage + ";\n\n"
                + "/** Generated from migrations/ by src/persistence/build/Codegen.java. */\n"
                + "public final class SchemaVersions {\n" + versions
                + "    private SchemaVersions() {}\n}\n");
        Files.writeString(stamp, fingerprint);
    }

    private static Configuration configuration(String url, String packageName, Path output) {
        return new Configuration()
                .withLogging(Logging.WARN)
                .withJdbc(new Jdbc().withDriver("org.sqlite.JDBC").withUrl(url))
                .withGenerator(new Generator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.sqlite.SQLiteDatabase")
                                .withIncludes(".*")
                                // Flyway's history is read through the migration service, not jOOQ.
                                .withExcludes("flyway_schema_history|_sqlx_migrations|sqlite_.*")
                                // SQLite INTEGER is 64-bit; epoch milliseconds overflow an int.
                                .withForcedTypes(new ForcedType()
                                        .withName("BIGINT")
                                        .withIncludeTypes("INTEGER")))
                        .withGenerate(new Generate()
                                .withPojos(false)
                                .withDaos(false)
                                .withRecords(true)
                                .withJavadoc(false)
                                .withComments(false)
                                .withGeneratedAnnotation(false))
                        .withTarget(new Target()
                                .withPackageName(packageName)
                                .withDirectory(output.toAbsolutePath().toString())));
    }

    private static String fingerprint(Path migrations, Path self) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(migrations)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(migrations.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
        }
        if (Files.isRegularFile(self)) {
            digest.update(Files.readAllBytes(self));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }
}
