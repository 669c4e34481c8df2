package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whole history as a folder any browser opens, offline: {@code index.html} (every session and
 * conversation by project, newest first, with a filter box), a page and its Markdown twin per
 * session and per conversation, and the data beside them ({@code sessions.jsonl},
 * {@code conversations.jsonl}). Built in a folder beside the target, then moved into its place,
 * so that a run stopped, killed or out of disk leaves the previous archive whole; files whose bytes
 * did not change are linked from the previous archive, not written again.
 */
public final class Archive {

    /** The file that marks a folder as an archive of this app: only such a folder is ever replaced. */
    public static final String MARK = ".leanspec-archive";

    private static final ObjectMapper LINES = new ObjectMapper();

    /**
     * What to archive.
     *
     * @param sources the files (or PostgreSQL databases) with their kinds, in order
     * @param project only this project's sessions and conversations; null for all
     * @param since   only sessions started and conversations updated at or after this; null for all
     * @param redact  takes secrets (and the home folder) out of everything written; null writes
     *                what the files hold
     */
    public record Options(List<Source> sources, String project, Instant since, Redaction redact) {
        /** Copies the sources. */
        public Options {
            sources = List.copyOf(sources);
        }

        /** {@return every session and conversation of the sources, as they are} */
        public static Options all(List<Source> sources) {
            return new Options(sources, null, null, null);
        }
    }

    /**
     * One database to read.
     *
     * @param location where it is
     * @param kind     what it holds
     */
    public record Source(Location location, DatabaseKind kind) {
    }

    /**
     * What a run did.
     *
     * @param sessions      sessions archived
     * @param conversations conversations archived
     * @param written       files written anew (changed or new)
     * @param kept          files kept as they were (the same bytes)
     * @param removed       files of the previous archive gone (their sessions or conversations deleted)
     * @param duplicates    sessions and conversations found again in a later source (a file and its
     *                      consolidated copy), archived once, from the first
     * @param index         the archive's first page
     * @param stopped       whether it was stopped (then nothing changed)
     * @param redacted      how many secrets of each kind were taken out (empty without redaction)
     */
    public record Result(int sessions, int conversations, int written, int kept, int removed, int duplicates, Path index, boolean stopped,
                         Map<String, Long> redacted) {
    }

    /** Told how far a run is: {@code done} of {@code total} sessions and conversations. */
    public interface Progress {
        void at(long done, long total);
    }

    /** A link from one page to another, and what it shows. */
    public record PageLink(String href, String label) {
    }

    /** The other sessions of a session's spec, linked from its page. */
    public record SpecLinks(String spec, List<PageLink> sessions) {
    }

    /** One line of the index. */
    public record IndexEntry(String href, String title, String kind, String status, String runner, String specs, String when,
                             String detail, String text, Instant sortKey) {
    }

    /** The index's sections: one per project, newest first inside. */
    public record IndexGroup(String project, List<IndexEntry> entries) {
    }

    private final Options options;
    private final Path target;
    private final Path staging;
    private final Progress progress;
    private final BooleanSupplier stopped;
    private int written;
    private int kept;
    private int duplicates;
    /** The ids archived so far, by folder: the same one in a later source is left out. */
    private final Set<String> ids = new HashSet<>();

    private Archive(Options options, Path target, Progress progress, BooleanSupplier stopped) {
        this.options = options;
        this.target = target.toAbsolutePath().normalize();
        this.staging = this.target.resolveSibling(this.target.getFileName() + ".partial");
        this.progress = progress;
        this.stopped = stopped;
    }

    /**
     * Writes the archive of {@code options}' sources into {@code dir}, or brings the one there up
     * to date.
     *
     * @param dir      a new or empty folder, or one this app archived into before
     * @param progress told after each session and conversation
     * @param stopped  asked between them; true stops the run and leaves {@code dir} as it was
     * @throws PersistenceException naming the folder or the file when it cannot be read or written
     */
    public static Result write(Options options, Path dir, Progress progress, BooleanSupplier stopped) {
        return new Archive(options, dir, progress, stopped).run();
    }

