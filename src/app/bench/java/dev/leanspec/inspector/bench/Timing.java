package dev.leanspec.inspector.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** Wall-clock timings for what JMH cannot host: whole processes and one-off operations. */
final class Timing {

    private Timing() {
    }

    /** The median of {@code repetitions} runs, in ms, after one unmeasured warm-up run. */
    static double median(int repetitions, Callable<?> action) throws Exception {
        action.call();
        double[] times = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            times[i] = millis(action);
        }
        return medianOf(times);
    }

    /** The median of {@code repetitions} runs, in ms, after {@code warmUp} unmeasured runs. */
    static double median(int warmUp, int repetitions, Callable<?> action) throws Exception {
        for (int i = 1; i < warmUp; i++) {
            action.call();
        }
        return median(repetitions, action);
    }

    /**
     * The medians of {@code repetitions} runs of {@code ours} and of {@code baseline}, in ms, taken
     * in turns after both were warmed up for {@code warmUp} runs each: a figure compared with a
     * baseline must not get the colder JIT, or the busier server, of the two. (One warm-up run left
     * jOOQ's code to be compiled while its own runs were timed, and the baseline's runs after it
     * found pgjdbc already compiled.)
     */
    static double[] paired(int warmUp, int repetitions, Callable<?> ours, Callable<?> baseline) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            ours.call();
            baseline.call();
        }
        double[] a = new double[repetitions];
        double[] b = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            a[i] = millis(ours);
            b[i] = millis(baseline);
        }
        return new double[] {medianOf(a), medianOf(b)};
    }

    private static double medianOf(double[] times) {
        Arrays.sort(times);
        return times.length % 2 == 1 ? times[times.length / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
    }

    /** One run, in ms. */
    static double millis(Callable<?> action) throws Exception {
        long start = System.nanoTime();
        action.call();
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Runs a process to its end with {@code stdin} (or none) and returns its wall time in ms;
     * its output is discarded. A failing process fails the benchmark: a figure from a run that
     * did not do the work would be a lie.
     */
    static double process(List<String> command, String stdin) throws IOException, InterruptedException {
        return process(command, stdin, java.util.Map.of());
    }

    /** The same with more environment variables (a password a tool reads from its environment). */
    static double process(List<String> command, String stdin, java.util.Map<String, String> env) throws IOException, InterruptedException {
        return process(command, stdin, env, 0);
    }

    /** The same for a process whose success is another exit code (diff's 3: the two differ). */
    static double process(List<String> command, String stdin, java.util.Map<String, String> env, int success)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (code != success) {
            throw new IOException(String.join(" ", command) + " exited with " + code + ": " + errors);
        }
        return ms;
    }
}
