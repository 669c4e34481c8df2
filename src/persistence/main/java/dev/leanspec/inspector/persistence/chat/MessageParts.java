package dev.leanspec.inspector.persistence.chat;

import static dev.leanspec.inspector.persistence.internal.JsonText.list;
import static dev.leanspec.inspector.persistence.internal.JsonText.map;
import static dev.leanspec.inspector.persistence.internal.JsonText.string;

import dev.leanspec.inspector.persistence.internal.JsonText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a chat message into the parts LeanSpec's web UI rendered ({@code chat-message.tsx},
 * reference §3.5–3.6): a message without parts is its {@code content} as one text part (how every
 * 0.2.20–0.2.23 row shows); a {@code tool-call} is paired with the {@code tool-result} of the same
 * {@code toolCallId}; a call left without result and followed by LeanSpec's {@code **Error:**}
 * text becomes a failed tool, that text hidden; {@code step-start} is skipped; unknown types are
 * kept as raw JSON.
 */
public final class MessageParts {

    private static final String ERROR_TEXT = "**Error:**";

    private MessageParts() {
    }

    /**
     * The parts of {@code message}; never empty for a message with content.
     *
     * @param message a stored message
     * @return its parts in order; one text part from {@code content} when it has none
     */
    public static List<Part> of(Message message) {
        return of(message.parts(), message.content());
    }

    /**
     * The parts stored as {@code partsJson}, or {@code content} as one text part when there are none.
     *
     * @param partsJson the {@code parts} column's JSON, or null
     * @param content the {@code content} column, used when there are no parts
     * @return the parts in order; empty only when both are empty
     */
    public static List<Part> of(String partsJson, String content) {
        Optional<Object> parsed = JsonText.parse(partsJson);
        List<Object> raw = parsed.isPresent() ? list(parsed.get()) : List.of();
        if (raw.isEmpty()) {
            return content == null || content.isEmpty() ? List.of() : List.of(new Part.Text(content));
        }
        List<Part> parts = new ArrayList<>();
        Map<String, Integer> calls = new LinkedHashMap<>();
        for (Object value : raw) {
            Map<String, Object> part = map(value);
            String type = string(part, "type");
            if (type == null) {
                parts.add(new Part.Unknown("", JsonText.write(value)));
                continue;
            }
            switch (type) {
                case "text" -> text(parts, calls, string(part, "text"));
                case "reasoning" -> parts.add(new Part.Reasoning(nonNull(string(part, "text"))));
                case "tool-call", "tool-invocation", "dynamic-tool" -> call(parts, calls, part);
                case "tool-result", "tool-error" -> result(parts, calls, part, type.equals("tool-error"));
                case "file" -> parts.add(new Part.File(nonNull(string(part, "url")), string(part, "mediaType", "media_type"),
                        string(part, "filename")));
                case "source-url" -> parts.add(new Part.Source(string(part, "id", "sourceId"), string(part, "url"), string(part, "title")));
                case "source-document" -> parts.add(new Part.Source(string(part, "id", "sourceId"), null, string(part, "title")));
                case "step-start" -> {
                    // a step boundary of the live stream: nothing to show
                }
                default -> {
                    if (type.startsWith("tool-")) {
                        call(parts, calls, part); // AI SDK v5: tool-<name> with input/output/state
                    } else {
                        parts.add(new Part.Unknown(type, JsonText.write(value)));
                    }
                }
            }
        }
        return List.copyOf(parts);
    }

    private static void text(List<Part> parts, Map<String, Integer> calls, String text) {
        String value = nonNull(text);
        // LeanSpec appends "\n\n**Error:** <message>" when a step fails: it belongs to the call left open.
        if (value.strip().startsWith(ERROR_TEXT)) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                if (parts.get(i) instanceof Part.ToolUse use && use.output() == null && !use.error()) {
                    parts.set(i, new Part.ToolUse(use.id(), use.name(), use.input(), null, true,
                            value.strip().substring(ERROR_TEXT.length()).strip()));
                    return;
                }
            }
        }
        parts.add(new Part.Text(value));
    }

    private static void call(List<Part> parts, Map<String, Integer> calls, Map<String, Object> part) {
        String id = string(part, "toolCallId", "id");
        String name = string(part, "toolName", "name");
        if (name == null && string(part, "type") != null && string(part, "type").startsWith("tool-")
                && !string(part, "type").equals("tool-call") && !string(part, "type").equals("tool-invocation")) {
            name = string(part, "type").substring("tool-".length());
        }
        Object input = part.containsKey("input") ? part.get("input") : part.get("args");
        Object output = part.get("output") != null ? part.get("output") : part.get("result");
        boolean error = isError(part, output) || "output-error".equals(part.get("state"));
        String errorText = error ? string(part, "errorText", "error") : null;
        Part.ToolUse use = new Part.ToolUse(id == null ? "" : id, name == null ? "tool" : name, JsonText.write(input),
                output == null ? null : (output instanceof String s ? s : JsonText.write(output)), error, errorText);
        if (id != null) {
            calls.put(id, parts.size());
        }
        parts.add(use);
    }

    private static void result(List<Part> parts, Map<String, Integer> calls, Map<String, Object> part, boolean toolError) {
        String id = string(part, "toolCallId", "id");
        Object output = part.get("output") != null ? part.get("output") : part.get("result");
        boolean error = toolError || isError(part, output);
        String text = output == null ? null : (output instanceof String s ? s : JsonText.write(output));
        Integer index = id == null ? null : calls.get(id);
        if (index != null && parts.get(index) instanceof Part.ToolUse use) {
            parts.set(index, new Part.ToolUse(use.id(), use.name(), use.input(), text, error,
                    error ? string(part, "errorText", "error") : null));
        }
        // A result without its call is not shown, as in LeanSpec's UI.
    }

    private static boolean isError(Map<String, Object> part, Object output) {
        if (Boolean.TRUE.equals(part.get("isError"))) {
            return true;
        }
        String type = string(map(output), "type");
        return "error-text".equals(type) || "error-json".equals(type);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
