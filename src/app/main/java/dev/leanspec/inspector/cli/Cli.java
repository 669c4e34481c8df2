package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.AppFolders;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.PersistenceException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless command line: {@code status}, {@code list}, {@code show}, {@code search}, {@code migrate}, {@code validate}, ….
 * Exit codes: 0 success, 1 refused or failed (message on stderr naming the file), 2 bad usage.
 */
// INHERIT: every command takes --help and --version too (`migrate --help` is what people type).
@Command(name = "leanspec-inspector",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Cli.Version.class,
        description = "Inspect, migrate and browse LeanSpec's files: leanspec.db, sessions.db and chat.db.")
public final class Cli implements Runnable {

    /**
     * The commands by name, in the order the help lists them. The names are written out (CliTest
     * holds them to each command's annotation): reading the annotations here would cost at every
     * start the reflection that building only the asked command saves.
     */
    static final Map<String, Class<?>> COMMANDS = inOrder(
            Map.entry("status", StatusCommand.class), Map.entry("list", ListCommand.class), Map.entry("show", ShowCommand.class),
            Map.entry("migrate", MigrateCommand.class), Map.entry("consolidate", ConsolidateCommand.class),
            Map.entry("search", SearchCommand.class), Map.entry("copy", CopyCommand.class), Map.entry("validate", ValidateCommand.class),
            Map.entry("query", QueryCommand.class),
            Map.entry("demo", DemoCommand.class), Map.entry("help", CommandLine.HelpCommand.class));

    /** Exit code of a refused or failed operation. */
    public static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command (" + String.join(", ",
                COMMANDS.keySet().stream().filter(name -> !name.equals("help")).toList()) + ").");
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
        OptionalInt quick = QuickCommands.run(args, out, err, paths);
        if (quick.isPresent()) {
            return quick.getAsInt();
        }
        return throughPicocli(args, out, err, paths, folders);
    }

    /** The same without the quick path: every command line through picocli (CliTest compares the two). */
    static int throughPicocli(String[] args, PrintWriter out, PrintWriter err, LeanSpecPaths paths) {
        return throughPicocli(args, out, err, paths, AppFolders.inHome(paths.home()));
    }

    private static int throughPicocli(String[] args, PrintWriter out, PrintWriter err, LeanSpecPaths paths, AppFolders folders) {
        CommandLine commandLine = new CommandLine(new Cli(), new Factory(paths, folders));
        // Only the command asked for is built: picocli reads every command's annotations by
        // reflection, ~0.05 s at start for all of them. A bare --help, `help` or a mistyped
        // command gets them all, to list or to suggest from.
        Class<?> asked = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (asked != null && asked != CommandLine.HelpCommand.class) {
            commandLine.addSubcommand(args[0], asked);
        } else {
            COMMANDS.forEach(commandLine::addSubcommand);
        }
        HelpLayout.install(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> failed(e, cl.getErr()));
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
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

    /** Gives commands the default locations without globals. */
    private record Factory(LeanSpecPaths paths, AppFolders folders) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == SearchCommand.class) {
                return type.cast(new SearchCommand(paths, folders));
            }
            if (type == StatusCommand.class) {
                return type.cast(new StatusCommand(paths));
            }
            if (type == ConsolidateCommand.class) {
                return type.cast(new ConsolidateCommand(paths));
            }
            if (type == ShowCommand.class) {
                return type.cast(new ShowCommand(paths));
            }
            if (type == ListCommand.class) {
                return type.cast(new ListCommand(paths));
            }
            if (type == MigrateCommand.class) {
                return type.cast(new MigrateCommand(paths));
            }
            if (type == ValidateCommand.class) {
                return type.cast(new ValidateCommand(paths));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** The commands in the order help lists them. */
    @SafeVarargs
    private static Map<String, Class<?>> inOrder(Map.Entry<String, ? extends Class<?>>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Class<?>> command : commands) {
            byName.put(command.getKey(), command.getValue());
        }
        return Collections.unmodifiableMap(byName);
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionLine()};
        }
    }

    /** What {@code --version} prints. */
    static String versionLine() {
        return "LeanSpec Inspector " + version();
    }

    /** This build's version, from the pom. */
    public static String version() {
        try (InputStream in = Cli.class.getResourceAsStream("/dev/leanspec/inspector/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
