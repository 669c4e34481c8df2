package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.migration.ValidationReport;

final class ValidateCommand extends FileCommand {

    ValidateCommand(LeanSpecPaths paths) {
        super(paths, "validate", "Check each file's recorded history against this build's migrations (checksums, missing or failed versions). "
                + "Never writes.");
    }

    @Override
    int on(Target target) {
        ValidationReport report = target.db().migrations().validate();
        if (report.isValid()) {
            out().printf("%s  %s: %s%n", target.kind().fileName(), target.where(), report.shape() == Shape.MANAGED
                    ? "valid" : "no history yet (" + report.shape() + "); nothing to validate");
            return 0;
        }
        err().printf("%s  %s: invalid%n", target.kind().fileName(), target.where());
        report.errors().forEach(error -> err().printf("  ! %s%n", error));
        return 1;
    }
}
