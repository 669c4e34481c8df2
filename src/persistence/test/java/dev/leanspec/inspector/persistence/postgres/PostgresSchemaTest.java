package dev.leanspec.inspector.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.Postgres;
import dev.leanspec.inspector.persistence.internal.SchemaSnapshot;
import dev.leanspec.inspector.testing.PostgresServer;

import java.sql.Connection;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each version of each chain means the same schema on PostgreSQL as on SQLite. */
class PostgresSchemaTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyVersionHasTheTablesColumnsAndIndexesOfItsSqliteTwin(DatabaseKind kind) throws Exception {
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase()).withSchema("chain_" + kind.chain());
        Map<Integer, SchemaSnapshot> sqlite = Migrations.shapesByVersion(kind);
        assertThat(Migrations.scripts(kind)).hasSize(sqlite.size());
        for (int version = 1; version <= sqlite.size(); version++) {
            Migrations.flyway(kind, url, Postgres.pool(url, false)).target(Integer.toString(version)).load().migrate();
            try (Connection connection = Postgres.connect(url, true)) {
                SchemaSnapshot postgres = Postgres.schema(connection, url.schema());
                assertThat(postgres.tables()).as("%s version %d", kind, version).isEqualTo(sqlite.get(version).tables());
                assertThat(postgres.indexes()).as("%s version %d", kind, version).isEqualTo(sqlite.get(version).indexes());
            }
        }
    }
}
