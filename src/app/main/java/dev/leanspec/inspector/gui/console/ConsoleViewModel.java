package dev.leanspec.inspector.gui.console;

import dev.leanspec.inspector.export.TableExport;
import dev.leanspec.inspector.gui.common.DialogService;
import dev.leanspec.inspector.gui.common.PagedList;
import dev.leanspec.inspector.gui.common.TaskRunner;
import dev.leanspec.inspector.gui.common.WorkerResource;
import dev.leanspec.inspector.gui.main.Settings;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.query.PlanStep;
import dev.leanspec.inspector.persistence.query.QueryPage;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.query.SqlConsole;
import dev.leanspec.inspector.persistence.query.SqlStatement;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The read-only SQL console of one file or PostgreSQL database: the statement at the caret runs off the UI thread, its
 * result arrives page by page in the same paged list as every table (each page its own
 * statement, so no lock is held between them), its row count comes later, Stop cancels
 * whatever runs, and a time limit stops a runaway query. What would write is refused before it
 * runs, with the sentence saying why. Statements that ran are remembered between runs.
 */
public final class ConsoleViewModel implements AutoCloseable {

    static final int PAGE = 200;

    private final Location location;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Settings settings;
    private final WorkerResource<SqlConsole> console; // used on the runner's thread only

    private final PagedList<String, List<Object>> rows;
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<PlanStep> plan = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Type a statement (SELECT, WITH, VALUES, EXPLAIN, "
            + "a PRAGMA that reads) and press Ctrl+Enter; Ctrl+Space completes names. The file is opened read-only: nothing here can change it.");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final IntegerProperty timeLimitSeconds = new SimpleIntegerProperty(30);
    private volatile Duration firstPage = Duration.ZERO;
    private volatile int firstPageRows;
    private volatile boolean firstPageHasMore;
    private TaskRunner.Cancellable preparing = TaskRunner.Cancellable.DONE;
    private int generation;
    private String lastSql; // the statement whose result is shown

    public ConsoleViewModel(Location location, TaskRunner runner, DialogService dialogs, Settings settings) {
        this.location = location;
        this.runner = runner;
        this.dialogs = dialogs;
        this.settings = settings;
        this.console = new WorkerResource<>(() -> SqlConsole.openReadOnly(location), SqlConsole::cancel);
        if (location instanceof Location.Server) {
            message.set("Type a statement (SELECT, WITH, VALUES, TABLE, SHOW, EXPLAIN) and press Ctrl+Enter; Ctrl+Space completes "
                    + "names. The connection is read-only on the server: nothing here can change the database.");
        }
        this.rows = new PagedList<>(runner, console::cancel, this::page, (sql, position) -> position <= 0 ? null : PageKey.of(position),
                sql -> limited().count(sql), PAGE, "row", this::runFailed);
        history.setAll(settings.queryHistory());
        rows.loadingProperty().addListener((o, was, now) -> {
            if (was && !now && !failed.get()) {
                running.set(false);
                message.set(firstPageRows < PAGE || !firstPageHasMore
                        ? String.format("%,d row%s in %d ms.", firstPageRows, firstPageRows == 1 ? "" : "s", firstPage.toMillis())
                        : String.format("First %,d rows in %d ms; the rest come as you scroll.", firstPageRows, firstPage.toMillis()));
            }
        });
    }

    // ---- state for the view --------------------------------------------------------------

    /** The result's rows; a row is null while its page is on its way. */
    public ObservableList<List<Object>> rows() {
        return rows.items();
    }

    /** The rows as pages, for the table's wiring (which rows are drawn). */
    public PagedList<String, List<Object>> list() {
        return rows;
    }

    /** The result's column names (duplicates kept). */
    public ObservableList<String> columns() {
        return columns;
    }

    /** The database's plan (SQLite's or PostgreSQL's) for the last statement explained. */
    public ObservableList<PlanStep> plan() {
        return plan;
    }

    /** Statements that ran, newest first, kept between runs. */
    public ObservableList<String> history() {
        return history;
    }

    /** Table, view and column names, sorted, for completion. */
    public ObservableList<String> names() {
        return names;
    }

    /** "1,234 rows", "counting…" or "count cancelled". */
    public ReadOnlyStringProperty totalProperty() {
        return rows.totalProperty();
    }

    /** What happened last: the time a result took, a refusal, the database's error. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether the message is a refusal or an error (shown as one). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Whether a statement runs (its first page, or its plan). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Seconds a statement may run before it is stopped; 0 for no limit. */
    public IntegerProperty timeLimitSecondsProperty() {
        return timeLimitSeconds;
    }

    // ---- actions -------------------------------------------------------------------------

    /** Reads the names for completion (once, when the console is first shown). */
    public void start() {
        runner.submit(() -> console.get().names(), null, names::setAll, error -> { });
    }

