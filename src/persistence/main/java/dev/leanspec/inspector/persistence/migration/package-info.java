/**
 * Every shape LeanSpec's releases wrote, detected, reported and brought to this build's newest version safely: see
 * {@link dev.leanspec.inspector.persistence.migration.MigrationService}.
 *
 * <p>Null and empty: a value documented without "or null" is never null; a collection is never
 * null (empty when there is none); a filter or option that may be null says what null means
 * (usually "any").
 */
package dev.leanspec.inspector.persistence.migration;