    private Result run() {
        refuseForeignFolder();
        try {
            deleteTree(staging); // a run killed before its end left it
            Files.createDirectories(staging.resolve("sessions"));
            Files.createDirectories(staging.resolve("conversations"));
            List<SessionRow> sessions = new ArrayList<>();
            List<ConversationRow> conversations = new ArrayList<>();
            for (Source source : options.sources()) {
                if (source.kind().hasSessions()) {
                    try (SessionStore store = SessionStore.openReadOnly(source.location())) {
                        sessionsOf(source, store, sessions);
                    }
                }
                if (source.kind().hasConversations()) {
                    try (ChatStore store = ChatStore.openReadOnly(source.location())) {
                        conversationsOf(source, store, conversations);
                    }
                }
            }
            long total = sessions.size() + conversations.size();
            long done = 0;
            Map<String, List<SessionRow>> bySpec = new TreeMap<>();
            sessions.forEach(row -> row.detail().specs().forEach(spec -> bySpec.computeIfAbsent(spec, s -> new ArrayList<>()).add(row)));
            StringBuilder sessionLines = new StringBuilder();
            Map<Source, List<SessionRow>> sessionsBySource = new LinkedHashMap<>();
            sessions.forEach(row -> sessionsBySource.computeIfAbsent(row.source(), s -> new ArrayList<>()).add(row));
            for (var entry : sessionsBySource.entrySet()) {
                try (SessionStore store = SessionStore.openReadOnly(entry.getKey().location())) {
                    for (SessionRow row : entry.getValue()) {
                        if (stopped.getAsBoolean()) {
                            return stop();
                        }
                        SessionTranscript transcript = SessionTranscript.read(store, row.detail().session().id()).map(this::clean).orElse(null);
                        if (transcript != null) {
                            put("sessions/" + row.page() + ".html", TranscriptHtml.session(transcript, "../index.html", specLinks(row, bySpec)));
                            put("sessions/" + row.page() + ".md", TranscriptMarkdown.session(transcript));
                            sessionLines.append(line(TranscriptJson.session(transcript, false)));
                        }
                        progress.at(++done, total);
                    }
                }
            }
            StringBuilder conversationLines = new StringBuilder();
            Map<Source, List<ConversationRow>> conversationsBySource = new LinkedHashMap<>();
            conversations.forEach(row -> conversationsBySource.computeIfAbsent(row.source(), s -> new ArrayList<>()).add(row));
            for (var entry : conversationsBySource.entrySet()) {
                try (ChatStore store = ChatStore.openReadOnly(entry.getKey().location())) {
                    for (ConversationRow row : entry.getValue()) {
                        if (stopped.getAsBoolean()) {
                            return stop();
                        }
                        ConversationTranscript transcript = ConversationTranscript.read(store, row.conversation().id()).map(this::clean).orElse(null);
                        if (transcript != null) {
                            put("conversations/" + row.page() + ".html", TranscriptHtml.conversation(transcript, "../index.html"));
                            put("conversations/" + row.page() + ".md", TranscriptMarkdown.conversation(transcript));
                            conversationLines.append(line(TranscriptJson.conversation(transcript)));
                        }
                        progress.at(++done, total);
                    }
                }
            }
            put("sessions.jsonl", sessionLines.toString());
            put("conversations.jsonl", conversationLines.toString());
            put("index.html", ArchiveIndex.html(groups(sessions, conversations), sessions.size(), conversations.size()));
            put(MARK, "This folder is an archive written by LeanSpec Inspector; its next run replaces it whole.\n");
            if (stopped.getAsBoolean()) {
                return stop();
            }
            int removed = removedCount();
            swap();
            return new Result(sessions.size(), conversations.size(), written, kept, removed, duplicates, target.resolve("index.html"), false,
                    options.redact() == null ? Map.of() : options.redact().counts());
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            quietlyDelete(staging);
            throw new PersistenceException(Reason.FAILED, target, "Could not write the archive in " + target + ": " + cause.getMessage()
                    + ". The archive there before (if any) is as it was.", cause);
        } catch (RuntimeException e) {
            quietlyDelete(staging);
            throw e;
        }
    }

