package dev.leanspec.inspector;

import dev.leanspec.inspector.cli.Cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The launcher: a command runs the headless CLI. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
        System.exit(Cli.run(args, out, err));
    }
}
