package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.Conversation;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes what a filtered table shows, every row of it, to CSV (RFC 4180) or JSON (an array of
 * objects). Rows stream from one read of the file (a consistent snapshot), one at a time, so
 * memory stays flat whatever the size;
 * the file is written beside the target and moved into place at the end, so a failed or
 * cancelled export never leaves half a file.
 */
public final class TableExport {

    /** The output format. */
    public enum Format {
        CSV, JSON;

        /** JSON for a {@code .json} name, CSV otherwise. */
        public static Format forFile(Path file) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : CSV;
        }
    }

    static final List<String> SESSION_COLUMNS = List.of("id", "project_path", "spec_id", "runner", "mode", "status",
            "exit_code", "started_at", "ended_at", "duration_ms", "token_count", "created_at", "updated_at", "prompt");
    static final List<String> CONVERSATION_COLUMNS = List.of("id", "project_id", "title", "provider_id", "model_id",
            "created_at", "updated_at", "message_count", "last_message", "tags", "archived", "cloud_id");

    private TableExport() {
    }

    /** Exports the sessions matching {@code query}, in its order. Returns the number of rows written. */
    public static long sessions(SessionStore store, SessionQuery query, Path target, Format format) {
        return write(target, format, SESSION_COLUMNS, row -> store.forEach(query, row), (Session s) -> Arrays.asList(
                s.id(), s.projectPath(), s.specId(), s.runner(), s.mode().value(), s.status().value(), s.exitCode(),
                s.startedAt().text(), s.endedAt() == null ? null : s.endedAt().text(), s.durationMs(), s.tokenCount(),
                s.createdAt().text(), s.updatedAt().text(), s.prompt()));
    }

    /** Exports the conversations matching {@code query}. Times are epoch milliseconds, as stored. */
    public static long conversations(ChatStore store, ConversationQuery query, Path target, Format format) {
        return write(target, format, CONVERSATION_COLUMNS, row -> store.forEach(query, row), (Conversation c) -> Arrays.asList(
                c.id(), c.projectId(), c.title(), c.providerId(), c.modelId(), c.createdAt().toEpochMilli(),
                c.updatedAt().toEpochMilli(), c.messageCount(), c.lastMessage(), c.tags(), c.archived() ? 1 : 0, c.cloudId()));
    }

    /** Streams a store's rows to a consumer, returning how many (a store's {@code forEach}). */
    private interface Rows<T> {
        long forEach(Consumer<T> row);
    }

    private static <T> long write(Path target, Format format, List<String> columns, Rows<T> rows,
                                  Function<T, List<Object>> values) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".partial");
        long count;
        try {
            try (OutputStream out = Files.newOutputStream(temp);
                 RowWriter writer = writer(new OutputStreamWriter(out, StandardCharsets.UTF_8), format, columns)) {
                count = rows.forEach(row -> {
                    try {
                        writer.row(values.apply(row));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return count;
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            throw new PersistenceException(Reason.FAILED, target, "Could not export to " + target + ": " + cause.getMessage(), cause);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Nothing more useful to do than report the first error.
            }
        }
    }

    /** Rows written one at a time to a stream, in CSV or JSON; closing it ends the document. */
    public interface RowWriter extends AutoCloseable {
        /**
         * Writes one row.
         *
         * @param values the row's values in column order; null for SQL NULL
         * @throws IOException when the stream fails
         */
        void row(List<Object> values) throws IOException;

        @Override
        void close() throws IOException;
    }

    /**
     * {@return a writer of rows to {@code out}: CSV with a header row, or a JSON array of objects}
     * Closing it closes {@code out}.
     *
     * @param out     where to write (characters; the caller picks the encoding)
     * @param format  CSV or JSON
     * @param columns the column names
     * @throws IOException when the stream fails
     */
    public static RowWriter writer(Writer out, Format format, List<String> columns) throws IOException {
        return format == Format.CSV ? new CsvWriter(out, columns) : new JsonWriter(out, columns, false);
    }

    /** A value as text in CSV and JSON: blobs in hex (a table of any file may hold them), the rest as is. */
    static String text(Object value) {
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value.toString();
    }

    /** RFC 4180: quote fields with commas, quotes or line breaks; double the quotes; CRLF rows. */
    static final class CsvWriter implements RowWriter {
        private final Writer out;

        CsvWriter(Writer stream, List<String> columns) throws IOException {
            this.out = new BufferedWriter(stream, 1 << 16);
            row(List.copyOf(columns));
        }

        @Override
        public void row(List<Object> values) throws IOException {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object value = values.get(i);
                if (value != null) {
                    out.write(field(text(value)));
                }
            }
            out.write("\r\n");
        }

        static String field(String text) {
            boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
            return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static final class JsonWriter implements RowWriter {
        private final JsonGenerator json;
        private final List<String> columns;

        JsonWriter(Writer stream, List<String> columns, boolean pretty) throws IOException {
            this.columns = columns;
            this.json = new JsonFactory().createGenerator(stream);
            if (pretty) {
                json.useDefaultPrettyPrinter(); // for a person reading a copied row
            }
            json.writeStartArray();
        }

        @Override
        public void row(List<Object> values) throws IOException {
            json.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                json.writeFieldName(columns.get(i));
                Object value = values.get(i);
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof Double || value instanceof Float) {
                    json.writeNumber(((Number) value).doubleValue()); // SQLite's REAL, not cut to a whole number
                } else if (value instanceof Number number) {
                    json.writeNumber(number.longValue());
                } else {
                    json.writeString(text(value));
                }
            }
            json.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            json.writeEndArray();
            json.close();
        }
    }
}
