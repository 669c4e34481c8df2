package dev.leanspec.inspector.persistence.chat;

import dev.leanspec.inspector.persistence.Code;

import java.util.List;

/**
 * A message's {@code role}. Any other stored value is kept as it is ({@link #isKnown()} is then false).
 *
 * @param value the text as stored; never null
 */
public record MessageRole(String value) implements Code {
    public static final MessageRole USER = new MessageRole("user");
    public static final MessageRole ASSISTANT = new MessageRole("assistant");
    public static final MessageRole SYSTEM = new MessageRole("system");
    public static final MessageRole TOOL = new MessageRole("tool");

    /** The values LeanSpec writes, in its own order. */
    public static final List<MessageRole> KNOWN = List.of(USER, ASSISTANT, SYSTEM, TOOL);

    /**
     * Keeps any value, known or not.
     *
     * @throws IllegalArgumentException when {@code value} is null
     */
    public MessageRole {
        Code.require(value, "role");
    }

    @Override
    public List<MessageRole> known() {
        return KNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
