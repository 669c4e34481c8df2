package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.export.TableExport;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.query.QueryPage;
import dev.leanspec.inspector.persistence.query.SqlConsole;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import picocli.CommandLine.Model.OptionSpec;

/** {@code query}: one read-only SQL statement, every row printed. */
final class QueryCommand extends Command {

    private static final int PAGE = 1_000;

    private final Arg<String> db = add(OptionSpec.builder("--db").required(true).paramLabel("PATH|URL").type(String.class)
            .description("The SQLite file to query, or a PostgreSQL database (postgres://user:pass@host:5432/db[?schema=name])."));
    private final Arg<Boolean> json = flag("--json", "Print a JSON array of objects.");
    private final Arg<Boolean> csv = flag("--csv", "Print CSV (RFC 4180) with a header row.");
    private final Arg<Double> timeout = add(OptionSpec.builder("--timeout").paramLabel("SECONDS").type(double.class).initialValue(0.0)
            .description("Stop the statement after this many seconds (default: no limit)."));
    private final Arg<String> sql = parameter(0, "SQL", String.class, "The statement.");

    QueryCommand() {
        super("query",
                "Run one read-only SQL statement (SELECT, WITH, VALUES, EXPLAIN, or a PRAGMA that only reads) on any SQLite file and print every row.",
                "Anything that would write, ATTACH, PRAGMA writes and load_extension are refused before they run (exit 1, with why); "
                        + "the file is opened read-only.",
                "Text longer than 10,000 characters is cut with a note, blobs show as <BLOB n bytes>.");
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        PrintWriter err = err();
        if (json.value() && csv.value()) {
            err.println("Choose one of --json and --csv.");
            return 2;
        }
        try (SqlConsole console = SqlConsole.openReadOnly(Location.parse(db.value()))) {
            console.setTimeLimit(timeout.value() > 0 ? Duration.ofMillis(Math.round(timeout.value() * 1000)) : null);
            long started = System.nanoTime();
            QueryPage page = console.run(sql.value(), PageRequest.first(PAGE));
            long rows = 0;
            if (json.value() || csv.value()) {
                // The writers close what they get; the CLI's output must stay open.
                Writer open = new FilterWriter(out) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                try (TableExport.RowWriter writer = TableExport.writer(open, json.value() ? TableExport.Format.JSON : TableExport.Format.CSV,
                        page.columns())) {
                    rows = forEachPage(console, page, row -> {
                        try {
                            writer.row(row);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                if (json.value()) {
                    out.println();
                }
            } else {
                out.println(String.join("|", page.columns()));
                rows = forEachPage(console, page, row -> out.println(row.stream()
                        .map(value -> value == null ? "" : value.toString()).collect(Collectors.joining("|"))));
            }
            out.flush();
            err.printf("%,d row%s in %d ms%n", rows, rows == 1 ? "" : "s", (System.nanoTime() - started) / 1_000_000);
            return 0;
        }
    }

    /** Hands every row to {@code row}, page after page (each page its own statement). */
    private long forEachPage(SqlConsole console, QueryPage first, Consumer<List<Object>> row) {
        long count = 0;
        QueryPage page = first;
        while (true) {
            page.rows().forEach(row);
            count += page.rows().size();
            Optional<PageRequest> next = page.nextRequest(PAGE);
            if (next.isEmpty()) {
                return count;
            }
            page = console.run(sql.value(), next.get());
        }
    }
}
