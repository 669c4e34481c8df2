package dev.leanspec.inspector.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/**
 * LeanSpec's project registry, {@code ~/.lean-spec/projects.json}: what ties a session to its
 * chats. A session names its project by folder ({@code sessions.project_path}), a conversation by
 * the registry's id ({@code conversations.project_id}, e.g. {@code lean-spec} or {@code my-app-2});
 * every release from 0.2.20 to 0.2.28 wrote the registry as {@code {"projects": [{"id", "path",
 * …}]}} (older registries keyed the projects by id: read too).
 *
 * <p>A folder the registry does not list (it was removed from LeanSpec, or the file is read on
 * another machine) gets the id LeanSpec gave a folder when it registered it: its name, slugified
 * ({@code project_registry.rs}); a second project of the same name got {@code -2} there, which only
 * the registry knows.
 *
 * @param ids each registered folder's id, by the folder as LeanSpec wrote it
 */
public record Projects(Map<String, String> ids) {

    /** No registry: every folder gets its name's id. */
    public static final Projects NONE = new Projects(Map.of());

    /** Copies the map. */
    public Projects {
        ids = Map.copyOf(ids);
    }

    /**
     * Reads the registry of the LeanSpec whose folders are given.
     *
     * @param paths where LeanSpec keeps its files
     * @return its projects; {@link #NONE} when it has no registry or it cannot be read (a folder's
     *         id is then its name's, which is what LeanSpec gave it unless the name was taken)
     */
    public static Projects read(LeanSpecPaths paths) {
        Path file = paths.configDir().resolve("projects.json");
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            Map<String, String> ids = new LinkedHashMap<>();
            if (new JSONParser().parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> registry) {
                // A list in the Rust releases; keyed by id in registries the Node.js CLI wrote before them.
                Collection<?> projects = registry.get("projects") instanceof Map<?, ?> byId ? byId.values()
                        : registry.get("projects") instanceof List<?> list ? list : List.of();
                for (Object project : projects) {
                    if (project instanceof Map<?, ?> fields && fields.get("id") instanceof String id
                            && fields.get("path") instanceof String path) {
                        ids.put(path, id);
                    }
                }
            }
            return new Projects(ids);
        } catch (IOException | ParseException | RuntimeException unreadable) {
            return NONE;
        }
    }

    /**
     * {@return the id of the project in {@code folder}: the registry's, else its name's}
     *
     * @param folder a session's {@code project_path}
     */
    public String idOf(String folder) {
        Objects.requireNonNull(folder, "folder");
        String registered = ids.get(folder);
        if (registered != null) {
            return registered;
        }
        String trimmed = folder.replaceAll("[/\\\\]+$", "");
        return slug(trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1));
    }

    /**
     * {@return the folders among {@code folders} whose project is {@code id}, in their order}
     *
     * @param id      a conversation's {@code project_id}
     * @param folders the sessions' project paths to choose from
     */
    public List<String> foldersOf(String id, Collection<String> folders) {
        return folders.stream().filter(folder -> folder != null && idOf(folder).equals(id)).toList();
    }

    /** LeanSpec's {@code slugify}: ASCII letters and digits lower-cased, runs of separators one dash. */
    static String slug(String name) {
        StringBuilder slug = new StringBuilder();
        boolean dash = false;
        for (char c : name.toCharArray()) {
            if (c < 128 && Character.isLetterOrDigit(c)) {
                slug.append(Character.toLowerCase(c));
                dash = false;
            } else if ((c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '-' || c == '_' || c == '/' || c == '\\')
                    && !slug.isEmpty() && !dash) {
                slug.append('-');
                dash = true;
            }
        }
        while (!slug.isEmpty() && slug.charAt(slug.length() - 1) == '-') {
            slug.setLength(slug.length() - 1);
        }
        return slug.isEmpty() ? "project" : slug.toString();
    }
}
