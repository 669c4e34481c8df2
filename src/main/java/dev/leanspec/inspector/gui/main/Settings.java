package dev.leanspec.inspector.gui.main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the window remembers between runs: recent files and the theme. */
public interface Settings {

    /** How many recent files are kept. */
    int MAX_RECENT = 10;

    List<Path> recentFiles();

    void setRecentFiles(List<Path> files);

    boolean darkTheme();

    void setDarkTheme(boolean dark);

    /** Settings kept in the user's Java preferences (per user, per machine). */
    static Settings userPreferences() {
        Preferences node = Preferences.userRoot().node("dev/leanspec/inspector");
        return new Settings() {
            @Override
            public List<Path> recentFiles() {
                List<Path> files = new ArrayList<>();
                for (int i = 0; i < MAX_RECENT; i++) {
                    String value = node.get("recent." + i, null);
                    if (value != null) {
                        files.add(Path.of(value));
                    }
                }
                return files;
            }

            @Override
            public void setRecentFiles(List<Path> files) {
                for (int i = 0; i < MAX_RECENT; i++) {
                    if (i < files.size()) {
                        node.put("recent." + i, files.get(i).toString());
                    } else {
                        node.remove("recent." + i);
                    }
                }
                flush();
            }

            @Override
            public boolean darkTheme() {
                return node.getBoolean("theme.dark", false);
            }

            @Override
            public void setDarkTheme(boolean dark) {
                node.putBoolean("theme.dark", dark);
                flush();
            }

            private void flush() {
                try {
                    node.flush();
                } catch (BackingStoreException e) {
                    // Remembering is a convenience; the window works without it.
                }
            }
        };
    }

    /** Settings that live as long as the object (tests). */
    static Settings inMemory() {
        return new Settings() {
            private List<Path> recent = List.of();
            private boolean dark;

            @Override
            public List<Path> recentFiles() {
                return recent;
            }

            @Override
            public void setRecentFiles(List<Path> files) {
                recent = List.copyOf(files);
            }

            @Override
            public boolean darkTheme() {
                return dark;
            }

            @Override
            public void setDarkTheme(boolean value) {
                dark = value;
            }
        };
    }
}
