package dev.leanspec.inspector.persistence.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.LeanSpecDatabase;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.LegacyFiles;
import dev.leanspec.inspector.testing.PostgresServer;
import dev.leanspec.inspector.testing.ReadOnlyPaths;
import dev.leanspec.inspector.testing.RealFixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search on files LeanSpec's own binaries wrote (the committed 0.2.28 leanspec.db and 0.2.24
 * sessions.db/chat.db), with text planted as another writer would (a second connection, WAL,
 * foreign keys on): each found in the right session or conversation, the file's bytes unchanged
 * by every search, the index only ever in the cache folder; and on a PostgreSQL copy, answered
 * as on the file.
 */
class SearchIndexTest {

    /** An ACP session of the 0.2.28 fixture (LeanSpec's acp-agent runner). */
    private static final String ACP_SESSION = "d7843e56-8aaa-433b-a73d-9c4ced26ced6";
    private static final String OTHER_ACP_SESSION = "3ed5d071-b083-47d9-9e35-ed25b7b5a854";

    @TempDir
    Path dir;

    private Path file;
    private Path cache;

    @BeforeEach
    void plant() throws Exception {
        file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("data"));
        cache = dir.resolve("cache");
        String project = "/tmp/proj";
        LegacyFiles.run(file,
                // a prompt with punctuation taken literally
                "UPDATE sessions SET prompt = 'Rewrite history: git push --force-with-lease origin main' WHERE id = '" + OTHER_ACP_SESSION + "';\n",
                // a tool call's input inside an ACP line, and CJK agent text, as LeanSpec logs them
                "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + ACP_SESSION + "', '2026-12-01T10:02:00Z', 'info', "
                        + "'{\"__acp_method\":\"session/update\",\"params\":{\"sessionId\":\"s\",\"update\":{\"kind\":\"edit\",\"locations\":[{\"path\":\"src/parser.rs\"}],"
                        + "\"rawInput\":{\"path\":\"src/parser.rs\",\"old\":\"fn parse_expr\"},\"sessionUpdate\":\"tool_call\",\"status\":\"pending\","
                        + "\"title\":\"edit_file\",\"toolCallId\":\"call-9\"}}}');\n",
                "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + ACP_SESSION + "', '2026-12-01T10:02:01Z', 'info', "
                        + "'{\"__acp_method\":\"session/update\",\"params\":{\"sessionId\":\"s\",\"update\":{\"content\":{\"text\":\"我先迁移数据库，然后更新文档。\","
                        + "\"type\":\"text\"},\"sessionUpdate\":\"agent_message_chunk\"}}}');\n",
                // a chat message whose tool-result part says what the user remembers
                "INSERT INTO conversations (id, project_id, title, created_at, updated_at) VALUES ('conv-planted', '" + project
                        + "', 'Explaining the migration', 1764583200000, 1764583200000);\n",
                "INSERT INTO messages (id, conversation_id, project_id, role, content, timestamp, parts) VALUES ('msg-planted', 'conv-planted', '"
                        + project + "', 'assistant', '', 1764583201000, '[{\"type\":\"tool-call\",\"toolCallId\":\"c1\",\"toolName\":\"run\","
                        + "\"input\":{\"cmd\":\"cargo test\"}},{\"type\":\"tool-result\",\"toolCallId\":\"c1\",\"toolName\":\"run\","
                        + "\"output\":{\"stderr\":\"error[E0308]: mismatched types in flux_capacitor\"}}]');\n");
    }

    private SearchResult find(String text) throws IOException {
        String before = FileBytes.sha256(file);
        try (SearchIndex index = LeanSpecDatabase.at(file).search(cache)) {
            return index.find(SearchQuery.of(text));
        } finally {
            assertThat(FileBytes.sha256(file)).as("the file's bytes after a search").isEqualTo(before);
            assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString()))
                    .as("nothing left beside the file").allMatch(name -> name.startsWith("leanspec.db"))
                    .noneMatch(name -> name.endsWith("-shm"));
        }
    }

    private SearchResult search(String text) {
        try (SearchIndex index = LeanSpecDatabase.at(file).search(cache)) {
            return index.find(SearchQuery.of(text));
        }
    }

    private static List<String> ids(SearchResult result) {
        return result.hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void findsWhatWasPlantedInTheRightSessionOrConversation() throws IOException {
        SearchResult force = find("--force-with-lease");
        assertThat(force.indexed()).isTrue();
        assertThat(force.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.id()).isEqualTo(OTHER_ACP_SESSION);
            assertThat(hit.where()).isEqualTo("prompt");
            assertThat(hit.snippet().substring(hit.matchStart(), hit.matchEnd())).isEqualTo("--force-with-lease");
        });
        assertThat(find("src/parser.rs").hits()).singleElement().satisfies(hit -> {
            assertThat(hit.id()).isEqualTo(ACP_SESSION);
            assertThat(hit.where()).isEqualTo("tool call");
            assertThat(hit.logId()).isPositive();
        });
        assertThat(find("fn parse_expr").hits()).extracting(SearchHit::id).containsExactly(ACP_SESSION);
        // An event's data (0.2.28 wrote an archived log's path there): its hit names the event.
        assertThat(find("sessions/b1a63c17").hits()).singleElement().satisfies(hit -> {
            assertThat(hit.id()).startsWith("b1a63c17");
            assertThat(hit.where()).isEqualTo("event");
            assertThat(hit.logId()).isEqualTo(7);
        });
        assertThat(find("迁移数据库").hits()).singleElement().satisfies(hit -> {
            assertThat(hit.id()).isEqualTo(ACP_SESSION);
            assertThat(hit.where()).isEqualTo("message");
        });
        assertThat(ids(find("迁移"))).as("shorter than a trigram").containsExactly(ACP_SESSION);
        assertThat(find("FLUX_CAPACITOR").hits()).singleElement().satisfies(hit -> {
            assertThat(hit.kind()).isEqualTo(SearchHit.Kind.CONVERSATION);
            assertThat(hit.id()).isEqualTo("conv-planted");
            assertThat(hit.where()).isEqualTo("message (assistant)");
        });
        assertThat(ids(find("\"explaining the migration\""))).containsExactly("conv-planted");
        assertThat(ids(find("mismatched flux"))).as("every word, anywhere in the text").containsExactly("conv-planted");
        assertThat(find("no-such-word-anywhere").hits()).isEmpty();
        assertThat(find("flux no-such-word").hits()).as("all words must match").isEmpty();
        assertThat(Files.list(cache.resolve("search"))).isNotEmpty();
    }

    @Test
    void anIdOrTheStartOfOneComesFirst() throws IOException {
        assertThat(find(ACP_SESSION.substring(0, 8)).hits().getFirst()).satisfies(hit -> {
            assertThat(hit.id()).isEqualTo(ACP_SESSION);
            assertThat(hit.where()).isEqualTo("id");
        });
    }

    @Test
    void filtersByKindProjectAndTime() throws IOException {
        try (SearchIndex index = LeanSpecDatabase.at(file).search(cache)) {
            assertThat(index.find(SearchQuery.of("readme")).hits()).extracting(SearchHit::kind).contains(SearchHit.Kind.SESSION);
            assertThat(index.find(SearchQuery.of("readme").withKinds(Set.of(SearchHit.Kind.CONVERSATION))).hits())
                    .allMatch(hit -> hit.kind() == SearchHit.Kind.CONVERSATION);
            assertThat(ids(index.find(SearchQuery.of("flux").withProject("/tmp/proj")))).containsExactly("conv-planted");
            assertThat(index.find(SearchQuery.of("flux").withProject("/elsewhere")).hits()).isEmpty();
            assertThat(index.find(SearchQuery.of("flux").since(java.time.Instant.parse("2030-01-01T00:00:00Z"))).hits()).isEmpty();
        }
    }

    @Test
    void keepsUpWithRowsAddedChangedAndDeleted() throws Exception {
        assertThat(find("zebra-crossing").hits()).isEmpty();
        LegacyFiles.run(file, "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + OTHER_ACP_SESSION
                + "', '2026-12-01T11:00:00Z', 'stdout', 'saw a zebra-crossing');\n");
        assertThat(ids(find("zebra-crossing"))).as("a line added after the first search").containsExactly(OTHER_ACP_SESSION);

        LegacyFiles.run(file, "UPDATE sessions SET prompt = 'now about giraffes', updated_at = '2030-01-01T00:00:00Z' WHERE id = '"
                + OTHER_ACP_SESSION + "';\n");
        assertThat(ids(find("giraffes"))).as("a changed prompt").containsExactly(OTHER_ACP_SESSION);
        assertThat(find("--force-with-lease").hits()).as("the old prompt is gone").isEmpty();

        assertThat(ids(find("flux_capacitor"))).containsExactly("conv-planted");
        LegacyFiles.run(file, "DELETE FROM conversations WHERE id = 'conv-planted';\n");
        assertThat(find("flux_capacitor").hits()).as("a deleted conversation").isEmpty();
    }

    @Test
    void anOwnerWithThousandsOfBetterTextsLeavesRoomForTheOthers() throws Exception {
        // 1,500 events of one session say "walrus" three times each; two other sessions say it once,
        // in longer texts: the best 1,000 texts FTS5 ranks first are all the first session's.
        LegacyFiles.run(file,
                "INSERT INTO session_events (session_id, event_type, data, timestamp) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                        + "SELECT i + 1 FROM n WHERE i < 1500) SELECT '" + ACP_SESSION + "', 'note', 'walrus walrus walrus', "
                        + "'2026-12-01T10:00:00Z' FROM n;\n",
                "INSERT INTO session_events (session_id, event_type, data, timestamp) VALUES ('" + OTHER_ACP_SESSION
                        + "', 'note', 'a long note that mentions a walrus once among many other words about the migration', '2026-12-01T10:00:00Z');\n",
                "UPDATE sessions SET prompt = 'the walrus and the carpenter walked on a beach of many other words' WHERE id = 'b1a63c17-1474-4527-a1ec-8f2c6a6159bd';\n");
        SearchResult found = find("walrus");
        assertThat(ids(found)).hasSize(3).startsWith(ACP_SESSION).contains(OTHER_ACP_SESSION, "b1a63c17-1474-4527-a1ec-8f2c6a6159bd");
        try (SearchIndex index = LeanSpecDatabase.at(file).search(cache)) {
            assertThat(ids(index.find(SearchQuery.of("walrus").withLimit(2)))).containsExactlyElementsOf(ids(found).subList(0, 2));
        }
    }

    @Test
    void aSessionReadAgainIndexesOnlyWhatChangedAndEndsAsAFreshBuild() throws Exception {
        assertThat(find("okapi-ledger").hits()).isEmpty();
        try (var db = index(cache); var rows = db.createStatement().executeQuery("SELECT count(*) FROM sqlite_schema WHERE name = 'entries_owner'")) {
            assertThat(rows.getLong(1)).as("the index by owner, made when the first build is through").isOne();
        }
        Map<Long, String> before = entries(cache, ACP_SESSION);
        // Console lines and an agent's streamed chunk, appended as LeanSpec appends them; a prompt changed.
        LegacyFiles.run(file,
                "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + ACP_SESSION
                        + "', '2026-12-01T12:00:00Z', 'stdout', 'okapi-ledger balanced');\n",
                "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + ACP_SESSION + "', '2026-12-01T12:00:01Z', 'info', "
                        + "'{\"__acp_method\":\"session/update\",\"params\":{\"sessionId\":\"s\",\"update\":{\"content\":{\"text\":\" 然后提交。\","
                        + "\"type\":\"text\"},\"sessionUpdate\":\"agent_message_chunk\"}}}');\n",
                "UPDATE sessions SET prompt = 'now about okapis', updated_at = '2030-01-01T00:00:00Z' WHERE id = '" + OTHER_ACP_SESSION + "';\n");
        assertThat(ids(find("okapi-ledger"))).containsExactly(ACP_SESSION);
        assertThat(ids(find("okapis"))).containsExactly(OTHER_ACP_SESSION);
        assertThat(find("--force-with-lease").hits()).as("the old prompt is gone").isEmpty();

        Map<Long, String> after = entries(cache, ACP_SESSION);
        Set<Long> kept = new java.util.HashSet<>(before.keySet());
        kept.retainAll(after.keySet());
        assertThat(kept).as("the session's texts that did not change keep their rows").hasSizeGreaterThan(before.size() / 2);
        assertThat(after.size() - kept.size()).as("indexed again: what changed").isLessThanOrEqualTo(3);

        // The same texts as an index built from scratch, and the full-text table agreeing with them.
        Path fresh = dir.resolve("fresh-cache");
        search("okapi-ledger");
        try (SearchIndex index = LeanSpecDatabase.at(file).search(fresh)) {
            index.find(SearchQuery.of("okapi-ledger"));
        }
        assertThat(texts(cache)).isEqualTo(texts(fresh));
        for (String term : List.of("okapi", "然后提交", "force-with-lease", "readme", "session")) {
            assertThat(matches(cache, term)).as("rows matching " + term).isEqualTo(containing(cache, term)).isEqualTo(containing(fresh, term));
        }
    }

    /** The index file in {@code cacheDir} (one file is indexed there). */
    private static java.sql.Connection index(Path cacheDir) throws Exception {
        try (var files = Files.list(cacheDir.resolve("search"))) {
            Path index = files.filter(p -> p.toString().endsWith(".sqlite")).findFirst().orElseThrow();
            return java.sql.DriverManager.getConnection("jdbc:sqlite:" + index);
        }
    }

    private static Map<Long, String> entries(Path cacheDir, String owner) throws Exception {
        Map<Long, String> entries = new java.util.HashMap<>();
        try (var db = index(cacheDir); var select = db.prepareStatement("SELECT id, text FROM entries WHERE source = 'log' AND owner = ?")) {
            select.setString(1, owner);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return entries;
    }

    private static List<String> texts(Path cacheDir) throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        try (var db = index(cacheDir); var rows = db.createStatement().executeQuery(
                "SELECT kind, owner, place, coalesce(project, ''), at, source, coalesce(key, ''), log_id, text, print FROM entries")) {
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 10; i++) {
                    row.append(rows.getString(i)).append('|');
                }
                texts.add(row.toString());
            }
        }
        return texts.stream().sorted().toList();
    }

    private static long matches(Path cacheDir, String term) throws Exception {
        try (var db = index(cacheDir); var select = db.prepareStatement("SELECT count(*) FROM docs WHERE docs MATCH ?")) {
            select.setString(1, "\"" + term + "\"");
            try (var rows = select.executeQuery()) {
                return rows.getLong(1);
            }
        }
    }

    private static long containing(Path cacheDir, String term) throws Exception {
        try (var db = index(cacheDir); var select = db.prepareStatement("SELECT count(*) FROM entries WHERE instr(lower(text), lower(?)) > 0")) {
            select.setString(1, term);
            try (var rows = select.executeQuery()) {
                return rows.getLong(1);
            }
        }
    }

    @Test
    void oneOpenIndexSeesWhatIsWrittenBetweenItsSearches() throws Exception {
        // As the window keeps it: open across keystrokes, while LeanSpec goes on writing.
        try (SearchIndex index = LeanSpecDatabase.at(file).search(cache)) {
            assertThat(index.find(SearchQuery.of("wombat-tunnel")).hits()).isEmpty();
            assertThat(index.find(SearchQuery.of("wombat-tunnel")).hits()).as("nothing written: the same answer").isEmpty();
            LegacyFiles.run(file, "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('" + ACP_SESSION
                    + "', '2026-12-01T12:00:00Z', 'stderr', 'dug a wombat-tunnel');\n");
            assertThat(ids(index.find(SearchQuery.of("wombat-tunnel")))).containsExactly(ACP_SESSION);
            LegacyFiles.run(file, "DELETE FROM conversations WHERE id = 'conv-planted';\n");
            assertThat(index.find(SearchQuery.of("flux_capacitor")).hits()).isEmpty();
        }
    }

    @Test
    void aDeletedOrDamagedIndexIsRebuilt() throws Exception {
        Path index;
        try (SearchIndex search = LeanSpecDatabase.at(file).search(cache)) {
            assertThat(ids(search.find(SearchQuery.of("flux_capacitor")))).containsExactly("conv-planted");
            index = search.indexFile();
        }
        Files.delete(index);
        assertThat(ids(find("flux_capacitor"))).containsExactly("conv-planted");

        // Cut short, as a full disk or a kill while the system wrote it back might leave it.
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(bytes, 100));
        Files.deleteIfExists(Path.of(index + "-wal"));
        Files.deleteIfExists(Path.of(index + "-shm"));
        SearchResult after = find("flux_capacitor");
        assertThat(ids(after)).containsExactly("conv-planted");
        assertThat(after.indexed()).isTrue();

        Files.write(index, "not a database at all, just text".repeat(200).getBytes());
        assertThat(ids(find("src/parser.rs"))).containsExactly(ACP_SESSION);
    }

    @Test
    void anIndexingStoppedHalfWayResumesWithRightAnswers() {
        try (SearchIndex index = LeanSpecDatabase.at(file).search(cache)) {
            // Stopped once the sessions are committed, before any log is folded (as a kill there would leave it).
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.update(progress -> {
                        if (progress.stage().equals("sessions")) {
                            index.cancel();
                        }
                    })).isInstanceOf(dev.leanspec.inspector.persistence.PersistenceException.class)
                    .extracting(e -> ((dev.leanspec.inspector.persistence.PersistenceException) e).reason())
                    .isEqualTo(dev.leanspec.inspector.persistence.PersistenceException.Reason.CANCELLED);
        }
        try (SearchIndex index = LeanSpecDatabase.at(file).search(cache)) {
            assertThat(ids(index.find(SearchQuery.of("--force-with-lease")))).containsExactly(OTHER_ACP_SESSION);
            assertThat(ids(index.find(SearchQuery.of("src/parser.rs")))).containsExactly(ACP_SESSION);
            assertThat(ids(index.find(SearchQuery.of("flux_capacitor")))).containsExactly("conv-planted");
        }
    }

    @Test
    void untilItsIndexIsBuiltASearchReadsTheFileThroughAndSaysSo() throws Exception {
        String before = FileBytes.sha256(file);
        try (SearchIndex search = LeanSpecDatabase.at(file).search(cache);
             SearchIndex builder = LeanSpecDatabase.at(file).search(cache)) {
            assertThat(search.needsBuild()).isTrue();
            // A first build stopped half-way (its sessions committed, no log folded) is not built.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.update(progress -> {
                if (progress.stage().equals("sessions")) {
                    builder.cancel();
                }
            })).isInstanceOf(dev.leanspec.inspector.persistence.PersistenceException.class);
            assertThat(search.built()).isFalse();

            // Meanwhile a search answers whole, by reading the file, and says so.
            SearchResult meanwhile = search.findNow(SearchQuery.of("src/parser.rs"));
            assertThat(meanwhile.indexed()).isFalse();
            assertThat(meanwhile.note()).contains("its index is being built");
            assertThat(ids(meanwhile)).containsExactly(ACP_SESSION);
            assertThat(ids(search.findNow(SearchQuery.of("迁移")))).containsExactly(ACP_SESSION);

            // Another thread builds it through while this one searches: then the index answers.
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> built = pool.submit(() -> builder.update(progress -> { }));
                while (!built.isDone()) {
                    assertThat(ids(search.findNow(SearchQuery.of("flux_capacitor")))).containsExactly("conv-planted");
                }
                assertThat(built.get()).isTrue();
            } finally {
                pool.shutdown();
            }
            assertThat(search.built()).isTrue();
            assertThat(search.needsBuild()).isFalse();
            SearchResult indexed = search.findNow(SearchQuery.of("src/parser.rs"));
            assertThat(indexed.indexed()).isTrue();
            assertThat(indexed.note()).isEmpty();
            assertThat(ids(indexed)).containsExactly(ACP_SESSION);
        }
        assertThat(FileBytes.sha256(file)).isEqualTo(before);
    }

    @Test
    void whatLeanSpecWritesDuringAFirstBuildIsFoundAfterIt() throws Exception {
        String subprocess = "4f408588-88d2-4ee0-897b-a5b1d1ab6128"; // ok-runner's: its output lines are indexed as written
        java.util.concurrent.Semaphore written = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.atomic.AtomicBoolean building = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SearchIndex index = LeanSpecDatabase.at(file).search(cache)) {
            // LeanSpec's server, on its own connection, appends output lines and finishes a session as the build runs.
            Future<Integer> writer = pool.submit(() -> {
                int lines = 0;
                try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                     var insert = db.prepareStatement("INSERT INTO session_logs (session_id, timestamp, level, message) "
                             + "VALUES (?, '2026-12-01T10:03:00Z', 'stdout', ?)")) {
                    db.createStatement().execute("PRAGMA busy_timeout = 10000");
                    while (building.get() || lines < 10) {
                        insert.setString(1, subprocess);
                        insert.setString(2, "line-written-while-indexing-" + lines + "-end");
                        insert.executeUpdate();
                        lines++;
                        written.release();
                    }
                    db.createStatement().execute("UPDATE sessions SET status = 'cancelled', prompt = 'finished-while-indexing', "
                            + "updated_at = '2026-12-07T10:00:00.000000000+00:00' WHERE id = '" + OTHER_ACP_SESSION + "'");
                }
                return lines;
            });
            // Each stage of the build waits for a few of LeanSpec's writes: they land between its batches.
            boolean built = index.update(progress -> written.acquireUninterruptibly(3));
            building.set(false);
            int lines = writer.get();
            assertThat(built).isTrue();

            for (int line : List.of(0, lines / 2, lines - 1)) {
                assertThat(ids(index.find(SearchQuery.of("line-written-while-indexing-" + line + "-end"))))
                        .as("line %d of %d", line, lines).containsExactly(subprocess);
            }
            assertThat(ids(index.find(SearchQuery.of("finished-while-indexing")))).containsExactly(OTHER_ACP_SESSION);
            assertThat(ids(index.find(SearchQuery.of("--force-with-lease")))).as("the prompt it replaced").isEmpty();
        } finally {
            building.set(false);
            pool.shutdown();
        }
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var check = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            check.next();
            assertThat(check.getString(1)).isEqualTo("ok");
        }
    }

    @Test
    void anUnwritableCacheFolderStillAnswersByReadingTheFile() throws Exception {
        Files.createDirectories(cache);
        try (ReadOnlyPaths readOnly = new ReadOnlyPaths()) {
            Assumptions.assumeTrue(readOnly.lock(cache), "this machine cannot make a folder read-only");
            SearchResult result = find("src/parser.rs");
            assertThat(result.indexed()).isFalse();
            assertThat(result.note()).contains("reading the file through");
            assertThat(ids(result)).containsExactly(ACP_SESSION);
            assertThat(ids(find("迁移"))).containsExactly(ACP_SESSION);
            assertThat(find("no-such-word-anywhere").hits()).isEmpty();
        }
    }

    @Test
    void twoIndexersOfOneFileLeaveOneCopyOfEachText() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            String before = FileBytes.sha256(file);
            // Two searches (as two app instances would) index the same file at once, each on its own connections.
            List<Future<SearchResult>> both = List.of(pool.submit(() -> search("readme")), pool.submit(() -> search("readme")));
            for (Future<SearchResult> result : both) {
                assertThat(result.get().hits()).isNotEmpty();
            }
            assertThat(FileBytes.sha256(file)).isEqualTo(before);
        } finally {
            pool.shutdown();
        }
        try (SearchIndex index = LeanSpecDatabase.at(file).search(cache);
             var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + index.indexFile());
             var rows = db.createStatement().executeQuery(
                     "SELECT count(*), count(DISTINCT source || owner || place || log_id || coalesce(key, '') || text) FROM entries")) {
            rows.next();
            assertThat(rows.getLong(1)).isPositive().isEqualTo(rows.getLong(2));
        }
    }

    @Test
    void readsTheOlderShapesAs024LeftThem() throws IOException {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("old"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("old"));
        try (SearchIndex index = LeanSpecDatabase.at(chat).search(cache)) {
            assertThat(index.find(SearchQuery.of("delete the old one")).hits()).singleElement()
                    .satisfies(hit -> assertThat(hit.kind()).isEqualTo(SearchHit.Kind.CONVERSATION));
        }
        try (SearchIndex index = LeanSpecDatabase.at(sessions).search(cache)) {
            assertThat(index.find(SearchQuery.of("a")).indexed()).isTrue();
        }
    }

    /** What a hit says, without the database it is in. */
    private record Seen(SearchHit.Kind kind, String id, String where, String snippet, long logId) {
        static Seen of(SearchHit hit) {
            return new Seen(hit.kind(), hit.id(), hit.where(), hit.snippet(), hit.logId());
        }
    }

    @Test
    void aPostgresqlCopyIsSearchedAsTheFileIsAndKeptCurrent() throws Exception {
        // The planted 0.2.28 file copied into a schema of its own (LeanSpec's databaseUrl may name one).
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase()).withSchema("team");
        Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe());
        List<String> queries = List.of("--force-with-lease", "src/parser.rs", "fn parse_expr", "sessions/b1a63c17", "迁移数据库", "迁移",
                "FLUX_CAPACITOR", "ok-runner", "readme", ACP_SESSION.substring(0, 8), "absent-word-xyz");
        try (SearchIndex onFile = LeanSpecDatabase.at(file).search(cache);
             SearchIndex onServer = LeanSpecDatabase.at(Location.of(url)).search(cache)) {
            for (String query : queries) {
                SearchResult fromFile = onFile.find(SearchQuery.of(query));
                SearchResult fromServer = onServer.find(SearchQuery.of(query));
                assertThat(fromServer.indexed()).as(query).isTrue();
                assertThat(fromServer.hits()).as(query).allMatch(hit -> hit.location().equals(Location.of(url)));
                assertThat(fromServer.hits().stream().map(Seen::of).toList()).as(query)
                        .containsExactlyInAnyOrderElementsOf(fromFile.hits().stream().map(Seen::of).toList());
            }
            assertThat(ids(onServer.find(SearchQuery.of("FLUX_CAPACITOR")))).containsExactly("conv-planted");
            assertThat(onServer.indexFile()).startsWith(cache).exists().isNotEqualTo(onFile.indexFile());

            // Written on the server since: a new session, a renamed chat, a deleted one's messages gone with it.
            try (Connection writer = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
                 Statement statement = writer.createStatement()) {
                statement.execute("SET search_path TO team");
                statement.execute("INSERT INTO sessions (id, project_path, prompt, runner, mode, status, started_at, created_at, updated_at) "
                        + "VALUES ('zz-new-session', '/tmp/proj', 'Paint the zebra crossing', 'ok-runner', 'autonomous', 'pending', "
                        + "'2026-12-02T10:00:00Z', '2026-12-02T10:00:00Z', '2026-12-02T10:00:00Z')");
                statement.execute("UPDATE conversations SET title = 'Quokkas of the migration', updated_at = updated_at + 1 WHERE id = 'conv-planted'");
            }
            assertThat(ids(onServer.find(SearchQuery.of("zebra crossing")))).containsExactly("zz-new-session");
            assertThat(ids(onServer.find(SearchQuery.of("quokkas")))).containsExactly("conv-planted");
            assertThat(ids(onServer.find(SearchQuery.of("Explaining the migration")))).isEmpty();
            try (Connection writer = PostgresServer.shared().connect(PostgresServer.databaseOf(url.withCredentials()));
                 Statement statement = writer.createStatement()) {
                statement.execute("DELETE FROM team.conversations WHERE id = 'conv-planted'");
            }
            assertThat(onServer.find(SearchQuery.of("FLUX_CAPACITOR")).hits()).isEmpty();
        }
    }
}
