/**
 * LeanSpec persistence: every file LeanSpec 0.2.20–0.2.28 wrote ({@code sessions.db},
 * {@code chat.db}, {@code leanspec.db}), read in whatever shape it has, migrated to a versioned
 * schema by Flyway, browsed through typed stores (jOOQ), on SQLite or PostgreSQL.
 *
 * <p>Everything under {@code internal} (helpers, the backends, jOOQ's generated classes) is not
 * exported: it may change in any release. No JavaFX, no UI, no logging backend is required.
 */
module dev.leanspec.inspector.persistence {
    requires transitive java.sql;
    requires java.logging;
    requires org.jooq;
    requires flyway.core;
    requires org.xerial.sqlitejdbc;
    requires org.postgresql.jdbc;
    requires com.zaxxer.hikari;

    exports dev.leanspec.inspector.persistence;
    exports dev.leanspec.inspector.persistence.chat;
    exports dev.leanspec.inspector.persistence.consolidate;
    exports dev.leanspec.inspector.persistence.migration;
    exports dev.leanspec.inspector.persistence.query;
    exports dev.leanspec.inspector.persistence.raw;
    exports dev.leanspec.inspector.persistence.runners;
    exports dev.leanspec.inspector.persistence.search;
    exports dev.leanspec.inspector.persistence.sessions;
    exports dev.leanspec.inspector.persistence.transcript;

    // Flyway finds the migrations by asking the class loader for their folders: resources in a
    // module's packages are found only in packages it opens.
    opens dev.leanspec.inspector.migrations.chat;
    opens dev.leanspec.inspector.migrations.sessions;
    opens dev.leanspec.inspector.migrations.leanspec;
    opens dev.leanspec.inspector.migrations.postgresql;
    opens dev.leanspec.inspector.migrations.postgresql.chat;
    opens dev.leanspec.inspector.migrations.postgresql.sessions;
    opens dev.leanspec.inspector.migrations.postgresql.leanspec;
}
