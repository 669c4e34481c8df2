package dev.leanspec.inspector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The files LeanSpec's own released binaries wrote (src/fixtures/README.md says how), copied
 * into a test's folder before use: a reader of a WAL file needs to create its {@code -shm}, and a
 * test must never change the committed originals.
 */
public final class RealFixtures {

    private RealFixtures() {
    }

    /** The committed fixture folder, e.g. {@code leanspec-0.2.24}; read it, never write to it. */
    public static Path original(String folder) {
        try {
            return Path.of(RealFixtures.class.getResource("/fixtures/real/" + folder).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no real fixture folder " + folder + " (run src/fixtures/make-fixtures.sh)", e);
        }
    }

    /** Copies one fixture file (with its -wal, if any) into {@code dir}; returns the copy. */
    public static Path copy(String file, Path dir) {
        Path source = original(Path.of(file).getParent().toString()).resolve(Path.of(file).getFileName());
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(source.getFileName());
            Files.copy(source, target);
            Path wal = source.resolveSibling(source.getFileName() + "-wal");
            if (Files.exists(wal)) {
                Files.copy(wal, dir.resolve(wal.getFileName()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every database file of the committed fixtures, as paths relative to the fixture root. */
    public static Stream<String> all() {
        Path root = original(".");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".db")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
