package dev.leanspec.inspector.persistence.internal;

import dev.leanspec.inspector.persistence.PersistenceException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who else has a database file open. LeanSpec holds the write lock only while it commits, so a
 * lock probe misses a LeanSpec that is running between writes; a process that keeps the file (or
 * its {@code -wal}) open is the sign that it will write again, with the schema it knows.
 */
public final class FileUsers {

    /**
     * A process that has the file open.
     *
     * @param pid  its process id
     * @param name its command name, e.g. {@code leanspec-http}
     */
    public record User(long pid, String name) {
        @Override
        public String toString() {
            return name + " (pid " + pid + ")";
        }
    }

    private FileUsers() {
    }

    /**
     * The other processes that have {@code file}, its {@code -wal}, {@code -shm} or
     * {@code -journal} open, or empty when this system cannot tell (no {@code /proc}).
     */
    public static Optional<List<User>> of(Path file) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc.resolve("self").resolve("fd"))) {
            return Optional.empty();
        }
        Path real = realPath(file);
        Set<Path> wanted = Set.of(real, SqliteFiles.sidecar(real, "-wal"), SqliteFiles.sidecar(real, "-shm"), SqliteFiles.sidecar(real, "-journal"));
        long self = ProcessHandle.current().pid();
        List<User> users = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && holds(process.resolve("fd"), wanted)) {
                    users.add(new User(pid, name(process)));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(users));
    }

    /**
     * Whether another connection commits to the file while this one watches for {@code millis}
     * ({@code PRAGMA data_version} changes exactly then): a LeanSpec that writes every few
     * milliseconds, on a system where {@link #of} cannot look.
     */
    public static boolean writesDuring(Path file, long millis) {
        try (Connection connection = SqliteFiles.openReadOnly(file); Statement statement = connection.createStatement()) {
            long first = dataVersion(statement);
            long until = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() < until) {
                Thread.sleep(Math.min(25, millis));
                if (dataVersion(statement) != first) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw Failures.translate(file, "watch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How long a file is watched for another program's commits before it is written. */
    public static final long WATCH_MILLIS = 300;

    /**
     * Refuses ({@code IN_USE}) while another program has {@code file} open or commits to it
     * during {@link #WATCH_MILLIS}: LeanSpec holds the write lock only while it commits, and a
     * LeanSpec still running on the old schema fails on every write after a change. The message
     * names the program, the file, what {@code --force} would risk ({@code risk}), and that nothing
     * was changed.
     */
    public static void refuseWhileInUse(Path file, String risk) {
        Optional<List<User>> users = of(file);
        if (users.isPresent() && !users.get().isEmpty()) {
            String who = String.join(", ", users.get().stream().map(User::toString).toList());
            throw new PersistenceException(
                    PersistenceException.Reason.IN_USE, file,
                    who + (users.get().size() == 1 ? " has " : " have ") + file.getFileName() + " open: stop LeanSpec and retry ("
                            + file + "). " + risk + "; --force does it anyway. Nothing was changed.");
        }
        if (writesDuring(file, WATCH_MILLIS)) {
            throw new PersistenceException(
                    PersistenceException.Reason.IN_USE, file,
                    "Another program wrote to " + file + " while it was checked"
                            + (users.isEmpty() ? " (this system does not show which program has it open)" : "")
                            + ": stop LeanSpec and retry; --force does it anyway. Nothing was changed.");
        }
    }

    private static long dataVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA data_version")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static boolean holds(Path fds, Set<Path> wanted) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                try {
                    if (wanted.contains(Files.readSymbolicLink(link))) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException gone) {
                    // A descriptor closed while we looked.
                }
            }
        } catch (IOException notOurs) {
            // Another user's process: not readable, and not LeanSpec run by this user.
        }
        return false;
    }

    private static String name(Path process) {
        try {
            return Files.readString(process.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "a process";
        }
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
