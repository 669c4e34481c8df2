package dev.leanspec.inspector.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a class's {@code main} in a JVM of its own, on this test's class path: for what must be
 * a separate process (a writer holding a lock, a process to kill, a small heap, a file-size limit).
 */
public final class JavaProcess {

    /** What a finished process printed and returned. */
    public record Outcome(int code, String out, String err) {
    }

    private JavaProcess() {
    }

    /** The command line that runs {@code main} with the given JVM options and arguments. */
    public static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dorg.jooq.no-logo=true");
        command.add("-Dorg.jooq.no-tips=true");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    public static Process start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        return new ProcessBuilder(command(jvmOptions, main, args)).start();
    }

    /** Runs the command to its end (at most {@code seconds}) and returns its outcome. */
    public static Outcome run(List<String> command, int seconds) throws IOException, InterruptedException {
        return run(command, java.util.Map.of(), seconds);
    }

    /** The same, with these environment variables set (e.g. {@code HOME}, so the app's folders are a test's). */
    public static Outcome run(List<String> command, java.util.Map<String, String> environment, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Read both streams while it runs, so a chatty process never blocks on a full pipe.
        var out = readLater(process.getInputStream());
        var err = readLater(process.getErrorStream());
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + seconds + " s");
        }
        return new Outcome(process.exitValue(), out.join(), err.join());
    }

    private static java.util.concurrent.CompletableFuture<String> readLater(java.io.InputStream stream) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
