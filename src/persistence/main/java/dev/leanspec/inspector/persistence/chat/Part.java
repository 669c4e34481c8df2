package dev.leanspec.inspector.persistence.chat;

/**
 * One part of a chat message, as LeanSpec 0.2.24+ stores them in {@code messages.parts} (its own
 * shapes, {@code ai_native/types.rs}, and the live AI SDK ones its UI also rendered), read by
 * {@link MessageParts}. Tool calls come paired with their results.
 */
public sealed interface Part {

    /**
     * Text, Markdown as the model wrote it.
     *
     * @param text the text, Markdown as the model wrote it
     */
    record Text(String text) implements Part {
    }

    /**
     * The model's reasoning. LeanSpec stored it but never showed it; shown folded here.
     *
     * @param text the model's reasoning
     */
    record Reasoning(String text) implements Part {
    }

    /**
     * A tool call with its result, merged by {@code toolCallId}.
     *
     * @param id     the call's id; may be empty
     * @param name   the tool's name, never null
     * @param input  its arguments as JSON text, or null
     * @param output its result as JSON text, or null while it has none
     * @param error  whether it failed: an error output ({@code isError}, {@code error-text},
     *               {@code error-json}), or a call without result followed by LeanSpec's
     *               {@code **Error:**} text (which is then not shown as text)
     * @param errorText the error's message, or null
     */
    record ToolUse(String id, String name, String input, String output, boolean error, String errorText) implements Part {
    }

    /**
     * A file.
     *
     * @param url       where it is, never null
     * @param mediaType e.g. {@code image/png}, or null
     * @param filename  its name, or null
     */
    record File(String url, String mediaType, String filename) implements Part {
    }

    /**
     * A source the model cited: a URL ({@code source-url}) or a document ({@code source-document}).
     *
     * @param id    the source's id, or null
     * @param url   its URL, or null for a document
     * @param title its title, or null
     */
    record Source(String id, String url, String title) implements Part {
    }

    /**
     * A part of a type this build does not know, kept as it was stored.
     *
     * @param type the part's {@code type}, or null when it had none
     * @param json the part as stored
     */
    record Unknown(String type, String json) implements Part {
    }
}
