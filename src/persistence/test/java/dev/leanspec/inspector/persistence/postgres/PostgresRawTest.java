package dev.leanspec.inspector.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.raw.RawDatabase;
import dev.leanspec.inspector.persistence.raw.RawPage;
import dev.leanspec.inspector.persistence.raw.SchemaObject;
import dev.leanspec.inspector.persistence.raw.TableInfo;
import dev.leanspec.inspector.persistence.raw.TableQuery;
import dev.leanspec.inspector.testing.PostgresServer;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tables and Schema tabs' reader on a real server: the copy of LeanSpec 0.2.28's own file,
 * browsed raw as the file is (every row, the same values), keyset pages on the row's ctid.
 */
class PostgresRawTest {

    @TempDir
    Path dir;

    @Test
    void aTeamDatabaseBrowsesRawLikeTheFileItCameFrom() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase()).withSchema("team");
        Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe());
        try (Connection writer = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
             Statement statement = writer.createStatement()) {
            // Many log lines (pages across blocks) and one long message (its preview is cut on the server).
            statement.execute("INSERT INTO team.session_logs (session_id, timestamp, level, message) SELECT (SELECT min(id) FROM team.sessions),"
                    + " 't' || g, 'stdout', 'line ' || g FROM generate_series(1, 2000) g");
            statement.execute("UPDATE team.messages SET content = repeat('é', 25000) WHERE id = 'm2'");
            statement.execute("CREATE VIEW team.endless AS SELECT g FROM generate_series(1, 1000000000000) g");
        }

        try (RawDatabase sqlite = RawDatabase.openReadOnly(Location.of(file)); RawDatabase db = RawDatabase.openReadOnly(new Location.Server(url))) {
            List<TableInfo> tables = db.tables();
            assertThat(tables).extracting(TableInfo::name).contains("sessions", "session_logs", "messages", "endless", "flyway_schema_history")
                    .doesNotContain("_sqlx_migrations");
            TableInfo sessions = table(tables, "sessions");
            assertThat(sessions.columns()).isEqualTo(table(sqlite.tables(), "sessions").columns());
            assertThat(table(tables, "endless").type()).isEqualTo("view");
            assertThat(table(tables, "endless").hasRowid()).isFalse();

            // Every row once, in keyset pages (ctid), whatever the page size.
            TableInfo logs = table(tables, "session_logs");
            long total = db.count(logs);
            List<Object> ids = new ArrayList<>();
            PageRequest request = PageRequest.first(97);
            while (request != null) {
                RawPage page = db.rows(logs, request);
                page.rows().forEach(row -> ids.add(row.getFirst()));
                assertThat(page.rowids()).doesNotContainNull();
                request = page.nextRequest(97);
            }
            assertThat(ids).hasSize((int) total).doesNotHaveDuplicates();
            assertThat(total).isEqualTo(sqlite.count("session_logs") + 2000);
            // A jump to row 1,500 starts where paging through would have.
            RawPage jumped = db.rows(logs, new PageRequest(3, db.keyBefore(logs, 1_500)));
            assertThat(jumped.rows()).extracting(List::getFirst).containsExactlyElementsOf(ids.subList(1_500, 1_503));

            // The same sessions as the file, sorted and filtered by the server.
            TableQuery failed = new TableQuery(sessions, "created_at", true, Map.of("status", "FAIL"), null);
            TableQuery failedInFile = new TableQuery(table(sqlite.tables(), "sessions"), "created_at", true, Map.of("status", "FAIL"), null);
            // (SQLite's integers come as Integer where they fit, PostgreSQL's bigint as Long: the same text.)
            assertThat(text(db.rows(failed, PageRequest.first(100)))).isEqualTo(text(sqlite.rows(failedInFile, PageRequest.first(100))))
                    .isNotEmpty();
            assertThat(db.count(new TableQuery(sessions, null, false, Map.of(), "COMPLETED"))).isEqualTo(
                    sqlite.count(new TableQuery(table(sqlite.tables(), "sessions"), null, false, Map.of(), "COMPLETED")));

            // A long value is a preview in the grid, whole in the cell viewer.
            TableInfo messages = table(tables, "messages");
            int content = messages.columns().indexOf("content");
            RawPage withLong = db.rows(new TableQuery(messages, null, false, Map.of("id", "m2"), null), PageRequest.first(5));
            assertThat((String) withLong.rows().getFirst().get(content)).startsWith("éé").endsWith("(15000 more characters)");
            assertThat(db.value(messages, "content", withLong.rowids().getFirst())).isEqualTo("é".repeat(25_000));
            // A reader that was never asked for its table list cuts the preview just the same.
            try (RawDatabase fresh = RawDatabase.openReadOnly(new Location.Server(url))) {
                RawPage again = fresh.rows(new TableQuery(messages, null, false, Map.of("id", "m2"), null), PageRequest.first(5));
                assertThat((String) again.rows().getFirst().get(content)).endsWith("(15000 more characters)");
            }

            // The schema as the server describes it.
            List<SchemaObject> schema = db.schema();
            SchemaObject messageTable = schema.stream().filter(o -> o.name().equals("messages")).findFirst().orElseThrow();
            assertThat(messageTable.sql()).contains("CREATE TABLE \"messages\"").contains("\"content\" text NOT NULL")
                    .contains("FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE");
            assertThat(messageTable.foreignKeys()).singleElement().satisfies(k -> {
                assertThat(k.table()).isEqualTo("conversations");
                assertThat(k.from()).containsExactly("conversation_id");
                assertThat(k.onDelete()).isEqualTo("CASCADE");
            });
            assertThat(messageTable.columns()).filteredOn(c -> c.name().equals("id")).singleElement()
                    .satisfies(c -> assertThat(c.primaryKey()).isEqualTo(1));
            assertThat(schema).filteredOn(o -> o.type().equals("index")).extracting(SchemaObject::name)
                    .contains("idx_messages_conversation_id", "messages_pkey");
            assertThat(schema).filteredOn(o -> o.type().equals("view")).singleElement()
                    .satisfies(v -> assertThat(v.sql()).startsWith("CREATE VIEW \"endless\"").contains("generate_series"));
            Set<String> measured = new HashSet<>(db.sizes().orElseThrow().keySet());
            assertThat(measured).contains("sessions", "idx_messages_conversation_id");
            assertThat(db.pragmas()).isNull();
            assertThatThrownBy(db::integrityCheck).isInstanceOfSatisfying(PersistenceException.class,
                    e -> assertThat(e.getMessage()).contains("PostgreSQL").doesNotContain(url.password()));

            // A count of an endless view stops on cancel; the reader goes on working.
            CompletableFuture<Long> endless = CompletableFuture.supplyAsync(() -> db.count("endless"));
            Thread.sleep(300);
            db.cancel();
            assertThatThrownBy(() -> endless.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(PersistenceException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
            assertThat(db.count(sessions)).isEqualTo(sqlite.count("sessions"));
        }
    }

    private static List<List<String>> text(RawPage page) {
        return page.rows().stream().map(row -> row.stream().map(String::valueOf).toList()).toList();
    }

    private static TableInfo table(List<TableInfo> tables, String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
