package dev.leanspec.inspector.persistence.search;

import dev.leanspec.inspector.persistence.search.SourceDocs.Doc;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * Sessions' logs folded on a thread of their own while the caller writes the index: reading and
 * folding a session (SQLite's reads of the user's file, the transcript folder) and indexing its
 * texts (FTS5's inserts and commits) took about the same time each, one after the other. The
 * texts come over a bounded queue, so a session of a million lines is never held whole. The
 * folding thread is the only user of the source connection while this runs.
 */
final class FoldAhead implements AutoCloseable {

    /** Texts in flight at most: a few batches' worth of small sessions, a bounded slice of a big one. */
    private static final int QUEUE = 4_096;

    /** What comes over the queue, in order: a session's start, its texts, its end; or the end of all. */
    private sealed interface Item {
    }

    private record Begin(String session) implements Item {
    }

    private record Text(Doc doc) implements Item {
    }

    private record End() implements Item {
    }

    private record Failed(Exception error) implements Item {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts folding {@code sessions}, in order, their lines up to {@code lastLogId}.
     *
     * @param stopped polled between sessions: true ends the folding early
     */
    FoldAhead(SourceDocs docs, List<String> sessions, long lastLogId, BooleanSupplier stopped) {
        thread = Thread.ofPlatform().daemon().name("search-fold").start(() -> {
            try {
                for (String session : sessions) {
                    if (closed) {
                        return;
                    }
                    if (stopped.getAsBoolean()) {
                        // The writer may be waiting for this session: it is told, not left waiting.
                        offer(new Failed(new SQLException("stopped")));
                        return;
                    }
                    put(new Begin(session));
                    docs.log(session, lastLogId, doc -> put(new Text(doc)));
                    put(new End());
                }
            } catch (Handover closedMeanwhile) {
                // closed by the writer: nothing more is wanted
            } catch (SQLException | RuntimeException e) {
                offer(new Failed(e));
            }
        });
    }

    /**
     * Takes the next session's texts into {@code into}, in the order folded.
     *
     * @param session the session expected next (the order given)
     * @param into    what the texts go to
     * @throws SQLException when reading the file failed on the folding thread
     */
    void next(String session, java.util.function.Consumer<Doc> into) throws SQLException {
        Item begin = take();
        if (!(begin instanceof Begin(String folded)) || !folded.equals(session)) {
            throw unexpected(begin, session);
        }
        for (Item item = take(); !(item instanceof End); item = take()) {
            if (item instanceof Text(Doc doc)) {
                into.accept(doc);
            } else {
                throw unexpected(item, session);
            }
        }
    }

    private Item take() throws SQLException {
        try {
            Item item = queue.take();
            if (item instanceof Failed(Exception error)) {
                if (error instanceof SQLException sql) {
                    throw sql;
                }
                throw (RuntimeException) error;
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for folded texts", e);
        }
    }

    private static IllegalStateException unexpected(Item item, String session) {
        return new IllegalStateException("folding out of order: " + item + " while reading " + session);
    }

    private void put(Item item) {
        try {
            while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Handover();
                }
            }
        } catch (InterruptedException e) {
            throw new Handover();
        }
    }

    private void offer(Item item) {
        queue.clear(); // the writer stops at the failure: what was folded before it is not wanted
        queue.offer(item);
    }

    /** Stops the folding (when the writer stops early) and waits for its thread. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The folding thread's way out when the writer closed: nothing to report. */
    private static final class Handover extends RuntimeException {
        Handover() {
            super(null, null, false, false);
        }
    }
}
