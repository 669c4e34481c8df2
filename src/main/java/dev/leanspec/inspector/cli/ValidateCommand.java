package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.migration.ValidationReport;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", description = "Check each file's recorded history against this build's migrations (checksums, missing or failed versions). Never writes.")
final class ValidateCommand implements Callable<Integer> {

    private final LeanSpecPaths paths;

    @Mixin
    Targets targets;

    @Spec
    CommandSpec spec;

    ValidateCommand(LeanSpecPaths paths) {
        this.paths = paths;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return targets.forEach(paths, err, target -> {
            ValidationReport report = MigrationService.of(target.path(), target.kind()).validate();
            if (report.isValid()) {
                out.printf("%s  %s: %s%n", target.kind().fileName(), report.path(), report.shape() == Shape.MANAGED
                        ? "valid" : "no history yet (" + report.shape() + "); nothing to validate");
                return 0;
            }
            err.printf("%s  %s: invalid%n", target.kind().fileName(), report.path());
            report.errors().forEach(error -> err.printf("  ! %s%n", error));
            return 1;
        });
    }
}
