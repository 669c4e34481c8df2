package dev.leanspec.inspector.persistence.migration;

import dev.leanspec.inspector.persistence.Location;

import java.util.List;

/**
 * The result of checking a file's recorded history against this build's migrations (checksums of
 * applied scripts, missing or failed versions).
 *
 * @param location the file or PostgreSQL database
 * @param shape    its shape; only a managed file has a history to validate
 * @param errors   what does not match, one sentence each; empty when valid
 */
public record ValidationReport(Location location, Shape shape, List<String> errors) {
    /** Copies the list. */
    public ValidationReport {
        errors = List.copyOf(errors);
    }

    /** {@return whether there are no errors} */
    public boolean isValid() {
        return errors.isEmpty();
    }
}
