package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.Databases;
import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.LegacyFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.in(dir, args);
    }

    @Test
    void statusCountsOrphanRowsOnlyWhenAsked() throws Exception {
        Path file = dir.resolve("sessions.db");
        try (var store = dev.leanspec.inspector.persistence.sessions.SessionStore.open(Location.of(file))) {
            var now = dev.leanspec.inspector.persistence.Timestamp.of(java.time.Instant.parse("2026-02-01T10:00:00Z"));
            store.insert(dev.leanspec.inspector.persistence.sessions.SessionDetail.of(new dev.leanspec.inspector.persistence.sessions.Session(
                    "gone", "/p", null, "claude", dev.leanspec.inspector.persistence.sessions.SessionMode.GUIDED,
                    dev.leanspec.inspector.persistence.sessions.SessionStatus.RUNNING, null, now, null, null, null, now, now, null)));
            store.insertLog("gone", now, dev.leanspec.inspector.persistence.sessions.LogLevel.STDOUT, "left behind");
        }
        // As LeanSpec's SQLite allowed: foreign keys not enforced, the log stays.
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var statement = db.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            statement.execute("DELETE FROM sessions WHERE id = 'gone'");
        }

        CliRun plain = CliRun.in(dir, "status", "--db", file.toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).doesNotContain("orphans:");
        CliRun counted = CliRun.in(dir, "status", "--orphans", "--db", file.toString());
        assertThat(counted.out()).contains("orphans:  session_logs 1");
        CliRun json = CliRun.in(dir, "status", "--orphans", "--json", "--db", file.toString());
        assertThat(new ObjectMapper().readTree(json.out()).get("databases").get(0).get("orphans").get(0).get("rows").asLong()).isEqualTo(1);
    }

    /**
     * The command lines scripts run most, in each form picocli takes (value inline or apart, an
     * option repeated), and the mistakes it refuses with exit 2 and the usage.
     */
    @Test
    void commandLinesParseInEveryFormAndMistakesExitTwo() throws Exception {
        Path demo = dir.resolve("demo");
        assertThat(run("demo", demo.toString()).code()).isZero();
        String sessions = demo.resolve("sessions.db").toString();
        String chat = demo.resolve("chat.db").toString();
        Path migrated = Files.copy(demo.resolve("sessions.db"), dir.resolve("migrated.db"));
        CliRun migrate = run("migrate", "--db", migrated.toString(), "--yes", "--no-backup");
        assertThat(migrate.code()).as(migrate.err()).isZero();

        CliRun inline = run("status", "--json", "--orphans", "--sessions=" + sessions, "--chat=" + chat);
        assertThat(inline.code()).as(inline.err()).isZero();
        JsonNode both = new ObjectMapper().readTree(inline.out()).get("databases");
        assertThat(both).hasSize(2);
        assertThat(both.get(0).get("path").asText()).isEqualTo(sessions);
        assertThat(both.get(1).get("path").asText()).isEqualTo(chat);
        assertThat(both.get(0).has("orphans")).isTrue();
        CliRun repeated = run("status", "--db", migrated.toString(), "--db", chat, "--json");
        assertThat(repeated.code()).as(repeated.err()).isZero();
        assertThat(new ObjectMapper().readTree(repeated.out()).get("databases")).hasSize(2);
        assertThat(run("status", "--sessions", sessions, "--chat", chat).out()).contains("shape:    tool-era").contains("shape:    jan20");
        assertThat(run("validate", "--db", migrated.toString()).out()).contains(": valid");
        assertThat(run("-V").out()).startsWith("LeanSpec Inspector ");
        assertThat(run("status", "--version").out()).startsWith("LeanSpec Inspector ");

        for (List<String> mistake : List.of(List.of("status", "--sessions"), List.of("status", "--sessions", sessions, "--sessions", chat),
                List.of("status", "--json", "--json"), List.of("status", "--jsn"), List.of("validate", "--json"),
                List.of("status", sessions), List.of("list", "things"), List.of("list", "sessions", "--limit", "many"),
                List.of("show", "session"), List.of("search"), List.of("copy", "--from", sessions), List.of("query"))) {
            CliRun refused = run(mistake.toArray(String[]::new));
            assertThat(refused.code()).as("%s", mistake).isEqualTo(2);
            assertThat(refused.err()).as("%s", mistake).containsAnyOf("Usage: leanspec-inspector " + mistake.getFirst(), "Possible solutions");
        }
    }

    @Test
    void demoThenStatusJsonShowsBothLegacyFilesWithPendingVersions() throws Exception {
        Path demo = dir.resolve("demo");
        assertThat(run("demo", demo.toString()).code()).isZero();

        CliRun status = run("status", "--json", "--sessions", demo.resolve("sessions.db").toString(),
                "--chat", demo.resolve("chat.db").toString());

        assertThat(status.code()).as(status.err()).isZero();
        JsonNode databases = new ObjectMapper().readTree(status.out()).get("databases");
        assertThat(databases).hasSize(2);
        JsonNode sessions = databases.get(0);
        assertThat(sessions.get("kind").asText()).isEqualTo("sessions");
        assertThat(sessions.get("path").asText()).isEqualTo(demo.resolve("sessions.db").toAbsolutePath().toString());
        assertThat(sessions.get("shape").asText()).isEqualTo("tool-era");
        assertThat(sessions.get("currentVersion").asText()).isEqualTo("1");
        assertThat(sessions.get("latestVersion").asText()).isEqualTo("4");
        assertThat(sessions.get("pending").toString()).isEqualTo("[\"2\",\"3\",\"4\"]");
        assertThat(sessions.get("migrations").get(0).has("installedOn")).isTrue();
        assertThat(databases.get(1).get("shape").asText()).isEqualTo("jan20");
        assertThat((Integer) Databases.scalar(demo.resolve("sessions.db"), "SELECT count(*) FROM sessions")).isGreaterThan(24);
        assertThat((Integer) Databases.scalar(demo.resolve("sessions.db"), "SELECT count(DISTINCT level) FROM session_logs")).isEqualTo(6);
        assertThat((Integer) Databases.scalar(demo.resolve("chat.db"), "SELECT count(*) FROM messages")).isGreaterThan(20);
    }

    @Test
    void demoWithAScaleWritesBigFilesAndSaysHowFast() throws Exception {
        Path big = dir.resolve("big");
        CliRun result = run("demo", big.toString(), "--scale", "0.001", "--seed", "9");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("200 sessions, 5,000 events, 5,000 log lines").contains("rows/min")
                .contains("biggest conversation");
        assertThat(((Number) Databases.scalar(big.resolve("chat.db"), "SELECT count(*) FROM messages")).longValue()).isEqualTo(2_000);

        CliRun bad = run("demo", dir.resolve("bad").toString(), "--scale", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("scale must be > 0");
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    @Test
    void migrateNeedsYesForLegacyThenMigratesWithBackupAndValidates() throws Exception {
        Path file = LegacyFiles.toolEra(dir.resolve("sessions.db"));
        String before = FileBytes.sha256(file);

        CliRun refused = run("migrate", "--sessions", file.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains(file.toString()).contains("--yes").doesNotContain("Exception");
        assertThat(FileBytes.sha256(file)).isEqualTo(before);

        CliRun dryRun = run("migrate", "--dry-run", "--sessions", file.toString());
        assertThat(dryRun.code()).isZero();
        assertThat(dryRun.out()).contains("ALTER TABLE sessions RENAME COLUMN tool TO runner").contains("CREATE TABLE session_specs");
        assertThat(FileBytes.sha256(file)).isEqualTo(before);

        CliRun migrated = run("migrate", "--yes", "--sessions", file.toString());
        assertThat(migrated.code()).as(migrated.err()).isZero();
        assertThat(migrated.out()).contains("backup:").contains("applied:  2").contains("applied:  3").contains("applied:  4").contains("now at version 4");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.matches("sessions\\.db\\.backup-\\d{8}T\\d{6}Z\\.db"));
        }
        assertThat(run("validate", "--sessions", file.toString()).out()).contains("valid");
        assertThat(run("migrate", "--sessions", file.toString()).out()).contains("nothing to do");
    }

    @Test
    void noBackupSkipsTheBackup() throws Exception {
        Path file = LegacyFiles.jan20(dir.resolve("chat.db"));
        CliRun migrated = run("migrate", "--yes", "--no-backup", "--chat", file.toString());
        assertThat(migrated.code()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("backup"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing.db", "folder", "junk.db", "we?ird #1 %41.db", "random.db", "empty.db", "truncated.db",
            "dossier é/données 漢字 %20.db"})
    void badFilesGiveAClearMessageExitOneAndCreateNothing(String name) throws Exception {
        Path file = dir.resolve(name);
        if (name.equals("folder")) {
            Files.createDirectory(file);
        } else if (name.equals("junk.db")) {
            Files.write(file, "this is not a database, just text that is long enough to look like a header".getBytes());
        } else if (name.equals("random.db")) {
            byte[] noise = new byte[65_536];
            new java.util.Random(5).nextBytes(noise);
            Files.write(file, noise);
        } else if (name.equals("empty.db")) {
            Files.createFile(file);
        } else if (name.equals("truncated.db")) {
            Path whole = dev.leanspec.inspector.demo.GeneratedDatabases.write(dir.resolve("whole"),
                    new dev.leanspec.inspector.demo.GeneratedDatabases.Volumes(300, 6_000, 6_000, 1, 0), 1, line -> { }).sessions();
            byte[] bytes = Files.readAllBytes(whole);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        } else if (name.startsWith("dossier")) {
            Files.createDirectories(file.getParent());
            Files.write(file, "pas une base".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, String> before = FileBytes.folder(dir);

        for (String[] command : new String[][] {{"status"}, {"status", "--json"}, {"migrate", "--yes"}, {"validate"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--sessions", file.toString())).toArray(String[]::new);
            CliRun result = run(args);
            assertThat(result.code()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(result.err()).as(String.join(" ", command)).contains(file.toString()).doesNotContain("\tat ").doesNotContain("Exception")
                    .doesNotContain("SQLITE_").doesNotContain("malformed (database disk image is malformed)");
            if (result.err().contains("damaged")) {
                assertThat(result.err()).contains("sqlite3 '" + file + "' .recover | sqlite3 '" + file + ".recovered'");
            }
            if (result.err().contains("not a SQLite database")) {
                assertThat(result.err()).contains("leanspec.db, sessions.db or chat.db");
            }
        }
        assertThat(FileBytes.folder(dir)).isEqualTo(before);
        if (name.endsWith("missing.db") || name.startsWith("we?")) {
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void pathWithQuestionMarkHashAndPercentOpensExactlyThatFile() throws Exception {
        Path file = LegacyFiles.runnerEra(dir.resolve("we?ird #1 %41 é.db"));
        LegacyFiles.jan20(dir.resolve("we"));  // what a naive URL would open instead

        CliRun status = run("status", "--sessions", file.toString());

        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("runner-era").contains(file.toString());
    }

    @Test
    void statusWithNothingFoundSaysWhereItLookedAndExitsOne() {
        CliRun result = run("status");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("No LeanSpec file").contains(".lean-spec/leanspec.db").contains(".lean-spec/sessions.db")
                .contains("lean-spec/chat.db").contains("--db");
    }

    @Test
    void defaultLocationsAreUsedWhenNoFileIsNamed() throws Exception {
        Files.createDirectories(dir.resolve("home/.lean-spec"));
        LegacyFiles.runnerEra(dir.resolve("home/.lean-spec/sessions.db"));
        Files.createDirectories(dir.resolve("home/.local/share/leanspec"));
        LegacyFiles.chatV1(dir.resolve("home/.local/share/leanspec/chat.db"));

        CliRun result = run("status");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("runner-era").contains("shape:    v1").contains("leanspec/chat.db");
    }

    @Test
    void usageErrorsExitTwoAndVersionAndHelpWork() throws Exception {
        assertThat(run("status", "--bogus").code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
        CliRun none = run();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Name a command (status, list, show, archive, doctor, diff, migrate, consolidate, search, copy, validate, query, demo).");
        CliRun version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("LeanSpec Inspector ").doesNotContain("unknown");
        assertThat(run("--help").out()).contains("status").contains("migrate").contains("validate").contains("demo");
        // Main sends these words to the CLI (and the launcher picks the CLI's start-up archive by them).
        assertThat(dev.leanspec.inspector.Main.COMMANDS).containsAll(Cli.COMMANDS.keySet());
        Cli.COMMANDS.forEach((name, maker) -> assertThat(maker.make(null, null).spec().name()).isEqualTo(name));
        assertThat(launcherWordsForTheSmallCache()).isNotEmpty().allMatch(dev.leanspec.inspector.Main.COMMANDS::contains);
        assertThat(run("help", "migrate").out()).startsWith("Usage: leanspec-inspector migrate");
        assertThat(run("stauts").err()).contains("Did you mean").contains("status");
        for (String command : List.of("status", "list", "show", "archive", "doctor", "diff", "migrate", "consolidate", "copy", "validate", "query", "demo")) {
            CliRun help = run(command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: leanspec-inspector " + command).contains("--help");
            // Paths and names stay whole: lines break only at spaces.
            if (help.out().contains("--chat=PATH")) {
                assertThat(help.out()).as(command).contains("~/.local/share/lean-spec/chat.db")
                        .contains("postgres://user:pass@host:5432/db[?schema=name]").contains("chat.db,");
            }
            assertThat(help.out().lines()).as(command).allMatch(line -> line.length() <= 80);
        }
    }

    /** The first words for which the app image's launcher picks the CLI's small start-up cache (packaging/linux). */
    private static List<String> launcherWordsForTheSmallCache() throws java.io.IOException {
        var words = java.util.regex.Pattern.compile("(?m)^cli_words=\"([^\"]*)\"$")
                .matcher(Files.readString(Path.of(System.getProperty("top.dir", "../..")).resolve("packaging/linux/make-cds-archive.sh")));
        assertThat(words.find()).as("cli_words in make-cds-archive.sh").isTrue();
        return List.of(words.group(1).split("\\|"));
    }
}
