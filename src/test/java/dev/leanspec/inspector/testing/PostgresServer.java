package dev.leanspec.inspector.testing;

import dev.leanspec.inspector.persistence.PostgresUrl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's {@code postgresql} binaries, a cluster of its
 * own in a temp folder ({@code initdb}), started with {@code pg_ctl} on a free loopback port and
 * stopped when the test JVM exits. PostgreSQL refuses to run as root, so under root (CI) the
 * cluster belongs to the {@code postgres} user the package created and its commands run through
 * {@code runuser}. Each test asks for a {@link #newDatabase() database of its own}.
 *
 * <p>{@code LEANSPEC_TEST_POSTGRES=postgres://user:pass@host:port/db} uses a server already
 * running instead (its user must be allowed to create databases).
 */
public final class PostgresServer {

    public static final String USER = "leanspec";
    public static final String PASSWORD = "s3cret:/@pass";

    private static PostgresServer shared;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(String host, int port, String user, String password, String adminDatabase) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            String given = System.getenv("LEANSPEC_TEST_POSTGRES");
            shared = given != null && !given.isBlank() ? existing(given) : start();
        }
        return shared;
    }

    /** A new, empty database on the server; its LeanSpec-style URL ({@code postgres://…}). */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection admin = connect(adminDatabase); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + host + ":" + port, e);
        }
        return url(name);
    }

    /** The {@code postgres://} URL of a database, with the password percent-encoded. */
    public String url(String database) {
        return new PostgresUrl(host, port, database, user, password, null).withCredentials();
    }

    /** A plain JDBC connection to a database on the server (for checking from the side). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }

    /** The database name of a URL {@link #newDatabase} gave. */
    public static String databaseOf(String url) {
        return PostgresUrl.parse(url).database();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    private static PostgresServer existing(String given) {
        PostgresUrl url = PostgresUrl.parse(given);
        return new PostgresServer(url.host(), url.port(), url.user(), url.password(), url.database());
    }

    private static PostgresServer start() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("leanspec-test-postgres");
            Path data = dir.resolve("data");
            Path passwordFile = dir.resolve("password");
            Files.writeString(passwordFile, PASSWORD + "\n");
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir);
            }
            int port = freePort();
            run(as(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")), dir);
            // Tests need no durability: fsync off makes each CREATE DATABASE and commit cheap.
            run(as(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start")), dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(as(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop")), dir);
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                } catch (RuntimeException | IOException e) {
                    System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e.getMessage());
                }
            }, "stop-test-postgres"));
            return new PostgresServer("127.0.0.1", port, USER, PASSWORD, "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PostgreSQL's server binaries: Debian keeps them under /usr/lib/postgresql/N/bin (newest first). */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The PostgreSQL tests need PostgreSQL's server binaries "
                    + "(apt-get install postgresql), or LEANSPEC_TEST_POSTGRES=postgres://user:pass@host:port/db of a running server.", e);
        }
    }

    private static List<String> as(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
