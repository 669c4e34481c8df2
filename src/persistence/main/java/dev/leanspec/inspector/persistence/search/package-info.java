/**
 * Full-text search over the agents' history, in an index kept in the caller's cache folder (the files are only read):
 * see {@link dev.leanspec.inspector.persistence.search.SearchIndex}.
 *
 * <p>Null and empty: a value documented without "or null" is never null; a collection is never
 * null (empty when there is none); a filter or option that may be null says what null means
 * (usually "any").
 */
package dev.leanspec.inspector.persistence.search;
