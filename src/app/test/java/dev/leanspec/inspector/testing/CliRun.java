package dev.leanspec.inspector.testing;

import dev.leanspec.inspector.cli.Cli;
import dev.leanspec.inspector.persistence.LeanSpecPaths;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the CLI in this JVM, with what it printed and returned.
 *
 * @param code its exit code
 * @param out  what it printed to standard output
 * @param err  what it printed to standard error
 */
public record CliRun(int code, String out, String err) {

    /**
     * Runs the CLI with {@code args}, its default LeanSpec locations under {@code folder}/home (no
     * files there), so a test never touches the real machine's.
     */
    public static CliRun in(Path folder, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), LeanSpecPaths.of(folder.resolve("home"), Map.of(), "Linux"));
        return new CliRun(code, out.toString(), err.toString());
    }
}
