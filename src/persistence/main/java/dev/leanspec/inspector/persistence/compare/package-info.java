/**
 * What differs between two databases of any shape or backend: a file and its backup, its copy,
 * its PostgreSQL copy, a teammate's file. See {@link dev.leanspec.inspector.persistence.compare.Comparison}.
 *
 * <p>Null and empty: a value documented without "or null" is never null; a collection is never
 * null (empty when there is none). A row's values are as SQLite gives them: {@code Long},
 * {@code Double}, {@code String}, {@code byte[]} or null (other types a server gives, as text).
 */
package dev.leanspec.inspector.persistence.compare;
