package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.migration.DatabaseStatus;
import dev.leanspec.inspector.persistence.migration.MigrationRow;
import dev.leanspec.inspector.persistence.migration.MigrationService;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Show each file's shape, version, history and pending migrations. Never writes.")
final class StatusCommand extends FileCommand {

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    private final List<Map<String, Object>> databases = new ArrayList<>();

    StatusCommand(LeanSpecPaths paths) {
        super(paths);
    }

    @Override
    int on(Target target) {
        try {
            DatabaseStatus status = MigrationService.of(target.path(), target.kind()).status();
            databases.add(toJson(status));
            if (!json) {
                print(out(), status);
            }
            // A file of no known shape (another kind's file, a foreign schema) is shown, but a
            // script must not take it for a LeanSpec file: exit 1.
            return status.shape() == dev.leanspec.inspector.persistence.migration.Shape.UNKNOWN ? Cli.FAILED : 0;
        } catch (PersistenceException e) {
            databases.add(Map.of("kind", target.kind().chain(), "path", target.path().toAbsolutePath().toString(),
                    "error", e.getMessage(), "reason", e.reason().name()));
            throw e;
        }
    }

    @Override
    int finish(int code) {
        if (json) {
            out().println(Json.write(Map.of("databases", databases)));
        }
        return code;
    }

    private static void print(PrintWriter out, DatabaseStatus status) {
        out.printf("%s  %s%n", status.kind().fileName(), status.path());
        out.printf("  shape:    %s%n", status.shape());
        out.printf("  version:  %s (latest %s)%n", status.currentVersion() == null ? "none" : status.currentVersion(), status.latestVersion());
        out.printf("  pending:  %s%n", status.pending().isEmpty() ? "none" : String.join(", ", status.pending()));
        out.printf("  %s%n", status.summary());
        status.problems().forEach(problem -> out.printf("  ! %s%n", problem));
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

    static Map<String, Object> toJson(DatabaseStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", status.kind().chain());
        json.put("path", status.path().toString());
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
        return json;
    }
}
