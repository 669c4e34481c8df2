package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.chat.MessageTally;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.sessions.SessionTally;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import gg.jte.TemplateOutput;
import gg.jte.output.WriterOutput;

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

    // Written as UTF-8 bytes: an emoji stays one character, not an escaped surrogate pair.
    private static final ObjectMapper LINES = JsonMapper.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

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
     * @param redacted      how many secrets of each kind were taken out of what this run wrote (empty
     *                      without redaction)
     * @param unchanged     whether nothing changed since the last run: then nothing was written
     */
    public record Result(int sessions, int conversations, int written, int kept, int removed, int duplicates, Path index, boolean stopped,
                         Map<String, Long> redacted, boolean unchanged) {

        /** {@return what the run changed, for people: the files written, kept and removed, or that nothing changed} */
        public String changes() {
            String found = duplicates == 0 ? "" : String.format(" %,d found in two files (a file and its copy) were archived once, from the first.",
                    duplicates);
            if (unchanged) {
                return "Nothing changed since the last run: nothing was written." + found;
            }
            return String.format("%,d files written, %,d kept as they were, %,d removed.", written, kept, removed) + found;
        }
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
    /** What the pages depend on besides their rows: a change here rewrites every page. */
    private final String format;
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
        this.format = String.join("; ", "archive 2", dev.leanspec.inspector.Version.of(), "redact=" + (options.redact() != null),
                "project=" + options.project(), "since=" + options.since());
    }

    /**
     * Writes the archive of {@code options}' sources into {@code dir}, or brings the one there up
     * to date: pages whose rows did not change are kept (linked from the previous archive, not
     * rendered again), and a run that finds nothing changed writes nothing.
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
            // The quick check, as make and rsync do: files untouched since the last run hold the same rows.
            List<String> stamps = ArchiveManifest.stamps(options.sources());
            ArchiveManifest before = ArchiveManifest.read(target.resolve(MARK));
            if (before.sameFiles(format, stamps) && Files.isRegularFile(target.resolve("index.html"))) {
                return unchanged(before);
            }
            List<SessionRow> sessions = new ArrayList<>();
            List<ConversationRow> conversations = new ArrayList<>();
            list(sessions, conversations);
            List<ArchiveManifest.Entry> entries = prints(sessions, conversations);
            ArchiveManifest now = new ArchiveManifest(format, stamps, sessions.size(), conversations.size(), duplicates, entries);
            if (before.sameAs(format, entries) && Files.isRegularFile(target.resolve("index.html"))) {
                if (!before.sources().equals(stamps)) {
                    // Touched but the same rows: the next run's quick check finds them as they are now.
                    TranscriptFormat.save(new ArchiveManifest(format, stamps, before.sessions(), before.conversations(),
                            before.duplicates(), before.entries()).json(), target.resolve(MARK));
                }
                return unchanged(now);
            }
            Files.createDirectories(staging.resolve("sessions"));
            Files.createDirectories(staging.resolve("conversations"));
            Map<String, ArchiveManifest.Entry> previous = before.format().equals(format) ? before.byKey() : Map.of();
            List<ArchiveManifest.Entry> done = new ArrayList<>(entries.size());
            boolean rendered;
            // Closed (its pool's pages written or stopped) before a stopped run deletes the folder:
            // a page still being written in it made the delete fail, and left archive.partial behind.
            try (Pages pages = new Pages(entries.size(), previous, done)) {
                rendered = render(pages, entries.iterator(), sessions, conversations);
            }
            if (!rendered) {
                return stop();
            }
            put("index.html", ArchiveIndex.html(groups(sessions, conversations), sessions.size(), conversations.size()));
            Files.writeString(staging.resolve(MARK), new ArchiveManifest(format, stamps, sessions.size(), conversations.size(), duplicates,
                    done).json());
            written++;
            if (stopped.getAsBoolean()) {
                return stop();
            }
            int removed = removedCount();
            swap();
            return new Result(sessions.size(), conversations.size(), written, kept, removed, duplicates, target.resolve("index.html"), false,
                    options.redact() == null ? Map.of() : options.redact().counts(), false);
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

    /** Lists the sessions and conversations of every source, as the index and the prints need them. */
    private void list(List<SessionRow> sessions, List<ConversationRow> conversations) {
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
    }

    /**
     * Links each session to its specs' other sessions, and {@return every page with the print of
     * what it shows}, sessions first, in the order their lines are written.
     */
    private List<ArchiveManifest.Entry> prints(List<SessionRow> sessions, List<ConversationRow> conversations) {
        Map<String, List<PageLink>> bySpec = new TreeMap<>();
        for (SessionRow row : sessions) {
            Session s = row.detail().session();
            PageLink link = new PageLink(row.page() + ".html", Times.shortId(s.id()) + " · " + s.status().value() + " · " + Times.at(s.startedAt()));
            row.detail().specs().forEach(spec -> bySpec.computeIfAbsent(spec, k -> new ArrayList<>()).add(link));
        }
        sessions.replaceAll(row -> row.withSpecLinks(specLinks(row, bySpec)));
        List<ArchiveManifest.Entry> entries = new ArrayList<>();
        for (SessionRow row : sessions) {
            entries.add(new ArchiveManifest.Entry("sessions/" + row.page(), print(row.detail(), row.tally(), row.specLinks()), 0, 0));
        }
        for (ConversationRow row : conversations) {
            entries.add(new ArchiveManifest.Entry("conversations/" + row.page(), print(row.conversation(), row.tally()), 0, 0));
        }
        return entries;
    }

    /** Hands every page to {@code pages}, each store read once; {@return false when stopped} */
    private boolean render(Pages pages, Iterator<ArchiveManifest.Entry> entry, List<SessionRow> sessions,
                           List<ConversationRow> conversations) throws IOException {
        pages.lines("sessions.jsonl");
        for (var group : bySource(sessions, SessionRow::source).entrySet()) {
            try (SessionStore store = SessionStore.openReadOnly(group.getKey().location())) {
                for (SessionRow row : group.getValue()) {
                    if (stopped.getAsBoolean()) {
                        return false;
                    }
                    pages.add(entry.next(), () -> {
                        SessionTranscript transcript = clean(SessionTranscript.read(store, row.detail()));
                        return new Rendered(out -> TranscriptHtml.render("session.jte",
                                TranscriptHtml.sessionParams(transcript, "../index.html", row.specLinks()), out),
                                () -> TranscriptMarkdown.sessionText(transcript), () -> TranscriptJson.session(transcript, false));
                    });
                }
            }
        }
        pages.lines("conversations.jsonl");
        for (var group : bySource(conversations, ConversationRow::source).entrySet()) {
            try (ChatStore store = ChatStore.openReadOnly(group.getKey().location())) {
                for (ConversationRow row : group.getValue()) {
                    if (stopped.getAsBoolean()) {
                        return false;
                    }
                    pages.add(entry.next(), () -> {
                        ConversationTranscript transcript = clean(ConversationTranscript.read(store, row.conversation()));
                        return new Rendered(out -> TranscriptHtml.render("conversation.jte", TranscriptHtml.params(transcript, "../index.html"), out),
                                () -> TranscriptMarkdown.conversation(transcript), () -> TranscriptJson.conversation(transcript));
                    });
                }
            }
        }
        pages.lines(null);
        return true;
    }

    /** {@return what a run that found nothing changed did: nothing} */
    private Result unchanged(ArchiveManifest manifest) {
        int pages = manifest.entries().size();
        progress.at(pages, pages);
        return new Result(manifest.sessions(), manifest.conversations(), 0, 2 * pages + 4, 0, manifest.duplicates(), target.resolve("index.html"),
                false, Map.of(), true);
    }


    /**
     * What renders a page's three forms, on a pool thread, each written out as it is made: its
     * HTML, its Markdown twin, and its line of the JSON data.
     */
    private record Rendered(Consumer<TemplateOutput> html, Supplier<CharSequence> markdown, Supplier<Map<String, Object>> json) {
    }

    /**
     * The pages as they are written: read on this thread (one connection per file), rendered and
     * written on every core, their JSON lines appended in order; or, for a page whose rows did
     * not change, linked from the previous archive with its line copied from there.
     */
    private final class Pages implements AutoCloseable {
        private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private final ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("archive-", 0).factory());
        /** Pages in flight, oldest first: their lines must reach the file in this order. */
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();
        private final int total;
        private final Map<String, ArchiveManifest.Entry> previous;
        private final List<ArchiveManifest.Entry> done;
        private OutputStream lines;
        private String linesName;
        private long offset;
        private FileChannel previousLines;
        private int count;

        private record Pending(ArchiveManifest.Entry entry, Future<byte[]> line, boolean rendered) {
        }

        Pages(int total, Map<String, ArchiveManifest.Entry> previous, List<ArchiveManifest.Entry> done) {
            this.total = total;
            this.previous = previous;
            this.done = done;
        }

        /** Finishes the JSON lines file being written and starts {@code name} (null: none). */
        void lines(String name) throws IOException {
            drain(0);
            if (lines != null) {
                lines.close();
                lines = null;
                keepIfSame(linesName);
            }
            linesName = name;
            if (previousLines != null) {
                previousLines.close();
                previousLines = null;
            }
            if (name != null) {
                lines = new BufferedOutputStream(Files.newOutputStream(staging.resolve(name)), 1 << 16);
                offset = 0;
                Path old = target.resolve(name);
                if (!previous.isEmpty() && Files.isRegularFile(old)) {
                    previousLines = FileChannel.open(old, StandardOpenOption.READ);
                }
            }
        }

        /**
         * Adds a page: kept from the previous archive when its rows did not change, else read now
         * ({@code read} returns what renders it) and rendered on the pool.
         */
        void add(ArchiveManifest.Entry entry, Callable<Rendered> read) throws IOException {
            ArchiveManifest.Entry old = previous.get(entry.key());
            byte[] line = old != null && old.print().equals(entry.print()) ? previousLine(old) : null;
            if (line != null && keep(entry.key())) {
                pending.add(new Pending(entry, CompletableFuture.completedFuture(line), false));
            } else {
                Rendered render;
                try {
                    render = read.call();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                pending.add(new Pending(entry, pool.submit(() -> writePage(entry.key(), render)), true));
            }
            drain(threads + 1);
        }

        /** {@return the page's line in the previous archive's JSON lines, or null when it is not there whole} */
        private byte[] previousLine(ArchiveManifest.Entry old) throws IOException {
            if (previousLines == null || old.length() < 2 || old.offset() + old.length() > previousLines.size()) {
                return null;
            }
            ByteBuffer line = ByteBuffer.allocate(Math.toIntExact(old.length()));
            while (line.hasRemaining()) {
                if (previousLines.read(line, old.offset() + line.position()) < 0) {
                    return null;
                }
            }
            byte[] bytes = line.array();
            return bytes[0] == '{' && bytes[bytes.length - 1] == '\n' ? bytes : null;
        }

        /**
         * Counts the file just written: written, or kept when its bytes are the previous one's
         * (then that one's link takes its place).
         */
        private void keepIfSame(String name) throws IOException {
            Path now = staging.resolve(name);
            Path before = target.resolve(name);
            if (!previous.isEmpty() && Files.isRegularFile(before) && Files.size(before) == Files.size(now) && Files.mismatch(before, now) == -1) {
                Files.delete(now);
                try {
                    Files.createLink(now, before);
                    kept++;
                    return;
                } catch (IOException | UnsupportedOperationException noLinks) {
                    Files.copy(before, now);
                }
            }
            written++;
        }

        /** Links the page's two files from the previous archive; false when they are not both there. */
        private boolean keep(String key) {
            try {
                Files.createLink(staging.resolve(key + ".html"), target.resolve(key + ".html"));
                Files.createLink(staging.resolve(key + ".md"), target.resolve(key + ".md"));
                kept += 2;
                return true;
            } catch (IOException | UnsupportedOperationException gone) {
                try {
                    Files.deleteIfExists(staging.resolve(key + ".html"));
                } catch (IOException ignored) {
                    // written over when the page is rendered
                }
                return false;
            }
        }

        private byte[] writePage(String key, Rendered page) throws IOException {
            try (Writer out = Files.newBufferedWriter(staging.resolve(key + ".html"))) {
                page.html().accept(new WriterOutput(out));
            }
            try (Writer out = Files.newBufferedWriter(staging.resolve(key + ".md"))) {
                CharSequence markdown = page.markdown().get();
                // In pieces: a long session's Markdown is not copied whole into one more String.
                for (int at = 0; at < markdown.length(); at += 8192) {
                    out.append(markdown, at, Math.min(markdown.length(), at + 8192));
                }
            }
            // Its newline is added as it is appended: a long session's JSON is not copied once more for it.
            return LINES.writeValueAsBytes(page.json().get());
        }

        /** Appends the oldest pages' lines until at most {@code max} are in flight. */
        private void drain(int max) throws IOException {
            while (pending.size() > max) {
                Pending next = pending.removeFirst();
                byte[] line;
                try {
                    line = next.line().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
                if (next.rendered()) {
                    written += 2;
                }
                lines.write(line);
                int length = line.length;
                if (line[length - 1] != '\n') { // a rendered page's JSON, not a kept line
                    lines.write('\n');
                    length++;
                }
                done.add(new ArchiveManifest.Entry(next.entry().key(), next.entry().print(), offset, length));
                offset += length;
                progress.at(++count, total);
            }
        }

        @Override
        public void close() throws IOException {
            pool.shutdownNow();
            try {
                // A page still being written must not land in the folder after it is deleted.
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (lines != null) {
                lines.close();
            }
            if (previousLines != null) {
                previousLines.close();
            }
        }
    }

    private static <R> Map<Source, List<R>> bySource(List<R> rows, java.util.function.Function<R, Source> source) {
        Map<Source, List<R>> grouped = new LinkedHashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(source.apply(row), s -> new ArrayList<>()).add(row));
        return grouped;
    }

    /** {@return what a page's content follows from, hashed: the same print, the same page} */
    private String print(Object... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(format.getBytes(StandardCharsets.UTF_8));
            for (Object part : parts) {
                digest.update((byte) 0);
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * A session to archive: where it came from, its row, the tally of its logs and events, its
     * page's name (unique in the archive) and the links to its specs' other sessions.
     */
    private record SessionRow(Source source, SessionDetail detail, SessionTally tally, String page, List<SpecLinks> specLinks) {
        SessionRow withSpecLinks(List<SpecLinks> links) {
            return new SessionRow(source, detail, tally, page, links);
        }
    }

    private record ConversationRow(Source source, Conversation conversation, MessageTally tally, String page) {
    }

    private final Set<String> pages = new HashSet<>();

    private void sessionsOf(Source source, SessionStore store, List<SessionRow> into) {
        SessionQuery query = SessionQuery.all();
        if (options.project() != null) {
            query = query.withProject(options.project());
        }
        Map<String, SessionTally> tallies = store.tallies();
        store.forEachDetail(query, detail -> {
            Session session = detail.session();
            if (options.since() != null && session.startedAt().instant().map(at -> at.isBefore(options.since())).orElse(false)) {
                return;
            }
            if (!ids.add("sessions/" + session.id())) {
                duplicates++;
                return;
            }
            into.add(new SessionRow(source, clean(detail), tallies.getOrDefault(session.id(), SessionTally.NONE), page("sessions", session.id()),
                    List.of()));
        });
    }

    private void conversationsOf(Source source, ChatStore store, List<ConversationRow> into) {
        ConversationQuery query = ConversationQuery.all();
        if (options.project() != null) {
            query = query.withProject(options.project());
        }
        Map<String, MessageTally> tallies = store.tallies();
        store.forEach(query, c -> {
            if (options.since() != null && c.updatedAt().isBefore(options.since())) {
                return;
            }
            if (!ids.add("conversations/" + c.id())) {
                duplicates++;
                return;
            }
            into.add(new ConversationRow(source, clean(c), tallies.getOrDefault(c.id(), MessageTally.NONE), page("conversations", c.id())));
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

    private static List<SpecLinks> specLinks(SessionRow row, Map<String, List<PageLink>> bySpec) {
        List<SpecLinks> links = new ArrayList<>();
        String own = row.page() + ".html";
        for (String spec : row.detail().specs()) {
            List<PageLink> others = bySpec.getOrDefault(spec, List.of()).stream().filter(other -> !other.href().equals(own)).toList();
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
        return new Result(0, 0, 0, 0, 0, 0, target.resolve("index.html"), true, Map.of(), false);
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
