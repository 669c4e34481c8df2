package dev.leanspec.inspector.gui.main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What the window remembers between runs: recent files, the theme and the SQL console's statements. */
public interface Settings {

    /** How many recent files are kept. */
    int MAX_RECENT = 10;

    List<Path> recentFiles();

    void setRecentFiles(List<Path> files);

    boolean darkTheme();

    void setDarkTheme(boolean dark);

    /** How many statements the SQL console remembers. */
    int MAX_QUERIES = 100;

    /** The SQL console's statements, newest first. */
    List<String> queryHistory();

    void setQueryHistory(List<String> statements);

    /**
     * Settings kept in a properties file, {@code settings.properties} in {@code dir} (the app's
     * folder under {@code $HOME}, so that a temporary HOME keeps them too; Java's own preferences
     * live under the account's home whatever HOME says). A missing or unreadable file reads as
     * defaults; a failed write is ignored: remembering is a convenience.
     */
    static Settings file(Path dir) {
        Path file = dir.resolve("settings.properties");
        Properties values = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (IOException | IllegalArgumentException missingOrBad) {
            values.clear();
        }
        return new Settings() {
            @Override
            public List<Path> recentFiles() {
                List<Path> files = new ArrayList<>();
                for (int i = 0; i < MAX_RECENT; i++) {
                    String value = values.getProperty("recent." + i);
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
                        values.setProperty("recent." + i, files.get(i).toString());
                    } else {
                        values.remove("recent." + i);
                    }
                }
                save();
            }

            @Override
            public boolean darkTheme() {
                return Boolean.parseBoolean(values.getProperty("theme.dark", "false"));
            }

            @Override
            public void setDarkTheme(boolean dark) {
                values.setProperty("theme.dark", Boolean.toString(dark));
                save();
            }

            @Override
            public List<String> queryHistory() {
                List<String> statements = new ArrayList<>();
                for (int i = 0; i < MAX_QUERIES; i++) {
                    String value = values.getProperty("query." + i);
                    if (value != null) {
                        statements.add(value);
                    }
                }
                return statements;
            }

            @Override
            public void setQueryHistory(List<String> statements) {
                for (int i = 0; i < MAX_QUERIES; i++) {
                    if (i < statements.size()) {
                        values.setProperty("query." + i, statements.get(i));
                    } else {
                        values.remove("query." + i);
                    }
                }
                save();
            }

            private void save() {
                try {
                    Files.createDirectories(dir);
                    Path temp = Files.createTempFile(dir, "settings", ".tmp");
                    try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                        values.store(out, "LeanSpec Inspector settings");
                    }
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // Remembering is a convenience; the window works without it.
                }
            }
        };
    }

    /** Settings that live as long as the object (tests). */
    static Settings inMemory() {
        return new Settings() {
            private List<Path> recent = List.of();
            private List<String> queries = List.of();
            private boolean dark;

            @Override
            public List<String> queryHistory() {
                return queries;
            }

            @Override
            public void setQueryHistory(List<String> statements) {
                queries = List.copyOf(statements);
            }

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
