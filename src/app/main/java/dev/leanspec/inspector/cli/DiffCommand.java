package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.export.Json;
import dev.leanspec.inspector.export.RowFormats;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.compare.Comparison;
import dev.leanspec.inspector.persistence.compare.Difference;
import dev.leanspec.inspector.persistence.compare.Difference.ChangedRow;
import dev.leanspec.inspector.persistence.compare.Difference.SchemaChange;
import dev.leanspec.inspector.persistence.compare.Difference.TableDifference;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code diff A B}: what differs between two files or PostgreSQL databases — the schema and
 * settings, then each table's rows added, removed and changed, matched by primary key. Exit 0
 * when they hold the same, 3 when they differ (as {@code diff} and {@code doctor} do).
 */
final class DiffCommand extends Command {

    /** The exit code when the two differ. */
    static final int DIFFERENT = 3;
    /** Text values longer than this are shown cut, saying how much more there is (--json gives them whole). */
    private static final int SHOWN_CHARS = 160;

    private final Arg<String> left = parameter(0, "A", String.class, "The first file or PostgreSQL URL (the before).");
    private final Arg<String> right = parameter(1, "B", String.class, "The second file or PostgreSQL URL (the after).");
    private final Arg<List<String>> tables = repeatable("--table", "T", String.class, ",", "Only this table (repeat, or T1,T2).");
    private final Arg<Boolean> schemaOnly = flag("--schema-only", "Only the schema and settings, no rows.");
    private final Arg<Integer> limit = option("--limit", "N", Integer.class, "List at most N keys of each kind per table (the counts stay whole).");
    private final Arg<Boolean> json = flag("--json", "Print {\"same\", \"schema\": [{\"what\", \"left\", \"right\"}], \"tables\": [{\"table\", \"key\", "
            + "\"counts\", \"added\": [keys], \"removed\": [keys], \"changed\": [{\"key\", \"columns\": {\"c\": [before, after]}}]}]}; "
            + "blobs as base64.");

    DiffCommand() {
        super("diff", "Compare two databases: a file and its backup or copy, a teammate's file, a PostgreSQL copy. Reads only; exit 3 "
                        + "when they differ.",
                "Rows are matched by each table's primary key (a table without one as a multiset of rows). Two files are "
                        + "compared by SQLite itself, as sqldiff does; a server's tables are read in key order and merged: any size "
                        + "compares in little memory. Lists the schema's differences, then a summary per table, then the rows.");
    }

    @Override
    public Integer call() {
        Integer most = limit.value();
        if (most != null && most < 1) {
            throw usage("--limit must be at least 1");
        }
        PrintWriter out = out();
        Progress progress = new Progress(err());
        Difference difference;
        try {
            difference = Comparison.run(Location.parse(left.value()), Location.parse(right.value()),
                    new Comparison.Options(Set.copyOf(tables.value()), schemaOnly.value(), most == null ? Integer.MAX_VALUE : most),
                    progress::tell, () -> false);
        } finally {
            progress.done();
        }
        if (json.value()) {
            out.println(Json.write(json(difference)));
        } else {
            text(difference, out);
        }
        return difference.same() ? 0 : DIFFERENT;
    }

