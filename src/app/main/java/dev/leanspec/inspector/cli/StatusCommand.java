package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.export.Json;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.LeanSpecMigration;
import dev.leanspec.inspector.persistence.migration.MigrationRow;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Orphans;
import dev.leanspec.inspector.persistence.migration.Shape;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

final class StatusCommand extends FileCommand {

    private final Arg<Boolean> json = flag("--json", "Print JSON instead of text.");

    // Not by default: counting reads every child table's parent-id index (about a second on a file
    // of 5 million log lines, far more with a cold disk), while the rest of status reads a few pages.
    private final Arg<Boolean> orphans = flag("--orphans", "Also count the rows whose session or conversation is gone (reads every log, event "
            + "and message index: slow on a big file).");

    private final List<Map<String, Object>> databases = new ArrayList<>();

    StatusCommand(LeanSpecPaths paths) {
        super(paths, "status", "Show each file's shape, version, history and pending migrations. Never writes.");
    }

    @Override
    int on(Target target) {
        try {
            MigrationService service = target.db().migrations();
            DatabaseStatus status = service.status();
            if (orphans.value() && status.shape() != Shape.UNKNOWN) {
                status = status.withOrphans(service.orphans());
            }
            Map<String, Object> row = toJson(status, target.where(), orphans.value());
            row.put("source", target.source());
            databases.add(row);
            if (!json.value()) {
                print(out(), status, target.where(), target.source());
            }
            // A file of no known shape (another kind's file, a foreign schema) is shown, but a
            // script must not take it for a LeanSpec file: exit 1.
            return status.shape() == Shape.UNKNOWN ? Cli.FAILED : 0;
        } catch (PersistenceException e) {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("kind", target.kind().chain());
            failed.put("path", target.where());
            failed.put("source", target.source());
            failed.put("error", e.getMessage());
            failed.put("reason", e.reason().name());
            databases.add(failed);
            throw e;
        }
    }

    @Override
    int finish(int code) {
        if (json.value()) {
            out().println(Json.write(Map.of("databases", databases)));
        }
        return code;
    }

    private static void print(PrintWriter out, DatabaseStatus status, String where, String source) {
        out.printf("%s  %s%n", status.kind().fileName(), where);
        if (source != null) {
            out.printf("  found:    %s%n", source);
        }
        out.printf("  shape:    %s (%s)%n", status.shape(), status.shape().writtenBy());
        if (status.note() != null) {
            out.printf("  note:     %s%n", status.note());
        }
        out.printf("  version:  %s (latest %s)%n", status.currentVersion() == null ? "none" : status.currentVersion(), status.latestVersion());
        out.printf("  pending:  %s%n", status.pending().isEmpty() ? "none" : String.join(", ", status.pending()));
        out.printf("  %s%n", status.summary());
        if (!status.compatibility().worksNow().isEmpty()) {
            out.printf("  LeanSpec: works now with %s. %s%n", String.join(", ", status.compatibility().worksNow()),
                    status.pending().isEmpty() ? "" : status.compatibility().sentence());
        }
        status.problems().forEach(problem -> out.printf("  ! %s%n", problem));
        if (!status.orphans().isEmpty()) {
            out.printf("  orphans:  %s (rows of deleted sessions or conversations; shown, never dropped)%n",
                    String.join(", ", status.orphans().stream().map(o -> o.table() + " " + o.rows()).toList()));
        }
        if (!status.leanSpecHistory().isEmpty()) {
            out.println("  LeanSpec's own history (_sqlx_migrations, left as it is):");
            out.printf("  %-8s %-34s %-16s %-20s %s%n", "VERSION", "DESCRIPTION", "SUCCESS", "INSTALLED ON", "EXECUTION TIME");
            for (LeanSpecMigration row : status.leanSpecHistory()) {
                out.printf("  %-8s %-34s %-16s %-20s %s%n", row.version(), row.description(), row.success(), row.installedOn(),
                        String.format(Locale.ROOT, "%.3f ms", row.executionTimeNanos() / 1e6));
                out.printf("           checksum %s%n", row.checksumHex());
            }
            out.println("  This project's history (Flyway):");
        }
        if (!status.migrations().isEmpty()) {
            out.printf("  %-8s %-34s %-16s %-20s %s%n", "VERSION", "DESCRIPTION", "STATE", "INSTALLED ON", "CHECKSUM");
            for (MigrationRow row : status.migrations()) {
                out.printf("  %-8s %-34s %-16s %-20s %s%n", row.version(), row.description(), row.state(),
                        row.installedOn() == null ? "" : row.installedOn().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                        row.checksum() == null ? "" : row.checksum());
            }
        }
        out.println();
    }

    static Map<String, Object> toJson(DatabaseStatus status, String where, boolean orphansCounted) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", status.kind().chain());
        json.put("path", where);
        json.put("shape", status.shape().label());
        json.put("currentVersion", status.currentVersion());
        json.put("latestVersion", status.latestVersion());
        json.put("pending", status.pending());
        json.put("summary", status.summary());
        json.put("problems", status.problems());
        List<Map<String, Object>> migrations = new ArrayList<>();
        for (MigrationRow row : status.migrations()) {
            Map<String, Object> migration = new LinkedHashMap<>();
            migration.put("version", row.version());
            migration.put("description", row.description());
            migration.put("type", row.type());
            migration.put("state", row.state());
            migration.put("installedOn", row.installedOn() == null ? null : row.installedOn().toString());
            migration.put("executionTimeMs", row.executionTimeMs());
            migration.put("checksum", row.checksum());
            migrations.add(migration);
        }
        json.put("migrations", migrations);
        json.put("writtenBy", status.shape().writtenBy());
        json.put("note", status.note());
        List<Map<String, Object>> history = new ArrayList<>();
        for (LeanSpecMigration row : status.leanSpecHistory()) {
            Map<String, Object> migration = new LinkedHashMap<>();
            migration.put("version", row.version());
            migration.put("description", row.description());
            migration.put("installedOn", row.installedOn());
            migration.put("success", row.success());
            migration.put("checksum", row.checksumHex());
            migration.put("executionTimeNanos", row.executionTimeNanos());
            history.add(migration);
        }
        json.put("leanSpecHistory", history);
        Map<String, Object> compatibility = new LinkedHashMap<>();
        compatibility.put("worksNow", status.compatibility().worksNow());
        compatibility.put("worksAfterMigrating", status.compatibility().worksAfter());
        compatibility.put("breaks", status.compatibility().breaks());
        compatibility.put("summary", status.compatibility().sentence());
        json.put("leanSpec", compatibility);
        List<Map<String, Object>> orphans = new ArrayList<>();
        for (Orphans o : status.orphans()) {
            Map<String, Object> orphan = new LinkedHashMap<>();
            orphan.put("table", o.table());
            orphan.put("parent", o.parent());
            orphan.put("rows", o.rows());
            orphan.put("missingParents", o.parents());
            orphans.add(orphan);
        }
        if (orphansCounted) {
            json.put("orphans", orphans);
        }
        return json;
    }
}
