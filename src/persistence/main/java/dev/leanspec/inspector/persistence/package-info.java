/**
 * LeanSpec's SQLite files (sessions.db, chat.db, leanspec.db of every release) and PostgreSQL databases, read and written
 * safely. The front door is {@link dev.leanspec.inspector.persistence.LeanSpecDatabase}: {@code LeanSpecDatabase.at(Location.of(path))}
 * gives its migrations, sessions, chat, runners, tables, SQL console and search; {@link dev.leanspec.inspector.persistence.LeanSpecPaths}
 * finds the files where LeanSpec left them. Failures are {@link dev.leanspec.inspector.persistence.PersistenceException}s whose
 * message names the file and what to do.
 *
 * <p>Null and empty: a value documented without "or null" is never null; a collection is never
 * null (empty when there is none); a filter or option that may be null says what null means
 * (usually "any").
 */
package dev.leanspec.inspector.persistence;
