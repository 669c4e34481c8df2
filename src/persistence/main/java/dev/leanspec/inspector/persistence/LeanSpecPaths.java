package dev.leanspec.inspector.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/**
 * Where LeanSpec keeps its files, in the order LeanSpec itself looks (the project's reference,
 * "Paths and environment variables"): {@code $LEANSPEC_DATA_DIR}, the {@code databaseUrl} of
 * {@code ~/.lean-spec/config.json}, {@code ~/.lean-spec/leanspec.db}, {@code sessions.db}, then
 * chat.db in the {@code lean-spec/} and {@code leanspec/} folders of every data folder, and the
 * {@code *.db.migrated} files LeanSpec 0.2.25+ left beside them.
 *
 * <p>The home folder is {@code $HOME} when it is set (so a temporary HOME is honoured, as
 * LeanSpec's own {@code dirs} crate honours it), else the account's home.
 */
public final class LeanSpecPaths {

    /**
     * A file found where LeanSpec keeps them.
     *
     * @param path   the file; never null
     * @param kind   the kind its place says it is (its schema decides; see {@code MigrationService})
     * @param source why it was looked for there, e.g. {@code "~/.lean-spec (LeanSpec 0.2.25+)"}
     */
    public record Found(Path path, DatabaseKind kind, String source) {
        /** {@return whether this is one of the files LeanSpec 0.2.25+ renamed after importing it} */
        public boolean isLeftover() {
            return path.getFileName().toString().endsWith(".db.migrated");
        }
    }

    /**
     * What the default lookup found.
     *
     * @param files the files that exist, in LeanSpec's order, each once
     * @param notes what else it learnt, one sentence each (an unreadable config.json, a
     *              databaseUrl that is no URL); empty when nothing
     * @param postgres the PostgreSQL database config.json's {@code databaseUrl} names, or null
     */
    public record Discovery(List<Found> files, List<String> notes, PostgresUrl postgres) {
        /** Copies both lists; neither may be null (empty when nothing was found). */
        public Discovery {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }

        /** {@return the PostgreSQL database LeanSpec is configured to use, if any} */
        public Optional<PostgresUrl> databaseUrl() {
            return Optional.ofNullable(postgres);
        }
    }

    private final Path home;
    private final Map<String, String> env;
    private final String os;

    private LeanSpecPaths(Path home, Map<String, String> env, String os) {
        this.home = home;
        this.env = env;
        this.os = os.toLowerCase(Locale.ROOT);
    }

    /** {@return the paths for this user on this machine} */
    public static LeanSpecPaths current() {
        return new LeanSpecPaths(homeOf(System.getenv()), System.getenv(), System.getProperty("os.name"));
    }

    /**
     * The paths for a given home, environment and OS name (for tests and tools).
     *
     * @param home the user's home folder
     * @param env the environment ({@code LEANSPEC_DATA_DIR}, {@code APPDATA}, ...); empty for none
     * @param osName the {@code os.name} the locations are for
     * @return the locations for that user
     */
    public static LeanSpecPaths of(Path home, Map<String, String> env, String osName) {
        return new LeanSpecPaths(home, Map.copyOf(env), osName);
    }

    /**
     * {@code $HOME} when set and not empty, else the account's home ({@code user.home}).
     *
     * @param env the environment; {@code HOME} or {@code USERPROFILE} in it wins over {@code user.home}
     * @return the user's home folder
     */
    public static Path homeOf(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }

    /** {@return the home folder these paths are under} */
    public Path home() {
        return home;
    }

    /** {@return leanSpec's own folder: {@code $LEANSPEC_DATA_DIR} when set (0.2.28), else {@code ~/.lean-spec}} */
    public Path configDir() {
        String dataDir = env.get("LEANSPEC_DATA_DIR");
        return dataDir != null && !dataDir.isEmpty() ? Path.of(dataDir) : home.resolve(".lean-spec");
    }

    /**
     * Every place a database of {@code kind} may be, in LeanSpec's order of preference.
     *
     * @param kind which file
     * @return where LeanSpec releases wrote that kind of file, most likely first; never empty
     */
    public List<Path> candidates(DatabaseKind kind) {
        LinkedHashSet<Path> candidates = new LinkedHashSet<>();
        switch (kind) {
            case LEANSPEC -> {
                candidates.add(configDir().resolve("leanspec.db"));
                candidates.add(home.resolve(".lean-spec").resolve("leanspec.db"));
            }
            case SESSIONS -> {
                candidates.add(configDir().resolve("sessions.db"));
                candidates.add(home.resolve(".lean-spec").resolve("sessions.db"));
            }
            case CHAT -> {
                List<Path> dataDirs = new ArrayList<>();
                String xdg = env.get("XDG_DATA_HOME");
                if (xdg != null && !xdg.isBlank()) {
                    dataDirs.add(Path.of(xdg));
                }
                dataDirs.add(platformDataDir());
                // 0.2.23+ wrote "lean-spec", 0.2.20-0.2.22 "leanspec" in the same places; the
                // 0.2.25+ import looked only in ~/.lean-spec.
                for (String folder : List.of("lean-spec", "leanspec")) {
                    for (Path dataDir : dataDirs) {
                        candidates.add(dataDir.resolve(folder).resolve("chat.db"));
                    }
                    candidates.add(home.resolve("." + folder).resolve("chat.db"));
                }
                candidates.add(configDir().resolve("chat.db"));
            }
        }
        return List.copyOf(candidates);
    }

