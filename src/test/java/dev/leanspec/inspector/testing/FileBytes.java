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
     * Each file in a folder (not below it) with its hash: catches new databases and backups.
     * SQLite's shared-memory index and an empty write-ahead log are left out: any reader of a WAL
     * file creates them and a read-only reader cannot remove them; they hold no data.
     */
    public static Map<String, String> folder(Path dir) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(FileBytes::holdsData).toList()) {
                hashes.put(file.getFileName().toString(), sha256(file));
            }
        }
        return hashes;
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
