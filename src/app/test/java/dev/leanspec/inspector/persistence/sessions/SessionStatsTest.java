package dev.leanspec.inspector.persistence.sessions;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.persistence.Tally;
import dev.leanspec.inspector.testing.RealFixtures;
import dev.leanspec.inspector.testing.Sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's figures, checked against plain SQL on real files and on the oldest shape. */
class SessionStatsTest {

    @TempDir
    Path dir;

    @Test
    void theFiguresOfRealFilesMatchPlainSql() throws Exception {
        for (String fixture : List.of("leanspec-0.2.28/leanspec.db", "leanspec-0.2.24/sessions.db")) {
            Path file = RealFixtures.copy(fixture, dir.resolve(fixture.replace('/', '-')));
            try (SessionStore store = SessionStore.openReadOnly(Location.of(file)); Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                SessionStats stats = store.stats();
                assertThat(stats.sessions()).as(fixture).isEqualTo(Sql.count(db, "SELECT count(*) FROM sessions")).isPositive();
                assertThat(stats.period()).isEqualTo("day");
                assertThat(byKey(stats.perPeriod(), true)).isEqualTo(Sql.grouped(db, "SELECT status, count(*) FROM sessions GROUP BY status"));
                assertThat(sum(stats.byRunner())).isEqualTo(stats.sessions());
                assertThat(sum(stats.byMode())).isEqualTo(stats.sessions());
                assertThat(sum(stats.durations())).isEqualTo(stats.sessions());
                assertThat(sum(stats.failures())).isEqualTo(Sql.count(db, "SELECT count(*) FROM sessions WHERE status = 'failed'"));
                assertThat(byKey(stats.failures(), false)).isEqualTo(Sql.grouped(db,
                        "SELECT coalesce(CAST(exit_code AS TEXT), 'none'), count(*) FROM sessions WHERE status = 'failed' GROUP BY 1"));
                assertThat(stats.busiestLogs()).isNotEmpty().isSortedAccordingTo((a, b) -> Long.compare(b.value(), a.value()));
                assertThat(stats.busiestLogs().getFirst().value())
                        .isEqualTo(Sql.count(db, "SELECT max(n) FROM (SELECT count(*) AS n FROM session_logs GROUP BY session_id)"));
                assertThat(sum(stats.projects())).isEqualTo(stats.sessions());
                assertThat(byKey(stats.tokensPerPeriod(), false)).isEqualTo(Sql.grouped(db, "SELECT substr(started_at, 1, 10), "
                        + "sum(token_count) FROM sessions WHERE token_count IS NOT NULL GROUP BY 1"));
            }
        }
    }

    @Test
    void theOldestShapeWithItsToolColumnAndLoneSpecIdCountsToo() throws Exception {
        Path file = DemoDatabases.write(dir).sessions();
        try (SessionStore store = SessionStore.openReadOnly(Location.of(file)); Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            SessionStats stats = store.stats();
            assertThat(byKey(stats.byRunner(), false)).isEqualTo(Sql.grouped(db, "SELECT tool, count(*) FROM sessions GROUP BY tool"));
            String period = stats.period().equals("week") ? "date(substr(started_at, 1, 10), 'weekday 0', '-6 days')" : "substr(started_at, 1, 10)";
            assertThat(byKey(stats.perPeriod(), false)).isEqualTo(Sql.grouped(db, "SELECT " + period + ", count(*) FROM sessions GROUP BY 1"));
            // One bar per period, in order (the statuses of a period are summed into it).
            assertThat(stats.tokensPerPeriod()).isNotEmpty().isSortedAccordingTo(java.util.Comparator.comparing(Tally::key))
                    .extracting(Tally::key).doesNotHaveDuplicates();
            assertThat(byKey(stats.tokensPerPeriod(), false)).isEqualTo(Sql.grouped(db, "SELECT " + period + ", sum(token_count) "
                    + "FROM sessions WHERE token_count IS NOT NULL GROUP BY 1"));
            // Many exit codes: the top ones, then the rest in one bar, nothing dropped.
            assertThat(stats.failures()).hasSizeLessThanOrEqualTo(SessionStats.TOP + 1);
            assertThat(sum(stats.failures())).isEqualTo(Sql.count(db, "SELECT count(*) FROM sessions WHERE status = 'failed'"));
            assertThat(byKey(stats.specs(), false)).isEqualTo(Sql.grouped(db,
                    "SELECT spec_id, count(*) FROM sessions WHERE spec_id IS NOT NULL GROUP BY spec_id ORDER BY 2 DESC LIMIT " + SessionStats.TOP));
        }
    }

    private static long sum(List<Tally> tallies) {
        return tallies.stream().mapToLong(Tally::value).sum();
    }

    /** Totals per key (or per series, when {@code bySeries}). */
    private static Map<String, Long> byKey(List<Tally> tallies, boolean bySeries) {
        Map<String, Long> totals = new HashMap<>();
        tallies.forEach(t -> totals.merge(bySeries ? t.series() : t.key(), t.value(), Long::sum));
        return totals;
    }
}
