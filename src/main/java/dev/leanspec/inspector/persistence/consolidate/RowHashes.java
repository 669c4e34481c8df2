package dev.leanspec.inspector.persistence.consolidate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A checksum of every value of a query's rows that does not depend on their order: the sum of
 * one 64-bit hash per row (each value hashed with its type, so {@code 1}, {@code '1'} and NULL
 * differ). Two tables hold the same rows, value for value, when their sums and counts agree. It
 * streams: memory stays flat whatever the number of rows.
 */
final class RowHashes {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private RowHashes() {
    }

    static long sum(Connection db, String sql) throws SQLException {
        long sum = 0;
        try (Statement statement = db.createStatement()) {
            statement.setFetchSize(1_000);
            try (ResultSet rows = statement.executeQuery(sql)) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    long hash = FNV_OFFSET;
                    for (int i = 1; i <= columns; i++) {
                        hash = value(hash, rows, i);
                    }
                    sum += mix(hash);
                }
            }
        }
        return sum;
    }

    private static long value(long hash, ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
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

    private static long bytes(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash = step(hash, b & 0xff);
        }
        return step(step(hash, bytes.length & 0xff), (bytes.length >>> 8) & 0xff);
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
