package dev.leanspec.inspector.persistence.search;

import dev.leanspec.inspector.persistence.internal.RowHashes;
import dev.leanspec.inspector.persistence.search.SourceDocs.Doc;
import dev.leanspec.inspector.persistence.search.SourceDocs.Mark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The search index of one database: a SQLite file of the app's own, in its cache folder (never
 * beside the user's file). Each text is a row of {@code entries}; {@code docs}, an FTS5 table
 * with the trigram tokenizer, indexes them for substring matching in any script, case ignored.
 * {@code marks} says how far each source table has been read; a batch of texts and its mark are
 * committed together, so an index killed half-way resumes where its last batch ended.
 *
 * <p>Rows read again (a session that gained log lines is folded again whole) go through an
 * {@link Owner}: a text equal to one the owner already has keeps it, and only the texts that
 * changed are deleted and indexed. The deletes wait for the commit and go in rowid order, after
 * the batch's inserts: FTS5 writes its pending inserts out as a new segment whenever a write
 * comes with a smaller rowid than the last, and a delete between each owner's inserts made a
 * segment per owner (10,000 new lines across 1,000 sessions took 8 s to catch up at scale 0.1).
 * The table is plainly contentless, its deletes told the old text from {@code entries}: with
 * {@code contentless_delete} each delete rewrote tombstone pages (1,000 deletes wrote 50 MB).
 */
final class IndexFile implements AutoCloseable {

    /** The index's own format: another one is rebuilt from scratch (4: plainly contentless, entries carry their print). */
    static final int VERSION = 4;
    /** The best texts FTS5 ranks first for a query; all of them only when these give too few owners. */
    private static final int FIRST = 1_000;

    private final Path path;
    private final Connection db;
    private PreparedStatement insertEntry;
    private PreparedStatement insertDoc;
    /** The id the next text gets: read when a batch begins (batches are serialized), so no insert asks SQLite for its key. */
    private long nextId;
    /**
     * The largest id this connection knows of, or -1 once {@code entries_owner} exists. An index
     * opened empty is built without that index, which is made once, sorted, when the build is
     * through ({@link #indexOwners}): kept up row by row, its random inserts (events and messages
     * come in no owner's order) took 5 % of a scale-1 build. Until then nothing read again can be
     * there, and owners are not looked up; another writer's rows make it at once.
     */
    private long written;

    /** Covering: an owner read again is compared by its prints without reading its texts. */
    private static final String OWNER_INDEX = "CREATE INDEX IF NOT EXISTS entries_owner ON entries (source, owner, print)";

    private IndexFile(Path path, Connection db) {
        this.path = path;
        this.db = db;
    }

    /**
     * Opens the index at {@code path}, creating it (and its folder) when missing; one of another
     * format, or one SQLite cannot read (truncated, not a database), is deleted and made afresh.
     *
     * @throws SQLException or IOException when the folder cannot be written
     */
    static IndexFile open(Path path) throws SQLException, IOException {
        Files.createDirectories(path.getParent());
        try {
            return openAsIs(path);
        } catch (SQLException unreadable) {
            delete(path);
            return openAsIs(path);
        }
    }

