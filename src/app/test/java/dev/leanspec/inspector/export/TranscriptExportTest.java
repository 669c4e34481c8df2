package dev.leanspec.inspector.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One session or conversation as Markdown, HTML and JSON, read from files LeanSpec's own binaries wrote. */
class TranscriptExportTest {

    /** LeanSpec 0.2.28's ACP session: a prompt, thoughts, a plan, a tool call, a permission request, a mode change. */
    private static final String ACP_SESSION = "d7843e56-8aaa-433b-a73d-9c4ced26ced6";
    private static final String CHAT = "d29dad05-cfcc-4ac1-8fa6-dc562f46a544";
    /** LeanSpec 0.2.24's console session (a plain process: its stdout lines). */
    private static final String CONSOLE_SESSION = "98198dde-9bb1-4bd9-ac9e-f55d9ce864c9";

    @TempDir
    Path dir;

    private SessionTranscript session(Path file, String id) {
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file))) {
            return SessionTranscript.read(store, id).orElseThrow();
        }
    }

    @Test
    void markdownOfAnAcpSessionHoldsEveryKindOfEntryInOrderAndLeavesTheFileAsItWas() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        Map<String, String> before = FileBytes.folder(dir);

        String md = TranscriptMarkdown.session(session(file, ACP_SESSION));

        assertThat(FileBytes.folder(dir)).isEqualTo(before);
        // Read back as Markdown: the headings say what happened, in the order it happened.
        Node document = Parser.builder().build().parse(md);
        List<String> headings = new java.util.ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headings.add(heading.getLevel() + " " + text(heading));
            }
        });
        assertThat(headings.getFirst()).isEqualTo("1 Session d7843e56 · 001-first");
        assertThat(String.join("\n", headings)).containsSubsequence("2 Conversation", "3 User · ", "3 Plan · 1/3", "3 Tool · read_file · read · completed · ",
                "3 Permission asked · ", "3 Agent · ", "2 Events", "2 Metadata");
        assertThat(md).contains("| Status | completed |").contains("| Runner | acp-agent |").contains("| Protocol | acp |")
                .contains("| Tokens | not recorded |")
                .contains("<details>\n<summary>Thought · ")
                .contains("- [x] Read the spec")
                .contains("Files: `README.md`")
                .contains("Hello 👋 世界")
                .contains("Options: Allow once (allow_once) · Reject")
                .contains("*Mode changed to `code`")
                .contains("I updated **README.md**:")
                .doesNotContain("stderr: agent: prompt received"); // raw lines stay in the JSON's verbose form
        assertThat(md.strip()).doesNotContain("\n\n\n");
    }

    @Test
    void aConsoleSessionIsItsLinesInOneCodeBlock() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir);

        String md = TranscriptMarkdown.session(session(file, CONSOLE_SESSION));

        assertThat(md).contains("## Console").doesNotContain("## Conversation");
        List<FencedCodeBlock> blocks = codeBlocks(md);
        assertThat(blocks).hasSize(1);
        assertThat(blocks.getFirst().getInfo()).isEqualTo("text");
        assertThat(blocks.getFirst().getLiteral().lines().count()).isGreaterThan(1);
    }

    @Test
    void toolOutputThatHoldsFencesAndHtmlStaysInsideItsBlockAndThePageRunsNothing() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        // What an agent may well print: a Markdown fence, HTML, an image from the web, a script link.
        String hostile = "before\\n```\\n<script>alert(1)</script>\\n````\\n![x](http://example.com/x.png) [go](javascript:alert(1))";
        // Written as LeanSpec writes its logs (its own table, a plain INSERT): the file stays in LeanSpec's shape.
        logLine(file, "{\"__acp_method\":\"session/update\",\"params\":{\"update\":{\"sessionUpdate\":\"tool_call\",\"toolCallId\":\"t9\","
                + "\"title\":\"run_shell\",\"status\":\"completed\",\"rawOutput\":\"" + hostile + "\"}}}");
        logLine(file, "{\"__acp_method\":\"session/update\",\"params\":{\"update\":{\"sessionUpdate\":\"agent_message_chunk\","
                + "\"content\":{\"type\":\"text\",\"text\":\"" + hostile + "\"},\"done\":true}}}");
        SessionTranscript transcript = session(file, ACP_SESSION);

        String md = TranscriptMarkdown.session(transcript);
        FencedCodeBlock output = codeBlocks(md).stream().filter(b -> b.getLiteral().startsWith("before")).findFirst().orElseThrow();
        assertThat(output.getLiteral()).contains("```\n<script>alert(1)</script>\n````\n![x]");
        assertThat(md).contains("\n`````\nbefore\n");

        String html = TranscriptHtml.session(transcript, null);
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img").doesNotContainPattern("(?i)href=\"\\s*javascript:")
                .doesNotContain("src=\"http").doesNotContain("<link ")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("href=\"http://example.com/x.png\">x</a>").contains("href=\"\">go</a>");
        // One script of its own (opening folded parts to print), no other.
        assertThat(html.split("<script>", -1)).hasSize(2);
    }

    @Test
    void htmlOfASessionIsOnePageWithItsStylesAndEveryEntry() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);

        String html = TranscriptHtml.session(session(file, ACP_SESSION), "../index.html");

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("prefers-color-scheme: dark")
                .contains("<a href=\"../index.html\">")
                .contains("<h2>Conversation</h2>").contains("<details class=\"entry thought\">")
                .contains("Tool · read_file").contains("<li class=\"completed\">Read the spec</li>")
                .contains("Permission asked · ").contains("<strong>README.md</strong>").contains("<code>Usage</code>")
                .contains("Hello 👋 世界");
        assertThat(TranscriptHtml.session(session(file, ACP_SESSION), null)).doesNotContain("All sessions and conversations");
    }

    @Test
    void aConversationShowsEveryPartOfItsMessages() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        ConversationTranscript transcript;
        try (ChatStore store = ChatStore.openReadOnly(Location.of(file))) {
            transcript = ConversationTranscript.read(store, CHAT).orElseThrow();
            assertThat(ConversationTranscript.read(store, "no-such-conversation")).isEmpty();
        }

        String md = TranscriptMarkdown.conversation(transcript);
        assertThat(md).startsWith("# Specs of lean-spec\n").contains("## User · ").contains("## Assistant · ")
                .contains("<summary>Reasoning</summary>").contains("**Tool ").contains("Source: [").contains("File: [");
        String html = TranscriptHtml.conversation(transcript, null);
        assertThat(html).contains("<h1>Specs of lean-spec</h1>").contains("<summary>Reasoning</summary>").contains("Source: <a href=");
        JsonNode json = new ObjectMapper().readTree(TranscriptFormat.JSON.write(transcript));
        assertThat(json.get("id").asText()).isEqualTo(CHAT);
        assertThat(json.get("messages").get(1).get("parts")).hasSize(6);
    }

    @Test
    void savingWritesTheWholeFileOrLeavesWhatWasThere() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        // What cannot be replaced by a file (a folder of the chosen name, holding something): the write fails at its end.
        Path taken = Files.createDirectories(out.resolve("session.md"));
        Files.writeString(taken.resolve("kept.txt"), "what was there");
        assertThatThrownBy(() -> TranscriptFormat.save("new text", taken)).isInstanceOf(PersistenceException.class)
                .hasMessageContaining("Could not write " + taken);
        assertThat(Files.readString(taken.resolve("kept.txt"))).isEqualTo("what was there");
        try (var left = Files.list(out)) {
            assertThat(left).containsExactly(taken);
        }

        Path target = out.resolve("session.html");
        Files.writeString(target, "an older export");
        TranscriptFormat.save("new text", target);
        assertThat(Files.readString(target)).isEqualTo("new text");
        try (var left = Files.list(out)) {
            assertThat(left).containsExactlyInAnyOrder(taken, target);
        }
    }

    @Test
    void theFormatFollowsTheFileName() {
        assertThat(TranscriptFormat.forFile(Path.of("a.HTML"))).isEqualTo(TranscriptFormat.HTML);
        assertThat(TranscriptFormat.forFile(Path.of("a.json"))).isEqualTo(TranscriptFormat.JSON);
        assertThat(TranscriptFormat.forFile(Path.of("a.md"))).isEqualTo(TranscriptFormat.MARKDOWN);
        assertThat(TranscriptFormat.forFile(Path.of("notes"))).isEqualTo(TranscriptFormat.MARKDOWN);
        assertThat(TranscriptFormat.named("markdown")).isEqualTo(TranscriptFormat.MARKDOWN);
        assertThatThrownBy(() -> TranscriptFormat.named("pdf")).hasMessageContaining("md, html or json");
    }

    @Test
    void inlineCodeAndFencesAreNeverClosedByWhatTheyHold() {
        assertThat(TranscriptMarkdown.code("a`b")).isEqualTo("``a`b``");
        assertThat(TranscriptMarkdown.code("`x`")).isEqualTo("`` `x` ``");
        assertThat(TranscriptMarkdown.fence("```\ncode\n```", "")).startsWith("````\n").endsWith("\n````\n");
        assertThat(TranscriptMarkdown.inline("a_b *c* <d>")).isEqualTo("a\\_b \\*c\\* \\<d\\>");
    }

    private static void logLine(Path file, String message) throws Exception {
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var insert = db.prepareStatement("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES (?, ?, 'info', ?)")) {
            insert.setString(1, ACP_SESSION);
            insert.setString(2, "2026-12-01T10:01:46Z");
            insert.setString(3, message);
            insert.executeUpdate();
        }
    }

    private static List<FencedCodeBlock> codeBlocks(String md) {
        List<FencedCodeBlock> blocks = new java.util.ArrayList<>();
        Parser.builder().build().parse(md).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                blocks.add(block);
            }
        });
        return blocks;
    }

    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }
}
