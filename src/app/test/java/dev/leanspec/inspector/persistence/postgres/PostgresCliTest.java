package dev.leanspec.inspector.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.PostgresServer;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a LeanSpec team types: copy the files in with one command, then browse the server. */
class PostgresCliTest {

    @TempDir
    Path dir;

    @Test
    void copyThenStatusListShowAndValidateOnTheServerAndTheConfiguredDatabaseUrlIsFound() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        String url = PostgresServer.shared().newDatabase();

        CliRun copy = CliRun.in(dir, "copy", "--from", file.toString(), "--to", url);
        assertThat(copy.code()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("sessions:").contains("checked:").doesNotContain(PostgresServer.PASSWORD);

        CliRun status = CliRun.in(dir, "status", "--db", url);
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("leanspec.db  postgres://leanspec@").contains("Up to date at version 2")
                .doesNotContain(PostgresServer.PASSWORD);
        assertThat(CliRun.in(dir, "validate", "--db", url).code()).isZero();

        CliRun list = CliRun.in(dir, "list", "sessions", "--db", url, "--json");
        assertThat(list.code()).as(list.err()).isZero();
        CliRun fileList = CliRun.in(dir, "list", "sessions", "--db", file.toString(), "--json");
        assertThat(list.out().replaceAll("\"file\" : \"[^\"]*\"", "")).isEqualTo(fileList.out().replaceAll("\"file\" : \"[^\"]*\"", ""));
        String id = list.out().replaceFirst("(?s).*?\"id\" : \"([^\"]+)\".*", "$1");
        CliRun show = CliRun.in(dir, "show", "session", id, "--db", url);
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains(id);

        // search on the server answers as on the file, its index in the app's cache folder.
        CliRun search = CliRun.in(dir, "search", "README", "--db", url, "--json");
        assertThat(search.code()).as(search.err()).isZero();
        CliRun fileSearch = CliRun.in(dir, "search", "README", "--db", file.toString(), "--json");
        assertThat(search.out()).contains("\"kind\" : \"session\"").doesNotContain(PostgresServer.PASSWORD)
                .isNotEqualTo(fileSearch.out());
        assertThat(hitIds(search.out())).isNotEmpty().containsExactlyInAnyOrderElementsOf(hitIds(fileSearch.out()));

        CliRun again = CliRun.in(dir, "copy", "--from", file.toString(), "--to", url);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("has rows").contains("--merge").contains("Nothing was changed");
        CliRun merged = CliRun.in(dir, "copy", "--merge", "--from", file.toString(), "--to", url);
        assertThat(merged.code()).as(merged.err()).isZero();
        assertThat(merged.out()).contains("sessions:         0 rows added").contains("already there: ").contains("in sessions (identical");

        // LeanSpec's own setting, as a team sets it: the default lookup finds the server.
        Path config = dir.resolve("home").resolve(".lean-spec").resolve("config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"databaseUrl\":\"" + url + "\"}");
        CliRun found = CliRun.in(dir, "status");
        assertThat(found.code()).as(found.err()).isZero();
        assertThat(found.out()).contains("postgres://leanspec@").contains("found:    databaseUrl in");
    }

    @Test
    void twoProcessesMigratingOneDatabaseAtOnceMigrateItOnce() throws Exception {
        String url = PostgresServer.shared().newDatabase();
        List<String> command = dev.leanspec.inspector.testing.JavaProcess.command(List.of(), dev.leanspec.inspector.Main.class, "migrate", "--db", url);
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(command));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(command));
        List<dev.leanspec.inspector.testing.JavaProcess.Outcome> both = List.of(first.get(), second.get());

        // One migrates; the other is refused while it runs (or, started after, finds nothing to do).
        assertThat(both).filteredOn(o -> o.code() == 0 && o.out().contains("now at version 2")).hasSize(1);
        assertThat(both).filteredOn(o -> !o.out().contains("now at version 2")).singleElement().satisfies(o -> assertThat(
                o.code() == 1 && o.err().contains("another LeanSpec Inspector is migrating")
                        || o.code() == 0 && o.out().contains("nothing to do")).as(o.toString()).isTrue());
        try (var db = PostgresServer.shared().connect(PostgresServer.databaseOf(url)); var statement = db.createStatement();
             var rows = statement.executeQuery("SELECT count(*), count(DISTINCT version), bool_and(success) FROM flyway_schema_history WHERE version IS NOT NULL")) {
            rows.next();
            assertThat(List.of(rows.getLong(1), rows.getLong(2))).containsExactly(2L, 2L);
            assertThat(rows.getBoolean(3)).isTrue();
        }
    }

    /** The ids of a {@code search --json}'s hits (ties in rank may come in either order). */
    private static List<String> hitIds(String json) {
        return java.util.regex.Pattern.compile("\"id\" : \"([^\"]+)\"").matcher(json).results().map(m -> m.group(1)).toList();
    }

    private static dev.leanspec.inspector.testing.JavaProcess.Outcome run(List<String> command) {
        try {
            return dev.leanspec.inspector.testing.JavaProcess.run(command, 120);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void migrateOnAnEmptyDatabaseSaysHowToBackUpAndABadUrlOrServerIsASentence() throws Exception {
        String url = PostgresServer.shared().newDatabase();
        CliRun migrate = CliRun.in(dir, "migrate", "--db", url);
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("now at version 2").contains("pg_dump --schema=public");

        CliRun wrongPassword = CliRun.in(dir, "status", "--db", url.replace(":s3cret", ":wrong"));
        assertThat(wrongPassword.code()).isEqualTo(1);
        assertThat(wrongPassword.err()).contains("refused the user or password").doesNotContain("wrong").doesNotContain("Exception");

        CliRun noServer = CliRun.in(dir, "status", "--db", "postgres://u:p@127.0.0.1:1/db");
        assertThat(noServer.code()).isEqualTo(1);
        // The driver's reason at the first try, not the pool's timeout after 5 s.
        assertThat(noServer.err()).contains("the server at 127.0.0.1:1 cannot be reached (connection refused)")
                .doesNotContain("timed out").doesNotContain("total=");
        CliRun unknownHost = CliRun.in(dir, "status", "--db", "postgres://u:p@no-such-host.invalid:5432/db");
        assertThat(unknownHost.err()).contains("(unknown host no-such-host.invalid)").doesNotContain("timed out");

        CliRun noDatabase = CliRun.in(dir, "status", "--db", "postgres://host");
        assertThat(noDatabase.code()).isEqualTo(1);
        assertThat(noDatabase.err()).contains("Not a PostgreSQL URL");
    }
}
