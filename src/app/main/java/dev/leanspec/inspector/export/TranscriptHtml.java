package dev.leanspec.inspector.export;

import java.util.HashMap;
import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * A session or a conversation as one HTML page that needs nothing else: its styles inlined, no
 * script but one that opens folded parts for printing, nothing fetched from anywhere. The
 * templates are main/jte/session.jte and conversation.jte, compiled in the build.
 */
public final class TranscriptHtml {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.leanspec.inspector.export.pages");

    private TranscriptHtml() {
    }

    /**
     * {@return the session's page}
     *
     * @param indexHref the archive's index, relative to the page, for a link back; null for none
     */
    public static String session(SessionTranscript transcript, String indexHref) {
        return render("session.jte", transcript, indexHref);
    }

    /**
     * {@return the conversation's page}
     *
     * @param indexHref the archive's index, relative to the page, for a link back; null for none
     */
    public static String conversation(ConversationTranscript transcript, String indexHref) {
        return render("conversation.jte", transcript, indexHref);
    }

    private static String render(String template, Object transcript, String indexHref) {
        Map<String, Object> params = new HashMap<>();
        params.put("transcript", transcript);
        params.put("indexHref", indexHref);
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
