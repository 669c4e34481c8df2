package dev.leanspec.inspector.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Makes files and folders truly unwritable for a test, and writable again afterwards. Tests run
 * as root in CI, where permission bits stop nothing, so there the ext4 "immutable" attribute
 * ({@code chattr +i}) is used; as any other user, the mode bits.
 */
public final class ReadOnlyPaths implements AutoCloseable {

    private final Deque<Path> locked = new ArrayDeque<>();
    private final boolean root = "root".equals(System.getProperty("user.name"));

    /** Locks {@code path}; returns false when this machine cannot (then nothing was changed). */
    public boolean lock(Path path) throws IOException, InterruptedException {
        if (root) {
            if (new ProcessBuilder("chattr", "+i", path.toString()).redirectErrorStream(true).start().waitFor() != 0) {
                return false;
            }
        } else {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
        }
        locked.push(path);
        return true;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        while (!locked.isEmpty()) {
            Path path = locked.pop();
            if (root) {
                new ProcessBuilder(List.of("chattr", "-i", path.toString())).start().waitFor();
            } else {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
