/**
 * The read-only SQL console: one statement at a time, refused before it runs when it could write, paged and cancellable:
 * see {@link dev.leanspec.inspector.persistence.query.SqlConsole}.
 *
 * <p>Null and empty: a value documented without "or null" is never null; a collection is never
 * null (empty when there is none); a filter or option that may be null says what null means
 * (usually "any").
 */
package dev.leanspec.inspector.persistence.query;
