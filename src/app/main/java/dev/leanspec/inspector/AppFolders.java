package dev.leanspec.inspector;

import dev.leanspec.inspector.persistence.LeanSpecPaths;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the app keeps its own files, never beside the user's: settings and demo databases in the
 * platform's per-user data folder, search indexes in its cache folder (which may be deleted at
 * any time: they are rebuilt). Both under {@code $HOME}, so a temporary HOME keeps the app's
 * files in it too.
 *
 * @param data  settings, demo databases
 * @param cache search indexes
 */
public record AppFolders(Path data, Path cache) {

    /** {@return the folders of this user on this system} */
    public static AppFolders current() {
        return of(LeanSpecPaths.homeOf(System.getenv()), System.getenv(), System.getProperty("os.name"));
    }

    /**
     * The folders for a given home, environment and system.
     *
     * @param env {@code APPDATA}, {@code LOCALAPPDATA} (Windows), {@code XDG_DATA_HOME}, {@code XDG_CACHE_HOME} (others); empty for the defaults
     */
    public static AppFolders of(Path home, Map<String, String> env, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path local = Path.of(env.getOrDefault("LOCALAPPDATA", home.resolve("AppData/Local").toString()));
            return new AppFolders(Path.of(env.getOrDefault("APPDATA", home.resolve("AppData/Roaming").toString()), "LeanSpec Inspector"),
                    local.resolve("LeanSpec Inspector").resolve("Cache"));
        }
        if (os.contains("mac")) {
            return new AppFolders(home.resolve("Library/Application Support/LeanSpec Inspector"),
                    home.resolve("Library/Caches/LeanSpec Inspector"));
        }
        return new AppFolders(xdg(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve("leanspec-inspector"),
                xdg(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve("leanspec-inspector"));
    }

    /** {@return the default folders under {@code home} on this system, whatever the environment says} (for tests and tools) */
    public static AppFolders inHome(Path home) {
        return of(home, Map.of(), System.getProperty("os.name"));
    }

    private static Path xdg(Map<String, String> env, String name, Path otherwise) {
        String value = env.get(name);
        // The XDG spec: a relative path is invalid and must be ignored.
        return value == null || value.isBlank() || !Path.of(value).isAbsolute() ? otherwise : Path.of(value);
    }
}
