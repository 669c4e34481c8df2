package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.export.Json;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.doctor.Doctor;
import dev.leanspec.inspector.persistence.doctor.Finding;
import dev.leanspec.inspector.persistence.doctor.Repair;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor}: what LeanSpec's releases left broken in the user's files, found read-only,
 * each with its file, rows, why, and what a repair would do. Exit 0 when nothing needs acting
 * on, 3 when something does (as linters do); notes alone (worth knowing) leave it 0.
 */
final class DoctorCommand extends Command {

    /** The exit code when something was found. */
    static final int FOUND = 3;

    private final LeanSpecPaths paths;
    private final Targets targets = new Targets(this);
    private final Arg<Boolean> repair = flag("--repair", "Say what a repair would change (with --yes, change it): stuck sessions "
            + "closed as LeanSpec's own cleanup would have, chats and sessions never imported merged into leanspec.db (the source "
            + "renamed .migrated), orphan rows deleted with --delete-orphans; a checked backup first.");
    private final Arg<Boolean> deleteOrphans = flag("--delete-orphans", "With --repair: also delete orphan rows (logs, events, "
            + "messages … whose session or conversation is gone), after saving every one to a JSON file beside the backup.");
    private final Arg<Boolean> yes = flag("--yes", "With --repair: repair.");
    private final Arg<Boolean> force = flag("--force", "With --repair: go on even while another program has the file open.");
    private final Arg<Boolean> json = flag("--json", "Print {\"findings\": [{\"code\", \"severity\", \"file\", \"count\", \"ids\", \"message\", "
            + "\"repair\"}]}.");

    DoctorCommand(LeanSpecPaths paths) {
        super("doctor", "Find what LeanSpec left broken in its files: sessions stuck in running, chats and sessions never imported, "
                        + "runners it no longer sees, a file named (postgres), orphan rows. Reads only; exit 3 when something is found.",
                "Without --db: every file LeanSpec's own lookup finds, and (postgres) files in the home folder, this folder and "
                        + "every project folder of ~/.lean-spec/projects.json.");
        this.paths = paths;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        List<String> notes = new ArrayList<>();
        List<Doctor.Examined> files = new ArrayList<>();
        for (Target target : targets.resolve(paths, notes)) {
            files.add(new Doctor.Examined(target.location(), target.kind()));
        }
        if (!targets.named()) {
            notes.stream().filter(note -> !note.startsWith("No LeanSpec file")).forEach(err::println);
        }
        Doctor doctor = Doctor.of(paths, Path.of("").toAbsolutePath());
        List<Finding> findings = doctor.examine(files, file -> { });
        if (deleteOrphans.value() && !repair.value()) {
            throw usage("--delete-orphans goes with --repair (doctor --repair --delete-orphans --yes)");
        }
        if (repair.value()) {
            if (json.value()) {
                throw usage("--repair prints for people; run it without --json, then doctor --json to see what is left");
            }
            if (!repairs(findings, files, out)) {
                return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.WARNING) ? FOUND : 0;
            }
            // A merged source was renamed .migrated, as LeanSpec does: it is examined under its new name.
            files = files.stream().map(DoctorCommand::renamed).toList();
            findings = doctor.examine(files, file -> { });
            out.println();
        }
        boolean found = findings.stream().anyMatch(f -> f.severity() == Finding.Severity.WARNING);
        if (json.value()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Finding f : findings) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("code", f.code());
                row.put("severity", f.severity().value());
                row.put("file", f.file());
                row.put("count", f.count());
                row.put("ids", f.ids());
                row.put("message", f.message());
                row.put("repair", f.repair());
                if (f.query() != null) {
                    row.put("query", f.query()); // its rows, where no id names them (orphan rows)
                }
                rows.add(row);
            }
            out.println(Json.write(Map.of("findings", rows)));
            return found ? FOUND : 0;
        }
        for (Finding f : findings) {
            out.printf("%-7s  %s  %s%n", f.severity().value(), f.code(), f.file());
            out.printf("  %s%n", f.message());
            if (!f.ids().isEmpty()) {
                out.printf("  %s: %s%s%n", f.ids().size() == 1 ? "id" : "ids", String.join(", ", f.ids()),
                        f.count() > f.ids().size() ? String.format(" (and %,d more)", f.count() - f.ids().size()) : "");
            }
            if (f.query() != null) {
                out.printf("  rows: %s%n", f.query());
            }
            out.printf("  → %s%n%n", f.repair());
        }
        long warnings = findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
        long noted = findings.size() - warnings;
        String in = files.size() + (files.size() == 1 ? " file" : " files");
        if (warnings == 0) {
            out.printf("Nothing to repair in %s%s.%n", in, noted == 0 ? "" : " (" + noted + (noted == 1 ? " note" : " notes") + " above)");
        } else {
            out.printf("%d %s and %d %s in %s.%n", warnings, warnings == 1 ? "finding to act on" : "findings to act on", noted,
                    noted == 1 ? "note" : "notes", in);
        }
        return found ? FOUND : 0;
    }

    private static Doctor.Examined renamed(Doctor.Examined file) {
        if (file.location() instanceof Location.File(Path path) && !Files.exists(path)) {
            Path migrated = path.resolveSibling(path.getFileName() + ".migrated");
            if (Files.exists(migrated)) {
                return new Doctor.Examined(new Location.File(migrated), file.kind());
            }
        }
        return file;
    }

    /**
     * Makes the repairs this version makes (stuck sessions; chats and sessions never imported,
     * merged into the leanspec.db examined with them; orphan rows when asked), or with no --yes
     * says what they would change; the other warnings say what to do. {@return whether it repaired}
     */
    private boolean repairs(List<Finding> findings, List<Doctor.Examined> files, PrintWriter out) {
        List<Repair.Planned> planned = Repair.plan(findings, files, deleteOrphans.value());
        for (Finding f : findings) {
            if (f.severity() == Finding.Severity.WARNING && planned.stream().noneMatch(p -> p.covers(f))) {
                // Orphans wait for --delete-orphans; the rest are for the user, as their text says.
                out.printf("%s  %s  %s: %s%n", f.code().equals("orphan-rows") ? "kept   " : "by hand", f.code(), f.file(), f.repair());
            }
        }
        for (Repair.Planned p : planned) {
            out.printf("%s  %s: %s%n", yes.value() ? "repair " : "would  ", p.file(), p.change());
        }
        if (!yes.value()) {
            boolean orphansKept = !deleteOrphans.value() && findings.stream().anyMatch(f -> f.code().equals("orphan-rows"));
            out.println(!planned.isEmpty() ? "Nothing was changed: add --yes to repair."
                    : orphansKept ? "Nothing else this version repairs; orphan rows go only with --delete-orphans." : "Nothing this version repairs.");
            return false;
        }
        for (Repair.Planned p : planned) {
            Repair done = p.run(Clock.systemUTC(), force.value());
            String what = switch (done.code()) {
                case "stuck-session" -> "closed " + done.ids().size() + (done.ids().size() == 1 ? " session" : " sessions");
                case "orphan-rows" -> "deleted the orphan rows of " + String.join(", ", done.ids()) + ", every one saved in " + done.exported();
                default -> "merged " + p.file() + ", renamed .migrated";
            };
            out.printf("repaired %s: %s (backup, checked: %s)%n", done.file(), what, done.backup());
        }
        return !planned.isEmpty();
    }
}
