package dev.leanspec.inspector.persistence.migration;

import java.util.List;

import org.junit.jupiter.params.provider.MethodSource;

import dev.leanspec.inspector.testing.LegacyFiles;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code status} of a managed file read without Flyway must be the status Flyway gives: on every
 * chain, migrated from scratch, part-way, and adopted from LeanSpec's own files; and a history
 * it does not answer for (edited, failed, newer) still gets Flyway's findings.
 */
class QuickHistoryTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void checksumsAreFlywaysForEveryScript(DatabaseKind kind) throws Exception {
        Path file = dir.resolve(kind.fileName());
        SqliteFiles.closeQuietly(SqliteFiles.openWriter(file, true));
        for (MigrationInfo migration : Migrations.flyway(kind, SqliteFiles.readOnlyDataSource(file)).load().info().all()) {
            assertThat(QuickHistory.checksum(Migrations.script(kind, migration.getScript())))
                    .as(migration.getScript()).isEqualTo(migration.getChecksum());
        }
        assertThat(QuickHistory.checksum("a\r\nb\n")).isEqualTo(QuickHistory.checksum("\uFEFFa\nb"));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFileMigratedFromScratchOrPartWayHasFlywaysStatus(DatabaseKind kind) throws Exception {
        Path full = dir.resolve("full-" + kind.fileName());
        SqliteFiles.closeQuietly(SqliteFiles.openWriter(full, true));
        MigrationService.of(Location.of(full), kind).migrate(MigrateOptions.safe());
        assertSameAsFlyway(full, kind, true);

        Path partWay = dir.resolve("part-" + kind.fileName());
        SqliteFiles.closeQuietly(SqliteFiles.openWriter(partWay, true));
        Migrations.flyway(kind, SqliteFiles.writerDataSource(partWay)).target("1").load().migrate();
        DatabaseStatus status = assertSameAsFlyway(partWay, kind, Migrations.latest(kind) > 1);
        assertThat(status.currentVersion()).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"leanspec-0.2.24/sessions.db", "leanspec-0.2.24/chat.db", "leanspec-0.2.28/leanspec.db"})
    void leanSpecsOwnFilesAdoptedAndMigratedHaveFlywaysStatus(String fixture) throws Exception {
        Path file = RealFixtures.copy(fixture, dir);
        DatabaseKind kind = MigrationService.detectKind(file).orElseThrow();
        MigrationService.of(Location.of(file), kind).migrate(MigrateOptions.safe().withAdoption().withoutBackup());

        DatabaseStatus status = assertSameAsFlyway(file, kind, true);
        assertThat(status.migrations()).extracting(MigrationRow::type).contains("BASELINE");
    }

    @Test
    void anEditedOrFailedHistoryIsLeftToFlywayAndReported() throws Exception {
        Path file = dir.resolve("sessions.db");
        SqliteFiles.closeQuietly(SqliteFiles.openWriter(file, true));
        MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).migrate(MigrateOptions.safe());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = db.createStatement()) {
            statement.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
        }
        try (Connection connection = SqliteFiles.openReadOnly(file)) {
            assertThat(QuickHistory.rows(connection, DatabaseKind.SESSIONS)).isEmpty();
        }
        DatabaseStatus edited = MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status();
        assertThat(edited).isEqualTo(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).statusThroughFlyway());
        assertThat(edited.problems()).anyMatch(p -> p.contains("version 2") && p.toLowerCase().contains("checksum"));

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = db.createStatement()) {
            statement.execute("UPDATE flyway_schema_history SET checksum = checksum - 1 WHERE version = '2'");
            statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                    + " execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 1, '', 1, 1)");
        }
        DatabaseStatus newer = MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).status();
        assertThat(newer).isEqualTo(MigrationService.of(Location.of(file), DatabaseKind.SESSIONS).statusThroughFlyway());
        assertThat(newer.shape()).isEqualTo(Shape.NEWER);
    }

    /**
     * An unversioned file (every real file LeanSpec wrote, and each legacy shape made here) gets,
     * without Flyway, the status Flyway's list gives: its pending versions and rows, equal.
     */
    @ParameterizedTest
    @MethodSource("dev.leanspec.inspector.testing.RealFixtures#all")
    void anUnversionedFileHasFlywaysStatusWithoutFlyway(String fixture) throws Exception {
        Path file = RealFixtures.copy(fixture, dir);
        DatabaseKind kind = MigrationService.detectKind(file).orElseThrow();
        DatabaseStatus quick = MigrationService.of(Location.of(file), kind).status();
        assertThat(quick.shape().isLegacy()).as(fixture + " is unversioned").isTrue();
        assertThat(quick).isEqualTo(MigrationService.of(Location.of(file), kind).statusThroughFlyway());
        assertThat(quick.pending()).isNotEmpty();
    }

    @Test
    void everyLegacyShapeHasFlywaysStatusWithoutFlyway() throws Exception {
        for (Path file : List.of(LegacyFiles.toolEra(dir.resolve("tool.db")), LegacyFiles.runnerEra(dir.resolve("runner.db")),
                LegacyFiles.jan20(dir.resolve("jan20.db")), LegacyFiles.chatV1(dir.resolve("chatv1.db")))) {
            DatabaseKind kind = MigrationService.detectKind(file).orElseThrow();
            DatabaseStatus quick = MigrationService.of(Location.of(file), kind).status();
            assertThat(quick.shape().isLegacy()).as(file.getFileName().toString()).isTrue();
            assertThat(quick).as(file.getFileName().toString()).isEqualTo(MigrationService.of(Location.of(file), kind).statusThroughFlyway());
        }
    }

    private static DatabaseStatus assertSameAsFlyway(Path file, DatabaseKind kind, boolean expectRows) throws Exception {
        DatabaseStatus quick = MigrationService.of(Location.of(file), kind).status();
        DatabaseStatus flyway = MigrationService.of(Location.of(file), kind).statusThroughFlyway();
        try (Connection connection = SqliteFiles.openReadOnly(file)) {
            assertThat(QuickHistory.rows(connection, kind)).as("read without Flyway").hasValue(flyway.migrations());
        }
        assertThat(quick.shape()).isEqualTo(Shape.MANAGED);
        assertThat(quick).isEqualTo(flyway);
        assertThat(quick.migrations()).hasSizeGreaterThanOrEqualTo(expectRows ? 1 : 0);
        return quick;
    }
}
