package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.migration.AppliedMigration;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationPlan;
import dev.leanspec.inspector.persistence.migration.MigrationReport;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.PlannedMigration;

import java.io.PrintWriter;

final class MigrateCommand extends FileCommand {

    private final Arg<Boolean> dryRun = flag("--dry-run", "Print what would run, with its SQL; write nothing.");
    private final Arg<Boolean> yes = flag("--yes", "Confirm adopting unversioned LeanSpec files.");
    private final Arg<Boolean> noBackup = flag("--no-backup", "Skip the backup (for scripts that made their own).");
    private final Arg<Boolean> force = flag("--force", "Migrate even while another program (LeanSpec) has the file open or writes to it: "
            + "that program may then fail on the new schema.");

    MigrateCommand(LeanSpecPaths paths) {
        super(paths, "migrate",
                "Bring each file to the newest version: backup first (checked), then all pending versions in one transaction.",
                "An unversioned LeanSpec file is adopted (its baseline recorded) only with --yes.");
    }

    @Override
    int on(Target target) {
        MigrationService service = target.db().migrations();
        if (dryRun.value()) {
            return printPlan(out(), err(), service.plan(), target.where());
        }
        MigrateOptions options = MigrateOptions.safe();
        options = yes.value() ? options.withAdoption() : options;
        options = noBackup.value() ? options.withoutBackup() : options;
        if (force.value()) {
            options = options.forced();
            err().println("Warning: --force migrates " + target.where() + " even if LeanSpec has it open; a LeanSpec still running "
                    + "on the old schema may fail on its next writes.");
        }
        var status = service.status();
        String compatibility = status.compatibility().sentence();
        out().printf("%s  %s%n", target.kind().fileName(), target.where());
        if (!compatibility.isEmpty() && !status.pending().isEmpty()) {
            out().printf("  LeanSpec: %s%n", compatibility);
        }
        MigrationReport report = service.migrate(options);
        print(out(), report);
        if (target.location() instanceof Location.Server server && report.changedFile()) {
            // There is no file to copy beside: PostgreSQL's backups are the DBA's.
            out().printf("  no backup made: on PostgreSQL, back up first with%n    pg_dump --schema=%s --format=custom --file=leanspec.dump \"%s\"%n%n",
                    server.url().schema(), server.url().withPassword("").withCredentials());
        }
        return 0;
    }

    private static int printPlan(PrintWriter out, PrintWriter err, MigrationPlan plan, String where) {
        var status = plan.status();
        out.printf("-- %s  %s%n-- %s%n", status.kind().fileName(), where, status.summary());
        if (!status.problems().isEmpty()) {
            status.problems().forEach(problem -> err.println(where + ": " + problem));
            return 1;
        }
        if (!status.compatibility().sentence().isEmpty()) {
            out.printf("-- LeanSpec: %s%n", status.compatibility().sentence());
        }
        if (plan.baseline() != null) {
            out.printf("-- adoption: record version %s as baseline (needs --yes)%n", plan.baseline());
        }
        for (PlannedMigration migration : plan.migrations()) {
            out.printf("%n-- version %s: %s (%s)%n%s%n", migration.version(), migration.description(), migration.script(),
                    migration.sql().strip());
        }
        out.println();
        return 0;
    }

    /** What a migration did, under its file's header line. */
    private static void print(PrintWriter out, MigrationReport report) {
        if (!report.changedFile()) {
            out.printf("  already at version %s: nothing to do%n%n", report.versionAfter());
            return;
        }
        if (report.backup() != null) {
            out.printf("  backup:   %s (checked)%n", report.backup());
        }
        if (report.baseline() != null) {
            out.printf("  adopted:  %s file, baseline version %s%n", report.shapeBefore(), report.baseline());
        }
        for (AppliedMigration migration : report.applied()) {
            out.printf("  applied:  %s %s (%d ms)%n", migration.version(), migration.description(), migration.took().toMillis());
        }
        out.printf("  now at version %s (took %d ms)%n%n", report.versionAfter(), report.took().toMillis());
    }
}
