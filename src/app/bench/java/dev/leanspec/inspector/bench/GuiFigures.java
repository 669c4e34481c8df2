package dev.leanspec.inspector.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Figure 8: launch to first window (whole process, until the window reports itself shown) and
 * the scroll probe under {@code -Xmx256m}. Both run headless through Monocle unless a display is
 * set (then the launch is timed on it, as users see it).
 */
final class GuiFigures {

    private static final List<String> MONOCLE = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dtestfx.headless=true");

    private static final Path IMAGE = Path.of("target/dist/leanspec-inspector/bin/leanspec-inspector");

    private GuiFigures() {
    }

    static void run(Bench bench, Path wideSessions, Path out, boolean quick, Consumer<String> log) throws Exception {
        List<String> launch = launch(bench, quick);
        String how = how(launch);
        // "smoke: window shown": the window's own report, printed once its content is built and laid out.
        double shownMs = Timing.median(bench.repetitions(5), () -> untilLine(launch, "smoke: window shown"));
        // On a display, ours and the peer users would pick instead, DB Browser for SQLite (apt-get
        // install sqlitebrowser), are timed the same way, both opening the million-session file:
        // until the X server reports the process's window mapped (xev on the root window, from
        // x11-utils). Polling with xdotool, a process every 5 ms, took a core of these two from
        // the process it watched: ours came out ~100 ms slower, DB4S ~20 ms.
        Path xev = Path.of("/usr/bin/xev");
        Path db4s = Path.of("/usr/bin/sqlitebrowser");
        boolean mapped = display() && !quick && Files.isExecutable(xev);
        List<String> withFile = new ArrayList<>(launch);
        withFile.add(wideSessions.toString());
        // In turns (ours, DB4S, ours, …), each pair meeting the same moment of a machine whose
        // speed drifts: timed in blocks, the two medians of one run came from minutes apart.
        List<String> withDb4s = List.of(db4s.toString(), wideSessions.toString());
        List<List<String>> commands = new ArrayList<>();
        if (mapped && launch.get(0).equals(IMAGE.toString())) {
            commands.add(withFile);
        }
        if (mapped && Files.isExecutable(db4s)) {
            commands.add(withDb4s);
        }
        Map<List<String>, Double> medians = mediansUntilMapped(bench, commands, xev);
        Double oursMapped = medians.get(withFile);
        Double db4sMapped = medians.get(withDb4s);
        double launchMs = oursMapped != null ? oursMapped : shownMs;
        String measured = oursMapped != null ? String.format("until its window is mapped (xev), as DB4S; its content drawn at %.0f ms", shownMs)
                : "until the window reports its content drawn";
        bench.add("8a. launch to first window", launchMs, null, db4sMapped, db4sMapped == null ? "≤ 1,500 ms" : "≤ 1.5× DB Browser for SQLite (third column)",
                (o, j) -> db4sMapped == null ? o <= 1_500 : o <= 1.5 * db4sMapped, how + ", " + measured + (db4sMapped == null ? "; DB Browser for SQLite not measured"
                        + " (not installed, no display or xev, or a quick run)" : "; third column: DB Browser for SQLite "
                        + "(sqlitebrowser) opening " + wideSessions.getFileName() + ", until its window is mapped"));

        List<String> probe = new ArrayList<>(bench.javaCommand());
        probe.set(probe.indexOf("-cp") + 1, System.getProperty("java.class.path"));
        probe.addAll(1, List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
        probe.addAll(2, MONOCLE);
        probe.addAll(List.of(GuiScrollProbe.class.getName(), wideSessions.toString(), quick ? "60" : "600"));
        Process process = new ProcessBuilder(probe).redirectError(out.resolve("gui-probe.log").toFile()).start();
        String line = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                if (l.startsWith("{")) {
                    line = l;
                }
            }
        }
        int code = process.waitFor();
        if (line == null) {
            bench.add("8b. scroll a big sessions table top to bottom and jump around, -Xmx256m", Double.NaN, null, null,
                    "no OutOfMemoryError, heap after GC ≤ 150 MB, no frame > 100 ms", (o, j) -> false,
                    "the probe died (exit " + code + (code == 3 ? ": OutOfMemoryError" : "") + "); see target/bench/gui-probe.log");
            return;
        }
        JsonNode result = new ObjectMapper().readTree(line);
        double frame = result.get("longestFrameMs").asDouble();
        double heap = result.get("heapAfterGcMb").asDouble();
        boolean all = result.get("reached").asLong() >= result.get("rows").asLong();
        log.accept("GUI probe: " + line);
        double p999 = result.get("p999FrameMs").asDouble();
        bench.add(String.format("8b. scroll %,d sessions top to bottom, then jump around, -Xmx256m (longest frame)", result.get("rows").asLong()),
                frame, null, null, "no OOM, heap after GC ≤ 150 MB, no frame > 100 ms, 99.9th percentile frame ≤ 50 ms",
                (o, j) -> all && o <= 100 && heap <= 150 && p999 <= 50,
                String.format("99.9th percentile frame %.1f ms of %,d frames, %,d over 100 ms; heap after GC %.0f MB; "
                                + "reached row %,d of %,d in %.0f s (2,000 stops), %,d rows held at the end", p999, result.get("frames").asLong(),
                        result.get("framesOver100Ms").asLong(), heap,
                        result.get("reached").asLong(), result.get("rows").asLong(), result.get("scrollSeconds").asDouble(),
                        result.get("heldRows").asLong()));
    }

    /** 8e: what the window-first start costs later, the launch to an opened file's first rows. */
    static void firstRows(Bench bench, Path out, boolean quick) throws Exception {
        // A real leanspec.db (LeanSpec 0.2.28's own), from the launch to its first sessions drawn:
        // the window's own report.
        BenchData.deleteTree(out.resolve("first-rows"));
        Path real = dev.leanspec.inspector.testing.RealFixtures.copy("leanspec-0.2.28/leanspec.db", out.resolve("first-rows"));
        List<String> rows = launch(bench, quick);
        String how = how(rows);
        rows.add(real.toString());
        double rowsMs = Timing.median(bench.repetitions(5), () -> untilLine(rows, "smoke: first rows shown"));
        bench.add("8e. launch with a file to its first rows drawn", rowsMs, null, null, "≤ 1,500 ms", (o, j) -> o <= 1_500,
                how + ", LeanSpec 0.2.28's own leanspec.db (8 sessions), until the window reports its first rows drawn");
    }

    private static String how(List<String> launch) {
        return launch.get(0).equals(IMAGE.toString()) ? "app image launcher, on " + System.getenv("DISPLAY")
                : display() ? "java -cp, on " + System.getenv("DISPLAY") : "java -cp, headless Monocle";
    }

    /** Whether a display is set (DISPLAY= is none either). */
    private static boolean display() {
        String display = System.getenv("DISPLAY");
        return display != null && !display.isBlank();
    }

    /** The window's {@code --smoke} launch: the installed app image if built (it has the start-up caches users get), else the jar. */
    private static List<String> launch(Bench bench, boolean quick) {
        List<String> launch = new ArrayList<>();
        if (display() && Files.isExecutable(IMAGE) && !quick) {
            launch.add(IMAGE.toString());
        } else {
            launch.addAll(bench.javaCommand());
            if (!display()) {
                // Monocle is a test dependency: headless launches need the test class path.
                launch.set(launch.indexOf("-cp") + 1, System.getProperty("java.class.path"));
                launch.addAll(2, MONOCLE);
            }
            launch.add("dev.leanspec.inspector.Main");
        }
        launch.add("--smoke");
        return launch;
    }

    /** What a probe of the window printed: its JSON line, or null, and its exit code. */
    record ProbeResult(String line, int code) {
    }

    /**
     * Runs a probe of the real window in a JVM of its own ({@code -Xmx256m}, headless Monocle),
     * its stderr in {@code log}.
     */
    static ProbeResult probe(Bench bench, Class<?> main, List<String> args, Path log) throws Exception {
        List<String> probe = new ArrayList<>(bench.javaCommand());
        probe.set(probe.indexOf("-cp") + 1, System.getProperty("java.class.path"));
        probe.addAll(1, List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
        probe.addAll(2, MONOCLE);
        probe.add(main.getName());
        probe.addAll(args);
        Process process = new ProcessBuilder(probe).redirectError(log.toFile()).start();
        String line = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                if (l.startsWith("{")) {
                    line = l;
                }
            }
        }
        return new ProbeResult(line, process.waitFor());
    }

    /** 8c and 8d: a 10,000-line ACP session's conversation, opened and scrolled in the real window. */
    static void transcript(Bench bench, Path out, boolean quick, Consumer<String> log) throws Exception {
        ProbeResult result = probe(bench, GuiTranscriptProbe.class, List.of("10000", quick ? "3" : "9"), out.resolve("gui-transcript-probe.log"));
        String line = result.line();
        int code = result.code();
        String first = "8c. open a 10,000-line ACP session: its conversation's first screen";
        String scroll = "8d. scroll that conversation top to bottom (longest frame)";
        if (line == null) {
            String why = "the probe died (exit " + code + "); see target/bench/gui-transcript-probe.log";
            bench.add(first, Double.NaN, null, null, "≤ 300 ms", (o, j) -> false, why);
            bench.add(scroll, Double.NaN, null, null, "no frame > 100 ms", (o, j) -> false, why);
            return;
        }
        log.accept("GUI transcript probe: " + line);
        JsonNode json = new ObjectMapper().readTree(line);
        String entries = String.format("%,d log lines folded into %,d entries; headless Monocle, -Xmx256m",
                json.get("lines").asLong(), json.get("entries").asLong());
        bench.add(first, json.get("firstScreenMs").asDouble(), null, null, "≤ 300 ms", (o, j) -> o <= 300,
                "median of alternating selections, from the click to the first entry drawn; " + entries);
        bench.add(scroll, json.get("longestFrameMs").asDouble(), null, null, "no frame > 100 ms", (o, j) -> o <= 100,
                String.format("%d frames over 100 ms; 400 stops, each waited for until drawn", json.get("framesOver100Ms").asLong()));
    }

    /**
     * Each command's launch to a mapped window, the median of runs taken in turns; null for one
     * that never shows one (or for most of its runs).
     */
    private static Map<List<String>, Double> mediansUntilMapped(Bench bench, List<List<String>> commands, Path xev) throws Exception {
        Map<List<String>, Double> medians = new HashMap<>();
        if (commands.isEmpty()) {
            return medians;
        }
        // A run that fails (DB4S now and then aborts when killed right after its window shows) is
        // left out, and tried again in a further turn, up to twice; the median needs most of them.
        int runs = bench.repetitions(11);
        List<List<Double>> shown = new ArrayList<>();
        commands.forEach(c -> shown.add(new ArrayList<>()));
        try (MapWatch watch = new MapWatch(xev)) {
            for (int turn = 0; turn < runs + 2; turn++) {
                for (int i = 0; i < commands.size(); i++) {
                    if (shown.get(i).size() >= runs) {
                        continue;
                    }
                    try {
                        shown.get(i).add(untilMapped(commands.get(i), watch));
                    } catch (Exception e) {
                        // tried again in the next turn
                    }
                    Thread.sleep(500); // let the last one's settings be written before the next starts
                }
            }
        }
        for (int i = 0; i < commands.size(); i++) {
            List<Double> times = shown.get(i);
            Collections.sort(times);
            medians.put(commands.get(i), times.size() < (runs + 1) / 2 ? null : times.get(times.size() / 2));
        }
        return medians;
    }

    private static double untilMapped(List<String> command, MapWatch watch) throws Exception {
        watch.clear();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Long mapped = watch.next(15);
            if (mapped == null) {
                throw new IllegalStateException(command.get(0) + " showed no window within 15 s");
            }
            return (mapped - start) / 1e6;
        } finally {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The X server's reports of top-level windows mapped: {@code xev -root -event substructure}
     * prints each MapNotify as it comes (one launch at a time, so the next is the launched one's;
     * override-redirect windows, menus and tooltips, are left out).
     */
    private static final class MapWatch implements AutoCloseable {
        private final Process xev;
        private final java.util.concurrent.BlockingQueue<Long> mapped = new java.util.concurrent.LinkedBlockingQueue<>();

        MapWatch(Path xev) throws Exception {
            this.xev = new ProcessBuilder(xev.toString(), "-root", "-event", "substructure").redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(this.xev.getInputStream(), StandardCharsets.UTF_8))) {
                    boolean map = false;
                    for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                        long now = System.nanoTime();
                        if (l.startsWith("MapNotify event")) {
                            map = true;
                        } else if (map && l.contains("override ")) {
                            if (l.contains("override NO")) {
                                mapped.add(now);
                            }
                            map = false;
                        }
                    }
                } catch (java.io.IOException e) {
                    // xev ended
                }
            }, "xev-reader");
            reader.setDaemon(true);
            reader.start();
            Thread.sleep(300); // xev has selected the root window's events
        }

        void clear() {
            mapped.clear();
        }

        Long next(int seconds) throws InterruptedException {
            return mapped.poll(seconds, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            xev.destroy();
        }
    }

    /** Starts a process and returns the ms until it prints {@code marker}; then waits for its end. */
    private static double untilLine(List<String> command, String marker) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        double ms = -1;
        StringBuilder seen = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                if (ms < 0 && l.contains(marker)) {
                    ms = (System.nanoTime() - start) / 1e6;
                }
                seen.append(l).append('\n');
            }
        }
        process.waitFor();
        if (ms < 0) {
            throw new IllegalStateException(String.join(" ", command) + " never printed '" + marker + "':\n" + seen);
        }
        return ms;
    }
}
