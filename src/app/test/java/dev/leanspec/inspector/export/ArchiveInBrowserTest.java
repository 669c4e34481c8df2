package dev.leanspec.inspector.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.testing.RealFixtures;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 35, in a real browser: the archive of files LeanSpec's binaries wrote, opened from
 * {@code file://} in headless Chromium (what {@code .ci/run} installs). The filter narrows the
 * index from its {@code ?q=}, the pages raise no script error and break no policy, and markup an
 * agent wrote is text: it changes nothing on the page.
 */
class ArchiveInBrowserTest {

    private static final Pattern ITEM = Pattern.compile("<li data-text=\"([^\"]*)\"( hidden=\"\")?>");

    @TempDir
    Path dir;

    @Test
    void theIndexFiltersFromItsAddressAndPagesRunNothingAnAgentWrote() throws Exception {
        Path chromium = chromium();
        assumeTrue(chromium != null, "no Chromium on the PATH (.ci/run installs it)");
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files/0.2.28"));
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("files/0.2.24"));
        String planted = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='run'\">";
        sql(leanspec, "UPDATE conversations SET title = 'Deploy " + planted.replace("'", "''") + "' WHERE id = 'd29dad05-cfcc-4ac1-8fa6-dc562f46a544'");
        // And in what the agent said, as LeanSpec 0.2.28 logs an ACP message chunk.
        String said = "<img src=x onerror=document.title=1> and <script>document.title=2</script>";
        sql(leanspec, "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('d7843e56-8aaa-433b-a73d-9c4ced26ced6', "
                + "'2026-12-01T10:01:46Z', 'info', '{\"__acp_method\":\"session/update\",\"params\":{\"update\":{\"content\":"
                + "{\"text\":\"" + said + "\"},\"sessionUpdate\":\"agent_message_chunk\"}}}')");
        Path out = dir.resolve("archive");
        Archive.write(new Archive.Options(List.of(new Archive.Source(Location.of(leanspec), DatabaseKind.LEANSPEC),
                new Archive.Source(Location.of(sessions), DatabaseKind.SESSIONS)), null, null, null), out, (done, total) -> { }, () -> false);

        Page all = open(chromium, out.resolve("index.html"), "");
        Page failed = open(chromium, out.resolve("index.html"), "?q=failed");
        Page session = open(chromium, out.resolve("sessions/d7843e56-8aaa-433b-a73d-9c4ced26ced6.html"), "");
        Page chat = open(chromium, out.resolve("conversations/d29dad05-cfcc-4ac1-8fa6-dc562f46a544.html"), "");

        assertThat(items(all.dom(), false)).hasSize(8 + 6 + 3);
        assertThat(items(all.dom(), true)).isEmpty();
        List<String> shown = items(failed.dom(), false);
        assertThat(shown).isNotEmpty().allSatisfy(text -> assertThat(text).contains("failed"));
        assertThat(shown.size() + items(failed.dom(), true).size()).isEqualTo(8 + 6 + 3);
        assertThat(session.dom()).contains("<h2>Conversation</h2>").contains("Read the spec");
        // The planted markup is the page's text: the title is what the agent wrote, nothing ran.
        assertThat(chat.dom()).contains("<title>Deploy &lt;script&gt;document.title='pwned'&lt;/script&gt;");
        assertThat(session.dom()).contains("&lt;img src=x onerror=document.title=1&gt; and &lt;script&gt;document.title=2&lt;/script&gt;")
                .doesNotContain("<img").contains("<title>Session d7843e56 · 001-first</title>");
        for (Page page : List.of(all, failed, session, chat)) {
            assertThat(page.log()).as(page.file().toString()).doesNotContain("Uncaught").doesNotContain("Refused to")
                    .doesNotContain("Content Security Policy");
        }
    }

    /** What Chromium's DOM holds once the page's script ran, and what it logged. */
    private record Page(Path file, String dom, String log) {
    }

    private Page open(Path chromium, Path file, String query) throws Exception {
        Path profile = Files.createTempDirectory(dir, "profile");
        Path log = dir.resolve("chromium-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom", file.toUri() + query)
                .redirectError(log.toFile()).start();
        String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).as("Chromium's DOM of " + file).contains("</html>");
        return new Page(file, dom, Files.readString(log));
    }

    private static List<String> items(String dom, boolean hidden) {
        List<String> texts = new ArrayList<>();
        Matcher item = ITEM.matcher(dom);
        while (item.find()) {
            if ((item.group(2) != null) == hidden) {
                texts.add(item.group(1));
            }
        }
        return texts;
    }

    private static Path chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static void sql(Path file, String statement) throws Exception {
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var run = db.createStatement()) {
            run.executeUpdate(statement);
        }
    }
}
