package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.cli.Targets.Target;
import dev.leanspec.inspector.export.Json;
import dev.leanspec.inspector.export.TranscriptJson;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;
import dev.leanspec.inspector.persistence.chat.ChatStore;
import dev.leanspec.inspector.persistence.chat.ConversationQuery;
import dev.leanspec.inspector.persistence.runners.Runner;
import dev.leanspec.inspector.persistence.runners.RunnerStore;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.persistence.sessions.SessionSort;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import picocli.CommandLine.Model.OptionSpec;

/**
 * Browsing from the terminal: the window's lists with the window's filters, on every known shape,
 * read-only and without migrating. Rows come in keyset pages; {@code --limit} says where to stop,
 * and a list that stops early says so on stderr.
 */
final class ListCommand extends FileCommand {

    enum What { sessions, conversations, runners }

    private final Arg<What> what = parameter(0, "WHAT", What.class, "sessions, conversations or runners");
    private final Arg<List<String>> statuses = repeatable("--status", "STATUS", String.class, ",",
            "Sessions with these statuses (pending, running, completed, ...).");
    private final Arg<List<String>> runners = repeatable("--runner", "RUNNER", String.class, ",", "Sessions of these runners.");
    private final Arg<List<String>> modes = repeatable("--mode", "MODE", String.class, ",", "Sessions in these modes (guided, autonomous, ralph).");
    private final Arg<String> onSpec = option("--spec", "SPEC", String.class, "Sessions on this spec.");
    private final Arg<String> project = option("--project", "PROJECT", String.class,
            "Only this project (sessions: its path; conversations: its id).");
    private final Arg<String> text = option("--text", "TEXT", String.class,
            "Sessions whose id, project, spec, runner or prompt contains TEXT; conversations whose title does.");
    private final Arg<Boolean> archived = option("--archived", "BOOL", Boolean.class,
            "Conversations that are (true) or are not (false) archived.");
    private final Arg<String> sort = add(OptionSpec.builder("--sort").paramLabel("COLUMN").type(String.class).defaultValue("created_at")
            .description("Sessions sorted by created_at (default), started_at, updated_at, status, runner, mode, project or id."));
    private final Arg<Boolean> ascending = flag("--asc", "Oldest (or A) first; the default is newest first.");
    private final Arg<Integer> limit = add(OptionSpec.builder("--limit").paramLabel("N").type(int.class).defaultValue("100")
            .description("At most N rows per file (default ${DEFAULT-VALUE}; 0: all, in pages)."));
    private final Arg<Boolean> json = flag("--json", "Print a JSON array of rows, every field by its name.");

    private final List<Map<String, Object>> rows = new ArrayList<>();
    /** The files read for runners, and whether any of them has a runners table. */
    private final List<String> readForRunners = new ArrayList<>();
    private boolean anyRunnersTable;

    ListCommand(LeanSpecPaths paths) {
        super(paths, "list", "List sessions, conversations or runners of a file, read-only, whatever its shape.");
    }

    @Override
    int on(Target target) {
        boolean holds = switch (what.value()) {
            case sessions -> target.kind().hasSessions();
            case conversations -> target.kind().hasConversations();
            case runners -> target.kind() == DatabaseKind.LEANSPEC;
        };
        if (what.value() == What.runners && (holds || !target.named())) {
            readForRunners.add(target.where());
        }
        if (!holds) {
            if (!target.named()) {
                return 0; // a default file of another kind: nothing of this to list there
            }
            throw PersistenceException.of(Reason.INVALID_ARGUMENT, target.location(),
                    target.where() + " is a " + target.kind().fileName() + ": it has no " + what.value() + ".");
        }
        if (limit.value() < 0) {
            throw PersistenceException.of(Reason.INVALID_ARGUMENT, target.location(), "--limit must be 0 or more, was " + limit.value() + ".");
        }
        List<Map<String, Object>> fileRows = switch (what.value()) {
            case sessions -> sessions(target);
            case conversations -> conversations(target);
            case runners -> runners(target);
        };
        if (fileRows == null) {
            return 0; // no runners table: said once for every file, at the end
        }
        rows.addAll(fileRows);
        if (!json.value()) {
            print(target, fileRows);
        }
        return 0;
    }

    @Override
    int finish(int code) {
        if (json.value()) {
            out().println(Json.write(rows));
        }
        if (what.value() == What.runners && !readForRunners.isEmpty() && !anyRunnersTable) {
            // An empty list says nothing of why: LeanSpec kept runners in runners.json until 0.2.27.
            err().println("None of the files read has runners (" + String.join(", ", readForRunners) + "): LeanSpec keeps them "
                    + "in leanspec.db from 0.2.27 on; before, in runners.json beside it.");
        }
        return code;
    }

    private List<Map<String, Object>> sessions(Target target) {
        SessionQuery query = SessionQuery.all()
                .withStatuses(statuses.value().stream().map(SessionStatus::new).collect(Collectors.toSet()))
                .withRunners(new LinkedHashSet<>(runners.value()))
                .withModes(modes.value().stream().map(SessionMode::new).collect(Collectors.toSet()))
                .withSpec(onSpec.value()).withProject(project.value()).withText(text.value())
                .withSort(new SessionSort(sortColumn(target), !ascending.value()));
        try (SessionStore store = target.db().sessions()) {
            SessionStore shown = store.withTextLimit(10_000);
            return pages(target, page -> store.list(query, page), session -> {
                SessionDetail detail = store.get(session.id()).orElse(new SessionDetail(session, Map.of(), List.of()));
                // What LeanSpec's list showed per session: the protocol, the active tool call, the plan's progress.
                return TranscriptJson.sessionRow(target.where(), detail, SessionSummary.read(shown, session.id(), detail.metadata()));
            });
        }
    }

