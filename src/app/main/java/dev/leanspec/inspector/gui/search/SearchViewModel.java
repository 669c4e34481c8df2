package dev.leanspec.inspector.gui.search;

import dev.leanspec.inspector.gui.common.Link;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * Search across every open file: what the user types is looked up on a worker of its own (each
 * file's index kept open there, in the app's cache folder), the previous search stopped by the
 * next. A file's first search starts building its index on a second worker, with its progress
 * and Stop; until it is built, searches read the file through (and say so), then the search is
 * asked again of the index. Opening a hit goes to its session, conversation or runner (the
 * window remembers it for Back and Forward).
 */
public final class SearchViewModel implements AutoCloseable {

    private final TaskRunner runner;
    private final TaskRunner indexer;
    private final Path cacheDir;
    private final Supplier<List<Location>> files;
    private final Consumer<Link> opener;
    /** The words of the search whose hits are shown: an opened hit finds its line in an output block by them. */
    private List<String> shownTerms = List.of();
    private final Map<Location, SearchIndex> indexes = new HashMap<>(); // used on the runner's thread only
    private final Set<SearchIndex> running = ConcurrentHashMap.newKeySet();
    private final StringProperty text = new SimpleStringProperty("");
    private final ObservableList<SearchHit> hits = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private TaskRunner.Cancellable current = TaskRunner.Cancellable.DONE;
    /** The files whose first index build runs on the indexer, and how to stop it (UI thread only). */
    private final ObservableMap<Location, TaskRunner.Cancellable> builds = FXCollections.observableMap(new LinkedHashMap<>());
    private final ReadOnlyStringWrapper indexing = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper answered = new ReadOnlyStringWrapper("");
    private final BooleanBinding building = Bindings.isNotEmpty(builds);
    /** Files whose first build ended (UI thread only). */
    private final Set<Location> built = new HashSet<>();
    /** Files the last search read through while their index was built: it is asked again once one is (UI thread only). */
    private final Set<Location> awaited = new HashSet<>();

    /**
     * @param runner  the worker searches run on
     * @param indexer the worker first builds of indexes run on, beside the searches
     * @param files   the open databases, in tab order (asked on the UI thread at each search)
     * @param opener  shows a hit: selects its file's tab and reveals it there
     */
    public SearchViewModel(TaskRunner runner, TaskRunner indexer, Path cacheDir, Supplier<List<Location>> files,
                           Consumer<Link> opener) {
        this.runner = runner;
        this.indexer = indexer;
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

    /** The text the hits shown answer ("" for none): the field may hold more, typed since. */
    public ReadOnlyStringProperty answeredProperty() {
        return answered.getReadOnlyProperty();
    }

    /** "12 found in 2 files", "Indexing leanspec.db for search: 1,200 sessions…", or why nothing could be searched. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** "Indexing leanspec.db for search: 1,200 sessions…" while a first build runs; empty otherwise. */
    public ReadOnlyStringProperty indexingProperty() {
        return indexing.getReadOnlyProperty();
    }

    /** Whether a first index build runs (its Stop is offered). */
    public BooleanExpression buildingProperty() {
        return building;
    }

    /**
     * Stops the index builds that run; what they committed stays, and the next search of a file
     * goes on from there. Searches meanwhile read the files through.
     */
    public void stopIndexing() {
        builds.values().forEach(TaskRunner.Cancellable::cancel);
        if (!builds.isEmpty()) {
            indexing.set("Indexing stopped: searches read the files through until the next search goes on with it.");
        }
        builds.clear();
    }

    /** Builds a file's index on the indexer, with an index instance of its own; the search is asked again when it is built. */
    private void build(Location location) {
        if (builds.containsKey(location)) {
            return;
        }
        AtomicReference<SearchIndex> open = new AtomicReference<>();
        indexing.set("Indexing " + location.name() + " for search…");
        // Held before it starts: a worker that runs it at once (tests) has ended it by the time submit returns.
        builds.put(location, TaskRunner.Cancellable.DONE);
        TaskRunner.Cancellable started = indexer.submit(() -> {
            try (SearchIndex index = SearchIndex.open(location, cacheDir)) {
                open.set(index);
                index.update(progress -> {
                    if (progress.stage().equals("logs")) {
                        String told = String.format("Indexing %s for search: %,d sessions%s…", location.name(), progress.done(),
                                progress.total() < 0 ? "" : String.format(" of %,d", progress.total()));
                        indexer.later(() -> {
                            if (builds.containsKey(location)) { // not once it has ended or was stopped
                                indexing.set(told);
                            }
                        });
                    }
                });
                return null;
            } finally {
                open.set(null);
            }
        }, () -> {
            SearchIndex index = open.get();
            if (index != null) {
                index.cancel();
            }
        }, done -> {
            builds.remove(location);
            built.add(location);
            indexing.set(builds.isEmpty() ? "" : indexing.get());
            if (awaited.remove(location)) {
                search();
            }
        }, error -> {
            builds.remove(location);
            indexing.set("Indexing " + location.name() + " failed: "
                    + (error instanceof PersistenceException known ? known.getMessage() : error.toString()) + " Searches read it through.");
        });
        builds.computeIfPresent(location, (l, held) -> started);
    }

    /** Looks up what {@link #textProperty()} says in every open file, stopping the search before it. */
    public void search() {
        current.cancel();
        String wanted = text.get() == null ? "" : text.get().strip();
        if (wanted.isEmpty()) {
            hits.clear();
            answered.set("");
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
            running.forEach(SearchIndex::cancel);
        }, found -> {
            busy.set(false);
            shownTerms = query.terms();
            hits.setAll(found.hits());
            answered.set(wanted);
            status.set(found.words());
            // Read through while an index was built: asked again of the index once it is (now, if it already is).
            awaited.clear();
            awaited.addAll(found.scanned());
            if (awaited.removeIf(built::contains)) {
                search();
            }
        }, error -> {
            busy.set(false);
            hits.clear();
            status.set(error instanceof PersistenceException known ? known.getMessage() : "Search failed: " + error);
        });
    }

