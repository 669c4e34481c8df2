package dev.leanspec.inspector.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private GuiFigures() {
    }

    static void run(Bench bench, Path wideSessions, Path out, boolean quick, Consumer<String> log) throws Exception {
        // Launch: the installed app image if built (it has the AppCDS archive users get), else the jar.
        Path image = Path.of("target/dist/leanspec-inspector/bin/leanspec-inspector");
        String displayName = System.getenv("DISPLAY");
        boolean display = displayName != null && !displayName.isBlank(); // DISPLAY= (empty) is no display too
        List<String> launch = new ArrayList<>();
        String how;
        if (display && Files.isExecutable(image) && !quick) {
            launch.add(image.toString());
            how = "app image launcher, on " + displayName;
        } else {
            launch.addAll(bench.javaCommand());
            if (!display) {
                // Monocle is a test dependency: headless launches need the test class path.
                launch.set(launch.indexOf("-cp") + 1, System.getProperty("java.class.path"));
                launch.addAll(2, MONOCLE);
            }
            launch.add("dev.leanspec.inspector.Main");
            how = (display ? "java -cp, on " + displayName : "java -cp, headless Monocle");
        }
        launch.add("--smoke");
        // "smoke: window shown": the window's own report, printed once its content is built and laid out.
        double shownMs = Timing.median(bench.repetitions(5), () -> untilLine(launch, "smoke: window shown"));
        // On a display, ours and the peer users would pick instead, DB Browser for SQLite (apt-get
        // install sqlitebrowser), are timed the same way: until the process's window is mapped
        // (xdotool). DB4S opens the million-session file.
        Path xdotool = Path.of("/usr/bin/xdotool");
        Path db4s = Path.of("/usr/bin/sqlitebrowser");
        boolean mapped = display && !quick && Files.isExecutable(xdotool);
        Double oursMapped = mapped && launch.get(0).equals(image.toString()) ? medianUntilMapped(bench, launch, xdotool) : null;
        Double db4sMapped = mapped && Files.isExecutable(db4s) ? medianUntilMapped(bench, List.of(db4s.toString(), wideSessions.toString()), xdotool) : null;
        double launchMs = oursMapped != null ? oursMapped : shownMs;
        String measured = oursMapped != null ? String.format("until its window is mapped (xdotool), as DB4S; its content drawn at %.0f ms", shownMs)
                : "until the window reports its content drawn";
        bench.add("8a. launch to first window", launchMs, null, db4sMapped, db4sMapped == null ? "≤ 1,500 ms" : "≤ 1.5× DB Browser for SQLite (third column)",
                (o, j) -> db4sMapped == null ? o <= 1_500 : o <= 1.5 * db4sMapped, how + ", " + measured + (db4sMapped == null ? "; DB Browser for SQLite not measured"
                        + " (not installed, no display or xdotool, or a quick run)" : "; third column: DB Browser for SQLite "
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

    /** 8c and 8d: a 10,000-line ACP session's conversation, opened and scrolled in the real window. */
    static void transcript(Bench bench, Path out, boolean quick, Consumer<String> log) throws Exception {
        List<String> probe = new ArrayList<>(bench.javaCommand());
        probe.set(probe.indexOf("-cp") + 1, System.getProperty("java.class.path"));
        probe.addAll(1, List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
        probe.addAll(2, MONOCLE);
        probe.addAll(List.of(GuiTranscriptProbe.class.getName(), "10000", quick ? "3" : "9"));
        Process process = new ProcessBuilder(probe).redirectError(out.resolve("gui-transcript-probe.log").toFile()).start();
        String line = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                if (l.startsWith("{")) {
                    line = l;
                }
            }
        }
        int code = process.waitFor();
        String first = "8c. open a 10,000-line ACP session: its conversation's first screen";
        String scroll = "8d. scroll that conversation top to bottom (longest frame)";
        if (line == null) {
            String why = "the probe died (exit " + code + "); see target/bench/gui-transcript-probe.log";
            bench.add(first, Double.NaN, null, null, "≤ 300 ms", (o, j) -> false, why);
            bench.add(scroll, Double.NaN, null, null, "no frame > 100 ms", (o, j) -> false, why);
            return;
        }
        log.accept("GUI transcript probe: " + line);
        JsonNode result = new ObjectMapper().readTree(line);
        String entries = String.format("%,d log lines folded into %,d entries; headless Monocle, -Xmx256m",
                result.get("lines").asLong(), result.get("entries").asLong());
        bench.add(first, result.get("firstScreenMs").asDouble(), null, null, "≤ 300 ms", (o, j) -> o <= 300,
                "median of alternating selections, from the click to the first entry drawn; " + entries);
        bench.add(scroll, result.get("longestFrameMs").asDouble(), null, null, "no frame > 100 ms", (o, j) -> o <= 100,
                String.format("%d frames over 100 ms; 400 stops, each waited for until drawn", result.get("framesOver100Ms").asLong()));
    }

    /** A command's launch to a visible window, median of runs; null when it never shows one. */
    private static Double medianUntilMapped(Bench bench, List<String> command, Path xdotool) {
        // A run that fails (DB4S now and then aborts when killed right after its window shows) is
        // left out; the median needs most of them.
        int runs = bench.repetitions(5);
        List<Double> shown = new ArrayList<>();
        for (int run = 0; run < runs + 2 && shown.size() < runs; run++) {
            try {
                shown.add(untilMapped(command, xdotool));
                Thread.sleep(500); // let the last one's settings be written before the next starts
            } catch (Exception e) {
                // tried again, up to twice
            }
        }
        if (shown.size() < (runs + 1) / 2) {
            return null;
        }
        java.util.Collections.sort(shown);
        return shown.get(shown.size() / 2);
    }

    private static double untilMapped(List<String> command, Path xdotool) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = start + 15_000_000_000L;
            while (System.nanoTime() < deadline && process.isAlive()) {
                Process search = new ProcessBuilder(xdotool.toString(), "search", "--onlyvisible", "--pid", Long.toString(process.pid()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (search.waitFor() == 0) {
                    return (System.nanoTime() - start) / 1e6;
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException(command.get(0) + " showed no window within 15 s");
        } finally {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
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
