package dev.leanspec.inspector.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * What the pages' templates (main/jte) call: the agent's Markdown as HTML, JSON indented, the
 * style sheet and the policy that allows it. Public for the generated template classes only.
 */
public final class Html {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    // The agent's text is data, not markup: HTML in it is shown as text, links other than
    // http(s), mailto and relative ones are dropped (javascript:, data:, file:), and an image
    // becomes a link to it, so that no page fetches anything when opened.
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto"))).build();

    /** The pages' styles, inlined into each: light and dark by the reader's setting, and for print. */
    public static final String STYLE = resource("transcript.css");

    /** A page's one script of its own: folded parts open when it is printed. */
    public static final String PRINT_SCRIPT = "addEventListener(\"beforeprint\", () => document.querySelectorAll(\"details\").forEach(d => d.open = true));";

    /**
     * {@return the Content-Security-Policy of a page whose one script is {@code script}: its own
     * style and that script by their hashes, and nothing else: no request of any kind, no other
     * script, even if something an agent wrote got through as markup}
     */
    public static String policy(String script) {
        // Two scripts in all, tens of thousands of pages: each hashed once.
        return POLICIES.computeIfAbsent(script, s -> "default-src 'none'; style-src '" + sha256(STYLE) + "'; script-src '" + sha256(s)
                + "'; base-uri 'none'; form-action 'none'");
    }

    private static final java.util.Map<String, String> POLICIES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String sha256(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private Html() {
    }

    /** {@return Markdown as HTML, raw HTML escaped and images turned into links} */
    public static String markdown(String markdown) {
        Node document = PARSER.parse(markdown == null ? "" : markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                Link link = new Link(image.getDestination(), image.getTitle());
                Node child = image.getFirstChild();
                while (child != null) {
                    Node next = child.getNext();
                    link.appendChild(child);
                    child = next;
                }
                if (link.getFirstChild() == null) {
                    link.appendChild(new Text("image"));
                }
                image.insertBefore(link);
                image.unlink();
            }
        });
        return RENDERER.render(document);
    }

    /** {@return JSON text indented, other text as it is; empty for null} */
    public static String pretty(String text) {
        if (text == null) {
            return "";
        }
        String json = Json.pretty(text);
        return json == null ? text : json;
    }

    /** {@return the link a file or source part names when it is http(s), mailto or relative, else "#"} */
    public static String safeUrl(String url) {
        return TranscriptFields.safeUrl(url);
    }

    /** {@return text with {@code & < > " '} escaped, for the few places outside a template} */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the app's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
