package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.export.Archive;
import dev.leanspec.inspector.export.Redaction;
import dev.leanspec.inspector.persistence.LeanSpecPaths;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code archive --to DIR}: the whole history as a folder any browser opens, offline (the window's
 * File ▸ Archive… is the same call). A second run brings it up to date.
 */
final class ArchiveCommand extends Command {

    private final LeanSpecPaths paths;
    private final Targets targets = new Targets(this);
    private final Arg<Path> to = add(picocli.CommandLine.Model.OptionSpec.builder("--to").paramLabel("DIR").type(Path.class).required(true)
            .description("The folder to write: new, empty, or one archived into before (brought up to date)."));
    private final Arg<String> project = option("--project", "PATH", String.class, "Only this project's sessions and conversations.");
    private final Arg<Boolean> redact = flag("--redact", "Take API keys, tokens, private keys and password= values out of everything "
            + "written (gitleaks' rules), and write the home folder as ~; prints how many of each.");
    private final Arg<String> since = option("--since", "DATE", String.class,
            "Only sessions started and conversations updated on or after this day (2026-09-01) or instant (2026-09-01T12:00:00Z).");

    ArchiveCommand(LeanSpecPaths paths) {
        super("archive", "Write every session and conversation as pages any browser opens, offline, with an index, their Markdown and JSON.",
                "Files never change. The folder is written beside, then moved into place: a stopped run leaves the previous archive whole.");
        this.paths = paths;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        Instant from = since();
        List<String> notes = new ArrayList<>();
        List<Archive.Source> sources = new ArrayList<>();
        for (Target target : targets.resolve(paths, notes)) {
            if (target.kind().hasSessions() || target.kind().hasConversations()) {
                sources.add(new Archive.Source(target.location(), target.kind()));
            }
        }
        if (sources.isEmpty()) {
            notes.forEach(err::println);
            err.println("No LeanSpec file to archive; name one with --db.");
            return Cli.FAILED;
        }
        Redaction redaction = redact.value() ? Redaction.of(paths.home()) : null;
        Archive.Result result = Archive.write(new Archive.Options(sources, project.value(), from, redaction), to.value(), (done, total) -> { },
                () -> false);
        out.printf("Archived %s from %d %s into %s. %s%n", Archive.counts(result.sessions(), result.conversations()), sources.size(),
                sources.size() == 1 ? "file" : "files", to.value().toAbsolutePath().normalize(), result.changes());
        if (redaction != null && !result.unchanged()) {
            out.printf("Redacted: %s.%n", redaction.summary());
        }
        out.printf("Open %s in a browser.%n", result.index());
        return 0;
    }

    private Instant since() {
        String text = since.value();
        if (text == null) {
            return null;
        }
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw usage("--since " + text + ": give a day (2026-09-01) or an instant (2026-09-01T12:00:00Z)");
        }
    }
}
