package dev.leanspec.inspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.LegacyFiles;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search} on the files LeanSpec 0.2.24 and 0.2.28 wrote, found by the default lookup or named. */
class SearchCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void findsTextInEveryFileTheDefaultLookupFindsAndPrintsJsonHits() throws Exception {
        Path home = dir.resolve("home");
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", home.resolve(".lean-spec"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", home.resolve(".local/share/lean-spec"));
        LegacyFiles.run(leanspec, "UPDATE sessions SET prompt = 'please run git push --force now' WHERE id LIKE 'd7843e56%';\n");
        String leanspecBytes = FileBytes.sha256(leanspec);
        String chatBytes = FileBytes.sha256(chat);

        CliRun push = CliRun.in(dir, "search", "--json", "git push --force");
        assertThat(push.code()).as(push.err()).isZero();
        JsonNode hits = JSON.readTree(push.out());
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("kind").asText()).isEqualTo("session");
        assertThat(hits.get(0).get("id").asText()).isEqualTo("d7843e56-8aaa-433b-a73d-9c4ced26ced6");
        assertThat(hits.get(0).get("file").asText()).isEqualTo(leanspec.toString());
        assertThat(hits.get(0).get("where").asText()).isEqualTo("prompt");
        assertThat(hits.get(0).get("snippet").asText()).contains("git push --force");

        CliRun chatWords = CliRun.in(dir, "search", "--json", "--kind", "conversation", "delete the old");
        // Both files hold that conversation (0.2.28 kept the chat of the same machine): each says which file it is in.
        assertThat(JSON.readTree(chatWords.out())).extracting(hit -> hit.get("file").asText() + " " + hit.get("kind").asText())
                .containsExactlyInAnyOrder(leanspec + " conversation", chat + " conversation");

        CliRun none = CliRun.in(dir, "search", "--json", "no-such-word-anywhere");
        assertThat(none.code()).isZero();
        assertThat(JSON.readTree(none.out())).isEmpty();

        CliRun text = CliRun.in(dir, "search", "Then the README");
        assertThat(text.out()).contains("session d7843e56-8aaa-433b-a73d-9c4ced26ced6  thought").contains("Then the README");

        assertThat(FileBytes.sha256(leanspec)).isEqualTo(leanspecBytes);
        assertThat(FileBytes.sha256(chat)).isEqualTo(chatBytes);
        assertThat(Files.list(leanspec.getParent())).extracting(p -> p.getFileName().toString()).containsExactly("leanspec.db");
        assertThat(Files.list(home.resolve(".cache/leanspec-inspector/search"))).hasSize(2); // one index per file, in the app's cache
    }

    @Test
    void saysWhatIsWrongWithItsArguments() {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        CliRun since = CliRun.in(dir, "search", "--since", "last tuesday", "readme", "--db", file.toString());
        assertThat(since.code()).isEqualTo(2);
        assertThat(since.err()).contains("--since takes a date (2026-11-30)");
        CliRun nothing = CliRun.in(dir, "search", "--db", file.toString());
        assertThat(nothing.code()).isEqualTo(2);
        CliRun missing = CliRun.in(dir, "search", "readme", "--db", dir.resolve("nope.db").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.db");
    }
}
