package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;

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
