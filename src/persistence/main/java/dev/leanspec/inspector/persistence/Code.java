package dev.leanspec.inspector.persistence;

import java.util.List;

/**
 * A value from a column that LeanSpec fills from a fixed list (status, mode, level, ...). Each
 * implementation is a record with the known values as constants, but it holds any string it
 * finds: an unknown value is kept and shown as it is, never turned into a default. That was the
 * legacy code's mistake (an unknown status silently became {@code pending}).
 */
public interface Code {

    /** {@return the text exactly as stored; never null} */
    String value();

    /** {@return the values LeanSpec is known to write for this column} */
    List<? extends Code> known();

    /** {@return whether {@link #value()} is one of {@link #known()}} */
    default boolean isKnown() {
        return known().contains(this);
    }

    /**
     * Checks a constructor argument: codes hold text, never null.
     *
     * @param value the stored text
     * @param column the column's name, for the message
     * @return {@code value}, unchanged
     * @throws IllegalArgumentException when {@code value} is null
     */
    static String require(String value, String column) {
        if (value == null) {
            throw new IllegalArgumentException(column + " must not be null");
        }
        return value;
    }
}
