package dev.leanspec.inspector.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command: the script {@code ./mvnw compile} wrote starts the app on the build's
 * JDK, and a CLI's exit code and message come through it as they are, with no Maven trace.
 */
@DisabledOnOs(OS.WINDOWS)
class WriteLauncherTest {

    /** The checkout's target/, where ./mvnw compile writes the launcher. */
    private static final Path OUT = Path.of(System.getProperty("launcher.dir", "../../target"));

    @TempDir
    Path dir;

    @Test
    void theScriptTheBuildWrotePassesTheExitCodeAndMessageThrough() throws Exception {
        Path script = OUT.resolve("leanspec-inspector");
        assertThat(script).as("written by ./mvnw compile").isExecutable();
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);

        Process refused = new ProcessBuilder(List.of(script.toString(), "query", "--db", file.toString(), "DELETE FROM sessions")).start();
        String err = new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(err).startsWith("Not run on ").contains("leanspec.db").doesNotContain("[ERROR]").doesNotContain("Exception")
                .doesNotContain("WARNING");

        Process version = new ProcessBuilder(List.of(script.toString(), "--version")).redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).isZero();
        assertThat(out.strip()).startsWith("LeanSpec Inspector ");
    }

    @Test
    void theScriptKeepsAStartUpArchivePerFaceAndNeverPrintsAboutIt() throws Exception {
        Path script = OUT.resolve("leanspec-inspector");
        Path jar = OUT.resolve("launcher/app.jar").toAbsolutePath().normalize();
        String text = Files.readString(script);
        assertThat(text).contains("-XX:+AutoCreateSharedArchive").contains(jar.toString()).doesNotContain("target/classes");
        assertThat(jar).as("the app's target/classes as a jar: archives hold classes from jars only").isRegularFile();
        // The library: launcher/persistence.jar after `compile`, its own packaged jar after `package`.
        assertThat(text).containsPattern("/(launcher/persistence|src/persistence/target/leanspec-persistence-[^/:']*)\\.jar");
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("dev/leanspec/inspector/Main.class")).isNotNull();
        }
        // Resources come from the jar as from the folder: Flyway finds the migrations (it asks for their folder).
        Process demo = new ProcessBuilder(List.of(script.toString(), "demo", dir.toString())).redirectErrorStream(true).start();
        String demoOut = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).as(demoOut).isZero();
        assertThat(dir.resolve("sessions.db")).isNotEmptyFile();
        assertThat(dir.resolve("chat.db")).isNotEmptyFile();
        Path archive = OUT.resolve("launcher/cli.jsa");
        assertThat(version(script)).startsWith("LeanSpec Inspector ").doesNotContain("\n");
        assertThat(archive).as("made by the CLI's exit when it was missing").isNotEmptyFile();
        // A jar newer than the archive: the JVM cannot use the archive, and must say nothing about it.
        var built = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(built.toMillis() + 2_000));
        try {
            assertThat(version(script)).startsWith("LeanSpec Inspector ").doesNotContain("\n");
        } finally {
            Files.setLastModifiedTime(jar, built); // the checkout's archives stay valid
        }
    }

    private static String version(Path script) throws Exception {
        Process version = new ProcessBuilder(List.of(script.toString(), "--version")).redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }

    @Test
    void aWordWithQuotesAndSpacesIsQuotedForSh() throws Exception {
        assertThat(WriteLauncher.sh("/a b/it's")).isEqualTo("'/a b/it'\\''s'");
        Path target = Files.createDirectories(dir.resolve("out"));
        WriteLauncher.main(new String[] {target.toString(), "x.Main", "-Dk=v"});
        assertThat(Files.readString(target.resolve("leanspec-inspector"))).contains("'-Dk=v'").contains(" x.Main \"$@\"");
        assertThat(Files.readString(target.resolve("leanspec-inspector.cmd"))).contains("x.Main %*");
    }
}
