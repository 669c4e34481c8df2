package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.PostgresCopy;
import dev.leanspec.inspector.persistence.migration.Orphans;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code copy}: a team member's LeanSpec files into the team's PostgreSQL database. */
@Command(name = "copy", description = {
        "Copy a leanspec.db, or a sessions.db and/or chat.db (any shape), into a PostgreSQL database at the newest version.",
        "Every table is checked (row count and a checksum of every value) before one commit; a failure leaves the target as it was.",
        "The target schema must be empty (or hold this build's newest tables with no rows); the files are only read."})
final class CopyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "PATH", description = "A leanspec.db, or a sessions.db and/or a chat.db. Repeatable.")
    List<Path> from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "postgres://user:pass@host:5432/db[?schema=name] or a jdbc:postgresql: URL.")
    String to;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PostgresCopy.Report report = PostgresCopy.of(from, PostgresUrl.parse(to)).run();
        out.printf("PostgreSQL  %s%n", report.target());
        from.forEach(file -> out.printf("  from:     %s%n", file.toAbsolutePath().normalize()));
        for (PostgresCopy.TableCopy table : report.tables()) {
            out.printf("  %-17s %,d rows%n", table.table() + ":", table.rows());
        }
        if (!report.leftOut().isEmpty()) {
            out.printf("  left out: %s (orphans: their session or conversation is gone, and PostgreSQL's foreign keys refuse them)%n",
                    String.join(", ", report.leftOut().stream().map((Orphans o) -> String.format("%,d in %s", o.rows(), o.table())).toList()));
        }
        out.println("  checked:  every table's row count and a checksum of every value, equal to the files'");
        out.printf("  done in %d ms. Point LeanSpec's databaseUrl at it, or browse it: leanspec-inspector list sessions --db URL%n%n",
                report.took().toMillis());
        return 0;
    }
}
