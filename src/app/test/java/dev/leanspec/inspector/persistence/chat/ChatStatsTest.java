package dev.leanspec.inspector.persistence.chat;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;
import dev.leanspec.inspector.persistence.Tally;
import dev.leanspec.inspector.testing.RealFixtures;
import dev.leanspec.inspector.testing.Sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat dashboard's figures on files LeanSpec wrote, checked against plain SQL. */
class ChatStatsTest {

    @TempDir
    Path dir;

    @Test
    void messagesPerDayModelAndProjectMatchPlainSql() throws Exception {
        for (String fixture : List.of("leanspec-0.2.24/chat.db", "leanspec-0.2.28/leanspec.db")) {
            Path file = RealFixtures.copy(fixture, dir.resolve(fixture.replace('/', '-')));
            try (ChatStore store = ChatStore.openReadOnly(Location.of(file)); Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                ChatStats stats = store.stats();
                assertThat(stats.messages()).as(fixture).isEqualTo(Sql.count(db, "SELECT count(*) FROM messages")).isPositive();
                assertThat(stats.conversations()).isEqualTo(Sql.count(db, "SELECT count(*) FROM conversations"));
                assertThat(stats.perPeriod().stream().collect(java.util.stream.Collectors.toMap(Tally::key, Tally::value)))
                        .isEqualTo(Sql.grouped(db, "SELECT date(timestamp / 1000, 'unixepoch'), count(*) FROM messages GROUP BY 1"));
                assertThat(stats.perPeriod()).allSatisfy(t -> assertThat(t.key()).matches("\\d{4}-\\d{2}-\\d{2}"));
                assertThat(stats.byModel().stream().mapToLong(Tally::value).sum()).isEqualTo(stats.messages());
                assertThat(stats.byModel()).allSatisfy(t -> assertThat(t.key()).matches(".+ / .+|\\(not recorded\\)"));
                assertThat(stats.projects().getFirst().value())
                        .isEqualTo(Sql.count(db, "SELECT max(n) FROM (SELECT count(*) AS n FROM messages GROUP BY project_id)"));
            }
        }
    }

    @Test
    void messagesOverMoreThanMaxDaysAreCountedPerWeekNamedByItsMonday() throws Exception {
        // Conversations over a year: past ChatStats.MAX_DAYS days the dashboard counts weeks.
        Path file = GeneratedDatabases.write(dir.resolve("year"), new Volumes(1, 0, 0, 300, 3_000), 5, line -> { }).chat();
        try (ChatStore store = ChatStore.openReadOnly(Location.of(file)); Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            ChatStats stats = store.stats();
            assertThat(stats.period()).isEqualTo("week");
            assertThat(stats.perPeriod().stream().collect(java.util.stream.Collectors.toMap(Tally::key, Tally::value)))
                    .isEqualTo(Sql.grouped(db, "SELECT date(((timestamp / 86400000 + 3) / 7 * 7 - 3) * 86400, 'unixepoch'), count(*)"
                            + " FROM messages GROUP BY 1"));
            assertThat(stats.perPeriod()).hasSizeBetween(50, 54)
                    .allSatisfy(t -> assertThat(java.time.LocalDate.parse(t.key()).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY));
            assertThat(stats.perPeriod().stream().mapToLong(Tally::value).sum()).isEqualTo(3_000);
        }
    }
}