    private record Found(List<SearchHit> hits, String words, List<Location> scanned) {
    }

    /** What one file answered, and whether its index was still to be built. */
    private record FileAnswer(Location location, SearchResult result, boolean unbuilt) {
    }

    /**
     * On the worker: each file's index opened once and kept, caught up, asked, one file after the
     * other. (Asked at once on a thread pool, a search stopped by the next key left its other
     * files' queries running on the pool, under the next search's, on the same indexes.)
     */
    private Found find(List<Location> where, SearchQuery query) {
        List<FileAnswer> answers = new ArrayList<>();
        for (Location location : where) {
            answers.add(answer(location, query));
        }
        List<SearchHit> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Location> scanned = new ArrayList<>();
        for (FileAnswer answer : answers) {
            if (answer.unbuilt()) {
                runner.later(() -> build(answer.location()));
            }
            found.addAll(answer.result().hits());
            if (!answer.result().indexed()) {
                notes.add(answer.location().name() + ": " + answer.result().note());
                if (answer.unbuilt()) {
                    scanned.add(answer.location());
                }
            }
        }
        String words = found.isEmpty() ? "Nothing matches in " + files(answers.size())
                : String.format("%,d found in %s", found.size(), files(answers.size()));
        return new Found(found, notes.isEmpty() ? words : words + " · " + String.join(" · ", notes), scanned);
    }

    private FileAnswer answer(Location location, SearchQuery query) {
        SearchIndex index = indexes.computeIfAbsent(location, l -> SearchIndex.open(l, cacheDir));
        running.add(index);
        try {
            boolean unbuilt = index.needsBuild();
            return new FileAnswer(location, index.findNow(query), unbuilt);
        } finally {
            running.remove(index);
        }
    }

    private static String files(int count) {
        return count == 1 ? "1 file" : count + " files";
    }

    /** Opens a hit. */
    public void open(SearchHit hit) {
        if (hit != null) {
            opener.accept(new Link.Hit(hit, shownTerms));
        }
    }

    /** A file was closed: its index build stops, and its index is closed (on the worker, after what runs there). */
    public void forget(Location location) {
        TaskRunner.Cancellable build = builds.remove(location);
        if (build != null) {
            build.cancel();
            indexing.set(builds.isEmpty() ? "" : indexing.get());
        }
        built.remove(location);
        awaited.remove(location);
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
        builds.values().forEach(TaskRunner.Cancellable::cancel);
        builds.clear();
        runner.submit(() -> {
            indexes.values().forEach(SearchIndex::close);
            indexes.clear();
            return null;
        }, null, ignored -> { }, ignored -> { });
    }
}
