package dev.leanspec.inspector.gui.search;

import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.search.SearchHit;
import dev.leanspec.inspector.persistence.search.SearchIndex;
import dev.leanspec.inspector.persistence.search.SearchQuery;
import dev.leanspec.inspector.persistence.search.SearchResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Search across every open file: what the user types is looked up on a worker of its own (each
 * file's index kept open there, in the app's cache folder), the previous search stopped by the
 * next. Opening a hit goes to its session, conversation or runner; Back and Forward walk what was
 * opened.
 */
public final class SearchViewModel implements AutoCloseable {

    private final TaskRunner runner;
    private final Path cacheDir;
    private final Supplier<List<Location>> files;
    private final Consumer<SearchHit> opener;
    private final Map<Location, SearchIndex> indexes = new HashMap<>(); // used on the runner's thread only
    private final AtomicReference<SearchIndex> running = new AtomicReference<>();
    private final StringProperty text = new SimpleStringProperty("");
    private final ObservableList<SearchHit> hits = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final List<SearchHit> history = new ArrayList<>();
    private int at = -1;
    private TaskRunner.Cancellable current = TaskRunner.Cancellable.DONE;

    /**
     * @param files  the open databases, in tab order (asked on the UI thread at each search)
     * @param opener shows a hit: selects its file's tab and reveals it there
     */
    public SearchViewModel(TaskRunner runner, Path cacheDir, Supplier<List<Location>> files, Consumer<SearchHit> opener) {
        this.runner = runner;
        this.cacheDir = cacheDir;
        this.files = files;
        this.opener = opener;
    }

    /** What to find; {@link #search()} looks it up. */
    public StringProperty textProperty() {
        return text;
    }

    /** The sessions, conversations and runners found, best first per file. */
    public ObservableList<SearchHit> hits() {
        return hits;
    }

    /** "12 found in 2 files", "Indexing leanspec.db for search: 1,200 sessions…", or why nothing could be searched. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Looks up what {@link #textProperty()} says in every open file, stopping the search before it. */
    public void search() {
        current.cancel();
        String wanted = text.get() == null ? "" : text.get().strip();
        if (wanted.isEmpty()) {
            hits.clear();
            status.set("");
            busy.set(false);
            return;
        }
        List<Location> where = files.get();
        if (where.isEmpty()) {
            hits.clear();
            status.set("Open a file to search it.");
            return;
        }
        busy.set(true);
        status.set("Searching…");
        SearchQuery query = SearchQuery.of(wanted);
        current = runner.submit(() -> find(where, query), () -> {
            SearchIndex index = running.get();
            if (index != null) {
                index.cancel();
            }
        }, found -> {
            busy.set(false);
            hits.setAll(found.hits());
            status.set(found.words());
        }, error -> {
            busy.set(false);
            hits.clear();
            status.set(error instanceof PersistenceException known ? known.getMessage() : "Search failed: " + error);
        });
    }

    private record Found(List<SearchHit> hits, String words) {
    }

    /** On the worker: each file's index opened once and kept, caught up, asked. */
    private Found find(List<Location> where, SearchQuery query) {
        List<SearchHit> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int searched = 0;
        for (Location location : where) {
            if (!(location instanceof Location.File)) {
                notes.add(location.name() + " is not searched (PostgreSQL)");
                continue;
            }
            SearchIndex index = indexes.computeIfAbsent(location, l -> SearchIndex.open(l, cacheDir));
            running.set(index);
            try {
                index.update(progress -> {
                    if (progress.stage().equals("logs")) {
                        String told = String.format("Indexing %s for search: %,d sessions%s…", location.name(), progress.done(),
                                progress.total() < 0 ? "" : String.format(" of %,d", progress.total()));
                        runner.later(() -> status.set(told));
                    }
                });
                SearchResult result = index.find(query);
                found.addAll(result.hits());
                if (!result.indexed()) {
                    notes.add(location.name() + ": " + result.note());
                }
                searched++;
            } finally {
                running.set(null);
            }
        }
        String words = found.isEmpty() ? "Nothing matches in " + files(searched) : String.format("%,d found in %s", found.size(), files(searched));
        return new Found(found, notes.isEmpty() ? words : words + " · " + String.join(" · ", notes));
    }

    private static String files(int count) {
        return count == 1 ? "1 file" : count + " files";
    }

    /** Opens a hit, remembering it for Back. */
    public void open(SearchHit hit) {
        if (hit == null) {
            return;
        }
        while (history.size() > at + 1) {
            history.removeLast();
        }
        history.add(hit);
        at = history.size() - 1;
        opener.accept(hit);
    }

    /** Opens what was opened before the current one (Alt+Left); nothing when there is none. */
    public void back() {
        if (at > 0) {
            opener.accept(history.get(--at));
        }
    }

    /** Opens again what Back left (Alt+Right). */
    public void forward() {
        if (at + 1 < history.size()) {
            opener.accept(history.get(++at));
        }
    }

    /** A file was closed: its index is closed too (on the worker, after what runs there). */
    public void forget(Location location) {
        runner.submit(() -> {
            SearchIndex index = indexes.remove(location);
            if (index != null) {
                index.close();
            }
            return null;
        }, null, ignored -> { }, ignored -> { });
    }

    @Override
    public void close() {
        current.cancel();
        runner.submit(() -> {
            indexes.values().forEach(SearchIndex::close);
            indexes.clear();
            return null;
        }, null, ignored -> { }, ignored -> { });
    }
}