    /** A session to archive: its row, where it came from, and its page's name (unique in the archive). */
    private record SessionRow(Source source, SessionDetail detail, String page) {
    }

    private record ConversationRow(Source source, Conversation conversation, String page) {
    }

    private final Set<String> pages = new HashSet<>();

    private void sessionsOf(Source source, SessionStore store, List<SessionRow> into) {
        SessionQuery query = SessionQuery.all();
        if (options.project() != null) {
            query = query.withProject(options.project());
        }
        List<String> found = new ArrayList<>();
        store.forEach(query, session -> {
            if (options.since() == null || session.startedAt().instant().map(at -> !at.isBefore(options.since())).orElse(true)) {
                found.add(session.id());
            }
        });
        for (String id : found) {
            if (!this.ids.add("sessions/" + id)) {
                duplicates++;
                continue;
            }
            store.get(id).ifPresent(detail -> into.add(new SessionRow(source, clean(detail), page("sessions", id))));
        }
    }

    private void conversationsOf(Source source, ChatStore store, List<ConversationRow> into) {
        ConversationQuery query = ConversationQuery.all();
        if (options.project() != null) {
            query = query.withProject(options.project());
        }
        store.forEach(query, c -> {
            if (options.since() != null && c.updatedAt().isBefore(options.since())) {
                return;
            }
            if (!ids.add("conversations/" + c.id())) {
                duplicates++;
                return;
            }
            into.add(new ConversationRow(source, clean(c), page("conversations", c.id())));
        });
    }

    /** {@return the value with its secrets taken out when asked, else as it is} */
    private <T> T clean(T value) {
        return Redaction.apply(options.redact(), value);
    }

