package dev.leanspec.inspector.testing;

import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the window's TestFX tests do before their own part: open a file and show one of its tabs. */
public final class FileTabs {

    private FileTabs() {
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
