package dev.leanspec.inspector.library;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.RealFixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistence library as a new project sees it: the jar, sources and Javadoc this module
 * packaged, its pom and its parent's are installed into an empty local repository, and a modular
 * consumer project ({@code requires dev.leanspec.inspector.persistence}) whose code is the README's
 * "library in five lines" builds against it offline on the module path, resolves no JavaFX (nor
 * any UI or logging backend), and runs as a module on a real 0.2.24 {@code sessions.db}: it
 * migrates the file and lists its sessions. The compiler, not only a test, keeps {@code internal}
 * out of its reach.
 */
class LibraryJarIT {

    /** The packaged jar without its ".jar": target/leanspec-persistence-VERSION. */
    private static final String JAR = System.getProperty("library.jar");
    private static final Path POM = Path.of(System.getProperty("library.pom"));
    private static final Path PARENT_POM = Path.of(System.getProperty("library.parent.pom"));
    private static final String COORDINATES = System.getProperty("library.coordinates");
    private static final Path TOP = Path.of(System.getProperty("top.dir", "../.."));
    private static final String MODULE = "dev.leanspec.inspector.persistence";
    private static final Path USER_REPOSITORY = Path.of(System.getProperty("maven.repo.local",
            System.getProperty("user.home") + "/.m2/repository"));

    @TempDir
    static Path work;

    private static Path repository;
    private static Path consumer;

    @BeforeAll
    static void installTheLibraryIntoAnEmptyRepositoryAndBuildAConsumer() throws Exception {
        repository = work.resolve("repository");
        String[] gav = COORDINATES.split(":");
        maven(work, "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
                "-Dfile=" + PARENT_POM, "-DpomFile=" + PARENT_POM, "-DlocalRepositoryPath=" + repository);
        maven(work, "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
                "-Dfile=" + jar(""), "-DpomFile=" + POM,
                "-Dsources=" + jar("-sources"), "-Djavadoc=" + jar("-javadoc"),
                "-DlocalRepositoryPath=" + repository);
        assertThat(repository.resolve(String.join("/", gav[0].replace('.', '/'), gav[1], gav[2]))
                .resolve(gav[1] + "-" + gav[2] + ".jar")).exists();

        consumer = work.resolve("consumer");
        Path sources = Files.createDirectories(consumer.resolve("src/main/java/example"));
        Files.writeString(consumer.resolve("pom.xml"), consumerPom(gav));
        Files.writeString(sources.resolve("Consumer.java"), consumerMain(readmeExample()));
        Files.writeString(consumer.resolve("src/main/java/module-info.java"),
                "module example {\n    requires " + MODULE + ";\n}\n");
        // Offline: our artifact from the fresh repository, everything else (jOOQ, Flyway, the
        // compiler plugin) read from the user's repository behind it, never written to.
        maven(consumer, "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + USER_REPOSITORY,
                "compile", "dependency:build-classpath", "-Dmdep.outputFile=" + consumer.resolve("classpath.txt"),
                "dependency:list", "-DoutputFile=" + consumer.resolve("dependencies.txt"), "-DexcludeTransitive=false");
    }

    @Test
    void theConsumerResolvesNoJavaFxNoUiAndNoLoggingBackend() throws IOException {
        String dependencies = Files.readString(consumer.resolve("dependencies.txt"));
        assertThat(dependencies).contains(COORDINATES.split(":")[1]).contains("org.jooq:jooq").contains("org.flywaydb:flyway-core")
                .contains("org.xerial:sqlite-jdbc").contains("org.slf4j:slf4j-api").contains("org.postgresql:postgresql")
                .contains("com.zaxxer:HikariCP").contains("org.flywaydb:flyway-database-postgresql");
        assertThat(dependencies).doesNotContain("org.openjfx").doesNotContain("controlsfx").doesNotContain("atlantafx")
                .doesNotContain("picocli").doesNotContain("logback").doesNotContain("slf4j-simple").doesNotContain("commonmark");
        assertThat(Files.readString(consumer.resolve("classpath.txt"))).doesNotContain("javafx");
    }

    @Test
    void theReadmesFiveLinesMigrateARealLeanSpecFileAndListItsSessions() throws Exception {
        Path run = Files.createDirectories(work.resolve("run"));
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", run);
        long sessions;
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var count = db.createStatement()
                .executeQuery("SELECT count(*) FROM sessions")) {
            sessions = count.getLong(1);
        }
        assertThat(sessions).as("sessions in the fixture").isPositive();
        String modulePath = consumer.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(consumer.resolve("classpath.txt")).strip();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = run(run, List.of(java, "--enable-native-access=org.xerial.sqlitejdbc", "--module-path", modulePath,
                "--module", "example/example.Consumer"));

