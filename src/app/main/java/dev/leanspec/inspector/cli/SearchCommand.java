package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.AppFolders;
import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.export.Json;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.search.SearchHit;
import dev.leanspec.inspector.persistence.search.SearchIndex;
import dev.leanspec.inspector.persistence.search.SearchQuery;
import dev.leanspec.inspector.persistence.search.SearchResult;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.CommandLine.Model.OptionSpec;

/**
 * Finds text anywhere in the agents' history: sessions' prompts and logs (as folded into their
 * conversations), events, conversations' messages, runners. The index is the app's, in its cache
 * folder; the files are only read.
 */
final class SearchCommand extends FileCommand {

    enum Kind { session, conversation, runner }

    private final Arg<List<String>> words = parameters(0, "TEXT", String.class, "Words that must all appear (case ignored, punctuation "
            + "as typed); quote a phrase: '\"git push --force\"'. An id, or the start of one, finds that session or conversation first.");
    private final Arg<List<Kind>> kinds = repeatable("--kind", "KIND", Kind.class, ",", "Only these: session, conversation, runner.");
    private final Arg<String> project = option("--project", "PATH", String.class, "Only this project's sessions and conversations.");
    private final Arg<String> since = option("--since", "DATE", String.class,
            "Only what happened on or after this date (2026-11-30) or instant (2026-11-30T12:00:00Z).");
    private final Arg<Integer> limit = add(OptionSpec.builder("--limit").paramLabel("N").type(int.class).defaultValue("50")
            .description("At most this many sessions, conversations and runners per file (default: ${DEFAULT-VALUE})."));
    private final Arg<Boolean> json = flag("--json", "Print a JSON array of hits: kind, id, file, where, snippet, project, at.");

    private final AppFolders folders;
    private final List<Map<String, Object>> hits = new ArrayList<>();

    SearchCommand(LeanSpecPaths paths, AppFolders folders) {
        super(paths, "search", "Find text in every session, log, event, conversation, message and runner. Never writes the files: "
                + "the index lives in the app's cache folder.");
        this.folders = folders;
    }

    @Override
    int on(Target target) {
        SearchQuery query = query();
        try (SearchIndex index = target.db().search(folders.cache())) {
            Progress progress = new Progress(err(), target.where());
            index.update(progress::tell);
            progress.done();
            SearchResult result = index.find(query);
            if (!result.indexed()) {
                err().println(target.where() + ": " + result.note());
            }
            for (SearchHit hit : result.hits()) {
                hits.add(toJson(hit, target.where()));
                if (!json.value()) {
                    out().printf("%s %s  %s  %s%n    %s%n", hit.kind().value(), hit.id(), hit.where(), target.where(), hit.snippet());
                }
            }
            return 0;
        }
    }

    @Override
    int finish(int code) {
        if (json.value()) {
            out().println(Json.write(hits));
        } else if (code == 0 && hits.isEmpty()) {
            err().println("Nothing matches " + String.join(" ", words.value()) + ".");
        }
        return code;
    }

    private SearchQuery query() {
        if (limit.value() < 1) {
            throw usage("--limit must be at least 1, was " + limit.value());
        }
        return new SearchQuery(String.join(" ", words.value()), kinds.value().stream().map(kind -> SearchHit.Kind.valueOf(kind.name().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet()), project.value(), since(), limit.value());
    }

    private Instant since() {
        if (since.value() == null) {
            return null;
        }
        try {
            return since.value().contains("T") ? Instant.parse(since.value()) : LocalDate.parse(since.value()).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw usage("--since takes a date (2026-11-30) or an instant (2026-11-30T12:00:00Z), not " + since.value());
        }
    }

    private static Map<String, Object> toJson(SearchHit hit, String file) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", hit.kind().value());
        row.put("id", hit.id());
        row.put("file", file);
        row.put("where", hit.where());
        row.put("snippet", hit.snippet());
        row.put("match", List.of(hit.matchStart(), hit.matchEnd()));
        row.put("project", hit.project());
        row.put("at", hit.at() == null ? null : hit.at().toString());
        if (hit.logId() >= 0) {
            row.put(hit.where().equals("event") ? "eventId" : "logId", hit.logId());
        }
        return row;
    }

    /** A first indexing's progress, on a terminal only: one line, rewritten in place, cleared when done. */
    private static final class Progress {
        private final PrintWriter err;
        private final String where;
        private final boolean terminal = System.console() != null;
        private boolean shown;

        Progress(PrintWriter err, String where) {
            this.err = err;
            this.where = where;
        }

        void tell(SearchIndex.Progress progress) {
            if (!terminal || !progress.stage().equals("logs")) {
                return;
            }
            shown = true;
            err.printf("\rIndexing %s for search: %s %,d%s sessions…", where, progress.stage(), progress.done(),
                    progress.total() < 0 ? "" : String.format(" of %,d", progress.total()));
            err.flush();
        }

        void done() {
            if (shown) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
