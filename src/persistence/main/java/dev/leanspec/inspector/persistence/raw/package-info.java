/**
 * Any table of any SQLite file or PostgreSQL schema, read-only: pages, sort, filters, schema, sizes and pragmas: see
 * {@link dev.leanspec.inspector.persistence.raw.RawDatabase}.
 *
 * <p>Null and empty: a value documented without "or null" is never null; a collection is never
 * null (empty when there is none); a filter or option that may be null says what null means
 * (usually "any").
 */
package dev.leanspec.inspector.persistence.raw;
