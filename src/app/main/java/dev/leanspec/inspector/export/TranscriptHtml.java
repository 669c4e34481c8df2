package dev.leanspec.inspector.export;

import java.util.HashMap;
import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
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
        return session(transcript, indexHref, java.util.List.of());
    }

    /**
     * {@return the session's page in an archive}
     *
     * @param indexHref the archive's index, relative to the page
     * @param specLinks the other sessions of its specs, linked from it
     */
    public static String session(SessionTranscript transcript, String indexHref, java.util.List<Archive.SpecLinks> specLinks) {
        return render("session.jte", sessionParams(transcript, indexHref, specLinks));
    }

    /** {@return what session.jte takes} */
    static Map<String, Object> sessionParams(SessionTranscript transcript, String indexHref, java.util.List<Archive.SpecLinks> specLinks) {
        Map<String, Object> params = params(transcript, indexHref);
        params.put("specLinks", specLinks);
        return params;
    }

    /**
     * {@return the conversation's page}
     *
     * @param indexHref the archive's index, relative to the page, for a link back; null for none
     */
    public static String conversation(ConversationTranscript transcript, String indexHref) {
        return render("conversation.jte", params(transcript, indexHref));
    }

    /** {@return what conversation.jte and session.jte take} */
    static Map<String, Object> params(Object transcript, String indexHref) {
        Map<String, Object> params = new HashMap<>();
        params.put("transcript", transcript);
        params.put("indexHref", indexHref);
        return params;
    }

    /** {@return a template filled in (the archive's index too)} */
    static String render(String template, Map<String, Object> params) {
        return render(template, params, new StringOutput()).toString();
    }

    /** {@return {@code out}, the template filled in written into it (the archive writes UTF-8 bytes straight to its files)} */
    static <T extends TemplateOutput> T render(String template, Map<String, Object> params, T out) {
        ENGINE.render(template, params, out);
        return out;
    }
}
