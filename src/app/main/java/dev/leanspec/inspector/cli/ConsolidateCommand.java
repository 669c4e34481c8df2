package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationPlan;
import dev.leanspec.inspector.persistence.consolidate.ConsolidationReport;
import dev.leanspec.inspector.persistence.migration.Orphans;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code consolidate}: the upgrade from sessions.db + chat.db to the leanspec.db of LeanSpec 0.2.28. */
final class ConsolidateCommand extends Command {

    private final LeanSpecPaths paths;
    private final Targets targets = new Targets(this);
    private final Arg<Path> to = option("--to", "PATH", Path.class,
            "The leanspec.db to write (default: LeanSpec's, ~/.lean-spec/leanspec.db or $LEANSPEC_DATA_DIR/leanspec.db).");
    private final Arg<Boolean> dryRun = flag("--dry-run", "Print what would be carried over; write nothing.");
    private final Arg<Boolean> merge = flag("--merge", "Write into a target that already holds rows (rows with the same id must be identical).");
    private final Arg<Boolean> renameSources = flag("--rename-sources", "Afterwards rename the sources to *.db.migrated, as LeanSpec does, "
            + "so that LeanSpec 0.2.28 does not import them again.");
    private final Arg<Boolean> force = flag("--force", "Go on even while LeanSpec has a source or the target open.");

    ConsolidateCommand(LeanSpecPaths paths) {
        super("consolidate",
                "Write the sessions.db and chat.db files (any shape) into one leanspec.db that LeanSpec 0.2.28 starts on.",
                "Sources are never changed (unless --rename-sources); the target is written beside, checked, then moved into place.");
        this.paths = paths;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        List<String> notes = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        for (Target target : targets.resolve(paths, notes)) {
            // By default: the files LeanSpec 0.2.20-0.2.24 wrote, not leanspec.db files or leftovers.
            if (target.location() instanceof Location.File file && (target.named()
                    || (target.kind() != DatabaseKind.LEANSPEC && !file.path().toString().endsWith(".db.migrated")))) {
                sources.add(file.path());
            }
        }
        if (sources.isEmpty()) {
            notes.forEach(err::println);
            err.println("No sessions.db or chat.db to consolidate; name them with --sessions and --chat (or --db).");
            return Cli.FAILED;
        }
        Path target = to.value() != null ? to.value() : paths.configDir().resolve("leanspec.db");
        Consolidation consolidation = Consolidation.of(sources, Location.of(target));
        ConsolidateOptions options = new ConsolidateOptions(merge.value(), renameSources.value(), force.value());
        if (force.value()) {
            err.println("Warning: --force consolidates even if LeanSpec has the files open.");
        }
        if (dryRun.value()) {
            ConsolidationPlan plan = consolidation.plan(options);
            print(out, plan);
            plan.problems().forEach(problem -> err.println(target + ": " + problem));
            return plan.canRun() ? 0 : Cli.FAILED;
        }
        print(out, consolidation.run(options));
        return 0;
    }

    private static void print(PrintWriter out, ConsolidationPlan plan) {
        out.printf("leanspec.db  %s (%s)%n", plan.target().where(), switch (plan.targetState()) {
            case MISSING -> "new";
            case EMPTY -> "exists without a row (as LeanSpec's failed import leaves it): replaced";
            case HAS_ROWS -> "holds rows: merged into";
        });
        for (ConsolidationPlan.Source source : plan.sources()) {
            out.printf("  from:     %s (%s, %s)%n", source.path(), source.kind() == null ? "?" : source.kind().fileName(),
                    source.shape().label());
        }
        plan.rows().forEach((table, rows) -> out.printf("  %-17s %,d rows%n", table + ":", rows));
        printOrphans(out, plan.orphans());
        out.println("  (dry run: nothing was written)");
        out.println();
    }

    private static void print(PrintWriter out, ConsolidationReport report) {
        out.printf("leanspec.db  %s%n", report.target().where());
        report.summary().forEach(line -> out.println("  " + line));
        out.printf("  done in %d ms. LeanSpec 0.2.28 starts on it as it is.%n", report.took().toMillis());
        if (report.renamedSources().isEmpty()) {
            out.println("  The sources were left as they are: LeanSpec 0.2.25+ tries to import a ~/.lean-spec/sessions.db or chat.db "
                    + "at every start (and 0.2.28 may then exit); rename them (--rename-sources) once you are done.");
        }
        out.println();
    }

    private static void printOrphans(PrintWriter out, List<Orphans> orphans) {
        if (!orphans.isEmpty()) {
            out.printf("  orphans:  %s (carried over, never dropped)%n",
                    String.join(", ", orphans.stream().map(o -> String.format("%,d in %s", o.rows(), o.table())).toList()));
        }
    }
}
