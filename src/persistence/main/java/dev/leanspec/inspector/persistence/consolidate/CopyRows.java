package dev.leanspec.inspector.persistence.consolidate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into one PostgreSQL table with {@code COPY … FROM STDIN} (text format): the
 * server parses them as a bulk load, several times faster than batched INSERTs, which is how
 * pgloader and {@code psql \copy} load too. Values are written as {@link ResultSet#getObject}
 * gives them; each column's input function on the server reads the text, so a value that does
 * not fit its column fails the copy there, as a bound parameter would.
 *
 * <p>Either {@link #end()} is called, or {@link #close()} aborts the COPY, leaving the connection
 * usable for the rollback.
 */
final class CopyRows implements AutoCloseable {

    /** Bytes gathered before they are sent: a few rows per network write, not one. */
    private static final int BUFFER = 1 << 16;

    private final CopyIn copy;
    private byte[] buffer = new byte[BUFFER];
    private int used;

    private CopyRows(CopyIn copy) {
        this.copy = copy;
    }

    /**
     * Starts {@code COPY qualifiedTable (columns) FROM STDIN}.
     *
     * @param connection the target's connection (a pooled one is unwrapped)
     * @param qualifiedTable the quoted schema and table
     * @param columnList the quoted columns, comma-separated, in the order rows give them
     */
    static CopyRows into(Connection connection, String qualifiedTable, String columnList) throws SQLException {
        return new CopyRows(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + qualifiedTable + " (" + columnList + ") FROM STDIN"));
    }

    /** Sends one row, its values in column order. */
    void write(Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            append(row[i]);
        }
        put((byte) '\n');
    }

    /** Ends the COPY; {@return the rows the server took} */
    long end() throws SQLException {
        flush();
        return copy.endCopy();
    }

    /** Aborts the COPY if it was not ended (nothing of it stays); the connection stays usable. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }

    /**
     * One value in COPY's text format: {@code \N} for NULL, backslash escapes for the separators.
     */
    private void append(Object value) throws SQLException {
        switch (value) {
            case null -> ascii("\\N");
            case byte[] bytes -> ascii("\\\\x" + HexFormat.of().formatHex(bytes));
            case Number number -> ascii(number.toString());
            default -> {
                byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
                // In pieces of half the buffer, each with room for its worst case (every byte
                // escaped): one check of space per piece, and a 100 MB value needs no 200 MB buffer.
                for (int from = 0; from < text.length; from += BUFFER / 2) {
                    escape(text, from, Math.min(text.length, from + BUFFER / 2));
                }
            }
        }
    }

    /**
     * Bytes {@code from} to {@code to} of a UTF-8 text, escaped: the four ASCII bytes escaped
     * never occur inside a multi-byte character.
     */
    private void escape(byte[] text, int from, int to) throws SQLException {
        room(2 * (to - from));
        int at = used;
        for (int i = from; i < to; i++) {
            byte b = text[i];
            byte escaped = switch (b) {
                case '\\' -> (byte) '\\';
                case '\t' -> (byte) 't';
                case '\n' -> (byte) 'n';
                case '\r' -> (byte) 'r';
                default -> 0;
            };
            if (escaped == 0) {
                buffer[at++] = b;
            } else {
                buffer[at++] = '\\';
                buffer[at++] = escaped;
            }
        }
        used = at;
    }

    private void ascii(String text) throws SQLException {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[used++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) throws SQLException {
        room(1);
        buffer[used++] = b;
    }

    /** Makes room for {@code bytes} more: sends what is gathered, and grows for a value larger than the buffer. */
    private void room(int bytes) throws SQLException {
        if (used + bytes > buffer.length) {
            flush();
            // A value larger than the buffer gets one of its own size, kept only until the next.
            if (bytes > BUFFER || buffer.length > BUFFER) {
                buffer = new byte[Math.max(bytes, BUFFER)];
            }
        }
    }
}
