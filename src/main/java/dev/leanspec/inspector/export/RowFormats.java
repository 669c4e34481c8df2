package dev.leanspec.inspector.export;

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
            case TSV -> lines(columns, rows, "\t", RowFormats::tsvField);
            case CSV -> lines(columns, rows, ",", value -> TableExport.CsvWriter.field(text(value)));
            case JSON -> json(columns, rows);
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

    private static String lines(List<String> columns, List<List<Object>> rows, String separator,
                                java.util.function.Function<Object, String> field) {
        StringBuilder out = new StringBuilder(columns.stream().map(field).collect(Collectors.joining(separator))).append(separator.equals(",") ? "\r\n" : "\n");
        for (List<Object> row : rows) {
            out.append(row.stream().map(field).collect(Collectors.joining(separator))).append(separator.equals(",") ? "\r\n" : "\n");
        }
        return out.toString();
    }

    private static String tsvField(Object value) {
        // Tabs and line breaks would break the grid a spreadsheet makes of it.
        return text(value).replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value.toString();
    }

    private static String json(List<String> columns, List<List<Object>> rows) {
        try {
            java.io.StringWriter out = new java.io.StringWriter();
            try (var json = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
                json.writeStartArray();
                for (List<Object> row : rows) {
                    json.writeStartObject();
                    for (int i = 0; i < columns.size(); i++) {
                        Object value = row.get(i);
                        json.writeFieldName(columns.get(i));
                        if (value == null) {
                            json.writeNull();
                        } else if (value instanceof Double || value instanceof Float) {
                            json.writeNumber(((Number) value).doubleValue());
                        } else if (value instanceof Number number) {
                            json.writeNumber(number.longValue());
                        } else {
                            json.writeString(text(value));
                        }
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            return out.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
    }
}
