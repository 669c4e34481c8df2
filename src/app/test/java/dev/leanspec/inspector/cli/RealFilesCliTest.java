package dev.leanspec.inspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI on files LeanSpec's own binaries wrote: status, list and the default lookup. */
class RealFilesCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void statusOfALeanspecDbShowsItsKindBothHistoriesAndIsTheSameOnEveryRun() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));

        CliRun first = CliRun.in(dir, "status", "--json", "--db", file.toString());
        CliRun second = CliRun.in(dir, "status", "--json", "--db", file.toString());

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        JsonNode db = JSON.readTree(first.out()).get("databases").get(0);
        assertThat(db.get("kind").asText()).isEqualTo("leanspec");
        assertThat(db.get("shape").asText()).isEqualTo("sqlx-era");
        assertThat(db.get("writtenBy").asText()).isEqualTo("LeanSpec 0.2.28");
        assertThat(db.get("leanSpecHistory").get(0).get("description").asText()).isEqualTo("initial schema");
        assertThat(db.get("leanSpecHistory").get(0).get("checksum").asText()).startsWith("593ccbdaa666");
        assertThat(db.get("orphans")).isNull(); // counted only with --orphans
        assertThat(db.get("pending").get(0).asText()).isEqualTo("2");

        CliRun text = CliRun.in(dir, "status", "--db", file.toString());
        assertThat(text.out()).contains("leanspec.db").contains("sqlx-era (LeanSpec 0.2.28)")
                .contains("LeanSpec's own history (_sqlx_migrations").contains("This project's history (Flyway)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            leanspec-0.2.28/leanspec.db
            leanspec-0.2.24/sessions.db
            """)
    void textFindsTheSessionsThatTheSpecFilterFinds(String fixture) throws Exception {
        Path file = RealFixtures.copy(fixture, dir.resolve("files"));
        String spec = fixture.contains("0.2.28") ? "001-first" : spec024(file);

        CliRun bySpec = CliRun.in(dir, "list", "sessions", "--json", "--spec", spec, "--db", file.toString());
        CliRun byText = CliRun.in(dir, "list", "sessions", "--json", "--text", spec, "--db", file.toString());

        assertThat(bySpec.code()).as(bySpec.err()).isZero();
        assertThat(byText.code()).as(byText.err()).isZero();
        assertThat(JSON.readTree(bySpec.out()).size()).isPositive();
        assertThat(JSON.readTree(byText.out())).isEqualTo(JSON.readTree(bySpec.out()));
    }

    private static String spec024(Path file) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
             var rows = connection.createStatement().executeQuery("SELECT spec_id FROM sessions WHERE spec_id IS NOT NULL LIMIT 1")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    @Test
    void showFindsASessionOrConversationByTheStartOfItsIdAndListsAnAmbiguousOnesCandidates() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("files"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("files"));
        String whole = "062b8935-b9b6-40f4-9cb6-021df0dd561a";

        CliRun shortId = CliRun.in(dir, "show", "session", whole.substring(0, 8), "--json", "--db", sessions.toString(), "--db", chat.toString());
        assertThat(shortId.code()).as(shortId.err()).isZero();
        assertThat(JSON.readTree(shortId.out()).get("id").asText()).isEqualTo(whole);

        String conversation = JSON.readTree(CliRun.in(dir, "list", "conversations", "--json", "--db", chat.toString()).out())
                .get(0).get("id").asText();
        CliRun chatShort = CliRun.in(dir, "show", "conversation", conversation.substring(0, 6), "--json", "--db", sessions.toString(),
                "--db", chat.toString());
        assertThat(JSON.readTree(chatShort.out()).get("id").asText()).isEqualTo(conversation);

        // Another session starting the same: the start is ambiguous, and both are named.
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + sessions);
             var statement = connection.createStatement()) {
            statement.execute("INSERT INTO sessions SELECT '062b89ff' || substr(id, 9), project_path, spec_id, runner, mode, status, exit_code,"
                    + " started_at, ended_at, duration_ms, token_count, created_at, updated_at FROM sessions WHERE id = '" + whole + "'");
        }
        CliRun ambiguous = CliRun.in(dir, "show", "session", "062b89", "--db", sessions.toString());
        assertThat(ambiguous.code()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("062b89 is the start of 2 session ids").contains(whole).contains("062b89ff-b9b6");

        // Not found: only the files that can hold sessions are named; a start too short is said.
        CliRun missing = CliRun.in(dir, "show", "session", "7902ebf6", "--db", sessions.toString(), "--db", chat.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("No session 7902ebf6 in " + sessions).doesNotContain("chat.db");
        assertThat(CliRun.in(dir, "show", "session", "062", "--db", sessions.toString()).err())
                .contains("at least its first 4 characters");
    }

    @Test
    void listRunnersOfFilesWithoutRunnersSaysSoAndListsSpeakTheWindowsWords() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("home/.lean-spec"));
        LeanSpecPaths paths = LeanSpecPaths.of(dir.resolve("home"), Map.of(), "Linux");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Cli.run(new String[] {"list", "runners"}, new PrintWriter(out), new PrintWriter(err), paths);

        assertThat(code).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("None of the files read has runners (" + sessions + ")").contains("0.2.27");

        CliRun one = CliRun.in(dir, "list", "sessions", "--limit", "1", "--db", sessions.toString());
        assertThat(one.out()).contains("(1 session)").contains("PLAN").contains("ACTIVE TOOL").contains("STARTED")
                .doesNotContain("PLANPROGRESS").doesNotContain("STARTEDAT");
        assertThat(one.err()).contains("showing the first session;");
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        assertThat(CliRun.in(dir, "list", "runners", "--db", leanspec.toString()).out()).contains("(5 runners)").contains("DEFAULT");
    }

    @Test
    void theSameUnknownFileGivesTheSameDifferencesOnEveryRun() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("files"));
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE sessions ADD COLUMN extra TEXT");
            statement.execute("ALTER TABLE session_logs ADD COLUMN extra TEXT");
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // A fresh JVM-wide order is not needed: unordered maps differ between runs of one JVM too.
            outputs.add(CliRun.in(dir, "status", "--json", "--db", file.toString()).out());
        }
        assertThat(outputs).containsOnly(outputs.getFirst());
        assertThat(outputs.getFirst()).contains("\"shape\" : \"unknown\"").contains("session_logs has an unexpected column extra");
    }

    @ParameterizedTest(name = "list {1} of {0}")
    @CsvSource(textBlock = """
            leanspec-0.2.24/sessions.db,         sessions,      6
            leanspec-0.2.24/as-left/chat.db,     conversations, 3
            leanspec-0.2.24-upgraded/chat.db,    conversations, 4
            leanspec-0.2.28/as-left/leanspec.db, sessions,      8
            leanspec-0.2.28/leanspec.db,         conversations, 3
            leanspec-0.2.28/leanspec.db,         runners,       5
            """)
    void listBrowsesEveryShapeAsJsonWithoutChangingIt(String fixture, String what, int rows) throws Exception {
        Path file = RealFixtures.copy(fixture, dir.resolve("files"));
        Map<String, String> before = FileBytes.folder(file.getParent());

        CliRun list = CliRun.in(dir, "list", what, "--db", file.toString(), "--json");

        assertThat(list.code()).as(list.err()).isZero();
        JsonNode array = JSON.readTree(list.out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(rows);
        assertThat(array.get(0).get("file").asText()).isEqualTo(file.toAbsolutePath().normalize().toString());
        assertThat(FileBytes.folder(file.getParent())).isEqualTo(before);
    }

    @Test
    void listFiltersLikeTheWindowAndSaysWhereItStops() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));

        CliRun failed = CliRun.in(dir, "list", "sessions", "--db", file.toString(), "--status", "failed", "--json");
        JsonNode rows = JSON.readTree(failed.out());
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.get("status").asText()).isEqualTo("failed"));

        CliRun twoSpecs = CliRun.in(dir, "list", "sessions", "--db", file.toString(), "--spec", "002-second", "--json");
        assertThat(JSON.readTree(twoSpecs.out())).singleElement()
                .satisfies(row -> assertThat(row.get("specs").toString()).isEqualTo("[\"001-first\",\"002-second\"]"));

        CliRun limited = CliRun.in(dir, "list", "sessions", "--db", file.toString(), "--limit", "2");
        assertThat(limited.code()).isZero();
        assertThat(limited.out()).contains("(2 sessions)");
        assertThat(limited.err()).contains("showing the first 2 sessions; there are more");

        CliRun wrongKind = CliRun.in(dir, "list", "runners", "--db",
                RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("chat")).toString());
        assertThat(wrongKind.code()).isEqualTo(1);
        assertThat(wrongKind.err()).contains("is a chat.db: it has no runners");
    }

    @Test
    void showReadsASessionAsItsConversationAndAChatMessageAsItsParts() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        JsonNode sessions = JSON.readTree(CliRun.in(dir, "list", "sessions", "--db", file.toString(), "--runner", "acp-agent",
                "--status", "completed", "--json").out());
        JsonNode acp = sessions.get(0);
        assertThat(acp.get("protocol").asText()).isEqualTo("acp");
        assertThat(acp.get("planProgress").asText()).isEqualTo("1/3");

        CliRun show = CliRun.in(dir, "show", "session", acp.get("id").asText(), "--db", file.toString(), "--json");
        assertThat(show.code()).as(show.err()).isZero();
        JsonNode session = JSON.readTree(show.out());
        List<String> types = new ArrayList<>();
        session.get("transcript").forEach(entry -> types.add(entry.get("type").asText()));
        assertThat(types).contains("message", "thought", "toolCall", "plan", "permissionRequest", "modeChange", "lifecycle")
                .doesNotContain("raw");
        assertThat(session.get("events")).isNotEmpty();
        assertThat(session.get("specs").get(0).asText()).isEqualTo("001-first");
        CliRun text = CliRun.in(dir, "show", "session", acp.get("id").asText(), "--db", file.toString());
        assertThat(text.out()).contains("> user: Update the README").contains("[tool read_file · read · completed]")
                .contains("✓ Read the spec").contains("options: Allow once | Reject");
        assertThat(CliRun.in(dir, "show", "session", acp.get("id").asText(), "--db", file.toString(), "--verbose").out())
                .contains("stderr: agent: prompt received");

        String conversationId = JSON.readTree(CliRun.in(dir, "list", "conversations", "--db", file.toString(), "--text", "Specs",
                "--json").out()).get(0).get("id").asText();
        JsonNode conversation = JSON.readTree(CliRun.in(dir, "show", "conversation", conversationId, "--db", file.toString(), "--json").out());
        List<String> parts = new ArrayList<>();
        conversation.get("messages").get(1).get("parts").forEach(part -> parts.add(part.get("type").asText()));
        assertThat(parts).containsExactly("reasoning", "text", "toolUse", "text", "source", "file");
        assertThat(CliRun.in(dir, "show", "conversation", "nope", "--db", file.toString()).code()).isEqualTo(1);
    }

    @Test
    void showWritesASessionOrAConversationAsMarkdownHtmlOrJson() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        Map<String, String> before = FileBytes.folder(file.getParent());
        String session = "d7843e56";

        CliRun md = CliRun.in(dir, "show", "session", session, "--format", "md", "--db", file.toString());
        CliRun html = CliRun.in(dir, "show", "session", session, "--format", "html", "--db", file.toString());
        CliRun json = CliRun.in(dir, "show", "session", session, "--format", "json", "--db", file.toString());
        CliRun chat = CliRun.in(dir, "show", "conversation", "d29dad05", "--format", "markdown", "--db", file.toString());

        assertThat(md.code()).as(md.err()).isZero();
        assertThat(md.out()).startsWith("# Session d7843e56 · 001-first\n").contains("## Conversation").contains("- [x] Read the spec");
        assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("<h2>Conversation</h2>");
        assertThat(html.out().strip()).endsWith("</html>");
        assertThat(JSON.readTree(json.out())).isEqualTo(JSON.readTree(CliRun.in(dir, "show", "session", session, "--json", "--db",
                file.toString()).out()));
        assertThat(chat.out()).startsWith("# Specs of lean-spec\n");
        assertThat(FileBytes.folder(file.getParent())).isEqualTo(before);

        CliRun unknown = CliRun.in(dir, "show", "session", session, "--format", "pdf", "--db", file.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--format pdf: give text, md, html or json");
        CliRun both = CliRun.in(dir, "show", "session", session, "--format", "md", "--json", "--db", file.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("two formats");
    }

    @Test
    void archiveWritesAFolderAndBringsItUpToDate() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        Path out = dir.resolve("history");

        CliRun first = CliRun.in(dir, "archive", "--to", out.toString(), "--db", file.toString());
        CliRun second = CliRun.in(dir, "archive", "--to", out.toString(), "--db", file.toString());

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Archived 8 sessions and 3 conversations from 1 file into " + out + ". "
                + (8 * 2 + 3 * 2 + 4) + " files written, 0 kept as they were, 0 removed.")
                .contains("Open " + out.resolve("index.html") + " in a browser.");
        assertThat(second.out()).startsWith("Archived 8 sessions and 3 conversations from 1 file into " + out
                + ". Nothing changed since the last run: nothing was written.");
        CliRun sinceLater = CliRun.in(dir, "archive", "--to", dir.resolve("later").toString(), "--since", "2030-01-01", "--db", file.toString());
        assertThat(sinceLater.out()).startsWith("Archived 0 sessions and 0 conversations");

        Files.writeString(Files.createDirectories(dir.resolve("mine")).resolve("notes.txt"), "mine");
        CliRun refused = CliRun.in(dir, "archive", "--to", dir.resolve("mine").toString(), "--db", file.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("holds files that are not an archive of LeanSpec Inspector");
        assertThat(CliRun.in(dir, "archive", "--to", out.toString(), "--since", "soon", "--db", file.toString()).code()).isEqualTo(2);
        assertThat(CliRun.in(dir, "archive", "--db", file.toString()).code()).isEqualTo(2);
    }

    @Test
    void statusWithNoArgumentsListsEveryLeanSpecFileOfAnUpgradedMachine() throws Exception {
        Path home = dir.resolve("home");
        // What a user who ran 0.2.24 and then 0.2.28 has: the old files, the new one, a leftover.
        RealFixtures.copy("leanspec-0.2.28-upgrade/leanspec.db", home.resolve(".lean-spec"));
        RealFixtures.copy("leanspec-0.2.24/sessions.db", home.resolve(".lean-spec"));
        RealFixtures.copy("leanspec-0.2.24/as-left/chat.db", home.resolve(".local/share/lean-spec"));
        Path oldChat = RealFixtures.copy("leanspec-0.2.24-upgraded/chat.db", home.resolve(".local/share/leanspec"));
        Files.copy(oldChat, home.resolve(".lean-spec/chat.db.migrated"));

        CliRun status = CliRun.in(dir, "status", "--json");

        assertThat(status.code()).as(status.err()).isZero();
        List<String> found = new ArrayList<>();
        for (JsonNode db : JSON.readTree(status.out()).get("databases")) {
            found.add(home.relativize(Path.of(db.get("path").asText())) + " " + db.get("kind").asText() + " " + db.get("shape").asText());
        }
        assertThat(found).containsExactly(
                ".lean-spec/leanspec.db leanspec sqlx-era",
                ".lean-spec/sessions.db sessions runner-era",
                ".local/share/lean-spec/chat.db chat v0.2.24",
                ".local/share/leanspec/chat.db chat v0.2.24",
                ".lean-spec/chat.db.migrated chat v0.2.24");
        assertThat(CliRun.in(dir, "status").out()).contains("renamed .migrated: LeanSpec no longer reads or writes it");
    }

    @Test
    void theDefaultLookupFollowsLeanSpecsDataDirAndDatabaseUrl() throws Exception {
        Path home = dir.resolve("home");
        Path dataDir = dir.resolve("data");
        RealFixtures.copy("leanspec-0.2.28/leanspec.db", dataDir);
        Path elsewhere = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("team"));
        Files.createDirectories(home.resolve(".lean-spec"));
        Files.writeString(home.resolve(".lean-spec/config.json"), "{\"databaseUrl\": \"sqlite://" + elsewhere + "\"}");

        LeanSpecPaths paths = LeanSpecPaths.of(home, Map.of(), "Linux");
        assertThat(paths.discover().files()).extracting(LeanSpecPaths.Found::path).containsExactly(elsewhere);
        LeanSpecPaths withDataDir = LeanSpecPaths.of(home, Map.of("LEANSPEC_DATA_DIR", dataDir.toString()), "Linux");
        assertThat(withDataDir.discover().files()).extracting(LeanSpecPaths.Found::path)
                .containsExactly(dataDir.resolve("leanspec.db"));

        Files.writeString(home.resolve(".lean-spec/config.json"), "{\"databaseUrl\": \"postgres://me:secret@db:5432/leanspec\"}");
        LeanSpecPaths.Discovery postgres = paths.discover();
        assertThat(postgres.files()).isEmpty();
        assertThat(postgres.notes()).isEmpty();
        assertThat(postgres.databaseUrl()).hasValueSatisfying(url -> {
            assertThat(url.host()).isEqualTo("db");
            assertThat(url.toString()).isEqualTo("postgres://me@db:5432/leanspec");
        });
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"status"}, new PrintWriter(new StringWriter()), new PrintWriter(err), paths);
        assertThat(code).isEqualTo(1); // no server named db here: said in a sentence naming it, without the password
        assertThat(err.toString()).contains("postgres://me@db:5432/leanspec").contains("cannot be reached").doesNotContain("secret");

        Files.writeString(home.resolve(".lean-spec/config.json"), "{\"database_url\": \"sqlite://~/team/sessions.db\"}");
        Files.createDirectories(home.resolve("team"));
        Files.copy(elsewhere, home.resolve("team/sessions.db"));
        assertThat(paths.discover().files()).extracting(f -> f.source())
                .containsExactly("databaseUrl in " + home.resolve(".lean-spec/config.json"));
    }
}
