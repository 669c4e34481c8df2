package dev.leanspec.inspector;

import dev.leanspec.inspector.cli.Cli;
import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.gui.InspectorApp;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One launcher for both faces: a command ({@code status}, {@code migrate}, ...) runs the headless
 * CLI, which never loads JavaFX; anything else (files to open, nothing) opens the window.
 */
public final class Main {

    /** The first words that run the CLI (the launchers' scripts pick their start-up cache by them too). */
    public static final List<String> COMMANDS = List.of("status", "list", "show", "archive", "doctor", "diff", "search", "migrate", "consolidate", "copy", "validate", "query", "demo", "help", "-h", "--help", "-V", "--version");
    private static final Set<String> CLI = Set.copyOf(COMMANDS);

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
        if (args.length == 1 && args[0].equals("--aot-training")) {
            Gui.launch(Training.run(err), err);
            return;
        }
        if (args.length > 3 && args[0].equals("--aot-training-cli")) {
            // The CLI's own cache (packaging/linux/make-cds-archive.sh says which commands), trained
            // on files made beforehand: the demo generator's classes would swell it, and every
            // class of a cache is loaded at each start.
            Training.commands(args[1], args[2], List.of(args).subList(3, args.length));
            System.exit(0);
        }
        if (args.length > 0 && (CLI.contains(args[0]) || !args[0].startsWith("-") && !looksLikeAFile(args[0]))) {
            System.exit(Cli.run(args, out, err));
        }
        Gui.launch(args, err);
    }

    /**
     * Whether a first argument that is no command names a file to open in the window
     * ({@code leanspec-inspector ~/.lean-spec/leanspec.db}); a mistyped command still gets the
     * CLI's "did you mean".
     */
    private static boolean looksLikeAFile(String arg) {
        return arg.contains("/") || arg.contains(File.separator) || arg.endsWith(".db")
                || Files.exists(Path.of(arg));
    }

    /**
     * The app image's ahead-of-time training runs (packaging/linux/make-cds-archive.sh): what a
     * user does first, on demo files, so that the cache holds the classes and profiles of both
     * faces. The CLI part runs here; the window part is the GUI's {@code --aot-training}.
     * {@code --aot-training-cli SESSIONS CHAT COMMAND…} runs the given commands alone, for the
     * CLI's own cache: a cache holding the window's classes too makes each command load them all
     * at start.
     */
    private static final class Training {

        static String[] run(PrintWriter err) {
            try {
                Path dir = Files.createTempDirectory("leanspec-aot-training");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "delete-aot-training-files"));
                var demo = DemoDatabases.write(dir);
                String sessions = demo.sessions().toString();
                String chat = demo.chat().toString();
                commands(sessions, chat, List.of("status", "status --json", "list sessions", "list conversations", "validate", "query"));
                // And a leanspec.db, the file most users open (LeanSpec 0.2.25+): its runners and
                // its shape's reads are on the way to its first rows (benchmark figure 8e).
                Path leanspec = dir.resolve("leanspec.db");
                Consolidation.of(List.of(demo.sessions(), demo.chat()), Location.of(leanspec)).run(ConsolidateOptions.safe());
                return new String[] {"--aot-training", leanspec.toString(), sessions, chat};
            } catch (IOException | PersistenceException e) {
                err.println("AOT training: no demo files (" + e.getMessage() + "); training the window alone");
                err.flush();
                return new String[] {"--aot-training"};
            }
        }

        /** Runs each of {@code commands} (a command and its options, without files) on the two files, printing nothing. */
        static void commands(String sessions, String chat, List<String> commands) {
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            for (String command : commands) {
                List<String> args = new ArrayList<>(List.of(command.split(" ")));
                switch (args.getFirst()) {
                    case "list" -> args.addAll(List.of("--db", args.get(1).equals("sessions") ? sessions : chat));
                    case "query" -> args.addAll(List.of("--db", sessions, "SELECT count(*) FROM sessions"));
                    default -> args.addAll(List.of("--sessions", sessions, "--chat", chat));
                }
                Cli.run(args.toArray(String[]::new), quiet, quiet);
            }
        }

        private static void deleteTree(Path dir) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException e) {
                // A few demo files left in the temp folder are harmless.
            }
        }
    }

    /** Kept apart so that the CLI path never touches a JavaFX class. */
    private static final class Gui {
        // JavaFX warns "Unsupported JavaFX configuration" when its jars are on the class path, as
        // with the README's run command and the plain jar (the app image has them as modules).
        // It is harmless there; kept out of the user's console. Held here so that it is not collected.
        private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

        static void launch(String[] args, PrintWriter err) {
            JAVAFX_LOG.setLevel(Level.SEVERE);
            InspectorApp.GuiOptions options;
            try {
                options = InspectorApp.GuiOptions.parse(List.of(args));
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage() + ". Usage: leanspec-inspector [FILE…], or a command: "
                        + "leanspec-inspector --help");
                err.flush();
                System.exit(2);
                return;
            }
            if (noDisplay()) {
                // JavaFX would stop with GTK's "Unable to open DISPLAY" and a stack trace.
                err.println("No display to show the window on (DISPLAY is not set). The CLI needs none: "
                        + "leanspec-inspector --help; on a server, xvfb-run leanspec-inspector shows the window on a virtual display.");
                err.flush();
                System.exit(1);
                return;
            }
            InspectorApp.launch(options);
        }

        /** On Linux and the BSDs JavaFX draws through X11 (GTK): no DISPLAY, no window, unless it runs headless (Monocle). */
        private static boolean noDisplay() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            boolean x11 = !os.startsWith("windows") && !os.startsWith("mac");
            String display = System.getenv("DISPLAY");
            return x11 && (display == null || display.isBlank()) && !"Monocle".equals(System.getProperty("glass.platform"));
        }
    }
}
