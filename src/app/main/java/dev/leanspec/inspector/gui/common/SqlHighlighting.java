package dev.leanspec.inspector.gui.common;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * SQL highlighted by SQLite's lexical classes, for RichTextFX code areas (the console's editor,
 * the schema's DDL): style classes {@code sql-keyword}, {@code sql-string}, {@code sql-name},
 * {@code sql-number}, {@code sql-comment} (colours in app.css, from the theme).
 */
public final class SqlHighlighting {

    private static final String[] KEYWORDS = {"ABORT", "ALL", "ALTER", "ANALYZE", "AND", "AS", "ASC", "ATTACH", "BEGIN",
            "BETWEEN", "BY", "CASE", "CAST", "COLLATE", "COMMIT", "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIME",
            "CURRENT_TIMESTAMP", "DEFAULT", "DELETE", "DESC", "DETACH", "DISTINCT", "DROP", "ELSE", "END", "ESCAPE",
            "EXCEPT", "EXISTS", "EXPLAIN", "FILTER", "FROM", "FULL", "GLOB", "GROUP", "HAVING", "IF", "IN", "INDEX",
            "INNER", "INSERT", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "LEFT", "LIKE", "LIMIT", "MATCH", "NATURAL",
            "NOT", "NOTNULL", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PLAN", "PRAGMA",
            "QUERY", "RECURSIVE", "REGEXP", "REPLACE", "RIGHT", "ROLLBACK", "SELECT", "SET", "TABLE", "THEN", "TRIGGER",
            "UNION", "UPDATE", "USING", "VACUUM", "VALUES", "VIEW", "WHEN", "WHERE", "WINDOW", "WITH", "WITHOUT",
            "PRIMARY", "KEY", "FOREIGN", "REFERENCES", "AUTOINCREMENT", "CASCADE", "UNIQUE", "CHECK", "CONSTRAINT", "NO", "ACTION",
            "RESTRICT", "TEMP", "TEMPORARY", "INSTEAD", "OF", "FOR", "EACH", "ROW", "BEFORE", "AFTER", "DEFERRABLE", "INITIALLY",
            "DEFERRED", "IMMEDIATE", "EXCLUSIVE", "TRANSACTION", "RELEASE", "SAVEPOINT", "RAISE", "RETURNING", "STRICT", "GENERATED",
            "ALWAYS", "STORED", "VIRTUAL", "NULLS", "FIRST", "LAST", "CONFLICT", "IGNORE", "FAIL", "INDEXED", "DO", "NOTHING",
            "COLUMN", "ADD", "RENAME", "TO", "ROWID"};

    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>--[^\\n]*|/\\*(?s:.*?)(\\*/|$))"
                    + "|(?<STRING>'([^']|'')*('|$))"
                    + "|(?<NAME>\"([^\"]|\"\")*(\"|$)|`[^`]*(`|$)|\\[[^\\]]*(]|$))"
                    + "|(?<NUMBER>\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b)"
                    + "|(?<KEYWORD>\\b(?i:" + String.join("|", KEYWORDS) + ")\\b)");

    private SqlHighlighting() {
    }

    /** A read-only code area showing {@code sql} highlighted, with line numbers. */
    public static CodeArea readOnly(String sql) {
        CodeArea area = new CodeArea(sql == null ? "" : sql);
        area.getStyleClass().add("sql-editor");
        area.setEditable(false);
        area.setWrapText(true);
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setStyleSpans(0, spans(area.getText()));
        return area;
    }

    /** SQLite's lexical classes as style classes: keyword, string, name, number, comment. */
    public static StyleSpans<Collection<String>> spans(String text) {
        Matcher matcher = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (matcher.find()) {
            String style = matcher.group("COMMENT") != null ? "sql-comment"
                    : matcher.group("STRING") != null ? "sql-string"
                    : matcher.group("NAME") != null ? "sql-name"
                    : matcher.group("NUMBER") != null ? "sql-number" : "sql-keyword";
            spans.add(Collections.emptyList(), matcher.start() - last);
            spans.add(Collections.singleton(style), matcher.end() - matcher.start());
            last = matcher.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }

}
