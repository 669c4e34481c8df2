package dev.leanspec.inspector.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark end to end at a tiny scale (the full run is `./mvnw -Pbench verify`): it builds
 * its data, measures every figure against its baselines and writes results.json in the agreed
 * form. Times at this scale mean nothing, so only the shape and sanity of the figures are checked.
 */
class BenchTest {

    @TempDir
    Path dir;

    @Test
    void measuresEveryFigureAgainstItsBaselinesAndWritesResultsJson() throws Exception {
        List<String> log = new ArrayList<>();
        List<Bench.Result> results = new Bench(0.001, dir.resolve("data"), dir.resolve("out"), true,
                dir.resolve("no-jar.jar"), log::add).run();

        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        assertThat(json.get("machine").asText()).contains("cores");
        JsonNode rows = json.get("results");
        assertThat(rows).hasSize(results.size());
        List<String> figures = new ArrayList<>();
        for (JsonNode row : rows) {
            String name = row.get("name").asText();
            figures.add(name.substring(0, name.indexOf('.')));
            assertThat(row.get("unit").asText()).isEqualTo("ms");
            assertThat(row.get("ours").asDouble()).as(name).isPositive().isLessThan(60_000);
            assertThat(row.get("target").asText()).isNotBlank();
            assertThat(row.get("met").isBoolean()).isTrue();
            if (!row.get("jdbc").isNull()) {
                assertThat(row.get("ratioToJdbc").asDouble())
                        .isCloseTo(row.get("ours").asDouble() / row.get("jdbc").asDouble(), org.assertj.core.data.Percentage.withPercentage(1));
            }
        }
        assertThat(figures).containsExactly("1", "1L", "2a", "2b", "3", "4", "5a", "5aL", "5b", "6a", "6b", "7", "8a", "8b", "8c", "8d", "8e", "9", "10", "11", "12a", "12b", "12c", "13", "14a", "14b", "14c", "14d", "15a", "15b", "15c", "16", "17");
        // The in-process figures all have a JDBC baseline; the sqlite3 ones have the CLI's when it is installed.
        for (String figure : List.of("1", "1L", "2a", "2b", "3", "4", "5a", "5aL", "6b", "7", "9", "11")) {
            assertThat(rows.get(figures.indexOf(figure)).get("jdbc").isNull()).as(figure).isFalse();
        }
        if (Sqlite3.find().available()) {
            for (String figure : List.of("1", "1L", "2a", "4", "5a", "5aL", "6a", "7", "9", "10", "14a", "15a")) {
                assertThat(rows.get(figures.indexOf(figure)).get("sqlite3").isNull()).as(figure).isFalse();
            }
        }
        // The GUI probe scrolled the whole (tiny) table in its own -Xmx256m JVM.
        assertThat(rows.get(figures.indexOf("8b")).get("note").asText()).contains("reached row 1,000 of 1,000");
        // The data is reused by the next run, not generated again.
        assertThat(dir.resolve("data/scale-0.001/generated.properties")).exists();
        assertThat(Files.exists(dir.resolve("data/scale-0.001/migrated/sessions.db"))).isTrue();
        assertThat(Bench.table(results, "test machine")).contains("| 1. first page").contains("test machine");
    }
}
