/**
 * Sessions with their specs, metadata, events and logs, on every shape: see
 * {@link dev.leanspec.inspector.persistence.sessions.SessionStore}.
 *
 * <p>Null and empty: a value documented without "or null" is never null; a collection is never
 * null (empty when there is none); a filter or option that may be null says what null means
 * (usually "any").
 */
package dev.leanspec.inspector.persistence.sessions;