    /**
     * A page's name from an id: the id itself when it is a plain one (LeanSpec's are UUIDs), its
     * other characters replaced (an id is data: it must not name a path outside the archive), and
     * a number added when two ids come out the same.
     */
    private String page(String folder, String id) {
        String name = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.startsWith(".")) {
            name = "_" + name;
        }
        String unique = name;
        for (int n = 2; !pages.add(folder + "/" + unique); n++) {
            unique = name + "-" + n;
        }
        return unique;
    }

    private static List<SpecLinks> specLinks(SessionRow row, Map<String, List<SessionRow>> bySpec) {
        List<SpecLinks> links = new ArrayList<>();
        for (String spec : row.detail().specs()) {
            List<PageLink> others = bySpec.getOrDefault(spec, List.of()).stream().filter(other -> other != row)
                    .map(other -> new PageLink(other.page() + ".html", Times.shortId(other.detail().session().id()) + " · "
                            + other.detail().session().status().value() + " · " + Times.at(other.detail().session().startedAt())))
                    .toList();
            if (!others.isEmpty()) {
                links.add(new SpecLinks(spec, others));
            }
        }
        return links;
    }

    private static List<IndexGroup> groups(List<SessionRow> sessions, List<ConversationRow> conversations) {
        Map<String, List<IndexEntry>> byProject = new TreeMap<>();
        for (SessionRow row : sessions) {
            Session s = row.detail().session();
            String specs = String.join(", ", row.detail().specs());
            String title = s.prompt() != null && !s.prompt().isBlank() ? firstLine(s.prompt()) : "Session " + Times.shortId(s.id());
            String text = String.join(" ", s.id(), title, s.projectPath(), s.runner(), s.status().value(), specs).toLowerCase(Locale.ROOT);
            byProject.computeIfAbsent(s.projectPath(), p -> new ArrayList<>()).add(new IndexEntry("sessions/" + row.page() + ".html", title,
                    "session " + Times.shortId(s.id()), s.status().value(), s.runner(), specs, Times.at(s.startedAt()),
                    s.durationMs() == null ? "" : Times.duration(s.durationMs()), text, s.startedAt().instant().orElse(Instant.EPOCH)));
        }
        for (ConversationRow row : conversations) {
            Conversation c = row.conversation();
            String title = c.title().isBlank() ? "Conversation " + Times.shortId(c.id()) : c.title();
            String messages = c.messageCount() == null ? "" : c.messageCount() + (c.messageCount() == 1 ? " message" : " messages");
            byProject.computeIfAbsent(c.projectId(), p -> new ArrayList<>()).add(new IndexEntry("conversations/" + row.page() + ".html",
                    title, "conversation", c.archived() ? "archived" : "", "", "", Times.at(c.updatedAt()), messages,
                    String.join(" ", c.id(), title, c.projectId()).toLowerCase(Locale.ROOT), c.updatedAt()));
        }
        List<IndexGroup> groups = new ArrayList<>();
        byProject.forEach((project, entries) -> {
            entries.sort(Comparator.comparing(IndexEntry::sortKey).reversed());
            groups.add(new IndexGroup(project, entries));
        });
        return groups;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 119) + "…" : line;
    }

    private static String line(Map<String, Object> value) {
        try {
            return LINES.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    /** Puts a file into the new archive: linked from the previous one when its bytes are the same. */
    private void put(String name, String text) throws IOException {
        Path into = staging.resolve(name);
        Path before = target.resolve(name);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(before) && Files.size(before) == bytes.length && Arrays.equals(Files.readAllBytes(before), bytes)) {
            try {
                Files.createLink(into, before);
                kept++;
                return;
            } catch (UnsupportedOperationException | IOException noLinks) {
                // A file system without hard links: written again, the same bytes.
            }
        }
        Files.write(into, bytes);
        written++;
    }

    private int removedCount() throws IOException {
        if (!Files.isDirectory(target)) {
            return 0;
        }
        int removed = 0;
        for (String folder : List.of("sessions", "conversations")) {
            Path old = target.resolve(folder);
            if (Files.isDirectory(old)) {
                try (var files = Files.list(old)) {
                    for (Path file : files.toList()) {
                        if (!Files.exists(staging.resolve(folder).resolve(file.getFileName().toString()))) {
                            removed++;
                        }
                    }
                }
            }
        }
        return removed;
    }

    /** The new archive in place of the old: two renames; a crash between them leaves both beside it, whole. */
    private void swap() throws IOException {
        Path old = target.resolveSibling(target.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        quietlyDelete(old);
    }

    private Result stop() {
        quietlyDelete(staging);
        return new Result(0, 0, 0, 0, 0, 0, target.resolve("index.html"), true, Map.of());
    }

    /**
     * Refuses a folder that holds anything but a previous archive (and the leftovers of an
     * interrupted run): replacing it would delete the user's files.
     */
    private void refuseForeignFolder() {
        Path old = target.resolveSibling(target.getFileName() + ".old");
        if (!Files.exists(target) && Files.isDirectory(old) && Files.exists(old.resolve(MARK))) {
            // Killed between the two renames of the last run: the previous archive, whole, is there.
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new PersistenceException(Reason.FAILED, target, "Could not put the previous archive back from " + old + " to "
                        + target + ": " + e.getMessage(), e);
            }
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new PersistenceException(Reason.INVALID_ARGUMENT, target, target + " is a file, not a folder: give a new or empty folder "
                    + "to archive into.");
        }
        if (Files.isDirectory(target) && !Files.exists(target.resolve(MARK))) {
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new PersistenceException(Reason.INVALID_ARGUMENT, target, target + " holds files that are not an archive of "
                            + "LeanSpec Inspector, and an archive replaces its folder whole: give a new or empty folder.");
                }
            } catch (IOException e) {
                throw new PersistenceException(Reason.FAILED, target, "Could not read " + target + ": " + e.getMessage(), e);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void quietlyDelete(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            // Left for the next run, which deletes it first.
        }
    }

    /** {@return the counts for people: "8 sessions and 3 conversations"} */
    public static String counts(int sessions, int conversations) {
        return sessions + (sessions == 1 ? " session" : " sessions") + " and " + conversations
                + (conversations == 1 ? " conversation" : " conversations");
    }
}
