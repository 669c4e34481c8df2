package dev.leanspec.inspector.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What an archive was written from, kept in its mark file: the format its pages were rendered in
 * and, per page, a print of the rows it shows and where its line is in the JSON lines file. The
 * next run renders again only the pages whose print changed, and copies the others.
 *
 * @param format        what every page depends on besides its rows (the app's version, the options)
 * @param sources       each source file's size and modification time (and its -wal's), as they were
 *                      when read; empty when a source is not a file (a PostgreSQL database)
 * @param sessions      how many sessions the archive holds
 * @param conversations how many conversations
 * @param duplicates    how many were found again in a later source and left out
 * @param entries       every page, in the order of the index's data files
 */
record ArchiveManifest(String format, List<String> sources, int sessions, int conversations, int duplicates, List<Entry> entries) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ABOUT = "This folder is an archive written by LeanSpec Inspector; its next run replaces it whole. "
            + "This file says what each page was written from.";

    /**
     * One page.
     *
     * @param key    its path in the archive without extension ({@code sessions/ID})
     * @param print  a hash of what it shows
     * @param offset where its line starts in {@code sessions.jsonl} or {@code conversations.jsonl}
     * @param length its line's length in bytes, the newline included
     */
    record Entry(String key, String print, long offset, long length) {
    }

    private record Stored(String about, String format, List<String> sources, int sessions, int conversations, int duplicates,
                          List<Entry> entries) {
    }

    /** Copies the lists. */
    ArchiveManifest {
        sources = List.copyOf(sources);
        entries = List.copyOf(entries);
    }

    private static final ArchiveManifest NONE = new ArchiveManifest("", List.of(), 0, 0, 0, List.of());

    /** {@return the manifest in {@code file}; an empty one when there is none or it is not one (an older archive)} */
    static ArchiveManifest read(Path file) {
        try {
            Stored stored = JSON.readValue(file.toFile(), Stored.class);
            if (stored.format() == null || stored.sources() == null || stored.entries() == null) {
                return NONE;
            }
            return new ArchiveManifest(stored.format(), stored.sources(), stored.sessions(), stored.conversations(), stored.duplicates(),
                    stored.entries());
        } catch (IOException | RuntimeException notOne) {
            return NONE;
        }
    }

    /** {@return the manifest as its file holds it} */
    String json() throws IOException {
        return JSON.writeValueAsString(new Stored(ABOUT, format, sources, sessions, conversations, duplicates, entries)) + "\n";
    }

    /**
     * {@return whether the sources are the files this archive was written from, untouched since
     * (same size and modification time, their -wal too), in {@code format}: then nothing changed}
     */
    boolean sameFiles(String format, List<String> sources) {
        return this.format.equals(format) && !sources.isEmpty() && !sources.contains("") && this.sources.equals(sources);
    }

    /**
     * {@return each source's stamp: its size and modification time, and its -wal's (LeanSpec
     * writes through it), or "" for a source that is not a file}
     */
    static List<String> stamps(List<Archive.Source> sources) {
        return sources.stream().map(source -> source.location() instanceof dev.leanspec.inspector.persistence.Location.File file
                ? stamp(file.path()) + " " + stamp(file.path().resolveSibling(file.path().getFileName() + "-wal")) : "").toList();
    }

    private static String stamp(Path file) {
        try {
            var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return file + " " + attributes.size() + " " + attributes.lastModifiedTime().toInstant();
        } catch (IOException none) {
            return file + " none";
        }
    }

    /** {@return whether an archive of {@code pages} in {@code format} would be this one: same pages, same order, same prints} */
    boolean sameAs(String format, List<Entry> pages) {
        if (!this.format.equals(format) || entries.size() != pages.size()) {
            return false;
        }
        for (int i = 0; i < pages.size(); i++) {
            if (!entries.get(i).key().equals(pages.get(i).key()) || !entries.get(i).print().equals(pages.get(i).print())) {
                return false;
            }
        }
        return true;
    }

    /** {@return the entries by key} */
    Map<String, Entry> byKey() {
        Map<String, Entry> byKey = new LinkedHashMap<>();
        entries.forEach(e -> byKey.put(e.key(), e));
        return byKey;
    }
}