    /** A statement put in from elsewhere (a Health finding's rows), for the editor to show; null until one is. */
    public ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Puts {@code sql} in the editor (through {@link #shownProperty()}) and runs it. */
    public void show(String sql) {
        shown.set(null); // the same statement again still reaches the editor
        shown.set(sql);
        run(sql, 0);
    }

    /**
     * Runs the statement the caret is in: refused with a sentence, or its first page, then its
     * count.
     *
     * @param text  the editor's text
     * @param caret the caret's offset
     */
    public void run(String text, int caret) {
        Optional<SqlStatement> at = SqlStatement.at(text, caret);
        if (at.isEmpty()) {
            fail("There is no statement to run: type one, then Ctrl+Enter.");
            return;
        }
        String sql = at.get().text();
        stop();
        int current = ++generation;
        running.set(true);
        failed.set(false);
        message.set("Running…");
        preparing = runner.submit(() -> {
            SqlConsole db = limited();
            Optional<String> refused = db.refusal(sql);
            return refused.isPresent() ? new Prepared(refused.get(), List.of()) : new Prepared(null, db.columns(sql));
        }, console::cancel, prepared -> {
            if (current != generation) {
                return;
            }
            if (prepared.refusal() != null) {
                fail(prepared.refusal());
                return;
            }
            remember(sql);
            lastSql = sql;
            columns.setAll(prepared.columns());
            rows.reload(sql);
        }, this::runFailed);
    }

    /** Shows the database's plan for the statement at the caret, as a tree. */
    public void explain(String text, int caret) {
        Optional<SqlStatement> at = SqlStatement.at(text, caret);
        if (at.isEmpty()) {
            fail("There is no statement to explain.");
            return;
        }
        stop();
        int current = ++generation;
        running.set(true);
        failed.set(false);
        message.set("Explaining…");
        String sql = at.get().text();
        preparing = runner.submit(() -> limited().plan(sql), console::cancel, steps -> {
            if (current == generation) {
                running.set(false);
                plan.setAll(steps);
                message.set("Plan of: " + sql.replaceAll("\\s+", " ").strip());
            }
        }, this::runFailed);
    }

    /** Stops whatever runs: the statement, a page or the count. */
    public void stop() {
        boolean wasRunning = running.get();
        preparing.cancel();
        rows.cancel();
        console.cancel();
        running.set(false);
        if (wasRunning) {
            message.set("Stopped.");
        }
    }

    /** Asks where, then exports the last result there. */
    public void chooseAndExport() {
        if (lastSql == null) {
            fail("Run a statement first; its result is what Export writes.");
            return;
        }
        dialogs.chooseSaveFile("Export the result (CSV, or .json)", "result.csv").ifPresent(this::export);
    }

    /**
     * Writes every row of the last result to {@code target} (JSON for a .json name, else CSV),
     * off the UI thread, beside it first and moved into place at the end.
     *
     * @param target the file to write
     */
    public void export(Path target) {
        String sql = lastSql;
        if (sql == null) {
            fail("Run a statement first; its result is what Export writes.");
            return;
        }
        List<String> header = List.copyOf(columns);
        runner.submit(() -> {
            Path temp = target.resolveSibling("." + target.getFileName() + ".partial");
            long count = 0;
            try {
                try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                     TableExport.RowWriter writer = TableExport.writer(out, TableExport.Format.forFile(target), header)) {
                    SqlConsole db = limited();
                    Optional<PageRequest> request = Optional.of(PageRequest.first(1_000));
                    while (request.isPresent()) {
                        QueryPage page = db.run(sql, request.get());
                        for (List<Object> row : page.rows()) {
                            writer.row(row);
                        }
                        count += page.rows().size();
                        request = page.nextRequest(1_000);
                    }
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return count;
            } finally {
                Files.deleteIfExists(temp);
            }
        }, console::cancel, count -> dialogs.notify("Exported", String.format("%,d rows to %s", count, target)),
                error -> dialogs.error("Export failed", error instanceof IOException io
                        ? "Could not write " + target + ": " + io.getMessage() : String.valueOf(error.getMessage())));
    }

    @Override
    public void close() {
        stop();
        console.close(runner);
    }

    // ---- inside --------------------------------------------------------------------------

    private record Prepared(String refusal, List<String> columns) {
    }

    private Page<List<Object>> page(String sql, PageRequest request) {
        QueryPage page = limited().run(sql, request);
        if (request.after() == null) {
            firstPage = page.elapsed();
            firstPageRows = page.rows().size();
            firstPageHasMore = page.next() != null;
        }
        return new Page<>(page.rows(), page.next());
    }

    private SqlConsole limited() {
        SqlConsole db = console.get();
        int seconds = timeLimitSeconds.get();
        db.setTimeLimit(seconds > 0 ? Duration.ofSeconds(seconds) : null);
        return db;
    }

    private void remember(String sql) {
        List<String> updated = new ArrayList<>(history);
        updated.remove(sql);
        updated.addFirst(sql);
        while (updated.size() > Settings.MAX_QUERIES) {
            updated.removeLast();
        }
        history.setAll(updated);
        settings.setQueryHistory(updated);
    }

    private void fail(String sentence) {
        running.set(false);
        failed.set(true);
        message.set(sentence);
    }

    private void runFailed(Throwable error) {
        fail(error instanceof PersistenceException known ? known.getMessage() : "Unexpected error: " + error);
    }
}
