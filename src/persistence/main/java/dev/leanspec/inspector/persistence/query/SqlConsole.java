package dev.leanspec.inspector.persistence.query;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.internal.Backend;
import dev.leanspec.inspector.persistence.internal.Previews;
import dev.leanspec.inspector.persistence.internal.SqliteFiles;
import dev.leanspec.inspector.persistence.raw.RawDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only SQL console on one SQLite file: any {@code SELECT}, {@code WITH}, {@code VALUES},
 * {@code EXPLAIN} or read-only {@code PRAGMA}, one statement at a time, and nothing that writes.
 *
 * <p>Three walls keep the file as it is. Before a statement runs, it is refused with a sentence
 * saying why when it is not one of those kinds, when it is a {@code PRAGMA} that sets a value or
 * is not on the read-only list, or when SQLite's own compiled program for it
 * ({@code EXPLAIN}) opens a write transaction, writes a table, attaches a file or loads an
 * extension. Then the connection itself is opened read-only and {@code query_only}, so SQLite
 * refuses any write the check missed. Extension loading is off in sqlite-jdbc.
 *
 * <p>Results come in pages, each its own statement ({@code LIMIT}/{@code OFFSET} over the query,
 * as DB Browser for SQLite does): no lock is held between pages, so LeanSpec can go on writing a
 * rollback-journal file, and no result is ever held whole. Values are previews, cut by SQLite.
 * A running statement stops on {@link #cancel()} or at the time limit.
 *
 * <p>On PostgreSQL the same kinds run (and {@code TABLE}, {@code SHOW}); the check is the plan
 * PostgreSQL makes for the statement (no {@code Insert}, {@code Update}, {@code Delete},
 * {@code Merge} or row lock in it), and the connection is one the server keeps read-only
 * ({@code default_transaction_read_only}). Values are cut in Java there.
 *
 * <p>Not thread-safe, except {@link #cancel()}.
 */
public final class SqlConsole implements AutoCloseable {

    /** Text longer than this is cut in results (with a note of how much more there is): as in the tables. */
    private static final int PREVIEW_CHARS = RawDatabase.PREVIEW_CHARS;

    /** The words a PostgreSQL statement can start with (its manual's "SQL Commands"). */
    private static final Set<String> POSTGRES_COMMANDS = Set.of("ABORT", "ALTER", "ANALYZE", "ANALYSE", "BEGIN", "CALL",
            "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT", "COMMIT", "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DISCARD",
            "DO", "DROP", "END", "EXECUTE", "EXPLAIN", "FETCH", "GRANT", "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE",
            "MOVE", "NOTIFY", "PREPARE", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE", "ROLLBACK", "SAVEPOINT",
            "SECURITY", "SELECT", "SET", "SHOW", "START", "TABLE", "TRUNCATE", "UNLISTEN", "UPDATE", "VACUUM", "VALUES", "WITH");

    /** Pragmas that only read: the ones a console may run (without a value to set). */
    private static final Set<String> READ_PRAGMAS = Set.of("APPLICATION_ID", "AUTO_VACUUM", "BUSY_TIMEOUT", "CACHE_SIZE",
            "COLLATION_LIST", "COMPILE_OPTIONS", "DATA_VERSION", "DATABASE_LIST", "ENCODING", "FOREIGN_KEY_CHECK",
            "FOREIGN_KEY_LIST", "FOREIGN_KEYS", "FREELIST_COUNT", "FUNCTION_LIST", "INDEX_INFO", "INDEX_LIST", "INDEX_XINFO",
            "INTEGRITY_CHECK", "JOURNAL_MODE", "MAX_PAGE_COUNT", "MODULE_LIST", "PAGE_COUNT", "PAGE_SIZE", "PRAGMA_LIST",
            "QUICK_CHECK", "SCHEMA_VERSION", "SECURE_DELETE", "SYNCHRONOUS", "TABLE_INFO", "TABLE_LIST", "TABLE_XINFO",
            "USER_VERSION", "WAL_AUTOCHECKPOINT");

    /** VDBE opcodes that change a database file or the schema. */
    private static final Set<String> WRITE_OPCODES = Set.of("OpenWrite", "VUpdate", "Vacuum", "VCreate", "VDestroy",
            "CreateBtree", "Destroy", "Clear", "SetCookie", "ParseSchema", "DropTable", "DropIndex", "DropTrigger");

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sql-console-time-limit");
        thread.setDaemon(true);
        return thread;
    });

    private final Backend backend;
    private final Connection connection;
    private volatile Duration timeLimit;
    private String allowed; // the last text that passed the check
    private List<String> allowedColumns; // its result's column names, once read
    private volatile boolean timedOut;

    private final Backend.Stopper stopper;

    private SqlConsole(Backend backend) {
        this.backend = backend;
        this.connection = backend.openReadOnly();
        this.stopper = backend.stopper(connection);
    }

    /**
     * Opens an existing file read-only (never creates it, runs no schema code), or a PostgreSQL
     * database on a connection the server keeps read-only.
     *
     * @param location where the database is
     * @return a console on it; close it when done
     * @throws PersistenceException when it cannot be opened
     */
    public static SqlConsole openReadOnly(Location location) {
        return new SqlConsole(Backend.of(location));
    }

    /** {@return where the database is} */
    public Location location() {
        return backend.location();
    }

    /** {@return the file's path, or the PostgreSQL URL without its password} */
    public String where() {
        return backend.where();
    }

    /** {@return the short name messages use: the file's name, or the URL} */
    private String name() {
        return backend instanceof Backend.Sqlite(Path file) ? file.getFileName().toString() : backend.where();
    }

    /**
     * Sets how long one statement may run before it is stopped.
     *
     * @param limit the limit; null or zero for none
     */
    public void setTimeLimit(Duration limit) {
        this.timeLimit = limit == null || limit.isZero() || limit.isNegative() ? null : limit;
    }

    /**
     * Says why a text would not run, without running it. A text runs when it holds exactly one
     * statement, of a reading kind, that SQLite compiles without a write.
     *
     * @param sql the text
     * @return the sentence saying why not; empty when it would run
     */
    public Optional<String> refusal(String sql) {
        List<SqlStatement> statements = SqlStatement.split(sql);
        if (statements.isEmpty()) {
            return Optional.of("There is no statement to run.");
        }
        if (statements.size() > 1) {
            return Optional.of("This text holds " + statements.size() + " statements; give one at a time.");
        }
        return refusal(statements.getFirst());
    }

    private Optional<String> refusal(SqlStatement statement) {
        String keyword = statement.keyword();
        if (backend instanceof Backend.Postgresql) {
            return postgresRefusal(statement);
        }
        switch (keyword) {
            case "SELECT", "WITH", "VALUES" -> {
                return compiledWrites(statement.text());
            }
            case "EXPLAIN" -> {
                // The statement explained must itself be one that would run.
                String inner = statement.text().replaceFirst("(?is)^\\s*EXPLAIN(\\s+QUERY\\s+PLAN)?", "");
                List<SqlStatement> explained = SqlStatement.split(inner);
                return explained.size() == 1 ? refusal(explained.getFirst()) : Optional.of("EXPLAIN needs one statement to explain.");
            }
            case "PRAGMA" -> {
                return pragmaRefusal(statement);
            }
            case "ATTACH", "DETACH" -> {
                return Optional.of(keyword + " is refused: the console reads only " + name() + ", and attaches no other file.");
            }
            case "" -> {
                return Optional.of("This is not a statement SQLite can run.");
            }
            default -> {
                // A statement SQLite cannot parse ("SELEC * FROM x") is a syntax error, said in
                // SQLite's words; only one it parses is refused as a write.
                parses(statement.text());
                return Optional.of(keyword + " statements change the file or the connection, and the console only reads: "
                        + name() + " is opened read-only. Run SELECT, WITH, VALUES, EXPLAIN or a read-only PRAGMA.");
            }
        }
    }

    private Optional<String> postgresRefusal(SqlStatement statement) {
        String keyword = statement.keyword();
        return switch (keyword) {
            case "SELECT", "WITH", "VALUES", "TABLE" -> plannedWrites(statement.text());
            case "SHOW" -> Optional.empty();
            case "EXPLAIN" -> {
                // EXPLAIN [ANALYZE] [(options)] statement: the statement explained must itself run.
                String inner = statement.text().replaceFirst("(?is)^\\s*EXPLAIN(\\s*\\([^)]*\\)|\\s+ANALY[SZ]E|\\s+VERBOSE)*", "");
                List<SqlStatement> explained = SqlStatement.split(inner);
                yield explained.size() == 1 ? postgresRefusal(explained.getFirst()) : Optional.of("EXPLAIN needs one statement to explain.");
            }
            case "" -> Optional.of("This is not a statement PostgreSQL can run.");
            default -> POSTGRES_COMMANDS.contains(keyword) ? Optional.of(keyword + " statements change the database or the session, and the console only reads: "
                    + name() + " is opened read-only. Run SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN.")
                    : Optional.of("Syntax error at or near \"" + statement.text().strip().split("\\s+", 2)[0]
                            + "\": PostgreSQL has no statement that starts with " + keyword + ".");
        };
    }

    /** What PostgreSQL's plan for a statement says: does it insert, update, delete, merge or lock rows? */
    private Optional<String> plannedWrites(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet plan = statement.executeQuery("EXPLAIN " + sql)) {
            while (plan.next()) {
                String line = plan.getString(1).strip().replaceFirst("^->\\s*", "");
                if (line.matches("(Insert|Update|Delete|Merge) on .*") || line.startsWith("LockRows")) {
                    return Optional.of("This statement writes (PostgreSQL plans it as \"" + line.replaceFirst("\\s+\\(.*", "")
                            + "\"), and the console only reads: " + name() + " is opened read-only.");
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw sqlError(e);
        }
    }

    private Optional<String> pragmaRefusal(SqlStatement statement) {
        String text = statement.text();
        // PRAGMA [schema.]name [= value | (argument)]
        Matcher pragma = Pattern
                .compile("(?is)^\\s*PRAGMA\\s+(?:(?:\\w+|\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\])\\s*\\.\\s*)?(\\w+)").matcher(text);
        String name = pragma.find() ? pragma.group(1).toUpperCase(Locale.ROOT) : "";
        if (text.contains("=")) {
            return Optional.of("PRAGMA " + name.toLowerCase(Locale.ROOT) + " = … sets a value, and the console only reads. "
                    + "Run PRAGMA " + name.toLowerCase(Locale.ROOT) + " without a value to see it.");
        }
        if (!READ_PRAGMAS.contains(name)) {
            return Optional.of("PRAGMA " + name.toLowerCase(Locale.ROOT) + " is not on the console's list of pragmas that only read.");
        }
        return compiledWrites(text);
    }

    /**
     * Parses a statement without running it, and fails with SQLite's message when it does not
     * parse. A statement that parses but names no such table is still the write it says it is.
     */
    private void parses(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet program = statement.executeQuery("EXPLAIN " + sql)) {
            program.next();
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("syntax error") || message.contains("incomplete input") || message.contains("unrecognized token")) {
                throw sqlError(e);
            }
        }
    }

    /** What SQLite's compiled program for a statement says: does it write, attach or load code? */
    private Optional<String> compiledWrites(String sql) {
        try (Statement statement = connection.createStatement();
             ResultSet program = statement.executeQuery("EXPLAIN " + sql)) {
            while (program.next()) {
                String opcode = program.getString("opcode");
                String p4 = String.valueOf(program.getString("p4")).toLowerCase(Locale.ROOT);
                if (opcode.equals("Transaction") && program.getInt("p2") != 0 || WRITE_OPCODES.contains(opcode)) {
                    return Optional.of("This statement writes (SQLite compiles it to a write), and the console only reads: "
                            + name() + " is opened read-only.");
                }
                if (opcode.endsWith("Func") || opcode.equals("Function")) {
                    if (p4.startsWith("sqlite_attach") || p4.startsWith("sqlite_detach")) {
                        return Optional.of("ATTACH is refused: the console reads only " + name() + ".");
                    }
                    if (p4.startsWith("load_extension")) {
                        return Optional.of("load_extension is refused: the console runs no code from outside SQLite.");
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw sqlError(e);
        }
    }

    /**
     * Runs one page of a statement's result.
     *
     * @param sql  one statement that would run (see {@link #refusal})
     * @param page where to start and how many rows
     * @return the page, as previews
     * @throws PersistenceException REFUSED with the sentence of {@link #refusal}; CANCELLED when
     *                              stopped or at the time limit; FAILED with SQLite's message for
     *                              an SQL error
     */
    public QueryPage run(String sql, PageRequest page) {
        String statement = refuseOrStatement(sql);
        long offset = page.after() == null ? 0 : ((Number) page.after().values().getFirst()).longValue();
        return timed("run the query on", () -> {
            long started = System.nanoTime();
            boolean wrappable = isWrappable(statement);
            List<String> columns = new ArrayList<>();
            List<List<Object>> rows = new ArrayList<>();
            String select = wrappable ? paged(statement, columnNames(statement), backend instanceof Backend.Sqlite) : statement;
            try (PreparedStatement prepared = connection.prepareStatement(select)) {
                if (wrappable) {
                    prepared.setInt(1, page.size() + 1);
                    prepared.setLong(2, offset);
                }
                try (ResultSet result = prepared.executeQuery()) {
                    ResultSetMetaData meta = result.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnLabel(i));
                    }
                    long skipped = 0;
                    while (result.next() && rows.size() <= page.size()) {
                        if (!wrappable && skipped++ < offset) {
                            continue; // EXPLAIN and PRAGMA results are small: paged in Java
                        }
                        Object[] values = new Object[columns.size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = wrappable && backend instanceof Backend.Sqlite ? result.getObject(i + 1) : preview(result.getObject(i + 1));
                        }
                        rows.add(Arrays.asList(values));
                    }
                }
            }
            if (wrappable && !columns.isEmpty()) {
                columns = columnNames(statement); // the user's names, not the wrapper's c1, c2…
            }
            PageKey next = null;
            if (rows.size() > page.size()) {
                rows.removeLast();
                next = PageKey.of(offset + page.size());
            }
            return new QueryPage(columns, rows, next, Duration.ofNanos(System.nanoTime() - started));
        });
    }

    /**
     * {@return a statement's column names, in order, read without running it} (An {@code EXPLAIN}
     * or {@code PRAGMA} is run: their results are small.)
     *
     * @param sql one statement that would run
     */
    public List<String> columns(String sql) {
        String statement = refuseOrStatement(sql);
        allowedColumns = null; // a new run of the text: read afresh (the schema may have changed since)
        return timed("read the columns of the query on", () -> {
            if (isWrappable(statement)) {
                return columnNames(statement);
            }
            try (Statement running = connection.createStatement(); ResultSet result = running.executeQuery(statement)) {
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    names.add(result.getMetaData().getColumnLabel(i));
                }
                return names;
            }
        });
    }

    /**
     * Counts a statement's rows (for a result that arrives page by page); can take long, and
     * stops on {@link #cancel()} or at the time limit.
     *
     * @param sql one statement that would run
     * @return how many rows its result has
     */
    public long count(String sql) {
        String statement = refuseOrStatement(sql);
        return timed("count the rows of the query on", () -> {
            if (isWrappable(statement)) {
                try (Statement counting = connection.createStatement();
                     ResultSet result = counting.executeQuery("SELECT count(*) FROM (" + statement + "\n) AS q")) {
                    result.next();
                    return result.getLong(1);
                }
            }
            long rows = 0;
            try (Statement counting = connection.createStatement(); ResultSet result = counting.executeQuery(statement)) {
                while (result.next()) {
                    rows++;
                }
            }
            return rows;
        });
    }

    /**
     * {@return SQLite's plan for a statement, as a tree: the top-level steps in order}
     *
     * @param sql one statement that would run (an {@code EXPLAIN} prefix is not needed)
     */
    public List<PlanStep> plan(String sql) {
        String statement = refuseOrStatement(sql).replaceFirst("(?is)^\\s*EXPLAIN(\\s+QUERY\\s+PLAN)?\\s+", "");
        if (backend instanceof Backend.Postgresql) {
            return timed("explain the query on", () -> postgresPlan(statement));
        }
        return timed("explain the query on", () -> {
            record Line(int id, int parent, String detail) { }
            List<Line> lines = new ArrayList<>();
            try (Statement explaining = connection.createStatement();
                 ResultSet result = explaining.executeQuery("EXPLAIN QUERY PLAN " + statement)) {
                while (result.next()) {
                    lines.add(new Line(result.getInt("id"), result.getInt("parent"), result.getString("detail")));
                }
            }
            Map<Integer, List<Line>> children = new HashMap<>();
            lines.forEach(line -> children.computeIfAbsent(line.parent(), p -> new ArrayList<>()).add(line));
            Function<Integer, List<PlanStep>>[] under = new Function[1];
            under[0] = parent -> children.getOrDefault(parent, List.of()).stream()
                    .map(line -> new PlanStep(line.detail(), under[0].apply(line.id()))).toList();
            return under[0].apply(0);
        });
    }

    /** PostgreSQL's plan, its indentation ({@code ->} nodes) made a tree. */
    private List<PlanStep> postgresPlan(String statement) throws SQLException {
        record Node(int indent, String detail, List<Node> children) { }
        Node root = new Node(-1, "", new ArrayList<>());
        Deque<Node> open = new ArrayDeque<>(List.of(root));
        try (Statement explaining = connection.createStatement(); ResultSet result = explaining.executeQuery("EXPLAIN " + statement)) {
            while (result.next()) {
                String line = result.getString(1);
                int indent = line.length() - line.stripLeading().length();
                String detail = line.strip().replaceFirst("^->\\s*", "");
                while (open.peek().indent() >= indent) {
                    open.pop();
                }
                Node node = new Node(indent, detail, new ArrayList<>());
                open.peek().children().add(node);
                open.push(node);
            }
        }
        Function<Node, PlanStep>[] step = new Function[1];
        step[0] = node -> new PlanStep(node.detail(), node.children().stream().map(step[0]).toList());
        return root.children().stream().map(step[0]).toList();
    }

    /**
     * {@return the names a statement here can use, for completion: every table's and view's, and
     * their columns', sorted, each once (ignoring case)} On PostgreSQL, those of the URL's schema.
     */
    public List<String> names() {
        return timed("read the names of", () -> {
            TreeSet<String> all = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            String sql = backend instanceof Backend.Sqlite
                    ? "SELECT t.name, c.name FROM pragma_table_list t LEFT JOIN pragma_table_xinfo(t.name) c"
                            + " WHERE t.schema = 'main' AND t.type IN ('table', 'view')"
                    : "SELECT c.table_name, c.column_name FROM information_schema.columns c WHERE c.table_schema = current_schema()";
            try (Statement reading = connection.createStatement(); ResultSet result = reading.executeQuery(sql)) {
                while (result.next()) {
                    all.add(result.getString(1));
                    if (result.getString(2) != null) {
                        all.add(result.getString(2));
                    }
                }
            }
            return List.copyOf(all);
        });
    }

    /** Stops the running statement (from another thread); it fails with CANCELLED. */
    public void cancel() {
        stopper.stop();
    }

    @Override
    public void close() {
        SqliteFiles.closeQuietly(connection);
    }

    private String refuseOrStatement(String sql) {
        // A result's pages and its count run the same text: checked (EXPLAIN) once, not per page.
        if (!sql.equals(allowed)) {
            Optional<String> refused = refusal(sql);
            if (refused.isPresent()) {
                throw PersistenceException.of(Reason.REFUSED, location(), "Not run on " + where() + ": " + refused.get());
            }
            allowed = sql;
            allowedColumns = null;
        }
        return SqlStatement.split(sql).getFirst().text();
    }

    private static boolean isWrappable(String statement) {
        String keyword = SqlStatement.split(statement).getFirst().keyword();
        return keyword.equals("SELECT") || keyword.equals("WITH") || keyword.equals("VALUES");
    }

    /** The result's column names, read from the compiled statement without running it. */
    private List<String> columnNames(String statement) throws SQLException {
        if (allowedColumns != null && allowed != null && SqlStatement.split(allowed).getFirst().text().equals(statement)) {
            return allowedColumns;
        }
        allowedColumns = readColumnNames(statement);
        return allowedColumns;
    }

    private List<String> readColumnNames(String statement) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement)) {
            ResultSetMetaData meta = prepared.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnLabel(i));
            }
            return List.copyOf(names);
        }
    }

    /**
     * The statement as a page of previews: a CTE names its columns by position (so duplicate
     * names are fine), each is cut by SQLite, and LIMIT/OFFSET pick the page.
     */
    private static String paged(String statement, List<String> names, boolean cutInSql) {
        StringBuilder columns = new StringBuilder();
        StringBuilder previews = new StringBuilder();
        for (int i = 1; i <= names.size(); i++) {
            columns.append(i > 1 ? ", " : "").append("c").append(i);
            previews.append(i > 1 ? ", " : "").append(cutInSql ? Previews.sql("c" + i, PREVIEW_CHARS) : "c" + i);
        }
        return "WITH q(" + columns + ") AS (" + statement + "\n) SELECT " + previews + " FROM q LIMIT ? OFFSET ?";
    }

    private static Object preview(Object value) {
        if (value instanceof byte[] bytes) {
            return "<BLOB " + bytes.length + " bytes>";
        }
        if (value instanceof String text && text.length() > PREVIEW_CHARS) {
            return text.substring(0, PREVIEW_CHARS) + "… (" + (text.length() - PREVIEW_CHARS) + " more characters)";
        }
        return value;
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs work under the time limit; a stop by the limit says so. */
    private <T> T timed(String doing, Work<T> work) {
        Duration limit = timeLimit;
        timedOut = false;
        ScheduledFuture<?> alarm = limit == null ? null : TIMER.schedule(() -> {
            timedOut = true;
            cancel();
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        long call = stopper.begin();
        try {
            return work.run();
        } catch (SQLException e) {
            if (timedOut) {
                throw PersistenceException.of(Reason.CANCELLED, location(), "The query on " + where() + " was stopped at the time limit of "
                        + formatted(limit) + ". Narrow it (a WHERE, a LIMIT) or raise the limit.", e);
            }
            PersistenceException translated = translate(doing, e);
            throw translated.reason() == Reason.FAILED ? sqlError(e) : translated;
        } finally {
            stopper.end(call);
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
    }

    private PersistenceException translate(String doing, SQLException e) {
        return backend.translate(doing, e);
    }

    private PersistenceException sqlError(SQLException e) {
        PersistenceException translated = translate("run the query on", e);
        if (translated.reason() != Reason.FAILED) {
            return translated;
        }
        // SQLite's own words ("near "FORM": syntax error", "no such table: x") are what a user needs.
        String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^\\[SQLITE_ERROR\\] SQL error or missing database \\((.*)\\)$", "$1");
        return PersistenceException.of(Reason.FAILED, location(), "SQL error in the query on " + name() + ": " + message, e);
    }

    private static String formatted(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