    private SessionSort.Column sortColumn(Target target) {
        String column = sort.value().toUpperCase(Locale.ROOT).replace('-', '_');
        if (column.equals("PROJECT_PATH")) {
            column = "PROJECT";
        }
        try {
            return SessionSort.Column.valueOf(column);
        } catch (IllegalArgumentException e) {
            throw PersistenceException.of(Reason.INVALID_ARGUMENT, target.location(), "--sort " + sort.value() + " is not a session column; use "
                    + String.join(", ", Arrays.stream(SessionSort.Column.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList())
                    + ".");
        }
    }

    private List<Map<String, Object>> conversations(Target target) {
        ConversationQuery query = ConversationQuery.all().withProject(project.value()).withArchived(archived.value()).withTitleText(text.value());
        try (ChatStore store = target.db().chat()) {
            return pages(target, page -> store.conversations(query, page), c -> TranscriptJson.conversationRow(target.where(), c));
        }
    }

    /** The file's runners; null when it has no runners table (LeanSpec before 0.2.27). */
    private List<Map<String, Object>> runners(Target target) {
        try (RunnerStore store = target.db().runners()) {
            if (!store.hasRunners()) {
                return null;
            }
            anyRunnersTable = true;
            return pages(target, store::list, r -> runnerRow(target, r));
        }
    }

    /** Reads keyset pages until {@code --limit} rows (or all of them); says on stderr where it stopped. */
    private <T> List<Map<String, Object>> pages(Target target, Function<PageRequest, Page<T>> read, Function<T, Map<String, Object>> row) {
        List<Map<String, Object>> result = new ArrayList<>();
        int size = limit.value() == 0 ? 500 : Math.min(limit.value(), 500);
        PageRequest request = PageRequest.first(size);
        while (true) {
            Page<T> page = read.apply(request);
            for (T item : page.items()) {
                if (limit.value() > 0 && result.size() == limit.value()) {
                    err().printf("%s: showing the first %s; there are more (use --limit N, or --limit 0 for all).%n",
                            target.where(), limit.value() == 1 ? singular() : String.format("%,d %s", limit.value(), what.value()));
                    return result;
                }
                result.add(row.apply(item));
            }
            if (!page.hasNext()) {
                return result;
            }
            request = page.nextRequest(size).orElseThrow();
        }
    }

    private static Map<String, Object> runnerRow(Target target, Runner r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", target.where());
        row.put("scope", r.scope());
        row.put("projectPath", r.projectPath());
        row.put("id", r.id());
        row.put("isDefault", r.isDefault());
        row.put("configJson", r.configJson());
        row.put("createdAt", r.createdAt().text());
        row.put("updatedAt", r.updatedAt().text());
        return row;
    }

    /** The columns printed per kind, each under the window's word for it. */
    private static final Map<What, Map<String, String>> COLUMNS = Map.of(
            What.sessions, ordered("id", "ID", "status", "STATUS", "runner", "RUNNER", "protocol", "PROTOCOL", "planProgress", "PLAN",
                    "activeToolCall", "ACTIVE TOOL", "specs", "SPECS", "startedAt", "STARTED", "projectPath", "PROJECT"),
            What.conversations, ordered("id", "ID", "projectId", "PROJECT", "messageCount", "MESSAGES", "updatedAt", "UPDATED",
                    "title", "TITLE"),
            What.runners, ordered("scope", "SCOPE", "id", "ID", "isDefault", "DEFAULT", "projectPath", "PROJECT", "configJson", "CONFIG"));

    private static Map<String, String> ordered(String... keysAndHeaders) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < keysAndHeaders.length; i += 2) {
            columns.put(keysAndHeaders[i], keysAndHeaders[i + 1]);
        }
        return columns;
    }

    private String singular() {
        return what.value().name().substring(0, what.value().name().length() - 1);
    }

    private void print(Target target, List<Map<String, Object>> fileRows) {
        var out = out();
        String noun = fileRows.size() == 1 ? singular() : what.value().name();
        out.printf("%s  %s (%,d %s)%n", target.kind().fileName(), target.where(), fileRows.size(), noun);
        Map<String, String> columns = COLUMNS.get(what.value());
        Map<String, Integer> widths = new LinkedHashMap<>();
        columns.forEach((column, header) -> {
            int width = header.length();
            for (Map<String, Object> row : fileRows) {
                width = Math.max(width, Math.min(60, cell(row.get(column)).length()));
            }
            widths.put(column, width);
        });
        StringBuilder headers = new StringBuilder(" ");
        columns.forEach((column, header) -> headers.append(' ').append(pad(header, widths.get(column))));
        out.println(headers.toString().stripTrailing());
        for (Map<String, Object> row : fileRows) {
            StringBuilder line = new StringBuilder(" ");
            columns.keySet().forEach(c -> line.append(' ').append(pad(cell(row.get(c)), widths.get(c))));
            out.println(line.toString().stripTrailing());
        }
        out.println();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : value.toString();
        text = text.replace('\n', ' ').replace('\t', ' ');
        return text.length() > 60 ? text.substring(0, 59) + "…" : text;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
