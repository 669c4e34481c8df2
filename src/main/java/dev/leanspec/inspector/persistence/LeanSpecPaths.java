package dev.leanspec.inspector.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where LeanSpec keeps its files, in the order LeanSpec itself looks (see the project's
 * reference on legacy databases).
 */
public final class LeanSpecPaths {

    private final Path home;
    private final Map<String, String> env;
    private final String os;

    private LeanSpecPaths(Path home, Map<String, String> env, String os) {
        this.home = home;
        this.env = env;
        this.os = os.toLowerCase(Locale.ROOT);
    }

    /** The paths for this user on this machine. */
    public static LeanSpecPaths current() {
        return new LeanSpecPaths(Path.of(System.getProperty("user.home")), System.getenv(), System.getProperty("os.name"));
    }

    /** The paths for a given home, environment and OS name (for tests and tools). */
    public static LeanSpecPaths of(Path home, Map<String, String> env, String osName) {
        return new LeanSpecPaths(home, Map.copyOf(env), osName);
    }

    /** Every place a database of {@code kind} may be, in LeanSpec's order of preference. */
    public List<Path> candidates(DatabaseKind kind) {
        if (kind == DatabaseKind.SESSIONS) {
            return List.of(home.resolve(".lean-spec").resolve("sessions.db"));
        }
        List<Path> dataDirs = new ArrayList<>();
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            dataDirs.add(Path.of(xdg));
        }
        dataDirs.add(platformDataDir());
        LinkedHashSet<Path> candidates = new LinkedHashSet<>();
        // Early builds used "leanspec" (no hyphen) in the same places; the hyphenated name wins.
        for (String folder : List.of("lean-spec", "leanspec")) {
            for (Path dataDir : dataDirs) {
                candidates.add(dataDir.resolve(folder).resolve("chat.db"));
            }
            candidates.add(home.resolve("." + folder).resolve("chat.db"));
        }
        return List.copyOf(candidates);
    }

    /** The first candidate that exists, or empty when LeanSpec has no such file here. */
    public Optional<Path> find(DatabaseKind kind) {
        return candidates(kind).stream().filter(Files::isRegularFile).findFirst();
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
