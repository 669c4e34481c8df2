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
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query", description = {
        "Run one read-only SQL statement (SELECT, WITH, VALUES, EXPLAIN, or a PRAGMA that only reads) on any SQLite file and print every row.",
        "Anything that would write, ATTACH, PRAGMA writes and load_extension are refused before they run (exit 1, with why); the file is opened read-only.",
        "Text longer than 10,000 characters is cut with a note, blobs show as <BLOB n bytes>."})
final class QueryCommand implements Callable<Integer> {

    private static final int PAGE = 1_000;

    @Option(names = "--db", required = true, paramLabel = "PATH|URL",
            description = "The SQLite file to query, or a PostgreSQL database (postgres://user:pass@host:5432/db[?schema=name]).")
    String db;

    @Option(names = "--json", description = "Print a JSON array of objects.")
    boolean json;

    @Option(names = "--csv", description = "Print CSV (RFC 4180) with a header row.")
    boolean csv;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop the statement after this many seconds (default: no limit).")
    double timeout;

    @Parameters(index = "0", paramLabel = "SQL", description = "The statement.")
    String sql;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json && csv) {
            err.println("Choose one of --json and --csv.");
            return 2;
        }
        try (SqlConsole console = SqlConsole.openReadOnly(Location.parse(db))) {
            console.setTimeLimit(timeout > 0 ? Duration.ofMillis(Math.round(timeout * 1000)) : null);
            long started = System.nanoTime();
            QueryPage page = console.run(sql, PageRequest.first(PAGE));
            long rows = 0;
            if (json || csv) {
                // The writers close what they get; the CLI's output must stay open.
                Writer open = new FilterWriter(out) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                try (TableExport.RowWriter writer = TableExport.writer(open, json ? TableExport.Format.JSON : TableExport.Format.CSV,
                        page.columns())) {
                    rows = forEachPage(console, page, row -> {
                        try {
                            writer.row(row);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                if (json) {
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
            page = console.run(sql, next.get());
        }
    }
}
