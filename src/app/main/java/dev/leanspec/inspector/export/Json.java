package dev.leanspec.inspector.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON for scripts and for reading: pretty, in the key order the maps were built in. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** {@return the value as indented JSON} */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    /**
     * {@return the text indented when it is a JSON object or array (tool arguments and results
     * are stored on one line), else null}
     */
    public static String pretty(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(trimmed);
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
