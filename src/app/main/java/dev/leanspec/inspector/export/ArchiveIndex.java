package dev.leanspec.inspector.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The archive's first page: every session and conversation by project, and a filter box. */
final class ArchiveIndex {

    /**
     * The filter: every word typed must be in a line's text; {@code ?q=} fills it in. Inlined
     * (a page opened from disk may load nothing) and allowed by its hash alone.
     */
    static final String FILTER_SCRIPT = """
            const q = document.getElementById("q");
            const items = [...document.querySelectorAll("li[data-text]")];
            const sections = [...document.querySelectorAll("section.project")];
            const shown = document.getElementById("shown");
            function apply() {
              const words = q.value.toLowerCase().split(/\\s+/).filter(w => w);
              let n = 0;
              for (const li of items) {
                const hit = words.every(w => li.dataset.text.includes(w));
                li.hidden = !hit;
                if (hit) n++;
              }
              for (const section of sections) section.hidden = !section.querySelector("li:not([hidden])");
              shown.textContent = words.length ? n + " of " + items.length + " shown" : "";
            }
            q.value = new URLSearchParams(location.search).get("q") || "";
            q.addEventListener("input", apply);
            addEventListener("beforeprint", () => document.querySelectorAll("details").forEach(d => d.open = true));
            apply();
            """;

    private ArchiveIndex() {
    }

    static String html(List<Archive.IndexGroup> groups, int sessions, int conversations) {
        Map<String, Object> params = new HashMap<>();
        params.put("groups", groups);
        params.put("summary", Archive.counts(sessions, conversations) + " in " + groups.size()
                + (groups.size() == 1 ? " project" : " projects") + ", newest first. Times are " + Times.zone() + ".");
        params.put("script", FILTER_SCRIPT);
        return TranscriptHtml.render("index.jte", params);
    }
}
