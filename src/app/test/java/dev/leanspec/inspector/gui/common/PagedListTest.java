package dev.leanspec.inspector.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** A first page read ahead of the first reload: taken by a reload of the same query, never read twice. */
class PagedListTest {

    private final QueuedTaskRunner worker = new QueuedTaskRunner();
    private final List<String> reads = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    /** Rows "q-0" … "q-249" for query q, in pages of 100; every read is noted. */
    private PagedList<String, String> list() {
        return new PagedList<>(worker, () -> { }, (query, request) -> {
            reads.add(query);
            int from = request.after() == null ? 0 : Integer.parseInt(request.after().values().getFirst().toString());
            List<String> rows = IntStream.range(from, Math.min(250, from + request.size())).mapToObj(i -> query + "-" + i).toList();
            return new Page<>(rows, from + request.size() < 250 ? PageKey.of(from + request.size()) : null);
        }, (query, position) -> PageKey.of(position), query -> 250, 100, "row", failures::add);
    }

    @Test
    void aReloadOfTheSameQueryTakesThePageReadAhead() {
        PagedList<String, String> rows = list();
        rows.readAhead("q", () -> true);
        rows.reload("q"); // asked before the page read ahead arrived: it waits for it
        worker.runAll();
        assertThat(reads).containsExactly("q");
        assertThat(rows.items()).hasSize(250).startsWith("q-0", "q-1");

        PagedList<String, String> later = list();
        reads.clear();
        later.readAhead("q", () -> true);
        worker.runAll();
        later.reload("q"); // asked after it arrived: taken at once
        assertThat(later.items()).hasSize(100).startsWith("q-0");
        worker.runAll();
        assertThat(reads).containsExactly("q");
        assertThat(later.items()).hasSize(250);
        assertThat(failures).isEmpty();
    }

    @Test
    void aPageNotReadAheadOrOfAnotherQueryIsReadByTheReload() {
        PagedList<String, String> unreadable = list();
        unreadable.readAhead("q", () -> false); // the file's rows cannot be read yet: nothing is read ahead
        unreadable.reload("q");
        worker.runAll();
        assertThat(reads).containsExactly("q");
        assertThat(unreadable.items().getFirst()).isEqualTo("q-0");

        reads.clear();
        PagedList<String, String> refiltered = list();
        refiltered.readAhead("q", () -> true);
        refiltered.reload("other"); // the filters changed before the first reload
        worker.runAll();
        assertThat(reads).containsExactly("q", "other");
        assertThat(refiltered.items().getFirst()).isEqualTo("other-0");
        assertThat(failures).isEmpty();
    }
}
