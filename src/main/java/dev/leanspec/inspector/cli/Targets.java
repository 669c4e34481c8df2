package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.PersistenceException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * The {@code --sessions} and {@code --chat} options every command shares, and what they resolve
 * to: the files named, or, when none is named, those found at LeanSpec's default locations.
 */
final class Targets {

    /** A file to work on; {@code named} tells whether the user gave it (a missing named file is an error). */
    record Target(DatabaseKind kind, Path path, boolean named) {
    }

    @Option(names = "--sessions", paramLabel = "PATH", description = "A sessions.db (default: ~/.lean-spec/sessions.db).")
    Path sessions;

    @Option(names = "--chat", paramLabel = "PATH", description = "A chat.db (default: LeanSpec's data folder, e.g. ~/.local/share/lean-spec/chat.db).")
    Path chat;

    /** What a command does with one file: returns its exit code (0 or 1), or throws. */
    interface Work {
        int on(Target target);
    }

    /**
     * Runs {@code work} on every file to work on and returns the command's exit code: 1 when any
     * file failed (its message printed on {@code err}, naming it) or when no file was found.
     */
    int forEach(LeanSpecPaths paths, PrintWriter err, Work work) {
        List<String> notFound = new ArrayList<>();
        List<Target> files = resolve(paths, notFound);
        notFound.forEach(err::println);
        int code = files.isEmpty() ? 1 : 0;
        for (Target target : files) {
            try {
                code = Math.max(code, work.on(target));
            } catch (PersistenceException e) {
                err.println(e.getMessage());
                code = 1;
            }
        }
        return code;
    }

    /** The files to work on; defaults that do not exist are left out and listed in {@code notFound}. */
    List<Target> resolve(LeanSpecPaths paths, List<String> notFound) {
        List<Target> targets = new ArrayList<>();
        if (sessions != null || chat != null) {
            if (sessions != null) {
                targets.add(new Target(DatabaseKind.SESSIONS, sessions, true));
            }
            if (chat != null) {
                targets.add(new Target(DatabaseKind.CHAT, chat, true));
            }
            return targets;
        }
        for (DatabaseKind kind : DatabaseKind.values()) {
            paths.find(kind).ifPresentOrElse(
                    path -> targets.add(new Target(kind, path, false)),
                    () -> notFound.add("No " + kind.fileName() + " at LeanSpec's default locations ("
                            + String.join(", ", paths.candidates(kind).stream().map(Path::toString).toList())
                            + "); name one with --" + kind.chain() + "."));
        }
        return targets;
    }
}
