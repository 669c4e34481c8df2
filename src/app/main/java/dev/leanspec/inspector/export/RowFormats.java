package dev.leanspec.inspector.export;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows as text to paste elsewhere: TSV (spreadsheets), CSV (RFC 4180), JSON (an array of
 * objects) and SQL {@code INSERT} statements (another SQLite). Values as SQLite gives them:
 * null, numbers, text, blobs (hex in TSV/CSV/JSON, {@code X'…'} in SQL).
 */
public final class RowFormats {

    /** A way to write rows. */
    public enum Format { TSV, CSV, JSON, SQL }

    private RowFormats() {
    }

    /**
     * {@return the rows in a format, with a header row (TSV, CSV) or column names (JSON, SQL)}
     *
     * @param format  the format
     * @param table   the table's name (for SQL)
     * @param columns the column names
     * @param rows    the rows, values in column order
     */
    public static String format(Format format, String table, List<String> columns, List<List<Object>> rows) {
        return switch (format) {
            case TSV -> tsv(columns, rows);
            case CSV -> written(rows, out -> new TableExport.CsvWriter(out, columns));
            case JSON -> written(rows, out -> new TableExport.JsonWriter(out, columns, true));
            case SQL -> rows.stream().map(row -> insert(table, columns, row)).collect(Collectors.joining("\n", "", "\n"));
        };
    }

    /**
     * {@return one row as an SQL {@code INSERT} statement}
     *
     * @param table   the table's name
     * @param columns the column names
     * @param row     the values in column order
     */
    public static String insert(String table, List<String> columns, List<Object> row) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table)).append(" (");
        sql.append(columns.stream().map(RowFormats::quote).collect(Collectors.joining(", "))).append(") VALUES (");
        for (int i = 0; i < row.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(literal(row.get(i)));
        }
        return sql.append(");").toString();
    }

    /**
     * {@return a value as an SQL literal}
     *
     * @param value a value as SQLite gives it
     */
    public static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return "X'" + HexFormat.of().formatHex(bytes) + "'";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /**
     * {@return a name quoted for SQL ({@code "we""ird"})}
     *
     * @param name the name
     */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String tsv(List<String> columns, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder(columns.stream().map(RowFormats::tsvField).collect(Collectors.joining("\t"))).append('\n');
        for (List<Object> row : rows) {
            out.append(row.stream().map(RowFormats::tsvField).collect(Collectors.joining("\t"))).append('\n');
        }
        return out.toString();
    }

    private static String tsvField(Object value) {
        // Tabs and line breaks would break the grid a spreadsheet makes of it.
        return (value == null ? "" : TableExport.text(value)).replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private interface Opening {
        TableExport.RowWriter open(Writer out) throws IOException;
    }

    /** The rows through the same writers as exports (CSV, JSON), into a string. */
    private static String written(List<List<Object>> rows, Opening opening) {
        StringWriter out = new StringWriter();
        try (TableExport.RowWriter writer = opening.open(out)) {
            for (List<Object> row : rows) {
                writer.row(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