    private static Map<String, Object> json(Difference difference) {
        List<Map<String, Object>> schema = new ArrayList<>();
        for (SchemaChange change : difference.schema()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("what", change.what());
            row.put("left", change.left());
            row.put("right", change.right());
            schema.add(row);
        }
        List<Map<String, Object>> tables = new ArrayList<>();
        for (TableDifference table : difference.tables()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("table", table.table());
            row.put("key", table.key());
            row.put("counts", Map.of("added", table.added(), "removed", table.removed(), "changed", table.changed()));
            row.put("added", table.addedKeys().stream().map(DiffCommand::jsonKey).toList());
            row.put("removed", table.removedKeys().stream().map(DiffCommand::jsonKey).toList());
            List<Map<String, Object>> changed = new ArrayList<>();
            for (ChangedRow changedRow : table.changedRows()) {
                Map<String, Object> columns = new LinkedHashMap<>();
                changedRow.columns().forEach((column, change) -> columns.put(column, java.util.Arrays.asList(change.before(), change.after())));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("key", jsonKey(changedRow.key()));
                entry.put("columns", columns);
                changed.add(entry);
            }
            row.put("changed", changed);
            tables.add(row);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("left", difference.left());
        all.put("right", difference.right());
        all.put("same", difference.same());
        all.put("schema", schema);
        all.put("tables", tables);
        return all;
    }

    /** A one-column key as its value, a longer one as the list of its values. */
    private static Object jsonKey(List<Object> key) {
        return key.size() == 1 ? key.getFirst() : key;
    }

    private static void text(Difference difference, PrintWriter out) {
        if (difference.same()) {
            out.printf("%s and %s hold the same: the same schema, settings and rows.%n", difference.left(), difference.right());
            return;
        }
        out.printf("--- %s%n+++ %s%n", difference.left(), difference.right());
        if (!difference.schema().isEmpty()) {
            out.printf("%nschema%n");
            for (SchemaChange change : difference.schema()) {
                out.printf("  %s: %s → %s%n", change.what(), change.left() == null ? "(none)" : change.left(),
                        change.right() == null ? "(none)" : change.right());
            }
        }
        if (!difference.tables().isEmpty()) {
            int width = Math.max(5, difference.tables().stream().mapToInt(t -> t.table().length()).max().orElse(0));
            out.printf("%n%-" + width + "s  %10s  %10s  %10s%n", "rows", "added", "removed", "changed");
            for (TableDifference table : difference.tables()) {
                out.printf("%-" + width + "s  %,10d  %,10d  %,10d%n", table.table(), table.added(), table.removed(), table.changed());
            }
            for (TableDifference table : difference.tables()) {
                out.printf("%n%s (by %s)%n", table.table(), String.join(", ", table.key()));
                table.removedKeys().forEach(key -> out.printf("  - %s%n", literals(key)));
                table.addedKeys().forEach(key -> out.printf("  + %s%n", literals(key)));
                for (ChangedRow row : table.changedRows()) {
                    out.printf("  ~ %s%n", literals(row.key()));
                    row.columns().forEach((column, change) -> out.printf("      %s: %s → %s%n", column, literal(change.before()), literal(change.after())));
                }
                if (table.cut()) {
                    out.printf("  (%s)%n", cutNote(table));
                }
            }
        }
        out.printf("%n%s and %s differ: %s.%n", difference.left(), difference.right(), summary(difference));
    }

    private static String cutNote(TableDifference table) {
        List<String> more = new ArrayList<>();
        if (table.removedKeys().size() < table.removed()) {
            more.add(String.format("%,d more removed", table.removed() - table.removedKeys().size()));
        }
        if (table.addedKeys().size() < table.added()) {
            more.add(String.format("%,d more added", table.added() - table.addedKeys().size()));
        }
        if (table.changedRows().size() < table.changed()) {
            more.add(String.format("%,d more changed", table.changed() - table.changedRows().size()));
        }
        return String.join(", ", more) + ": --limit cut the lists";
    }

    private static String summary(Difference difference) {
        List<String> parts = new ArrayList<>();
        if (!difference.schema().isEmpty()) {
            int n = difference.schema().size();
            parts.add(n + (n == 1 ? " schema difference" : " schema differences"));
        }
        if (!difference.tables().isEmpty()) {
            int n = difference.tables().size();
            parts.add(n + (n == 1 ? " table with different rows" : " tables with different rows"));
        }
        return String.join(", ", parts);
    }

    private static String literals(List<Object> values) {
        List<String> shown = new ArrayList<>();
        for (Object value : values) {
            shown.add(literal(value));
        }
        return String.join(", ", shown);
    }

    /** A value as SQL writes it (RowFormats' literal), a long one cut saying how much more there is, line breaks shown as \n. */
    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String text when text.length() > SHOWN_CHARS -> shown(RowFormats.literal(text.substring(0, SHOWN_CHARS)))
                    + String.format("… (%,d more characters)", text.length() - SHOWN_CHARS);
            case byte[] bytes when bytes.length > SHOWN_CHARS / 2 -> RowFormats.literal(java.util.Arrays.copyOf(bytes, SHOWN_CHARS / 2))
                    + String.format("… (%,d bytes)", bytes.length);
            default -> shown(RowFormats.literal(value));
        };
    }

    private static String shown(String literal) {
        return literal.replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Which table is being read, on a terminal only: one line, rewritten in place, cleared when done. */
    private static final class Progress {
        private final PrintWriter err;
        private final boolean terminal = System.console() != null;
        private boolean shown;

        Progress(PrintWriter err) {
            this.err = err;
        }

        void tell(String table, long rows) {
            if (!terminal) {
                return;
            }
            shown = true;
            err.printf("\r\u001b[KComparing %s: %,d rows…", table, rows);
            err.flush();
        }

        void done() {
            if (shown) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
