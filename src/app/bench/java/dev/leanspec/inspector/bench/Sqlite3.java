package dev.leanspec.inspector.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code sqlite3} CLI as a baseline. A query's time is taken as the difference between a
 * process that runs it {@code n} times and one that runs it not at all, divided by {@code n}:
 * the CLI's own {@code .timer} has only millisecond resolution, and this also leaves out process
 * start-up, so the figure is the engine's (plus the CLI's output formatting, sent to /dev/null).
 */
final class Sqlite3 {

    private final String path;
    private double last = Double.NaN;

    private Sqlite3(String path) {
        this.path = path;
    }

    static Sqlite3 find() {
        return new Sqlite3(onPath("sqlite3"));
    }

    /** {@return the program {@code name} on the PATH (a baseline tool: sqlite3, sqldiff, rg), or null when it is not installed} */
    static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    boolean available() {
        return path != null;
    }

    String path() {
        return path;
    }

    /** The last figure {@link #time} returned. */
    double last() {
        return last;
    }

    /** The time of one run of {@code sql} on {@code file}, in ms; null without a {@code sqlite3}. */
    Double time(Path file, String sql, int n) throws Exception {
        if (path == null) {
            return null;
        }
        String setup = ".output /dev/null\n";
        String runs = setup + (sql.strip() + ";\n").repeat(n);
        List<String> command = List.of(path, "-readonly", file.toString());
        double empty = Timing.median(3, () -> Timing.process(command, setup));
        double full = Timing.median(3, () -> Timing.process(command, runs));
        last = Math.max(0, full - empty) / n;
        return last;
    }
}
