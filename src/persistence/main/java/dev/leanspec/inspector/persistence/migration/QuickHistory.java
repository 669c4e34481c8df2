package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.internal.Migrations;
import dev.leanspec.inspector.persistence.internal.SchemaSnapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * A managed SQLite file's history read straight from its history table and compared with this
 * build's scripts, without starting Flyway (its ~400 classes were a third of a CLI {@code status},
 * and ~0.1 s of the window's way to an unversioned file's first rows: {@link #unapplied} lists
 * the scripts as Flyway does for a file with no history).
 * It answers only a history in order: every row a success, each script's version, description and
 * checksum as recorded, at most one baseline (first), nothing newer and no gap. Any other history
 * is left to Flyway ({@link #rows} is empty), whose validation names what is wrong. The rows are
 * the ones Flyway's {@code info} gives for such a history (a test compares the two on every chain).
 */
final class QuickHistory {

    /** One script of a chain as Flyway resolves it. */
    private record Script(int version, String description, String name, int checksum) {
    }

    /** One row of the history table. */
    private record Applied(int version, String description, String type, String script, Integer checksum, Timestamp installedOn,
                           int executionTime, boolean success) {
    }

    private static final Map<DatabaseKind, Map<Integer, Script>> SCRIPTS = new ConcurrentHashMap<>();

    private QuickHistory() {
    }

    /**
     * The history rows of a managed file, oldest version first, as Flyway's {@code info} would
     * list them; empty when the history is not one this reader answers for.
     */
    static Optional<List<MigrationRow>> rows(Connection connection, DatabaseKind kind) throws SQLException {
        List<Applied> history = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, description, type, script, checksum, installed_on, execution_time, success FROM "
                     + SchemaSnapshot.HISTORY_TABLE + " ORDER BY installed_rank")) {
            while (rows.next()) {
                String version = rows.getString(1);
                if (version == null || !version.matches("[1-9][0-9]{0,8}")) {
                    return Optional.empty();
                }
                Integer checksum = rows.getObject(5) == null ? null : rows.getInt(5);
                history.add(new Applied(Integer.parseInt(version), rows.getString(2), rows.getString(3), rows.getString(4), checksum,
                        rows.getTimestamp(6), rows.getInt(7), rows.getBoolean(8)));
            }
        }
        Map<Integer, Script> scripts = scripts(kind);
        TreeMap<Integer, MigrationRow> byVersion = new TreeMap<>();
        Integer baseline = null;
        int current = 0;
        for (Applied row : history) {
            if (!row.success() || row.version() <= current || row.installedOn() == null || row.type() == null) {
                return Optional.empty(); // failed, out of order or repeated: Flyway says which
            }
            current = row.version();
            if (row.type().equals("BASELINE") && baseline == null && byVersion.isEmpty()) {
                baseline = row.version();
                byVersion.put(row.version(), new MigrationRow(Integer.toString(row.version()), row.description(), "BASELINE",
                        "BASELINE", row.installedOn().toInstant(), row.executionTime(), null, row.script()));
                continue;
            }
            Script script = scripts.get(row.version());
            if (!row.type().equals("SQL") || script == null || !script.name().equals(row.script())
                    || !script.description().equals(row.description()) || row.checksum() == null || row.checksum() != script.checksum()) {
                return Optional.empty(); // edited, renamed, newer or unknown
            }
            byVersion.put(row.version(), new MigrationRow(Integer.toString(row.version()), row.description(), "SQL", "SUCCESS",
                    row.installedOn().toInstant(), row.executionTime(), row.checksum(), row.script()));
        }
        List<MigrationRow> rows = new ArrayList<>();
        for (Script script : scripts.values()) {
            MigrationRow applied = byVersion.get(script.version());
            String state;
            if (applied != null && !applied.type().equals("BASELINE")) {
                rows.add(applied);
                continue;
            } else if (baseline != null && script.version() < baseline) {
                state = "BELOW_BASELINE";
            } else if (baseline != null && script.version() == baseline) {
                state = "BASELINE_IGNORED";
            } else if (script.version() < current) {
                return Optional.empty(); // a version skipped: Flyway reports it as ignored
            } else {
                state = "PENDING";
            }
            rows.add(new MigrationRow(Integer.toString(script.version()), script.description(), "SQL", state, null, null,
                    script.checksum(), script.name()));
            if (applied != null) {
                rows.add(applied); // the baseline after the script it stands for
            }
        }
        if (baseline != null && !scripts.containsKey(baseline)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(rows));
    }

    /** The rows Flyway's {@code info} gives for a file with no history: every script of the chain, pending, oldest first. */
    static List<MigrationRow> unapplied(DatabaseKind kind) {
        return scripts(kind).values().stream().map(script -> new MigrationRow(Integer.toString(script.version()), script.description(),
                "SQL", "PENDING", null, null, script.checksum(), script.name())).toList();
    }

    private static Map<Integer, Script> scripts(DatabaseKind kind) {
        return SCRIPTS.computeIfAbsent(kind, k -> {
            Map<Integer, Script> scripts = new TreeMap<>();
            for (String name : Migrations.scripts(k)) {
                // V<version>__<description with underscores>.sql, as Flyway names them (validateMigrationNaming).
                int separator = name.indexOf("__");
                int version = Integer.parseInt(name.substring(1, separator));
                String description = name.substring(separator + 2, name.length() - ".sql".length()).replace('_', ' ');
                scripts.put(version, new Script(version, description, name, checksum(Migrations.script(k, name))));
            }
            return Collections.unmodifiableMap(scripts);
        });
    }

    /**
     * Flyway's checksum of a SQL script: CRC-32 of its lines' UTF-8 bytes without their line
     * endings (so CRLF and LF agree) and without a leading byte-order mark, as a signed int.
     */
    static int checksum(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }
}
