package dev.leanspec.inspector.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.PostgresServer;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;

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
        assertThat(noServer.err()).contains("cannot be reached").contains("127.0.0.1:1");

        CliRun noDatabase = CliRun.in(dir, "status", "--db", "postgres://host");
        assertThat(noDatabase.code()).isEqualTo(1);
        assertThat(noDatabase.err()).contains("Not a PostgreSQL URL");
    }
}
