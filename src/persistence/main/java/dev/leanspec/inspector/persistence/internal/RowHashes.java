package dev.leanspec.inspector.persistence.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A checksum of every value of a query's rows that does not depend on their order: the sum of
 * one 64-bit hash per row (each value hashed with its type, so {@code 1}, {@code '1'} and NULL
 * differ). Two tables hold the same rows, value for value, when their sums and counts agree. It
 * streams: memory stays flat whatever the number of rows. A copy checks its rows with it; the
 * search index tells a text it already has from a changed one by {@link #of}.
 */
public final class RowHashes {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private RowHashes() {
    }

    /**
     * {@return the checksum of every row of {@code sql}}
     *
     * @param db  where to run it
     * @param sql a query
     * @throws SQLException when the query fails
     */
    public static long sum(Connection db, String sql) throws SQLException {
        return read(db, sql).total();
    }

    /**
     * {@return the rows of {@code sql} counted and summed in one read (a count apart would scan them again)}
     *
     * @param db  where to run it
     * @param sql a query
     * @throws SQLException when the query fails
     */
    public static Sum read(Connection db, String sql) throws SQLException {
        Sum sum = new Sum();
        try (Statement statement = db.createStatement()) {
            statement.setFetchSize(1_000);
            try (ResultSet rows = statement.executeQuery(sql)) {
                Object[] row = new Object[rows.getMetaData().getColumnCount()];
                while (rows.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rows.getObject(i + 1);
                    }
                    sum.add(row);
                }
            }
        }
        return sum;
    }

    /**
     * The same checksum taken row by row, for a reader that has the values in hand anyway (a
     * copy hashes what it sends as it reads it, instead of reading the source a second time).
     */
    public static final class Sum {

        private long sum;
        private long rows;

        /** Starts an empty sum. */
        public Sum() {
        }

        /**
         * Adds one row's values.
         *
         * @param row its values in column order, as {@link ResultSet#getObject} gave them
         */
        public void add(Object[] row) {
            sum += of(row);
            rows++;
        }

        /** {@return the checksum of the rows added so far} */
        public long total() {
            return sum;
        }

        /** {@return how many rows were added} */
        public long rows() {
            return rows;
        }
    }

    /**
     * {@return one row's 64-bit hash: its values' types and contents, in order}
     *
     * @param row its values (null, numbers, text, bytes; anything else by its text)
     */
    public static long of(Object... row) {
        long hash = FNV_OFFSET;
        for (Object value : row) {
            hash = value(hash, value);
        }
        return mix(hash);
    }

    private static long value(long hash, Object value) {
        if (value == null) {
            return step(hash, 0);
        }
        if (value instanceof byte[] bytes) {
            hash = step(hash, 'b');
            return bytes(hash, bytes);
        }
        if (value instanceof Number number) {
            hash = step(hash, value instanceof Double || value instanceof Float ? 'r' : 'i');
            long bits = value instanceof Double || value instanceof Float ? Double.doubleToLongBits(number.doubleValue()) : number.longValue();
            for (int shift = 0; shift < 64; shift += 8) {
                hash = step(hash, (int) (bits >>> shift) & 0xff);
            }
            return hash;
        }
        hash = step(hash, 't');
        hash = bytes(hash, value.toString().getBytes(StandardCharsets.UTF_8));
        return step(hash, 0xff);
    }

    /**
     * The bytes eight at a time (a byte at a time was a third of a copy's time): each word
     * multiplied and rotated into the hash (as in MurmurHash), the tail a byte at a time, then the
     * length, so that a value that is a prefix of another hashes apart from it.
     */
    private static long bytes(long hash, byte[] bytes) {
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long word = (long) WORDS.get(bytes, i) * 0x87c37b91114253d5L;
            hash = Long.rotateLeft(hash ^ Long.rotateLeft(word, 31) * 0x4cf5ad432745937fL, 27) * 5 + 0x52dce729;
        }
        for (; i < bytes.length; i++) {
            hash = step(hash, bytes[i] & 0xff);
        }
        return (hash ^ bytes.length) * FNV_PRIME;
    }

    private static long step(long hash, int octet) {
        return (hash ^ octet) * FNV_PRIME;
    }

    /** SplitMix64's finaliser: spreads FNV's weak high bits before the rows are summed. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
