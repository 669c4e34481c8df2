package dev.leanspec.inspector.persistence.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.tools.json.ContainerFactory;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.JSONValue;
import org.jooq.tools.json.ParseException;

/**
 * JSON text as LeanSpec stored it (ACP payloads, chat parts, runner configs), read into plain maps
 * and lists that keep the stored key order, and written back the same way. jOOQ's small parser
 * does it, so the library needs no JSON library of its own.
 */
public final class JsonText {

    private static final ContainerFactory ORDERED = new ContainerFactory() {
        @Override
        public Map<Object, Object> createObjectContainer() {
            return new LinkedHashMap<>();
        }

        @Override
        public List<Object> createArrayContainer() {
            return new ArrayList<>();
        }
    };

    private JsonText() {
    }

    /** The value {@code text} holds, or empty when it is not JSON (or null, or cut short). */
    public static Optional<Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        char first = trimmed.charAt(0);
        if (first != '{' && first != '[' && first != '"') {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new JSONParser().parse(trimmed, ORDERED));
        } catch (ParseException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    /** {@code value} as compact JSON text, maps in their own order; null for null. */
    public static String write(Object value) {
        return value == null ? null : JSONValue.toJSONString(value);
    }

    /** {@code value} as a map, or an empty one when it is something else. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** {@code value} as a list, or an empty one when it is something else. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** The first of {@code keys} that holds a string (or a number, as text), or null. */
    public static String string(Map<String, Object> map, String... keys) {
        for (String key : keys) {
            Object value = map.get(key);
            if (value instanceof String text && !text.isEmpty()) {
                return text;
            }
            if (value instanceof Number || value instanceof Boolean) {
                return value.toString();
            }
        }
        return null;
    }
}
