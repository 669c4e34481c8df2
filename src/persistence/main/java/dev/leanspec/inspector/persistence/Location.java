package dev.leanspec.inspector.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a LeanSpec database is: a SQLite file or a PostgreSQL database. What the window and the
 * CLI hold for an open database, so that one screen or command works on either; the front door
 * ({@link LeanSpecDatabase#at(Location)}), the stores and {@code MigrationService} open both.
 */
public sealed interface Location {

    /**
     * A SQLite file.
     *
     * @param path the file, absolute and normalized
     */
    record File(Path path) implements Location {
        /** Makes the path absolute and normal, so that one file is one location. */
        public File {
            path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
        }

        @Override
        public String where() {
            return path.toString();
        }

        @Override
        public String name() {
            return path.getFileName().toString();
        }
    }

    /**
     * A PostgreSQL database (and schema).
     *
     * @param url the database; its password is never shown
     */
    record Server(PostgresUrl url) implements Location {
        /** Requires the URL. */
        public Server {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String where() {
            return url.toString();
        }

        @Override
        public String name() {
            return url.database() + ("public".equals(url.schema()) ? "" : "." + url.schema()) + " @ " + url.host();
        }
    }

    /**
     * A SQLite file.
     *
     * @param file the file; a relative path is taken from the working directory
     * @return its location
     */
    static Location of(Path file) {
        return new File(file);
    }

    /**
     * A PostgreSQL database and schema.
     *
     * @param url the database
     * @return its location
     */
    static Location of(PostgresUrl url) {
        return new Server(url);
    }

    /**
     * A file path or a PostgreSQL URL, as a user types it.
     *
     * @param fileOrUrl a path, or {@code postgres://…} / {@code jdbc:postgresql:…}
     * @return where it points
     * @throws PersistenceException for a URL that cannot be read
     */
    static Location parse(String fileOrUrl) {
        return PostgresUrl.isUrl(fileOrUrl) ? new Server(PostgresUrl.parse(fileOrUrl)) : new File(Path.of(fileOrUrl));
    }

    /** {@return the file's absolute path, or the URL without its password: for messages and tooltips} */
    String where();

    /** {@return a short name for a tab: the file's name, or the database (and schema) at its host} */
    String name();
}
