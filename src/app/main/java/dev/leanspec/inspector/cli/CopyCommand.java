package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Model.OptionSpec;

/** {@code copy}: a team member's LeanSpec files into the team's PostgreSQL database. */
final class CopyCommand extends Command {

    private final Arg<List<Path>> from = add(OptionSpec.builder("--from").required(true).paramLabel("PATH").type(List.class).auxiliaryTypes(Path.class)
            .description("A leanspec.db, or a sessions.db and/or a chat.db. Repeatable."));
    private final Arg<String> to = add(OptionSpec.builder("--to").required(true).paramLabel("URL").type(String.class)
            .description("postgres://user:pass@host:5432/db[?schema=name] or a jdbc:postgresql: URL."));
    private final Arg<Boolean> merge = flag("--merge", "Add to a schema that already holds rows: what it lacks is added, nothing there is overwritten.",
            "Sessions, conversations and runners it has already are skipped (those that differ are named); "
                    + "added logs, events and messages get new ids.");

    CopyCommand() {
        super("copy",
                "Copy a leanspec.db, or a sessions.db and/or chat.db (any shape), into a PostgreSQL database at the newest version.",
                "Every table is checked (row count and a checksum of every value) before one commit; a failure leaves the target as it was.",
                "The target schema must be empty (or hold this build's newest tables with no rows), unless --merge; the files are only read.");
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        ConsolidateOptions options = merge.value() ? ConsolidateOptions.safe().withMerge() : ConsolidateOptions.safe();
        ConsolidationReport report = Consolidation.of(from.value(), Location.of(PostgresUrl.parse(to.value()))).run(options);
        out.printf("PostgreSQL  %s%n", report.target().where());
        from.value().forEach(file -> out.printf("  from:     %s%n", file.toAbsolutePath().normalize()));
        report.summary().forEach(line -> out.println("  " + line));
        // Not "point LeanSpec at it": no LeanSpec release reads PostgreSQL (0.2.28 makes a databaseUrl a SQLite file name).
        out.printf("  done in %d ms. Browse it: leanspec-inspector list sessions --db URL, or File ▸ Connect to PostgreSQL… in the window%n%n",
                report.took().toMillis());
        return 0;
    }
}