    /**
     * The first candidate of {@code kind} that exists, or empty when LeanSpec has no such file here.
     *
     * @param kind which file
     * @return the first candidate that exists, or empty when none does
     */
    public Optional<Path> find(DatabaseKind kind) {
        return candidates(kind).stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * Every LeanSpec file on this machine, in LeanSpec's order: the database {@code databaseUrl}
     * names, leanspec.db, sessions.db, every chat.db, then the {@code *.db.migrated} leftovers
     * beside them. Reads only config.json; never opens a database.
     *
     * @return the files found (leftovers included, flagged) and notes on what could not be looked at; lists are empty, never null
     */
    public Discovery discover() {
        Map<Path, Found> found = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        PostgresUrl[] postgres = {null};
        databaseUrl(notes, url -> postgres[0] = url).ifPresent(path -> add(found, path, DatabaseKind.LEANSPEC, "databaseUrl in " + configFile()));
        for (Path path : candidates(DatabaseKind.LEANSPEC)) {
            add(found, path, DatabaseKind.LEANSPEC, "LeanSpec 0.2.25+");
        }
        for (Path path : candidates(DatabaseKind.SESSIONS)) {
            add(found, path, DatabaseKind.SESSIONS, "LeanSpec 0.2.22–0.2.24");
        }
        for (Path path : candidates(DatabaseKind.CHAT)) {
            add(found, path, DatabaseKind.CHAT, path.getParent().getFileName().toString().equals("leanspec")
                    ? "LeanSpec 0.2.20–0.2.22" : "LeanSpec 0.2.23–0.2.24");
        }
        for (DatabaseKind kind : List.of(DatabaseKind.SESSIONS, DatabaseKind.CHAT)) {
            for (Path path : candidates(kind)) {
                add(found, path.resolveSibling(path.getFileName() + ".migrated"), kind, "renamed .migrated after its import into leanspec.db");
            }
        }
        return new Discovery(new ArrayList<>(found.values()), notes, postgres[0]);
    }

    private static void add(Map<Path, Found> found, Path path, DatabaseKind kind, String source) {
        Path normal = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(normal) && !found.containsKey(normal)) {
            found.put(normal, new Found(normal, kind, source));
        }
    }

    private Path configFile() {
        return configDir().resolve("config.json");
    }

    /**
     * {@return the PostgreSQL database config.json's {@code databaseUrl} names, if any}: that file
     * alone is read, not every place {@link #discover()} looks in.
     */
    public Optional<PostgresUrl> configuredPostgres() {
        PostgresUrl[] postgres = new PostgresUrl[1];
        databaseUrl(new java.util.ArrayList<>(), url -> postgres[0] = url);
        return Optional.ofNullable(postgres[0]);
    }

    /**
     * The file {@code databaseUrl} (or {@code database_url}) of config.json names, resolved as
     * LeanSpec 0.2.27+ does: {@code sqlite:///abs}, {@code sqlite://~/rel}, {@code sqlite://rel}
     * (under the config folder). A {@code postgres://} URL goes to {@code postgres} instead.
     */
    Optional<Path> databaseUrl(List<String> notes, Consumer<PostgresUrl> postgres) {
        Path config = configFile();
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        Object url;
        try {
            Object parsed = new JSONParser().parse(Files.readString(config, StandardCharsets.UTF_8));
            if (!(parsed instanceof Map<?, ?> settings)) {
                return Optional.empty();
            }
            url = settings.containsKey("databaseUrl") ? settings.get("databaseUrl") : settings.get("database_url");
        } catch (IOException | RuntimeException | ParseException e) {
            notes.add(config + " could not be read (" + e.getMessage() + "); its databaseUrl is ignored.");
            return Optional.empty();
        }
        if (!(url instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        if (PostgresUrl.isUrl(text)) {
            try {
                postgres.accept(PostgresUrl.parse(text));
            } catch (PersistenceException invalid) {
                notes.add("databaseUrl in " + config + ": " + invalid.getMessage());
            }
            return Optional.empty();
        }
        if (!text.startsWith("sqlite://")) {
            notes.add("databaseUrl in " + config + " is neither sqlite:// nor postgres:// (" + redact(text) + "); LeanSpec refuses it too.");
            return Optional.empty();
        }
        String rest = text.substring("sqlite://".length());
        if (rest.startsWith("/")) {
            return Optional.of(Path.of(rest));
        }
        if (rest.startsWith("~/")) {
            return Optional.of(home.resolve(rest.substring(2)));
        }
        return Optional.of(configDir().resolve(rest));
    }

    /** A URL without its password, for messages. */
    private static String redact(String url) {
        return url.replaceFirst("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    private Path platformDataDir() {
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support");
        }
        return home.resolve(".local").resolve("share");
    }
}
