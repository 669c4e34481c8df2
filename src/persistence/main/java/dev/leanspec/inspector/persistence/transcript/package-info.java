/**
 * A session's logs folded into the conversation LeanSpec's UI showed: see
 * {@link dev.leanspec.inspector.persistence.transcript.TranscriptFolder}.
 *
 * <p>Null and empty: a value documented without "or null" is never null; a collection is never
 * null (empty when there is none); a filter or option that may be null says what null means
 * (usually "any").
 */
package dev.leanspec.inspector.persistence.transcript;