    private static IndexFile openAsIs(Path path) throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("busy_timeout", "30000"); // another instance indexing the same file holds it for a batch
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + path.toUri().getPath(), settings);
        try {
            try (Statement statement = db.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = NORMAL");
                statement.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                String version = null;
                try (ResultSet rs = statement.executeQuery("SELECT value FROM meta WHERE key = 'version'")) {
                    if (rs.next()) {
                        version = rs.getString(1);
                    }
                }
                if (version != null && !version.equals(Integer.toString(VERSION))) {
                    throw new SQLException("index of format " + version);
                }
                statement.execute("CREATE TABLE IF NOT EXISTS marks (source TEXT PRIMARY KEY, rowid INTEGER NOT NULL, updated TEXT NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, owner TEXT NOT NULL, "
                        + "place TEXT NOT NULL, project TEXT, at INTEGER NOT NULL, source TEXT NOT NULL, key TEXT, log_id INTEGER NOT NULL, "
                        + "text TEXT NOT NULL, print INTEGER NOT NULL)");
                // Contentless: the text is kept once, in entries (for snippets and deletes); the index holds trigrams only.
                statement.execute("CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5 (text, content = '', tokenize = 'trigram')");
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS doomed (id INTEGER PRIMARY KEY)");
                statement.execute("INSERT OR IGNORE INTO meta VALUES ('version', '" + VERSION + "')");
                // A truncated or foreign file fails here rather than at the first search.
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM marks")) {
                    rs.next();
                }
            }
            IndexFile index = new IndexFile(path, db);
            try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("SELECT coalesce(max(id), 0) FROM entries")) {
                rs.next();
                index.written = rs.getLong(1);
            }
            if (index.written > 0) {
                try (Statement statement = db.createStatement()) {
                    statement.execute(OWNER_INDEX); // a build stopped half-way, or one through
                }
                index.written = -1;
            }
            return index;
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    /** The index failed (it is damaged, gone, or its disk is full): it is the cache's problem, never the user's file's. */
    static final class Failure extends RuntimeException {
        Failure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static void delete(Path path) {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            try {
                Files.deleteIfExists(Path.of(path + suffix));
            } catch (IOException e) {
                // Left behind: the next open finds it unreadable again and says so.
            }
        }
    }

    Path path() {
        return path;
    }

    /** Starts a batch: taken for writing at once, so two instances never index the same rows twice. */
    void begin() {
        try {
            try (Statement statement = db.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM entries")) {
                    rs.next();
                    nextId = rs.getLong(1);
                }
                if (written >= 0 && nextId - 1 != written) {
                    indexOwners(); // another instance wrote: its rows may be read again here
                }
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Makes the index by owner (once: an index opened empty gets it when its first build is through). */
    void indexOwners() {
        if (written < 0) {
            return;
        }
        try (Statement statement = db.createStatement()) {
            statement.execute(OWNER_INDEX);
            written = -1;
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Commits the batch, its texts that are gone deleted first. */
    void commit() {
        try {
            if (written >= 0) {
                written = nextId - 1;
            }
            try (Statement statement = db.createStatement()) {
                statement.execute("INSERT INTO docs (docs, rowid, text) SELECT 'delete', e.id, e.text FROM doomed d JOIN entries e ON e.id = d.id "
                        + "ORDER BY d.id");
                statement.execute("DELETE FROM entries WHERE id IN (SELECT id FROM doomed)");
                statement.execute("DELETE FROM doomed");
                statement.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    void rollbackQuietly() {
        try (Statement statement = db.createStatement()) {
            statement.execute("ROLLBACK");
            if (written < 0) {
                statement.execute(OWNER_INDEX); // made in the batch undone
            }
        } catch (SQLException e) {
            // Nothing was begun, or the connection is gone: nothing to undo.
        }
    }

    Mark mark(String source) {
        try {
            try (PreparedStatement statement = db.prepareStatement("SELECT rowid, updated FROM marks WHERE source = ?")) {
                statement.setString(1, source);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? new Mark(rs.getLong(1), rs.getString(2)) : Mark.NONE;
                }
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    void mark(String source, Mark mark) {
        try {
            try (PreparedStatement statement = db.prepareStatement("INSERT OR REPLACE INTO marks VALUES (?, ?, ?)")) {
                statement.setString(1, source);
                statement.setLong(2, mark.rowid());
                statement.setString(3, mark.updated());
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Indexes a text of a row read for the first time. */
    void add(Doc doc) {
        add(doc, print(doc));
    }

    private void add(Doc doc, long print) {
        try {
            if (insertEntry == null) {
                insertEntry = db.prepareStatement("INSERT INTO entries (id, kind, owner, place, project, at, source, key, log_id, text, print) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                insertDoc = db.prepareStatement("INSERT INTO docs (rowid, text) VALUES (?, ?)");
            }
            long id = nextId++;
            insertEntry.setLong(1, id);
            insertEntry.setString(2, doc.kind().name());
            insertEntry.setString(3, doc.owner());
            insertEntry.setString(4, doc.place());
            insertEntry.setString(5, doc.project());
            insertEntry.setLong(6, doc.at());
            insertEntry.setString(7, doc.source());
            insertEntry.setString(8, doc.key());
            insertEntry.setLong(9, doc.logId());
            insertEntry.setString(10, doc.text());
            insertEntry.setLong(11, print);
            insertEntry.executeUpdate();
            insertDoc.setLong(1, id);
            insertDoc.setString(2, doc.text());
            insertDoc.executeUpdate();
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /**
     * Starts reading an owner's rows from {@code source} again: what they give is compared with
     * what they gave before, and what they no longer give goes when the owner is closed.
     */
    Owner owner(String source, String owner) {
        Map<Long, ArrayDeque<Long>> had = new HashMap<>();
        if (written >= 0) {
            return new Owner(had); // a first build: nobody's texts are here yet
        }
        try (PreparedStatement select = db.prepareStatement("SELECT id, print FROM entries WHERE source = ? AND owner = ?")) {
            select.setString(1, source);
            select.setString(2, owner);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    had.computeIfAbsent(rs.getLong(2), print -> new ArrayDeque<>()).add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
        return new Owner(had);
    }

    /** The texts of one owner's rows, read again. */
    final class Owner implements AutoCloseable {
        /** The texts it had, by print: each one given again is kept and taken out. */
        private final Map<Long, ArrayDeque<Long>> had;

        private Owner(Map<Long, ArrayDeque<Long>> had) {
            this.had = had;
        }

        /** Keeps the text when the owner had it (every field the same), else indexes it. */
        void add(Doc doc) {
            long print = print(doc);
            ArrayDeque<Long> same = had.get(print);
            if (same == null || same.isEmpty()) {
                IndexFile.this.add(doc, print);
            } else {
                same.poll();
            }
        }

        /** What the owner had and was not given again is deleted when the batch commits. */
        @Override
        public void close() {
            List<Long> gone = new ArrayList<>();
            had.values().forEach(gone::addAll);
            doom(gone);
        }
    }

    /** Removes everything read from {@code source} when the batch commits. */
    void removeSource(String source) {
        indexOwners();
        try (PreparedStatement statement = db.prepareStatement("INSERT OR IGNORE INTO doomed SELECT id FROM entries WHERE source = ?")) {
            statement.setString(1, source);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    private void doom(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = db.prepareStatement("INSERT OR IGNORE INTO doomed VALUES (?)")) {
            for (long id : ids) {
                statement.setLong(1, id);
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /**
     * A text's fingerprint: a 64-bit hash of every field. Two texts of one owner with the same
     * print are taken as the same (by chance, about one in 10^19 per pair). Not SHA-256: that was
     * 7 % of a catch-up, hashing the texts it keeps.
     */
    static long print(Doc doc) {
        return RowHashes.of(doc.kind().name(), doc.place(), doc.project(), doc.at(), doc.source(), doc.key(), doc.logId(), doc.text());
    }

    /** A text that matched, as stored. */
    record Found(SearchHit.Kind kind, String owner, String place, String project, long at, String key, long logId, String text) {
    }

    /**
     * Streams the texts that contain every term, best first (relevance, then the newest), until
     * {@code take} says it has enough.
     */
    void find(List<String> terms, SearchQuery query, Predicate<Found> take) {
        List<String> indexed = terms.stream().filter(term -> term.codePointCount(0, term.length()) >= 3).toList();
        List<String> shortTerms = terms.stream().filter(term -> !indexed.contains(term)).toList();
        try {
            if (indexed.isEmpty()) {
                scanEntries(shortTerms, query, take);
                return;
            }
            String match = String.join(" AND ", indexed.stream().map(term -> "\"" + term.replace("\"", "\"\"") + "\"").toList());
            // FTS5 ranks the matches itself and keeps the best FIRST (its ORDER BY rank LIMIT); only
            // those are joined with their entries. Sorting every match joined with its entry and
            // text (10,000 texts of a common word) took 160 ms a file, a keystroke's budget.
            int read = 0;
            try (PreparedStatement best = db.prepareStatement("SELECT e.kind, e.owner, e.place, e.project, e.at, e.key, e.log_id, e.text "
                    + "FROM (SELECT rowid AS id, rank AS score FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT " + FIRST + ") m "
                    + "JOIN entries e ON e.id = m.id ORDER BY m.score, e.at DESC")) {
                best.setString(1, match);
                try (ResultSet rs = best.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        Found found = found(rs);
                        if (wanted(found, shortTerms, query) && !take.test(found)) {
                            return;
                        }
                    }
                }
            }
            if (read < FIRST) {
                return;
            }
            // Too few sessions or chats among them (one owner's many texts, or the filters): every
            // match, sorted without its text, each text read by its id as it is reached. What was
            // given above comes again in the same order; take() knows it.
            try (PreparedStatement all = db.prepareStatement("SELECT e.id FROM (SELECT rowid AS id, rank AS score FROM docs WHERE docs MATCH ?) m "
                    + "JOIN entries e ON e.id = m.id ORDER BY m.score, e.at DESC");
                 PreparedStatement entry = db.prepareStatement(
                         "SELECT kind, owner, place, project, at, key, log_id, text FROM entries WHERE id = ?")) {
                all.setString(1, match);
                try (ResultSet rs = all.executeQuery()) {
                    while (rs.next()) {
                        entry.setLong(1, rs.getLong(1));
                        try (ResultSet row = entry.executeQuery()) {
                            if (row.next()) {
                                Found found = found(row);
                                if (wanted(found, shortTerms, query) && !take.test(found)) {
                                    return;
                                }
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Queries shorter than a trigram: the texts read through by SQLite, newest first (the index's, not the user's file). */
    private void scanEntries(List<String> shortTerms, SearchQuery query, Predicate<Found> take) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT kind, owner, place, project, at, key, log_id, text FROM entries WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        for (String term : shortTerms) {
            sql.append(" AND text LIKE ? ESCAPE '\\'");
            values.add("%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        sql.append(" ORDER BY at DESC");
        try (PreparedStatement statement = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Found found = found(rs);
                    if (wanted(found, List.of(), query) && !take.test(found)) {
                        return;
                    }
                }
            }
        }
    }

    private static Found found(ResultSet rs) throws SQLException {
        return new Found(SearchHit.Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getString(8));
    }

    /** The query's filters, and the terms too short for the trigram index, case ignored. */
    private static boolean wanted(Found found, List<String> shortTerms, SearchQuery query) {
        if (!query.wants(found.kind()) || query.project() != null && !query.project().equals(found.project())
                || query.since() != null && found.at() < query.since().toEpochMilli()) {
            return false;
        }
        if (shortTerms.isEmpty()) {
            return true;
        }
        String text = found.text().toLowerCase(Locale.ROOT);
        return shortTerms.stream().allMatch(text::contains);
    }

    @Override
    public void close() {
        try {
            if (insertEntry != null) {
                insertEntry.close();
                insertDoc.close();
            }
            db.close();
        } catch (SQLException e) {
            // Closing a cache: nothing the user could act on.
        }
    }
}
