package dev.leanspec.inspector.persistence.search;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.internal.Backend;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;
import dev.leanspec.inspector.persistence.search.SourceDocs.Doc;
import dev.leanspec.inspector.persistence.search.SourceDocs.Mark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Full-text search over one LeanSpec SQLite file or PostgreSQL database: its sessions (id,
 * prompt, project, runner, specs, metadata), their logs as folded into conversations (agent
 * text, thoughts, tool calls with their input, output and files, plans, permission requests,
 * subprocess output), their events, its conversations and messages (every part), and its runners.
 *
 * <p>The index lives in {@code cacheDir}, keyed by the file's identity, never in or beside the
 * file: the file is only read, and gains no {@code -wal} or {@code -shm}. It is built on first
 * use and kept current: each {@link #find} first reads what was added or changed since the last
 * one (a session's new log lines refold that session; a deleted session or conversation, or a
 * replaced message, is never answered, since every hit is checked against the file). An index
 * that cannot be read is rebuilt; when none can be kept (the cache folder cannot be written),
 * {@code find} reads the file through instead and says so. A PostgreSQL database's index is
 * keyed by its URL (without the password) and caught up at every search (the server has no
 * cheap "nothing changed" of SQLite's {@code data_version}), its reads one transaction per search.
 *
 * <p>One thread uses an index; {@link #cancel()} may be called from any other.
 */
public final class SearchIndex implements AutoCloseable {

    /** Log sessions folded per committed batch: what a kill can cost, and how often progress is told. */
    private static final int LOG_BATCH = 100;
    /** The mark saying the index has been built through once (its rowid 1): until then a window's search scans. */
    private static final String BUILT = "built";
    private static final Pattern ID_PREFIX = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{3,}");

    /**
     * How far indexing has come.
     *
     * @param stage what is read: {@code sessions}, {@code logs}, {@code events}, {@code conversations}, {@code messages}, {@code runners}
     * @param done  how many of its rows (for logs: sessions) are done
     * @param total how many there are, or -1 when not known
     */
    public record Progress(String stage, long done, long total) {
    }

    private final Location location;
    private final Backend backend;
    private final Path indexPath;
    private final Connection source;
    private final Backend.Stopper stopper;
    private final SourceDocs docs;
    private IndexFile index; // null when none can be kept: find() reads the file through
    private String note = "";
    private volatile boolean stopped;
    /** The file's {@code data_version} when the index last caught up with it; -1 before. */
    private long caughtUpAt = -1;

    private SearchIndex(Backend backend, Path indexPath, Connection source, SourceDocs docs) {
        this.location = backend.location();
        this.backend = backend;
        this.indexPath = indexPath;
        this.source = source;
        this.stopper = backend.stopper(source);
        this.docs = docs;
    }

    /**
     * Opens the search of a file or a PostgreSQL database; its index in {@code cacheDir} is
     * opened (or made) now, and filled by {@link #update} or the first {@link #find}.
     *
     * @param location a LeanSpec SQLite file of any kind and shape, or a PostgreSQL database of our chains
     * @param cacheDir the app's cache folder; the index goes in its {@code search} folder
     * @return the search; close it when done
     * @throws PersistenceException when the database cannot be read
     */
    public static SearchIndex open(Location location, Path cacheDir) {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Backend backend = Backend.of(location);
        Connection source = backend.openReadOnly();
        try {
            boolean postgres = backend instanceof Backend.Postgresql;
            if (postgres) {
                // Reads in pages of rows (the driver reads a whole result at once in autocommit),
                // each search's reads one transaction, ended when it answers.
                source.setAutoCommit(false);
            }
            SourceDocs docs = new SourceDocs(source, postgres);
            SearchIndex search = new SearchIndex(backend, cacheDir.resolve("search").resolve(identity(location) + ".sqlite"), source, docs);
            search.endRead();
            search.openIndex();
            return search;
        } catch (SQLException | RuntimeException e) {
            SqliteFiles.closeQuietly(source);
            throw e instanceof PersistenceException known ? known : backend.translate("search", e);
        }
    }

    /** {@return the file searched} */
    public Location location() {
        return location;
    }

    /** {@return the index file in the cache folder (it may not exist: see {@link SearchResult#indexed()})} */
    public Path indexFile() {
        return indexPath;
    }

    /**
     * Reads into the index what the file gained or changed since the last time: everything, the
     * first time. Interrupted (a kill, {@link #cancel()}), it resumes at its last committed batch.
     *
     * @param progress told as it goes, on this thread
     * @return true when the index is current, false when none can be kept (see {@link SearchResult#note()})
     * @throws PersistenceException CANCELLED when cancelled, or when the file cannot be read
     */
    public boolean update(Consumer<Progress> progress) {
        stopped = false;
        if (index == null) {
            return false;
        }
        long call = stopper.begin();
        try {
            return catchUpOnce(progress);
        } finally {
            stopper.end(call);
            endRead();
        }
    }

    private boolean catchUpOnce(Consumer<Progress> progress) {
        try {
            // Nothing committed to the file since the last catch-up (SQLite's data_version counts
            // other connections' commits): the search of each keystroke reads no table to learn it.
            long version = dataVersion();
            if (version == caughtUpAt) {
                return true;
            }
            try {
                catchUp(progress);
            } catch (IndexFile.Failure broken) {
                if (stopped) {
                    throw cancelled();
                }
                // The index, not the file, failed (damaged, deleted under us): made afresh once.
                rebuild(broken);
                if (index == null) {
                    return false;
                }
                catchUp(progress);
            }
            if (!built()) {
                index.indexOwners();
                index.mark(BUILT, new Mark(1, ""));
            }
            caughtUpAt = version;
            return true;
        } catch (IndexFile.Failure again) {
            dropIndex("the search index in " + indexPath.getParent() + " could not be written (" + again.getMessage() + ")");
            return false;
        } catch (SQLException e) {
            throw stopped ? cancelled() : backend.translate("search", e);
        }
    }

    /**
     * Finds what matches, after reading in what the file gained since the last search.
     *
     * @param query what to find
     * @return the sessions, conversations and runners that matched, best first; empty when none
     * @throws PersistenceException CANCELLED when cancelled, or when the file cannot be read
     */
    public SearchResult find(SearchQuery query) {
        boolean current = update(p -> { });
        return answer(query, current, current ? "" : note);
    }

    /**
     * Finds what matches without waiting for a first build of the index: as {@link #find} once
     * the index has been built through (what the file gained since is read in first: little),
     * and before that by reading the file through, said in the result's note. For a window that
     * builds the index meanwhile on another thread, with an instance of its own.
     *
     * @param query what to find
     * @return as {@link #find}; {@link SearchResult#indexed()} false while the index is not built
     * @throws PersistenceException CANCELLED when cancelled, or when the file cannot be read
     */
    public SearchResult findNow(SearchQuery query) {
        if (index == null || built()) {
            return find(query);
        }
        stopped = false;
        return answer(query, false, "Searched by reading the file through: its index is being built.");
    }

    /**
     * {@return whether the index has been built through once (a first build stopped half-way
     * has not); false when none can be kept}
     */
    public boolean built() {
        try {
            return index != null && index.mark(BUILT).rowid() == 1;
        } catch (IndexFile.Failure broken) {
            return false; // damaged: the next update rebuilds it
        }
    }

    /** {@return whether an index can be kept but has not been built through yet: a first {@link #update} would build it} */
    public boolean needsBuild() {
        return index != null && !built();
    }

    private SearchResult answer(SearchQuery query, boolean fromIndex, String why) {
        long call = stopper.begin();
        try {
            return answerOnce(query, fromIndex, why);
        } finally {
            stopper.end(call);
            endRead();
        }
    }

    private SearchResult answerOnce(SearchQuery query, boolean fromIndex, String why) {
        List<String> terms = query.terms();
        Map<String, SearchHit> hits = new LinkedHashMap<>();
        try {
            exactId(query, terms, hits);
            if (fromIndex) {
                fromIndex(query, terms, hits);
            } else {
                scan(query, terms, hits);
            }
        } catch (SQLException | SourceFailure e) {
            throw stopped ? cancelled() : backend.translate("search", e instanceof SourceFailure read ? read.getCause() : e);
        } catch (IndexFile.Failure broken) {
            // Damaged between the catch-up and the query: this answer reads the file; the next search rebuilds.
            rebuild(broken);
            return find(query);
        }
        if (stopped) {
            throw cancelled();
        }
        return new SearchResult(new ArrayList<>(hits.values()), fromIndex, why);
    }

    private void fromIndex(SearchQuery query, List<String> terms, Map<String, SearchHit> hits) {
        Set<String> gone = new HashSet<>();
        index.find(terms, query, found -> {
            if (stopped) {
                return false;
            }
            String ownerKey = found.kind() + " " + found.owner();
            if (hits.containsKey(ownerKey) || gone.contains(ownerKey)) {
                return true;
            }
            // Every hit is checked against the file: a session or conversation deleted since it was indexed is no answer.
            if (!exists(found.kind(), found.owner(), null)) {
                gone.add(ownerKey);
                return true;
            }
            if (found.key() != null && !exists(found.kind(), found.owner(), found.key())) {
                return true; // a message since replaced: its conversation may still match elsewhere
            }
            hits.put(ownerKey, hit(found.kind(), found.owner(), found.place(), found.text(), terms, found.project(), found.at(),
                    found.logId()));
            return hits.size() < query.limit();
        });
    }

    /** Stops the indexing or search running on another thread; what was committed stays. */
    public void cancel() {
        stopped = true;
        stopper.stop();
    }

    /** Ends PostgreSQL's read transaction (a search holds no snapshot between keystrokes); nothing on SQLite. */
    private void endRead() {
        try {
            if (!source.getAutoCommit()) {
                source.rollback();
            }
        } catch (SQLException e) {
            // The connection is gone: the next read says so.
        }
    }

    @Override
    public void close() {
        if (index != null) {
            index.close();
        }
        SqliteFiles.closeQuietly(source);
    }

    // ---- indexing ---------------------------------------------------------------------------

    private void catchUp(Consumer<Progress> progress) throws SQLException {
        batch(() -> {
            try (Owners owners = new Owners()) {
                index.mark("session", docs.sessions(index.mark("session"), () -> stopped, owners));
            }
        });
        progress.accept(new Progress("sessions", 1, 1));
        logs(progress);
        batch(() -> index.mark("event", new Mark(docs.events(index.mark("event").rowid(), () -> stopped, this::add), "")));
        progress.accept(new Progress("events", 1, 1));
        batch(() -> {
            try (Owners owners = new Owners()) {
                index.mark("conversation", docs.conversations(index.mark("conversation"), () -> stopped, owners));
            }
        });
        progress.accept(new Progress("conversations", 1, 1));
        batch(() -> index.mark("message", new Mark(docs.messages(index.mark("message").rowid(), () -> stopped, this::add), "")));
        progress.accept(new Progress("messages", 1, 1));
        batch(() -> {
            List<Doc> runners = new ArrayList<>();
            String fingerprint = docs.runners(runners::add);
            if (!fingerprint.equals(index.mark("runner").updated())) {
                index.removeSource("runner");
                for (Doc doc : runners) {
                    index.add(doc);
                }
                index.mark("runner", new Mark(0, fingerprint));
            }
        });
        progress.accept(new Progress("runners", 1, 1));
    }

    /**
     * Folds the logs of the sessions that gained lines, a batch of sessions per commit. The
     * first build goes through every logged session in id order, its place kept in the mark
     * ({@code building|LAST_LINE|LAST_SESSION}); later ones refold each session with new lines.
     */
    private void logs(Consumer<Progress> progress) throws SQLException {
        Mark mark = index.mark("log");
        long last = docs.lastLogId();
        if (last == mark.rowid() && mark.updated().isEmpty()) {
            return;
        }
        if (mark.rowid() == 0 || mark.updated().startsWith("building|")) {
            String[] place = mark.updated().startsWith("building|") ? mark.updated().split("\\|", 3) : new String[] {"", "" + last, ""};
            long target = Long.parseLong(place[1]);
            String after = place[2];
            long done = 0;
            while (true) {
                List<String> sessions = docs.loggedSessions(after, LOG_BATCH);
                if (sessions.isEmpty()) {
                    break;
                }
                batch(() -> {
                    for (String session : sessions) {
                        try (IndexFile.Owner owner = index.owner("log", session)) {
                            docs.log(session, target, owner::add);
                        }
                    }
                    index.mark("log", new Mark(0, "building|" + target + "|" + sessions.getLast()));
                });
                after = sessions.getLast();
                done += sessions.size();
                progress.accept(new Progress("logs", done, -1));
            }
            batch(() -> index.mark("log", new Mark(target, "")));
            if (target == last) {
                return;
            }
            mark = new Mark(target, "");
        }
        List<String> changed = docs.sessionsLoggedAfter(mark.rowid());
        // The sessions are folded on a thread of their own while their texts are indexed here.
        try (FoldAhead folded = new FoldAhead(docs, changed, last, () -> stopped)) {
            for (int from = 0; from < changed.size(); from += LOG_BATCH) {
                List<String> sessions = changed.subList(from, Math.min(changed.size(), from + LOG_BATCH));
                batch(() -> {
                    for (String session : sessions) {
                        try (IndexFile.Owner owner = index.owner("log", session)) {
                            folded.next(session, owner::add);
                        }
                    }
                });
                progress.accept(new Progress("logs", from + sessions.size(), changed.size()));
            }
        }
        batch(() -> index.mark("log", new Mark(last, "")));
    }

    private interface Work {
        void run() throws SQLException;
    }

    /** Runs {@code work} as one transaction of the index, with its mark: all of it lands, or none. */
    private void batch(Work work) throws SQLException {
        if (stopped) {
            throw cancelled();
        }
        index.begin();
        try {
            work.run();
            if (stopped) {
                throw cancelled();
            }
            index.commit();
        } catch (SQLException | RuntimeException e) {
            index.rollbackQuietly();
            throw e;
        }
    }

    private void add(Doc doc) {
        index.add(doc);
    }

    /** The texts of rows that may have been read before, which come owner by owner: each owner's are compared with what it gave. */
    private final class Owners implements Consumer<Doc>, AutoCloseable {
        private String owner;
        private IndexFile.Owner texts;

        @Override
        public void accept(Doc doc) {
            if (!doc.owner().equals(owner)) {
                close();
                owner = doc.owner();
                texts = index.owner(doc.source(), owner);
            }
            texts.add(doc);
        }

        @Override
        public void close() {
            if (texts != null) {
                texts.close();
                texts = null;
            }
        }
    }

    /** A read of the user's file failing inside a callback of the index's. */
    private static final class SourceFailure extends RuntimeException {
        SourceFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** SQLite's count of other connections' commits; on PostgreSQL, which has none, a new number each time (always read). */
    private long dataVersion() throws SQLException {
        if (backend instanceof Backend.Postgresql) {
            return caughtUpAt - 1;
        }
        try (Statement statement = source.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA data_version")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private void openIndex() {
        try {
            index = IndexFile.open(indexPath);
        } catch (SQLException | IOException e) {
            dropIndex("the search index cannot be kept in " + indexPath.getParent() + " (" + e.getMessage() + ")");
        }
    }

    private void rebuild(Exception why) {
        caughtUpAt = -1;
        if (index != null) {
            index.close();
        }
        IndexFile.delete(indexPath);
        index = null;
        openIndex();
        if (index == null) {
            note = note + "; it failed first: " + why.getMessage();
        }
    }

    private void dropIndex(String why) {
        if (index != null) {
            index.close();
        }
        index = null;
        note = "Searched by reading the file through: " + why + ".";
    }

    private PersistenceException cancelled() {
        return PersistenceException.of(Reason.CANCELLED, location, "Search of " + location.where() + " stopped.");
    }

    // ---- answering --------------------------------------------------------------------------

    /** An id, or the start of one only one session or conversation has, comes first. */
    private void exactId(SearchQuery query, List<String> terms, Map<String, SearchHit> hits) throws SQLException {
        if (terms.size() != 1 || !ID_PREFIX.matcher(query.text().strip()).matches()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<SearchHit.Kind> kinds = docs.idsStartingWith(query.text().strip(), ids);
        if (ids.size() == 1 && query.wants(kinds.getFirst())) {
            String id = ids.getFirst();
            hits.put(kinds.getFirst() + " " + id, new SearchHit(kinds.getFirst(), id, location, "id", id, 0,
                    query.text().strip().length(), null, null, -1));
        }
    }

    private boolean exists(SearchHit.Kind kind, String owner, String key) {
        try {
            return docs.exists(kind, owner, key);
        } catch (SQLException e) {
            throw new SourceFailure(e);
        }
    }

    /** No index: every text of the file is read and matched here, newest first. */
    private void scan(SearchQuery query, List<String> terms, Map<String, SearchHit> hits) throws SQLException {
        List<Doc> matched = new ArrayList<>();
        Consumer<Doc> match = doc -> {
            if (query.wants(doc.kind()) && (query.project() == null || query.project().equals(doc.project()))
                    && (query.since() == null || doc.at() >= query.since().toEpochMilli()) && containsAll(doc.text(), terms)) {
                matched.add(doc);
            }
        };
        docs.sessions(Mark.NONE, () -> stopped, match);
        long last = docs.lastLogId();
        String after = "";
        for (List<String> sessions = docs.loggedSessions(after, LOG_BATCH); !sessions.isEmpty() && !stopped;
             sessions = docs.loggedSessions(after, LOG_BATCH)) {
            for (String session : sessions) {
                docs.log(session, last, match);
            }
            after = sessions.getLast();
        }
        docs.events(0, () -> stopped, match);
        docs.conversations(Mark.NONE, () -> stopped, match);
        docs.messages(0, () -> stopped, match);
        docs.runners(match);
        matched.sort((a, b) -> Long.compare(b.at(), a.at()));
        for (Doc doc : matched) {
            String ownerKey = doc.kind() + " " + doc.owner();
            if (hits.size() >= query.limit()) {
                break;
            }
            hits.putIfAbsent(ownerKey, hit(doc.kind(), doc.owner(), doc.place(), doc.text(), terms, doc.project(), doc.at(), doc.logId()));
        }
    }

    private static boolean containsAll(String text, List<String> terms) {
        String lower = text.toLowerCase(Locale.ROOT);
        return terms.stream().allMatch(lower::contains);
    }

    private SearchHit hit(SearchHit.Kind kind, String owner, String place, String text, List<String> terms, String project, long at,
                          long logId) {
        Snippet snippet = Snippet.around(text, terms);
        return new SearchHit(kind, owner, location, place, snippet.text(), snippet.start(), snippet.end(), project,
                at == 0 ? null : Instant.ofEpochMilli(at), logId);
    }

    /**
     * A file is one index: its real path and, where the system has one, its inode (a file
     * replaced at the same path is another). A PostgreSQL database is its URL without the password.
     */
    private static String identity(Location location) {
        String key;
        if (location instanceof Location.File(Path file)) {
            try {
                Path real = file.toRealPath();
                Object inode = Files.readAttributes(real, "basic:fileKey").get("fileKey");
                key = real + "|" + inode;
            } catch (IOException | UnsupportedOperationException e) {
                key = file.toAbsolutePath().normalize().toString();
            }
        } else {
            key = "postgresql|" + location.where();
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
