package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.persistence.LeanSpecPaths;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works file by file on {@code --sessions} / {@code --chat} (or the defaults). */
abstract class FileCommand implements Callable<Integer> {

    private final LeanSpecPaths paths;

    @Mixin
    Targets targets;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;

    FileCommand(LeanSpecPaths paths) {
        this.paths = paths;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    @Override
    public final Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs the command on its targets, printing to the given writers (picocli's, or the quick path's: {@link QuickCommands}). */
    final int run(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        return finish(targets.forEach(paths, err, this::on));
    }

    /** Works on one file: returns 0 or 1, or throws a PersistenceException (printed, exit 1). */
    abstract int on(Target target);

    /** Runs after every file, with the exit code so far; returns the final one. */
    int finish(int code) {
        return code;
    }
}
