package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.persistence.DatabaseInfo;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecDatabase;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.migration.MigrationService;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
/**
 * The {@code --db}, {@code --sessions} and {@code --chat} options every command shares, and what
 * they resolve to: the files named, or, when none is named, every file found at LeanSpec's
 * default locations. A file's kind comes from its schema ({@code --db}, defaults) or from the
 * option that named it ({@code --sessions}, {@code --chat}: a file of the other kind is then
 * reported as such).
 */
final class Targets {

    /**
     * A file to work on; {@code named} tells whether the user gave it (a missing named file is an
     * error); {@code source} says where a default one was found, or null.
     */
    record Target(DatabaseKind kind, Location location, boolean named, String source) {
        Target(DatabaseKind kind, Path path, boolean named) {
            this(kind, new Location.File(path), named, null);
        }

        Target(DatabaseKind kind, Path path, boolean named, String source) {
            this(kind, new Location.File(path), named, source);
        }

        /** A PostgreSQL database: it holds the leanspec chain's tables (what LeanSpec's databaseUrl holds). */
        static Target of(PostgresUrl url, boolean named, String source) {
            return new Target(DatabaseKind.LEANSPEC, new Location.Server(url), named, source);
        }

        /** {@return the file's absolute path, or the URL without its password} */
        String where() {
            return location.where();
        }

        /** {@return the database, of the kind its option or its tables said} */
        LeanSpecDatabase db() {
            return LeanSpecDatabase.at(location, kind);
        }
    }

    private final Command.Arg<List<String>> dbs;
    private final Command.Arg<Path> sessions;
    private final Command.Arg<Path> chat;

    /** Adds the three options to {@code command}. */
    Targets(Command command) {
        dbs = command.repeatable("--db", "PATH|URL", String.class, null, "A LeanSpec file of any kind (leanspec.db, sessions.db, chat.db, "
                + "*.db.migrated; its kind comes from its schema), or a PostgreSQL database: postgres://user:pass@host:5432/db[?schema=name] "
                + "or a jdbc:postgresql: URL. Repeatable.");
        sessions = command.option("--sessions", "PATH", Path.class, "A sessions.db (default: ~/.lean-spec/sessions.db).");
        chat = command.option("--chat", "PATH", Path.class, "A chat.db (default: LeanSpec's data folder, e.g. ~/.local/share/lean-spec/chat.db).");
    }

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
        for (Target target : files) {
            if (target.location() instanceof Location.File file && DatabaseInfo.readAsSnapshot(file.path())) {
                err.println(target.where() + ": its folder cannot be written, so it is read as it is on disk (a snapshot: no program "
                        + "has it open and its log is empty).");
            }
        }
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

    /** Whether the user named any file. */
    boolean named() {
        return !dbs.value().isEmpty() || sessions.value() != null || chat.value() != null;
    }

    /** The files to work on; when none is named, what the default lookup found (and its notes in {@code notFound}). */
    List<Target> resolve(LeanSpecPaths paths, List<String> notFound) {
        List<Target> targets = new ArrayList<>();
        if (named()) {
            for (String db : dbs.value()) {
                if (PostgresUrl.isUrl(db)) {
                    targets.add(Target.of(PostgresUrl.parse(db), true, null));
                } else {
                    Path file = Path.of(db);
                    targets.add(new Target(kindOf(file, DatabaseKind.LEANSPEC), file, true));
                }
            }
            if (sessions.value() != null) {
                targets.add(new Target(DatabaseKind.SESSIONS, sessions.value(), true));
            }
            if (chat.value() != null) {
                targets.add(new Target(DatabaseKind.CHAT, chat.value(), true));
            }
            return targets;
        }
        LeanSpecPaths.Discovery discovery = paths.discover();
        notFound.addAll(discovery.notes());
        for (LeanSpecPaths.Found found : discovery.files()) {
            targets.add(new Target(kindOf(found.path(), found.kind()), found.path(), false, found.source()));
        }
        discovery.databaseUrl().ifPresent(url -> targets.add(Target.of(url, false, "databaseUrl in ~/.lean-spec/config.json")));
        if (targets.isEmpty()) {
            notFound.add("No LeanSpec file at LeanSpec's default locations (" + String.join(", ",
                    Stream.of(DatabaseKind.values()).flatMap(k -> paths.candidates(k).stream())
                            .map(Path::toString).toList()) + "); name one with --db.");
        }
        return targets;
    }

    /** The kind a file's schema says; {@code otherwise} for one it cannot tell (empty, unreadable: reported later). */
    private static DatabaseKind kindOf(Path file, DatabaseKind otherwise) {
        try {
            return MigrationService.detectKind(file).orElse(otherwise);
        } catch (PersistenceException unreadable) {
            return otherwise;
        }
    }
}
