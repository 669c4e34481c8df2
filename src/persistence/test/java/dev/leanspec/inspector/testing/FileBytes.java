package dev.leanspec.inspector.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SHA-256 fingerprints of files and folders, to prove that nothing was written. */
public final class FileBytes {

    private FileBytes() {
    }

    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each file in a folder (not below it) with its hash: catches new databases, backups and
     * SQLite's files beside them. A shared-memory index ({@code -shm}) and an empty write-ahead log
     * are named without a hash: they hold no data, and readers write to an existing {@code -shm}
     * (their read marks); that one appears or goes is still seen. One {@code -shm} is left out: that
     * of a log with frames, which any reader of the log must create and only a checkpoint (a write
     * to the file) could remove.
     */
    public static Map<String, String> folder(Path dir) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !besideALogWithFrames(f)).toList()) {
                hashes.put(file.getFileName().toString(), holdsData(file) ? sha256(file) : "(no data)");
            }
        }
        return hashes;
    }

    /**
     * {@link #folder}, without the files that hold no data: what a process killed while reading
     * a WAL file leaves (its {@code -shm}, an empty log) is not a change of anyone's data.
     */
    public static Map<String, String> data(Path dir) throws IOException {
        Map<String, String> hashes = new TreeMap<>(folder(dir));
        hashes.values().removeIf("(no data)"::equals);
        return hashes;
    }

    private static boolean besideALogWithFrames(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith("-shm")) {
            return false;
        }
        Path wal = file.resolveSibling(name.substring(0, name.length() - "-shm".length()) + "-wal");
        try {
            return Files.exists(wal) && Files.size(wal) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean holdsData(Path file) {
        String name = file.getFileName().toString();
        try {
            return !name.endsWith("-shm") && !(name.endsWith("-wal") && Files.size(file) == 0);
        } catch (IOException e) {
            return true;
        }
    }
}
