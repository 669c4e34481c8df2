package dev.leanspec.inspector.gui.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.common.DirectTaskRunner;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.common.QueuedTaskRunner;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.search.SearchHit;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's search without a toolkit, on the leanspec.db LeanSpec 0.2.28 wrote, its index
 * build held on a worker of its own until the test lets it run: searches meanwhile read the file
 * through and say so, the search is asked again of the index once it is built, and Stop stops it.
 */
class SearchViewModelTest {

    @TempDir
    Path dir;

    private final List<Link> opened = new ArrayList<>();

    @Test
    void untilTheIndexIsBuiltSearchesReadTheFileThenTheIndexAnswers() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        String before = FileBytes.sha256(file);
        QueuedTaskRunner indexer = new QueuedTaskRunner();
        SearchViewModel search = new SearchViewModel(new DirectTaskRunner(), indexer, dir.resolve("cache"),
                () -> List.of(new Location.File(file)), opened::add);

        search.textProperty().set("usage section");
        search.search();
        assertThat(search.hits()).hasSize(2).extracting(SearchHit::where).containsOnly("message");
        assertThat(search.statusProperty().get())
                .isEqualTo("2 found in 1 file · leanspec.db: Searched by reading the file through: its index is being built.");
        assertThat(search.buildingProperty().get()).isTrue();
        assertThat(search.indexingProperty().get()).isEqualTo("Indexing leanspec.db for search…");

        // Another search meanwhile starts no second build.
        search.textProperty().set("delete the old");
        search.search();
        assertThat(search.hits()).singleElement().extracting(SearchHit::kind).isEqualTo(SearchHit.Kind.CONVERSATION);
        assertThat(indexer.waiting()).isEqualTo(1);

        // Built: the search is asked again, of the index.
        indexer.runAll();
        assertThat(search.buildingProperty().get()).isFalse();
        assertThat(search.indexingProperty().get()).isEmpty();
        assertThat(search.statusProperty().get()).isEqualTo("1 found in 1 file");
        assertThat(search.hits()).singleElement().extracting(SearchHit::id).isEqualTo("d29dad05-cfcc-4ac1-8fa6-dc562f46a544");

        search.textProperty().set("usage section");
        search.search();
        assertThat(search.statusProperty().get()).isEqualTo("2 found in 1 file");
        assertThat(indexer.waiting()).isZero();
        search.close();
        assertThat(FileBytes.sha256(file)).isEqualTo(before);
    }

    @Test
    void stopLeavesSearchesReadingTheFileUntilTheNextSearchGoesOn() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        QueuedTaskRunner indexer = new QueuedTaskRunner();
        SearchViewModel search = new SearchViewModel(new DirectTaskRunner(), indexer, dir.resolve("cache"),
                () -> List.of(new Location.File(file)), opened::add);
        search.textProperty().set("usage section");
        search.search();
        assertThat(search.buildingProperty().get()).isTrue();

        search.stopIndexing();
        assertThat(search.buildingProperty().get()).isFalse();
        assertThat(search.indexingProperty().get()).startsWith("Indexing stopped");
        indexer.runAll();
        assertThat(indexer.cancelled).isEqualTo(1);
        assertThat(search.statusProperty().get()).contains("its index is being built"); // not asked again: it was stopped

        // The next search goes on with the build.
        search.search();
        assertThat(search.buildingProperty().get()).isTrue();
        indexer.runAll();
        assertThat(search.statusProperty().get()).isEqualTo("2 found in 1 file");
        search.close();
    }
}
