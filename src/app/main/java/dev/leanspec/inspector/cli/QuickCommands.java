package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.persistence.LeanSpecPaths;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The command lines scripts run most ({@code status}, {@code validate}, {@code --version}), read
 * without picocli. Picocli was ~170 ms of a 250 ms {@code --version} from the app image: its
 * classes, compiled for Java 5, are the ones no AOT cache holds (each is parsed and verified at
 * start), and its model is built by reflection over the annotations. Only the plain forms are read
 * here: anything else (help, a typo, an option given twice or without its value) goes to picocli,
 * which says what is wrong. The options are the commands' own fields, so there is one meaning of
 * each; CliTest runs command lines both ways and compares what they print.
 */
final class QuickCommands {

    private QuickCommands() {
    }

    /** {@return the exit code of the command line, or empty when picocli has to read it} */
    static OptionalInt run(String[] args, PrintWriter out, PrintWriter err, LeanSpecPaths paths) {
        if (args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"))) {
            out.println(Cli.versionLine());
            out.flush();
            return OptionalInt.of(0);
        }
        FileCommand command = args.length == 0 ? null : switch (args[0]) {
            case "status" -> new StatusCommand(paths);
            case "validate" -> new ValidateCommand(paths);
            default -> null;
        };
        if (command == null || !read(args, command)) {
            return OptionalInt.empty();
        }
        int code;
        try {
            code = command.run(out, err);
        } catch (RuntimeException e) {
            code = Cli.failed(e, err);
        }
        out.flush();
        err.flush();
        return OptionalInt.of(code);
    }

    /** Sets the command's options from {@code args} (after the command's name); false for anything but the plain forms. */
    private static boolean read(String[] args, FileCommand command) {
        try {
            return read(args, command, new Targets());
        } catch (InvalidPathException e) {
            return false; // a value that names no path: picocli says so
        }
    }

    private static boolean read(String[] args, FileCommand command, Targets targets) {
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            boolean inline = args[i].startsWith("--") && equals > 0;
            String name = inline ? args[i].substring(0, equals) : args[i];
            boolean repeatable = name.equals("--db");
            if (!seen.add(name) && !repeatable) {
                return false;
            }
            switch (name) {
                case "--db", "--sessions", "--chat" -> {
                    String value = inline ? args[i].substring(equals + 1) : i + 1 < args.length ? args[++i] : null;
                    if (value == null || value.isEmpty() || value.startsWith("-")) {
                        return false;
                    }
                    switch (name) {
                        case "--db" -> targets.dbs.add(value);
                        case "--sessions" -> targets.sessions = Path.of(value);
                        default -> targets.chat = Path.of(value);
                    }
                }
                case "--json", "--orphans" -> {
                    if (inline || !(command instanceof StatusCommand status)) {
                        return false;
                    }
                    if (name.equals("--json")) {
                        status.json = true;
                    } else {
                        status.orphans = true;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        command.targets = targets;
        return true;
    }

}
