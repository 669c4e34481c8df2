/**
 * Conversations and their messages (chat.db of 0.2.20–0.2.24, and the chat tables of leanspec.db): read page by page
 * through {@link dev.leanspec.inspector.persistence.chat.ChatStore}, a message's parts through
 * {@link dev.leanspec.inspector.persistence.chat.MessageParts}.
 *
 * <p>Null and empty: a value documented without "or null" is never null; a collection is never
 * null (empty when there is none); a filter or option that may be null says what null means
 * (usually "any").
 */
package dev.leanspec.inspector.persistence.chat;
