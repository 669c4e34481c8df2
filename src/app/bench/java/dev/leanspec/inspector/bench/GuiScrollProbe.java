package dev.leanspec.inspector.bench;

import static dev.leanspec.inspector.bench.ProbeFx.onFx;
import static dev.leanspec.inspector.bench.ProbeFx.waitFor;

import dev.leanspec.inspector.gui.InspectorApp;
import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.common.WindowedTable;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.Settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;

/**
 * Figure 8, run in its own JVM (the benchmark starts it with {@code -Xmx256m}): opens a big
 * sessions file in the real window, drags the table's scroll bar from top to bottom (2,000 stops, each
 * waited for until its row is drawn), then jumps around,
 * while an animation timer records the longest gap between two frames on the FX thread. Prints
 * one JSON line. An OutOfMemoryError ends the process (it is started with
 * {@code -XX:+ExitOnOutOfMemoryError}), which the benchmark reports.
 */
public final class GuiScrollProbe {

    private static final long MAIN = System.nanoTime();

    private static final long TRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("probe.trace", Long.MAX_VALUE / 1_000_000));

    private GuiScrollProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long budgetSeconds = Long.parseLong(args[1]);
        Platform.startup(() -> {
        });
        MainViewModel[] model = new MainViewModel[1];
        Stage[] stage = new Stage[1];
        onFx(() -> {
            stage[0] = new Stage();
            model[0] = new MainViewModel(FxTaskRunner::new, new FxDialogService(stage[0]), Settings.inMemory(),
                    Files.createTempDirectory("probe"));
            stage[0].setScene(InspectorApp.scene(model[0], stage[0]::close));
            stage[0].show();
            model[0].open(file);
            return null;
        });
        WindowedTable<?> table = waitFor(60, () -> {
            Node node = stage[0].getScene().lookup("#sessions-rows");
            return node instanceof WindowedTable<?> t && node.isVisible() && !t.table().getItems().isEmpty() ? t : null;
        });
        java.util.List<?> all = model[0].files().get(0).sessions().orElseThrow().list().sessions();
        String total = waitFor(600, () -> {
            String text = model[0].files().get(0).sessions().orElseThrow().list().totalProperty().get();
            return text.endsWith("sessions") ? text : null;
        });
        long rows = Long.parseLong(total.replaceAll("[^0-9]", ""));

        long[] lastFrame = {0};
        long[] firstFrame = {0};
        long[] longestGap = {0};
        long[] slowFrames = {0};
        java.util.List<Long> gaps = new java.util.ArrayList<>(); // every frame's gap, for the percentile
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (firstFrame[0] == 0) {
                    firstFrame[0] = now;
                }
                if (lastFrame[0] != 0) {
                    gaps.add(now - lastFrame[0]);
                    longestGap[0] = Math.max(longestGap[0], now - lastFrame[0]);
                    if (now - lastFrame[0] > 100_000_000L) {
                        slowFrames[0]++;
                    }
                    // -Dprobe.trace=MS: every frame longer than MS, with when it came (to find what causes it).
                    if (now - lastFrame[0] > TRACE_NANOS) {
                        System.err.printf(java.util.Locale.ROOT, "slow frame %.1f ms at %.3f s (frame %d, %.3f s after main)%n",
                                (now - lastFrame[0]) / 1e6, (now - firstFrame[0]) / 1e9, gaps.size(), (System.nanoTime() - MAIN) / 1e9);
                    }
                }
                lastFrame[0] = now;
            }
        };
        onFx(() -> {
            frames.start();
            return null;
        });

        // -Dprobe.idle=MS: wait that long before the drag (tells the JIT's warm-up from the steady state).
        Thread.sleep(Long.getLong("probe.idle", 0));
        // Top to bottom, the way a user drags the scroll bar's thumb: 2,000 stops evenly spread,
        // each drawn before the next (a page read where the rows are not loaded).
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(budgetSeconds);
        int stops = 2_000;
        int reached = 0;
        for (int stop = 0; stop <= stops && System.nanoTime() < deadline; stop++) {
            int row = (int) Math.min(rows - 1, (long) stop * rows / stops);
            onFx(() -> {
                table.scrollTo(row);
                return null;
            });
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (onFx(() -> all.get(row)) == null && System.nanoTime() < waitUntil) {
                Thread.sleep(15);  // the probe's own polling must not crowd the FX thread
            }
            if (onFx(() -> all.get(row)) != null) {
                reached = row + 1;
            }
        }
        double scrollSeconds = (System.nanoTime() - started) / 1e9;
        // Then jump around.
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            int row = random.nextInt((int) rows);
            onFx(() -> {
                table.scrollTo(row);
                return null;
            });
            Thread.sleep(40);
        }
        long held = onFx(() -> all.stream().filter(java.util.Objects::nonNull).count());
        onFx(() -> {
            frames.stop();
            return null;
        });
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        // Not java.management: the app image's runtime, which the probe may run on, has no such module.
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        double p999 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.999) - 1)] / 1e6;
        System.out.printf(java.util.Locale.ROOT, "{\"rows\":%d,\"reached\":%d,\"heldRows\":%d,\"scrollSeconds\":%.1f,\"longestFrameMs\":%.1f,\"framesOver100Ms\":%d,\"p999FrameMs\":%.1f,\"frames\":%d,\"heapAfterGcMb\":%.1f}%n",
                rows, reached, held, scrollSeconds, longestGap[0] / 1e6, slowFrames[0], p999, sorted.length, heap / 1048576.0);
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }
}
