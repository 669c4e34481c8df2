package dev.leanspec.inspector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * LeanSpec's own released server ({@code @leanspec/http-linux-x64} from npm), run on 127.0.0.1
 * with a HOME of the test's, and driven through its HTTP API: the proof that LeanSpec still works
 * on what this project leaves behind. The binaries are fetched once per build into
 * {@code target/leanspec-binaries}.
 */
public final class LeanSpecServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CACHE = Path.of("target", "leanspec-binaries");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LeanSpecServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Whether the binaries can be had here (Linux x64 with npm on the PATH). */
    public static boolean available() {
        return System.getProperty("os.name").toLowerCase().contains("linux") && System.getProperty("os.arch").contains("64")
                && (Files.isExecutable(binaryPath("0.2.24")) || onPath("npm"));
    }

    /** The server binary of {@code version}, fetched with {@code npm pack} the first time. */
    public static synchronized Path binary(String version) {
        Path binary = binaryPath(version);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Path dir = binary.getParent().getParent();
        try {
            Files.createDirectories(dir);
            run(dir, List.of("npm", "pack", "--silent", "@leanspec/http-linux-x64@" + version));
            try (var files = Files.list(dir)) {
                Path tarball = files.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
                run(dir, List.of("tar", "xzf", tarball.getFileName().toString()));
            }
            binary.toFile().setExecutable(true);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code version} with {@code home} as its HOME and waits until it answers. */
    public static LeanSpecServer start(String version, Path home) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(home);
        Path log = home.resolve("leanspec-" + version + ".log");
        ProcessBuilder builder = new ProcessBuilder(binary(version).toAbsolutePath().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--no-open")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", home.toAbsolutePath().toString());
        builder.environment().remove("LEANSPEC_DATA_DIR");
        builder.environment().remove("XDG_DATA_HOME");
        LeanSpecServer server = new LeanSpecServer(builder.start(), port, log);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            if (!server.process.isAlive()) {
                throw new IllegalStateException("LeanSpec " + version + " exited at start: " + server.log());
            }
            try {
                if (server.send("GET", "/health", null).statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        server.close();
        throw new IllegalStateException("LeanSpec " + version + " did not answer in 20 s: " + server.log());
    }

    /** The process's pid (to look for it among a file's users). */
    public long pid() {
        return process.pid();
    }

    /** What the server printed so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A request; the response whatever its status. */
    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request that must succeed; its JSON body (null when empty). */
    public JsonNode call(String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, json);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? null : JSON.readTree(response.body());
    }

    /** Stops the server by its pid, as a user's Ctrl+C would, and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path binaryPath(String version) {
        return CACHE.resolve(version).resolve("package").resolve("leanspec-http");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static void run(Path dir, List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
