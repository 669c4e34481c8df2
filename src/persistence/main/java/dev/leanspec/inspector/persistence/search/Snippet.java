package dev.leanspec.inspector.persistence.search;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The part of a text around its match, on one line, with where the match is in it. */
record Snippet(String text, int start, int end) {

    /** Characters shown before the match. */
    private static final int BEFORE = 60;
    /** Characters shown in all, at most. */
    private static final int WIDTH = 200;

    static Snippet around(String text, List<String> terms) {
        String lower = text.toLowerCase(Locale.ROOT);
        String term = terms.stream().max(Comparator.comparingInt(String::length)).orElse("");
        int at = term.isEmpty() ? -1 : lower.indexOf(term);
        if (at < 0) {
            String shown = oneLine(text.substring(0, Math.min(text.length(), WIDTH)));
            return new Snippet(shown, 0, 0);
        }
        int from = Math.max(0, at - BEFORE);
        int to = Math.min(text.length(), Math.max(at + term.length(), from + WIDTH));
        String prefix = from > 0 ? "…" : "";
        String shown = prefix + oneLine(text.substring(from, to)) + (to < text.length() ? "…" : "");
        int start = prefix.length() + (at - from);
        return new Snippet(shown, start, Math.min(shown.length(), start + term.length()));
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
