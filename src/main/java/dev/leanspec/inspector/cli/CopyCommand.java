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
        "The target schema must be empty (or hold this build's newest tables with no rows), unless --merge; the files are only read."})
final class CopyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "PATH", description = "A leanspec.db, or a sessions.db and/or a chat.db. Repeatable.")
    List<Path> from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "postgres://user:pass@host:5432/db[?schema=name] or a jdbc:postgresql: URL.")
    String to;

    @Option(names = "--merge", description = {"Add to a schema that already holds rows: what it lacks is added, nothing there is overwritten.",
            "Sessions, conversations and runners it has already are skipped (those that differ are named); "
                    + "added logs, events and messages get new ids."})
    boolean merge;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PostgresCopy copy = PostgresCopy.of(from, PostgresUrl.parse(to));
        PostgresCopy.Report report = (merge ? copy.merging() : copy).run();
        out.printf("PostgreSQL  %s%n", report.target());
        from.forEach(file -> out.printf("  from:     %s%n", file.toAbsolutePath().normalize()));
        for (PostgresCopy.TableCopy table : report.tables()) {
            out.printf("  %-17s %,d rows%s%n", table.table() + ":", table.rows(), merge ? " added" : "");
        }
        for (PostgresCopy.Kept kept : report.kept()) {
            if (kept.identical() > 0) {
                out.printf("  already there: %,d in %s (identical, skipped with what belongs to them)%n", kept.identical(), kept.table());
            }
            if (kept.differing() > 0) {
                out.printf("  kept as they are: %,d in %s differ from the files' and were not overwritten: %s%s%n", kept.differing(),
                        kept.table(), String.join(", ", kept.named()), kept.differing() > kept.named().size() ? ", …" : "");
            }
        }
        for (PostgresCopy.Renamed renamed : report.renamed()) {
            out.printf("  new ids:  %,d in %s, whose id the database already used for another conversation's: %s%s%n", renamed.rows(),
                    renamed.table(), String.join(", ", renamed.named()), renamed.rows() > renamed.named().size() ? ", …" : "");
        }
        if (!report.leftOut().isEmpty()) {
            out.printf("  left out: %s (orphans: their session or conversation is gone, and PostgreSQL's foreign keys refuse them)%n",
                    String.join(", ", report.leftOut().stream().map((Orphans o) -> String.format("%,d in %s", o.rows(), o.table())).toList()));
        }
        out.println(merge ? "  checked:  every table's added rows (count and a checksum of every value but new ids), equal to the files'"
                : "  checked:  every table's row count and a checksum of every value, equal to the files'");
        out.printf("  done in %d ms. Point LeanSpec's databaseUrl at it, or browse it: leanspec-inspector list sessions --db URL%n%n",
                report.took().toMillis());
        return 0;
    }
}