        assertThat(out.lines().filter(line -> line.matches("[0-9a-f-]{36} \\w+"))).hasSize((int) Math.min(sessions, 100));
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var versions = db.createStatement()
                .executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success = 1")) {
            assertThat(versions.getLong(1)).as("the consumer migrated the file").isPositive();
        }
    }

    @Test
    void theConsumerCannotCompileAgainstInternal() throws Exception {
        Path sneaky = Files.createDirectories(work.resolve("sneaky"));
        Path sources = Files.createDirectories(sneaky.resolve("src/main/java/example"));
        Files.writeString(sneaky.resolve("pom.xml"), consumerPom(COORDINATES.split(":")));
        Files.writeString(sneaky.resolve("src/main/java/module-info.java"), "module example {\n    requires " + MODULE + ";\n}\n");
        Files.writeString(sources.resolve("Sneaky.java"), """
                package example;

                public class Sneaky {
                    Object reach = dev.leanspec.inspector.persistence.internal.SqliteFiles.class;
                }
                """);
        String out = mavenFailing(sneaky, "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + USER_REPOSITORY, "compile");
        assertThat(out).contains("package dev.leanspec.inspector.persistence.internal is not visible");
    }

    @Test
    void theJarIsAModuleThatExportsItsApiAndNotInternal() throws IOException {
        var descriptor = java.lang.module.ModuleFinder.of(jar("")).findAll().iterator().next().descriptor();
        assertThat(descriptor.name()).isEqualTo(MODULE);
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.exports()).extracting(java.lang.module.ModuleDescriptor.Exports::source)
                .contains(MODULE, MODULE + ".sessions", MODULE + ".chat", MODULE + ".migration")
                .noneMatch(name -> name.contains(".internal"));
        assertThat(descriptor.requires()).extracting(java.lang.module.ModuleDescriptor.Requires::name)
                .noneMatch(name -> name.startsWith("javafx") || name.contains("controlsfx") || name.contains("picocli"));
    }

    @Test
    void theJarHoldsTheLibraryAloneAndNeedsNothingButItsStack() throws IOException {
        List<String> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(jar("").toFile())) {
            jar.stream().filter(e -> !e.isDirectory()).forEach(e -> entries.add(e.getName()));
        }
        assertThat(entries).allMatch(name -> name.startsWith("dev/leanspec/inspector/persistence/")
                || name.startsWith("dev/leanspec/inspector/migrations/") || name.startsWith("META-INF/")
                || name.equals("module-info.class"));
        assertThat(entries).contains("dev/leanspec/inspector/migrations/leanspec/V1__consolidated_schema.sql",
                "dev/leanspec/inspector/persistence/sessions/SessionStore.class");

        JavaClasses inJar;
        try (JarFile jar = new JarFile(jar("").toFile())) {
            inJar = new ClassFileImporter().importJar(jar);
        }
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("dev.leanspec.inspector.persistence..", "java..",
                "javax.sql..", "org.jooq..", "org.flywaydb..", "org.sqlite..", "org.postgresql..", "com.zaxxer.hikari..", "org.slf4j..")
                .because("the jar's pom names only jOOQ, Flyway, sqlite-jdbc, pgjdbc, HikariCP and the SLF4J API").check(inJar);
        // Every class the jar's classes use from this project is in the jar itself.
        inJar.forEach(c -> c.getDirectDependenciesFromSelf().stream()
                .map(d -> d.getTargetClass().getBaseComponentType())
                .filter(t -> t.getPackageName().startsWith("dev.leanspec"))
                .forEach(t -> assertThat(inJar.contain(t.getName())).as(c.getName() + " uses " + t.getName()).isTrue()));
    }

    @Test
    void sourcesAndJavadocCoverThePublicApiAndLeaveInternalOut() throws IOException {
        try (JarFile sources = new JarFile(jar("-sources").toFile())) {
            assertThat(sources.getEntry("dev/leanspec/inspector/persistence/sessions/SessionStore.java")).isNotNull();
            assertThat(sources.getEntry("dev/leanspec/inspector/persistence/internal/schema/sessions/tables/Sessions.java")).isNotNull();
        }
        try (JarFile javadoc = new JarFile(jar("-javadoc").toFile())) {
            // A module's pages sit under its name.
            assertThat(javadoc.stream().map(java.util.zip.ZipEntry::getName))
                    .anyMatch(name -> name.endsWith("dev/leanspec/inspector/persistence/sessions/SessionStore.html"))
                    .anyMatch(name -> name.endsWith("dev/leanspec/inspector/persistence/migration/MigrationService.html"))
                    .noneMatch(name -> name.contains("/internal/"));
        }
    }

    private static Path jar(String classifier) {
        return Path.of(JAR + classifier + ".jar");
    }

    /** The first Java block after the README's "The library in five lines" heading. */
    static String readmeExample() throws IOException {
        String readme = Files.readString(TOP.resolve("README.md"));
        Matcher block = Pattern.compile("## The library in five lines.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README.md has the library example").isTrue();
        return block.group(1);
    }

    private static String consumerMain(String example) {
        return """
                package example;

                import dev.leanspec.inspector.persistence.*;
                import dev.leanspec.inspector.persistence.migration.*;
                import dev.leanspec.inspector.persistence.sessions.*;
                import java.nio.file.Path;

                public class Consumer {
                    public static void main(String[] args) {
                %s    }
                }
                """.formatted(example.indent(8));
    }

    private static String consumerPom(String[] gav) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>consumer</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>21</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>%s</groupId>
                      <artifactId>%s</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(gav[0], gav[1], gav[2]);
    }

    /** The project's Maven wrapper, offline, on this test's JDK (21+, which the consumer needs). */
    private static void maven(Path dir, String... args) throws Exception {
        run(dir, mavenCommand(args));
    }

    /** Runs Maven expecting it to fail, and returns what it printed. */
    private static String mavenFailing(Path dir, String... args) throws Exception {
        List<String> command = mavenCommand(args);
        Ran ran = start(dir, command);
        assertThat(ran.code()).as(String.join(" ", command) + "\n" + ran.out()).isNotZero();
        return ran.out();
    }

    private static List<String> mavenCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(TOP.resolve("mvnw").toString(), "-B", "-o", "-q", "-ntp"));
        command.addAll(List.of(args));
        return command;
    }

    private static String run(Path dir, List<String> command) throws Exception {
        Ran ran = start(dir, command);
        assertThat(ran.code()).as(String.join(" ", command) + "\n" + ran.out()).isZero();
        return ran.out();
    }

    private record Ran(int code, String out) {
    }

    /** Runs {@code command} in {@code dir} to its end (at most 5 minutes), on this test's JDK. */
    private static Ran start(Path dir, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Ran(process.exitValue(), out);
    }
}
