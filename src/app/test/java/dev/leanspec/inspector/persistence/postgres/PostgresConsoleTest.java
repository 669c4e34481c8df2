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
import dev.leanspec.inspector.persistence.query.QueryPage;
import dev.leanspec.inspector.persistence.query.SqlConsole;
import dev.leanspec.inspector.testing.CliRun;
import dev.leanspec.inspector.testing.PostgresServer;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only SQL console and {@code query --db URL} on a real PostgreSQL server. */
class PostgresConsoleTest {

    @TempDir
    Path dir;

    @Test
    void readsInPagesRefusesWhatWritesStopsAtTheLimitAndExplainsAsATree() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir);
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase());
        Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe());
        String ids = "SELECT id, runner FROM sessions ORDER BY id";

        try (SqlConsole sqlite = SqlConsole.openReadOnly(Location.of(file));
             SqlConsole postgres = SqlConsole.openReadOnly(new Location.Server(url))) {
            List<List<Object>> all = new ArrayList<>();
            QueryPage page = postgres.run(ids, PageRequest.first(3));
            assertThat(page.columns()).containsExactly("id", "runner");
            all.addAll(page.rows());
            while (page.next() != null) {
                page = postgres.run(ids, new PageRequest(3, page.next()));
                all.addAll(page.rows());
            }
            assertThat(all).isEqualTo(sqlite.run(ids, PageRequest.first(100)).rows());
            assertThat(postgres.count(ids)).isEqualTo(all.size());

            for (String write : List.of("DELETE FROM sessions", "CREATE TABLE x (a int)", "SET default_transaction_read_only = off",
                    "WITH gone AS (DELETE FROM sessions RETURNING id) SELECT count(*) FROM gone",
                    "SELECT id FROM sessions FOR UPDATE", "EXPLAIN ANALYZE DELETE FROM sessions")) {
                assertThat(postgres.refusal(write)).as(write).isPresent();
                assertThatThrownBy(() -> postgres.run(write, PageRequest.first(10))).as(write)
                        .isInstanceOfSatisfying(PersistenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
            }
            assertThat(postgres.refusal("SHOW server_version")).isEmpty();
            assertThat(postgres.count("SELECT * FROM sessions")).isEqualTo(all.size()); // nothing was deleted

            assertThat(postgres.plan("SELECT s.id FROM sessions s JOIN session_logs l ON l.session_id = s.id"))
                    .isNotEmpty().first().satisfies(top -> assertThat(top.children()).isNotEmpty());

            postgres.setTimeLimit(Duration.ofMillis(300));
            assertThatThrownBy(() -> postgres.count("SELECT * FROM generate_series(1, 1000000000)"))
                    .isInstanceOfSatisfying(PersistenceException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CANCELLED);
                        assertThat(e.getMessage()).contains("time limit").contains(url.toString()).doesNotContain(url.password());
                    });
        }

        CliRun query = CliRun.in(dir, "query", "--db", url.withCredentials(), "--csv", ids);
        assertThat(query.code()).as(query.err()).isZero();
        assertThat(query.out()).startsWith("id,runner").contains("acp-agent");
        CliRun refused = CliRun.in(dir, "query", "--db", url.withCredentials(), "DROP TABLE sessions");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("Not run on postgres://").contains("only reads");
    }
}
