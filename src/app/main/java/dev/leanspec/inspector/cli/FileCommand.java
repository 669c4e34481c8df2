package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.persistence.LeanSpecPaths;

/** A command that works file by file on {@code --db}, {@code --sessions} / {@code --chat} (or the defaults). */
abstract class FileCommand extends Command {

    private final LeanSpecPaths paths;
    private final Targets targets;

    FileCommand(LeanSpecPaths paths, String name, String... description) {
        super(name, description);
        this.paths = paths;
        this.targets = new Targets(this);
    }

    @Override
    public final Integer call() {
        return finish(targets.forEach(paths, err(), this::on));
    }

    /** Works on one file: returns 0 or 1, or throws a PersistenceException (printed, exit 1). */
    abstract int on(Target target);

    /** Runs after every file, with the exit code so far; returns the final one. */
    int finish(int code) {
        return code;
    }
}
