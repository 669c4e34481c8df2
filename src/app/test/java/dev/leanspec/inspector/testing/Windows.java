package dev.leanspec.inspector.testing;

import dev.leanspec.inspector.gui.InspectorApp;
import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;
import dev.leanspec.inspector.gui.main.Settings;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window in TestFX tests: shown as the app builds it, a file opened and one of its tabs
 * shown, and waiting for the state a test asserts.
 */
public final class Windows {

    private Windows() {
    }

    /**
     * Shows the app's window on {@code stage}: real workers and dialogs, settings kept in memory,
     * the app's own data under {@code dataDir}.
     *
     * @return the window's model
     */
    public static MainViewModel show(Stage stage, Path dataDir) {
        return show(stage, dataDir, new FxDialogService(stage));
    }

    /** The same with {@code dialogs} answering for the user (file choosers cannot be driven headless). */
    public static MainViewModel show(Stage stage, Path dataDir, dev.leanspec.inspector.gui.common.DialogService dialogs) {
        MainViewModel model = new MainViewModel(FxTaskRunner::new, dialogs, Settings.inMemory(), dataDir);
        stage.setScene(InspectorApp.scene(model, stage::close));
        stage.show();
        return model;
    }

    /** A file opened in the window and one of its tabs shown. */
    public record Opened(OpenFileViewModel file, TabPane tabs) {
    }

    /**
     * Opens {@code file} as the only open file and selects its tab {@code tabId} ({@code tab-sql}, ...).
     *
     * @return the file's model and its tab pane
     */
    public static Opened open(FxRobot robot, MainViewModel model, Path file, String tabId) throws TimeoutException {
        robot.interact(() -> model.open(file));
        waitUntil(() -> model.files().size() == 1);
        OpenFileViewModel open = model.files().getFirst();
        waitUntil(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .anyMatch(p -> p.getTabs().stream().anyMatch(t -> tabId.equals(t.getId()))));
        TabPane tabs = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(p -> p.getTabs().stream().anyMatch(t -> tabId.equals(t.getId()))).findFirst().orElseThrow();
        Tab tab = tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(tab));
        return new Opened(open, tabs);
    }

    /**
     * The visible node that {@code query} names, once there is one: a file's tabs build their views
     * when first shown, and a view shows what a worker read when it arrives, so a lookup right after
     * an {@code interact} may find nothing yet.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Node> T visible(FxRobot robot, String query) throws TimeoutException {
        waitUntil(() -> robot.lookup(query).match(Node::isVisible).tryQuery().isPresent());
        return (T) WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).match(Node::isVisible).query()));
    }

    /**
     * The node that {@code query} names, visible or not (a tab's content not shown yet), once there
     * is one.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Node> T present(FxRobot robot, String query) throws TimeoutException {
        waitUntil(() -> robot.lookup(query).tryQuery().isPresent());
        return (T) WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).query()));
    }

    /**
     * Waits until the files of {@code folder} are byte for byte what {@link FileBytes#folder} gave
     * before: the window's connections close on their workers, after the call that closed them.
     */
    public static void waitUntilUnchanged(Path folder, java.util.Map<String, String> before) throws TimeoutException {
        waitUntil(() -> {
            try {
                return FileBytes.folder(folder).equals(before);
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** An assertion the window or a worker makes true in its own time. */
    @FunctionalInterface
    public interface Assertion {
        void check() throws Exception;
    }

    /**
     * Runs {@code assertion} on the FX thread until it passes, for up to 30 s; then fails with its
     * last failure, so that the message says what was seen rather than only that time ran out.
     */
    public static void eventually(Assertion assertion) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            // Run on the FX thread by hand, not through TestFX's asyncFx: that prints each failed
            // try as an "Exception in Async Thread" and keeps it for its next check.
            CompletableFuture<Throwable> tried = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    assertion.check();
                    tried.complete(null);
                } catch (Throwable failure) {
                    tried.complete(failure);
                }
            });
            Throwable failure;
            try {
                failure = tried.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("the FX thread did not run the assertion", e);
            }
            if (failure == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                if (failure instanceof AssertionError assertionError) {
                    throw assertionError;
                }
                throw new AssertionError(failure);
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits up to 30 s for a condition that the UI thread or a worker makes true (see below). */
    public static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        waitUntil(30, condition);
    }

    /**
     * Waits up to {@code seconds} for a condition, asking it on the FX thread: the window changes
     * its lists and nodes there, and read from another thread a list can change between
     * {@code size()} and {@code getFirst()}.
     */
    public static void waitUntil(int seconds, BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
    }
}
