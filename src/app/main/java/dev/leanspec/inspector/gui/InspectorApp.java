package dev.leanspec.inspector.gui;

import dev.leanspec.inspector.AppFolders;
import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.common.Markdown;
import dev.leanspec.inspector.gui.main.FileView;
import dev.leanspec.inspector.gui.main.MainView;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.Settings;
import dev.leanspec.inspector.persistence.LeanSpecPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Screen;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/**
 * The desktop window. Start-up only builds nodes: every database call (finding the kind of a
 * file, reading its status, its rows) runs on a worker thread after the window shows.
 */
public final class InspectorApp extends Application {

    /** Set by {@link #launch(GuiOptions)} before JavaFX calls {@link #start}. */
    private static GuiOptions options = new GuiOptions(List.of(), false, false);

    /** Primer Dark's background (-color-bg-default), the colour of the empty window in the dark theme. */
    private static final Color DARK_BACKGROUND = Color.web("#0d1117");

    private MainViewModel model;
    /** Every worker made, to wait at exit for the closed ones to close their connections. */
    private final List<FxTaskRunner> runners = new CopyOnWriteArrayList<>();

    /** Opens the window (blocks until it is closed). */
    public static void launch(GuiOptions guiOptions) {
        options = guiOptions;
        if (System.getProperty("prism.order") == null && noGpu(System.getProperty("os.name", ""), Path.of("/dev"))) {
            System.setProperty("prism.order", "sw");
        }
        Application.launch(InspectorApp.class);
    }

    /**
     * Whether this is Linux without a GPU this process can reach. There JavaFX loads OpenGL first,
     * finds only Mesa's software renderer (Xvfb, VNC, a container or a server) and refuses it, ~40
     * ms of every start here, then draws with its software pipeline: asked for at once instead.
     * With a GPU device (DRM's, NVIDIA's, WSL's) JavaFX chooses as it always did; a
     * {@code -Dprism.order} given by the user wins either way.
     */
    static boolean noGpu(String os, Path dev) {
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        try (var dri = Files.list(dev.resolve("dri"))) {
            if (dri.findAny().isPresent()) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            // No /dev/dri: no DRM device.
        }
        return !Files.exists(dev.resolve("nvidiactl")) && !Files.exists(dev.resolve("dxg"));
    }

    @Override
    public void start(Stage stage) {
        // The build's training run must not leave its demo files in the builder's recent files, nor
        // a packaging check or the benchmark's launches theirs.
        AppFolders folders = AppFolders.current();
        Settings settings = options.training() || options.smoke() ? Settings.inMemory() : Settings.file(folders.data());
        // The window first, in its theme's background colour, then what it shows: building the
        // menus, tabs and welcome screen and their first CSS pass take ~0.3 s here, three times what
        // showing an empty window takes, and the user sees the window come up at once instead. Even
        // the theme waits (parsing its style sheet before the first frame cost ~0.09 s of it): the
        // empty window is the scene's fill alone, the root transparent over it. The window's model
        // and services come after it too (timestamps along a launch: ~15 ms of figure 8a).
        Scene scene = emptyScene(settings.darkTheme());
        stage.setTitle("LeanSpec Inspector");
        stage.setScene(scene);
        // Below this the details and the status bar would not fit.
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.show();
        Markdown.openLinksWith(url -> getHostServices().showDocument(url));
        model = new MainViewModel(name -> {
            FxTaskRunner runner = new FxTaskRunner(name);
            runners.add(runner);
            return runner;
        }, new FxDialogService(stage), settings, folders.data(), folders.cache());
        Platform.runLater(() -> {
            style(scene, model);
            fill(scene, model, Platform::exit);
            if (options.smoke()) {
                // Packaging checks: the window showed with its content, so the runtime image works.
                // With files, also their first rows (the benchmark's launch to first rows).
                Platform.runLater(() -> {
                    System.out.println("smoke: window shown");
                    if (options.files().isEmpty()) {
                        Platform.exit();
                        return;
                    }
                    whenRowsDrawn(scene, java.time.Duration.ofSeconds(30), drawn -> {
                        System.out.println(drawn ? "smoke: first rows shown" : "smoke: no rows shown in 30 s");
                        Platform.exit();
                    });
                });
                return;
            }
            if (options.training()) {
                // Long enough for the files' first tabs to read and draw their rows.
                PauseTransition done = new PauseTransition(javafx.util.Duration.seconds(6));
                done.setOnFinished(e -> Platform.exit());
                done.play();
            }
        });
        // The files are looked for and their kinds read on a worker now, while the window's content
        // is built above: ~0.25 s of a launch onto a file (figure 8e) that came after it. Each
        // file's tab is made when its read returns, on this thread, so after the content.
        if (!(options.smoke() && options.files().isEmpty())) {
            model.openAtStart(options.files(), LeanSpecPaths.current());
        }
    }

