package dev.leanspec.inspector.persistence.compare;

import java.util.Arrays;
import java.util.List;

/**
 * Values as SQLite orders and compares them. Order: NULL, then numbers (integers and reals by
 * value), then text (by code point: the order of its UTF-8 bytes, SQLite's BINARY collation),
 * then blobs (byte by byte). Equality is stricter than order: an integer and a real of the same
 * value order together but differ, as a value stored as {@code 1} and one stored as {@code 1.0}
 * are different things in a file.
 */
final class Values {

    private Values() {
    }

    /** {@return a value as compared here: whole numbers as Long, others as Double, text, bytes; anything else as its text} */
    static Object normal(Object value) {
        return switch (value) {
            case null -> null;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Double d -> d;
            case Float f -> (double) f;
            case String s -> s;
            case byte[] bytes -> bytes;
            case Boolean b -> b ? 1L : 0L;
            default -> value.toString();
        };
    }

    static int compare(Object a, Object b) {
        int byClass = Integer.compare(rank(a), rank(b));
        if (byClass != 0) {
            return byClass;
        }
        return switch (a) {
            case null -> 0;
            case Long x when b instanceof Long y -> Long.compare(x, y);
            case Number x -> compareNumbers(x, (Number) b);
            case String x -> compareText(x, (String) b);
            case byte[] x -> Arrays.compareUnsigned(x, (byte[]) b);
            default -> throw new IllegalArgumentException("not a value: " + a.getClass());
        };
    }

    static int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            // 0.0 and -0.0 are one value to SQLite; NaN is stored as NULL, so never met here.
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }

    private static int rank(Object value) {
        return switch (value) {
            case null -> 0;
            case Number n -> 1;
            case String s -> 2;
            default -> 3;
        };
    }

    private static int compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Double y) {
            return -compareLongDouble(y, x);
        }
        if (a instanceof Double x && b instanceof Long y) {
            return compareLongDouble(x, y);
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    /** A real against an integer without losing the integer's low bits (beyond 2^53 a double cannot hold them). */
    private static int compareLongDouble(double d, long l) {
        if (d < -9.223372036854775808E18) {
            return -1;
        }
        if (d >= 9.223372036854775808E18) {
            return 1;
        }
        long whole = (long) d;
        if (whole != l) {
            return Long.compare(whole, l);
        }
        return Double.compare(d - whole, 0.0);
    }

    /**
     * Code point order, which is UTF-8 byte order. String.compareTo orders UTF-16 units, which
     * puts U+10000 and above (surrogates, 0xD800-0xDFFF) before U+E000-U+FFFF; at the first unit
     * that differs, units are shifted so that surrogates come last (ICU's code point fix-up).
     */
    private static int compareText(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char x = a.charAt(k);
            char y = b.charAt(k);
            if (x != y) {
                return Integer.compare(fixUp(x), fixUp(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int fixUp(char unit) {
        return unit < 0xD800 ? unit : unit >= 0xE000 ? unit - 0x800 : unit + 0x2000;
    }
}
