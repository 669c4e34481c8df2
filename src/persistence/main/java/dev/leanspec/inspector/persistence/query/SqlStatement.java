package dev.leanspec.inspector.persistence.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One statement of an SQL text, found by SQLite's lexical rules (quoted strings and names,
 * {@code --} and block comments are skipped, so a {@code ;} inside them ends nothing): what a
 * console runs when the caret is in it, and how a text of two statements is told from one.
 *
 * @param start where it starts in the text (its first character that is no space or comment)
 * @param end   where it ends (exclusive; before its {@code ;}, if any)
 * @param text  the statement, without the {@code ;}
 */
public record SqlStatement(int start, int end, String text) {

    /** Checks the bounds and the text. */
    public SqlStatement {
        if (text == null || start < 0 || end < start) {
            throw new IllegalArgumentException("a statement needs a text and 0 <= start <= end");
        }
    }

    /**
     * {@return the first word, upper-cased ({@code SELECT}, {@code WITH}, {@code PRAGMA}, ...); empty for none}
     */
    public String keyword() {
        return word(0);
    }

    /**
     * {@return the word at {@code index} (0 = the first), upper-cased, skipping comments; empty past the end}
     *
     * @param index which word
     */
    public String word(int index) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length() && words.size() <= index) {
            int skipped = skipSpaceAndComments(text, i);
            if (skipped != i) {
                i = skipped;
                continue;
            }
            char c = text.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int from = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                words.add(text.substring(from, i).toUpperCase(Locale.ROOT));
            } else {
                return words.size() > index ? words.get(index) : "";
            }
        }
        return words.size() > index ? words.get(index) : "";
    }

    /**
     * Splits a text into its statements, in order. Empty statements (a lone {@code ;}, only
     * comments) are left out.
     *
     * @param sql the text; null or blank gives none
     * @return the statements; empty when there are none
     */
    public static List<SqlStatement> split(String sql) {
        List<SqlStatement> statements = new ArrayList<>();
        if (sql == null) {
            return statements;
        }
        int i = 0;
        int start = -1;
        while (i < sql.length()) {
            int skipped = skipSpaceAndComments(sql, i);
            if (skipped != i) {
                i = skipped;
                continue;
            }
            char c = sql.charAt(i);
            if (c == ';') {
                add(statements, sql, start, i);
                start = -1;
                i++;
                continue;
            }
            if (start < 0) {
                start = i;
            }
            i = switch (c) {
                case '\'', '"', '`' -> closing(sql, i, c);
                case '[' -> closing(sql, i, ']');
                default -> i + 1;
            };
        }
        add(statements, sql, start, sql.length());
        return statements;
    }

    /**
     * {@return the statement the caret is in or just after; empty when the text has none}
     *
     * @param sql   the text
     * @param caret the caret's offset in it
     */
    public static Optional<SqlStatement> at(String sql, int caret) {
        SqlStatement found = null;
        for (SqlStatement statement : split(sql)) {
            if (found == null || statement.start() <= caret) {
                found = statement;
            }
        }
        return Optional.ofNullable(found);
    }

    private static void add(List<SqlStatement> statements, String sql, int start, int end) {
        if (start < 0) {
            return;
        }
        int last = end;
        while (last > start && Character.isWhitespace(sql.charAt(last - 1))) {
            last--;
        }
        statements.add(new SqlStatement(start, last, sql.substring(start, last)));
    }

    /** The index after a quoted run that opened at {@code open}; a doubled quote stays inside. */
    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (quote != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int skipSpaceAndComments(String sql, int i) {
        if (i >= sql.length()) {
            return i;
        }
        char c = sql.charAt(i);
        if (Character.isWhitespace(c)) {
            return i + 1;
        }
        if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
            int eol = sql.indexOf('\n', i);
            return eol < 0 ? sql.length() : eol + 1;
        }
        if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        return i;
    }
}