    /**
     * Calls {@code then} (with true) at the first frame after one that showed a row of a file's
     * sessions, conversations or runners, or (with false) once {@code limit} passed without one.
     */
    private static void whenRowsDrawn(Scene scene, java.time.Duration limit, Consumer<Boolean> then) {
        new AnimationTimer() {
            private long start = -1;

            @Override
            public void handle(long now) {
                start = start < 0 ? now : start;
                // A timer runs before its pulse's layout and drawing: a row seen here was drawn by the last pulse.
                boolean drawn = scene.getRoot().lookupAll("." + FileView.BROWSE_ROWS + " .indexed-cell").stream()
                        .anyMatch(node -> node instanceof IndexedCell<?> cell && !cell.isEmpty()
                                && cell.getItem() != null && visible(cell));
                if (drawn || now - start > limit.toNanos()) {
                    stop();
                    then.accept(drawn);
                }
            }
        }.start();
    }

    /** Whether a node and all its parents are visible (a row of a tab not selected is not). */
    private static boolean visible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The smallest window in which the details and the status bar still fit. */
    private static final double MIN_WIDTH = 720;
    private static final double MIN_HEIGHT = 480;

    /** The window's content with its styles and theme; tests build the very same scene. */
    public static Scene scene(MainViewModel model, Runnable quit) {
        Scene scene = emptyScene(model.darkThemeProperty().get());
        style(scene, model);
        fill(scene, model, quit);
        return scene;
    }

    /** A scene of the theme's background colour and nothing else: no style sheet parsed yet. */
    private static Scene emptyScene(boolean dark) {
        StackPane empty = new StackPane();
        empty.setStyle("-fx-background-color: transparent;");
        // 1280 x 800, or the whole screen where it is smaller (a 1024 x 768 display). Under a
        // window manager the screen's size may not be known yet this early (openbox: 0 x 0, which
        // made a 720 x 480 window): then 1280 x 800, which the window manager fits to the screen.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        boolean known = screen.getWidth() >= MIN_WIDTH && screen.getHeight() >= MIN_HEIGHT;
        return new Scene(empty, known ? Math.min(1280, screen.getWidth()) : 1280, known ? Math.min(800, screen.getHeight()) : 800,
                background(dark));
    }

    /** The theme and the app's styles, from now on and at each change of theme. */
    private static void style(Scene scene, MainViewModel model) {
        applyTheme(model.darkThemeProperty().get());
        model.darkThemeProperty().addListener((o, was, dark) -> {
            applyTheme(dark);
            scene.setFill(background(dark));
        });
        scene.getStylesheets().add(InspectorApp.class.getResource("app.css").toExternalForm());
    }

    private static Color background(boolean dark) {
        return dark ? DARK_BACKGROUND : Color.WHITE;
    }

    private static void fill(Scene scene, MainViewModel model, Runnable quit) {
        scene.setRoot(new MainView(model, quit));
    }

    static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        if (model != null) {
            model.closeAll();
            // The window is gone: a moment for the files' workers to close their connections.
            FxTaskRunner.awaitClosed(runners, java.time.Duration.ofSeconds(2));
        }
    }

    /**
     * What the window is started with.
     *
     * @param files    the files to open, in order; empty opens what the default lookup finds
     * @param smoke    whether to close as soon as the window is up (the packaging check)
     * @param training whether this is the app image's ahead-of-time training run: open the
     *                 files, let their tabs load, then close (packaging/linux/make-cds-archive.sh)
     */
    public record GuiOptions(List<Path> files, boolean smoke, boolean training) {

        public GuiOptions {
            files = List.copyOf(files);
        }

        /**
         * Parses paths (bare, or after {@code --db}, {@code --sessions}, {@code --chat}: the
         * kind comes from the file itself) and {@code --smoke}.
         */
        public static GuiOptions parse(List<String> args) {
            List<Path> files = new ArrayList<>();
            boolean smoke = false;
            boolean training = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--smoke" -> smoke = true;
                    case "--aot-training" -> training = true;
                    case "--db", "--sessions", "--chat" -> {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(arg + " needs a path");
                        }
                        files.add(Path.of(args.get(++i)));
                    }
                    default -> {
                        int equals = arg.indexOf('=');
                        String option = equals < 0 ? arg : arg.substring(0, equals);
                        if (equals > 0 && List.of("--db", "--sessions", "--chat").contains(option)) {
                            files.add(Path.of(arg.substring(equals + 1)));
                        } else if (!arg.startsWith("-")) {
                            files.add(Path.of(arg));
                        } else {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                    }
                }
            }
            return new GuiOptions(files, smoke, training);
        }
    }
}
