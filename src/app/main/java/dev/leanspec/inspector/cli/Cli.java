package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.AppFolders;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.PersistenceException;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine;

/**
 * The headless command line: {@code status}, {@code list}, {@code show}, {@code search}, {@code migrate}, {@code validate}, ….
 * Exit codes: 0 success, 1 refused or failed (message on stderr naming the file), 2 bad usage.
 * Picocli parses it, from a model built in code ({@link Command} says why not from annotations).
 */
public final class Cli {

    /** What makes one command, given where LeanSpec's files and the app's folders are. */
    interface Maker {
        Command make(LeanSpecPaths paths, AppFolders folders);
    }

    /** The commands by name, in the order the help lists them ({@code help} comes last). */
    static final Map<String, Maker> COMMANDS = inOrder(
            Map.entry("status", (paths, folders) -> new StatusCommand(paths)),
            Map.entry("list", (paths, folders) -> new ListCommand(paths)),
            Map.entry("show", (paths, folders) -> new ShowCommand(paths)),
            Map.entry("archive", (paths, folders) -> new ArchiveCommand(paths)),
            Map.entry("doctor", (paths, folders) -> new DoctorCommand(paths)),
            Map.entry("diff", (paths, folders) -> new DiffCommand()),
            Map.entry("migrate", (paths, folders) -> new MigrateCommand(paths)),
            Map.entry("consolidate", (paths, folders) -> new ConsolidateCommand(paths)),
            Map.entry("search", SearchCommand::new),
            Map.entry("copy", (paths, folders) -> new CopyCommand()),
            Map.entry("validate", (paths, folders) -> new ValidateCommand(paths)),
            Map.entry("query", (paths, folders) -> new QueryCommand()),
            Map.entry("demo", (paths, folders) -> new DemoCommand()));

    /** Exit code of a refused or failed operation. */
    public static final int FAILED = 1;

    private Cli() {
    }

    /** Runs the CLI with the machine's LeanSpec locations and the app's folders, printing to the given writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, LeanSpecPaths.current(), AppFolders.current());
    }

    /** Runs the CLI with given default locations (for tests): the app's own folders under their home. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, LeanSpecPaths paths) {
        return run(args, out, err, paths, AppFolders.inHome(paths.home()));
    }

    /** Runs the CLI with given LeanSpec locations and app folders. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, LeanSpecPaths paths, AppFolders folders) {
        CommandLine commandLine = new CommandLine(new Root().spec());
        // Only the command asked for is built, and none for --version: `help` is picocli's
        // HelpCommand, read from its annotations (Command says what that costs). A bare --help,
        // `help` or a mistyped command gets them all, to list or to suggest from.
        Maker asked = args.length == 0 ? null : COMMANDS.get(args[0]);
        boolean version = args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
        if (asked != null) {
            commandLine.addSubcommand(args[0], asked.make(paths, folders).spec());
        } else if (!version) {
            COMMANDS.forEach((name, maker) -> commandLine.addSubcommand(name, maker.make(paths, folders).spec()));
            commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        }
        HelpLayout.install(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> failed(e, cl.getErr()));
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // What the command held is gone with its frames: there is room for a sentence.
            err.printf("Not enough memory for this (Java's heap is %,d MB): give it more, e.g. JAVA_TOOL_OPTIONS=-Xmx2g, "
                    + "or name fewer files. Nothing was changed.%n", Runtime.getRuntime().maxMemory() >> 20);
            code = FAILED;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The command line without a command: it names one. */
    private static final class Root extends Command {
        Root() {
            super("leanspec-inspector", "Inspect, migrate and browse LeanSpec's files: leanspec.db, sessions.db and chat.db.");
        }

        @Override
        public Integer call() {
            throw usage("Name a command (" + String.join(", ", COMMANDS.keySet()) + ").");
        }
    }

    /** What a command's exception becomes: its message, or for an unexpected one a line to report; exit 1. */
    static int failed(Exception e, PrintWriter err) {
        if (e instanceof PersistenceException known) {
            err.println(known.getMessage());
        } else {
            // Not an expected failure: still no stack trace for the user, but enough to report it.
            err.println("Unexpected error: " + e);
            if (System.getenv("LEANSPEC_DEBUG") != null) {
                e.printStackTrace(err);
            }
        }
        return FAILED;
    }

    /** The commands in the order help lists them. */
    @SafeVarargs
    private static Map<String, Maker> inOrder(Map.Entry<String, Maker>... commands) {
        Map<String, Maker> byName = new LinkedHashMap<>();
        for (Map.Entry<String, Maker> command : commands) {
            byName.put(command.getKey(), command.getValue());
        }
        return Collections.unmodifiableMap(byName);
    }

    /** What {@code --version} prints. */
    static String versionLine() {
        return "LeanSpec Inspector " + version();
    }

    /** This build's version, from the pom. */
    public static String version() {
        return dev.leanspec.inspector.Version.of();
    }
}
