package dev.leanspec.inspector.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive of files LeanSpec's own binaries wrote: pages, index, data; brought up to date; never half written. */
class ArchiveTest {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    @TempDir
    Path dir;

    private Path leanspec;
    private Path sessions;
    private Path chat;

    @BeforeEach
    void files() {
        leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files/0.2.28"));
        sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("files/0.2.24"));
        chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("files/0.2.24"));
    }

    private Archive.Options all() {
        return new Archive.Options(List.of(new Archive.Source(Location.of(leanspec), DatabaseKind.LEANSPEC),
                new Archive.Source(Location.of(sessions), DatabaseKind.SESSIONS), new Archive.Source(Location.of(chat), DatabaseKind.CHAT)),
                null, null, null);
    }

    @Test
    void everySessionAndConversationHasItsPagesItsLineAndLinksThatResolve() throws Exception {
        Map<String, String> before = FileBytes.folder(dir.resolve("files"));
        Path out = dir.resolve("archive");

        Archive.Result result = Archive.write(all(), out, (done, total) -> { }, () -> false);

        assertThat(FileBytes.folder(dir.resolve("files"))).isEqualTo(before);
        assertThat(result.sessions()).isEqualTo(8 + 6);
        assertThat(result.conversations()).isEqualTo(3 + 3);
        assertThat(result.stopped()).isFalse();
        String index = Files.readString(out.resolve("index.html"));
        for (String id : ids(leanspec, "sessions") ) {
            assertThat(out.resolve("sessions/" + id + ".html")).exists();
            assertThat(out.resolve("sessions/" + id + ".md")).exists();
            assertThat(index).contains("href=\"sessions/" + id + ".html\"");
        }
        for (String id : ids(chat, "conversations")) {
            assertThat(Files.readString(out.resolve("conversations/" + id + ".md"))).startsWith("# ");
            assertThat(index).contains("href=\"conversations/" + id + ".html\"");
        }
        assertThat(Files.readAllLines(out.resolve("sessions.jsonl"))).hasSize(14);
        assertThat(Files.readAllLines(out.resolve("conversations.jsonl"))).hasSize(6);
        // A session of a spec links to the others of that spec, and back to the index.
        String session = Files.readString(out.resolve("sessions/d7843e56-8aaa-433b-a73d-9c4ced26ced6.html"));
        assertThat(session).contains("Other sessions of 001-first: <a href=\"").contains("href=\"../index.html\"");

        List<Path> pages;
        try (var files = Files.walk(out)) {
            pages = files.filter(f -> f.toString().endsWith(".html")).toList();
        }
        assertThat(pages).hasSize(1 + 14 + 6);
        for (Path page : pages) {
            String html = Files.readString(page);
            assertThat(html).as(page.toString()).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                    .doesNotContain("src=").doesNotContain("<link ").doesNotContain("@import").doesNotContain("url(");
            Matcher links = HREF.matcher(html);
            while (links.find()) {
                String href = links.group(1);
                if (!href.startsWith("http") && !href.startsWith("mailto:") && !href.isEmpty()) {
                    assertThat(page.resolveSibling(href.replaceAll("[?#].*", ""))).as(page + " → " + href).exists();
                }
            }
        }
    }

    @Test
    void aSecondRunWritesOnlyWhatChangedAndRemovesWhatIsGone() throws Exception {
        Path out = dir.resolve("archive");
        Archive.write(all(), out, (done, total) -> { }, () -> false);
        Map<String, Object> inodes = inodes(out);
        String changed = "d7843e56-8aaa-433b-a73d-9c4ced26ced6";
        String deleted = "8ac537ee-eb53-43e0-9e86-a9893250340d";
        sql(leanspec, "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + changed
                + "', '2026-12-01T10:01:46Z', 'info', 'Session still running')");
        sql(leanspec, "UPDATE sessions SET status = 'cancelled' WHERE id = '" + changed + "'");
        sql(leanspec, "DELETE FROM sessions WHERE id = '" + deleted + "'");

        Archive.Result again = Archive.write(all(), out, (done, total) -> { }, () -> false);

        assertThat(again.removed()).isEqualTo(2); // the deleted session's page and its Markdown
        assertThat(out.resolve("sessions/" + deleted + ".html")).doesNotExist();
        Map<String, Object> now = inodes(out);
        List<String> rewritten = new ArrayList<>();
        now.forEach((file, inode) -> {
            if (!inode.equals(inodes.get(file))) {
                rewritten.add(file);
            }
        });
        // Its page, its Markdown, the data, the index (its status), and the pages linking to it by spec.
        assertThat(rewritten).contains("sessions/" + changed + ".html", "sessions/" + changed + ".md", "sessions.jsonl", "index.html")
                .doesNotContain("conversations.jsonl", "conversations/d29dad05-cfcc-4ac1-8fa6-dc562f46a544.html");
        // The seven sessions of 001-first (four in 0.2.28's file, three in 0.2.24's) link to it with its status: their
        // pages and Markdown, and the session data, the index and the mark. Nothing else.
        assertThat(rewritten).hasSize(2 * 7 + 3);
        assertThat(again.written()).isEqualTo(rewritten.size());
        assertThat(again.kept()).isEqualTo(now.size() - rewritten.size());
        assertThat(again.unchanged()).isFalse();
        assertThat(Files.readString(out.resolve("sessions/" + changed + ".html"))).contains("cancelled");
        // What it kept and what it wrote make the archive a first run writes, byte for byte.
        Path fresh = dir.resolve("fresh");
        Archive.write(all(), fresh, (done, total) -> { }, () -> false);
        assertThat(tree(out)).isEqualTo(tree(fresh));
    }

    @Test
    void aRunThatFindsNothingChangedWritesNothing() throws Exception {
        Path out = dir.resolve("archive");
        Archive.Result first = Archive.write(all(), out, (done, total) -> { }, () -> false);
        Map<String, Object> inodes = inodes(out);
        Map<String, String> bytes = tree(out);

        Archive.Result untouched = Archive.write(all(), out, (done, total) -> { }, () -> false);
        // Touched (a backup restored, a copy made with new times) but the same rows: found the same row by row.
        Files.setLastModifiedTime(leanspec, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Archive.Result touched = Archive.write(all(), out, (done, total) -> { }, () -> false);

        for (Archive.Result again : List.of(untouched, touched)) {
            assertThat(again.unchanged()).isTrue();
            assertThat(again.written()).isZero();
            assertThat(again.sessions()).isEqualTo(first.sessions());
            assertThat(again.conversations()).isEqualTo(first.conversations());
            assertThat(again.changes()).isEqualTo("Nothing changed since the last run: nothing was written.");
        }
        Map<String, Object> now = inodes(out);
        now.remove(Archive.MARK); // the touched file's new time is kept for the next quick check
        inodes.remove(Archive.MARK);
        assertThat(now).isEqualTo(inodes);
        Map<String, String> after = tree(out);
        after.remove(Archive.MARK);
        bytes.remove(Archive.MARK);
        assertThat(after).isEqualTo(bytes);
        assertThat(out.resolveSibling("archive.partial")).doesNotExist();
    }

    @Test
    void aStoppedRunLeavesThePreviousArchiveAsItWas() throws Exception {
        Path out = dir.resolve("archive");
        Archive.write(all(), out, (done, total) -> { }, () -> false);
        Map<String, String> before = tree(out);
        sql(leanspec, "DELETE FROM sessions");
        AtomicInteger asked = new AtomicInteger();

        Archive.Result stopped = Archive.write(all(), out, (done, total) -> { }, () -> asked.incrementAndGet() > 3);

        assertThat(stopped.stopped()).isTrue();
        assertThat(tree(out)).isEqualTo(before);
        assertThat(out.resolveSibling("archive.partial")).doesNotExist();
    }

    @Test
    void aRunKilledBetweenItsTwoRenamesIsPutBackByTheNext() throws Exception {
        Path out = dir.resolve("archive");
        Archive.write(all(), out, (done, total) -> { }, () -> false);
        Map<String, String> before = tree(out);
        // What kill -9 leaves after the first rename: the previous archive moved aside, the new one half written.
        Files.move(out, dir.resolve("archive.old"));
        Files.createDirectories(dir.resolve("archive.partial/sessions"));
        Files.writeString(dir.resolve("archive.partial/sessions/half.html"), "<html");

        Archive.write(all(), out, (done, total) -> { }, () -> false);

        assertThat(tree(out)).isEqualTo(before);
        assertThat(dir.resolve("archive.old")).doesNotExist();
        assertThat(dir.resolve("archive.partial")).doesNotExist();
    }

    @Test
    void neverReplacesAFolderOfOtherFiles() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("Documents"));
        Files.writeString(mine.resolve("thesis.txt"), "years of work");

        assertThatThrownBy(() -> Archive.write(all(), mine, (done, total) -> { }, () -> false)).isInstanceOf(PersistenceException.class)
                .hasMessageContaining("holds files that are not an archive of LeanSpec Inspector");
        assertThat(Files.readString(mine.resolve("thesis.txt"))).isEqualTo("years of work");
        assertThat(dir.resolve("Documents.partial")).doesNotExist();
    }

    @Test
    void aFileAndItsCopyAreArchivedOnce() throws Exception {
        Path copy = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("files/backup"));
        Archive.Options both = new Archive.Options(List.of(new Archive.Source(Location.of(sessions), DatabaseKind.SESSIONS),
                new Archive.Source(Location.of(copy), DatabaseKind.SESSIONS)), null, null, null);

        Archive.Result result = Archive.write(both, dir.resolve("archive"), (done, total) -> { }, () -> false);

        assertThat(result.sessions()).isEqualTo(6);
        assertThat(result.duplicates()).isEqualTo(6);
        try (var pages = Files.list(dir.resolve("archive/sessions"))) {
            assertThat(pages.filter(p -> p.toString().endsWith(".html")).count()).isEqualTo(result.sessions());
        }
    }

    @Test
    void redactionTakesPlantedSecretsOutOfEveryFileAndScriptsStayText() throws Exception {
        String pat = "ghp_" + "a1B2c3D4e5".repeat(3) + "F6g7H8";
        String aws = "AKIA" + "QWER2345TYUI7ZXC";
        String script = "<script>alert(1)</script><img src=x onerror=alert(2)></textarea>";
        sql(leanspec, "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('d7843e56-8aaa-433b-a73d-9c4ced26ced6', "
                + "'2026-12-01T10:01:46Z', 'stdout', 'export GITHUB_TOKEN=" + pat + "')");
        sql(leanspec, "UPDATE conversations SET title = 'Deploy " + script + " with " + aws + "' WHERE id = 'd29dad05-cfcc-4ac1-8fa6-dc562f46a544'");
        sql(chat, "UPDATE messages SET content = 'my key is " + pat + " " + script + "', parts = NULL");

        Path plain = dir.resolve("plain");
        Path redacted = dir.resolve("redacted");
        Archive.write(all(), plain, (done, total) -> { }, () -> false);
        Redaction redaction = Redaction.of(null);
        Archive.Result result = Archive.write(new Archive.Options(all().sources(), null, null, redaction), redacted, (done, total) -> { },
                () -> false);

        assertThat(everything(plain)).contains(pat).contains(aws);
        String all = everything(redacted);
        assertThat(all).doesNotContain(pat).doesNotContain(aws).contains("[redacted:github-pat]").contains("[redacted:aws-access-token]");
        assertThat(result.redacted()).containsKeys("github-pat", "aws-access-token");
        // The planted markup is text wherever it is shown: in the index, the conversation's page, the chat's messages.
        for (Path page : List.of(plain.resolve("index.html"), plain.resolve("conversations/d29dad05-cfcc-4ac1-8fa6-dc562f46a544.html"),
                plain.resolve("conversations/14b8a1bc-2f6b-4d71-b247-3d7dc59c6063.html"))) {
            String html = Files.readString(page);
            assertThat(html).as(page.toString()).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("</textarea>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
    }

    private static String everything(Path root) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    /** {@return every file under {@code root}, by its path there, with the SHA-256 of its bytes} */
    static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), FileBytes.sha256(file));
            }
        }
        return files;
    }

    private static Map<String, Object> inodes(Path root) throws Exception {
        Map<String, Object> inodes = new HashMap<>();
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                inodes.put(root.relativize(file).toString(), Files.getAttribute(file, "unix:ino"));
            }
        }
        return inodes;
    }

    private static List<String> ids(Path file, String table) throws Exception {
        List<String> ids = new ArrayList<>();
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
             var rows = db.createStatement().executeQuery("SELECT id FROM " + table)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static void sql(Path file, String statement) throws Exception {
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var run = db.createStatement()) {
            run.executeUpdate(statement);
        }
    }
}
