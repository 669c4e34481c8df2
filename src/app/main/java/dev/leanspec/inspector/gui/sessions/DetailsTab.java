package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/**
 * The Details tab: every field of the selected session as text, its times local and as stored;
 * above them, its runner, specs and project as links.
 */
final class DetailsTab extends Tab {

    DetailsTab(DetailsTabViewModel model) {
        super("Details");
        setId("tab-details");
        TextArea fields = new TextArea();
        fields.setId("session-detail");
        fields.setEditable(false);
        fields.getStyleClass().add("monospace");
        FlowPane links = new FlowPane();
        links.setId("session-links");
        links.getStyleClass().add("link-bar");
        model.detailProperty().addListener((o, a, d) -> {
            fields.setText(describe(d));
            links.getChildren().setAll(d == null ? List.of() : links(model, d));
        });
        BorderPane content = new BorderPane(fields);
        content.setTop(links);
        setContent(content);
    }

    /** Runner: [ok-runner]  Specs: [001-first] [002-second]  Project: [/home/me/app] [its chats] */
    private static List<Node> links(DetailsTabViewModel model, SessionDetail detail) {
        Session s = detail.session();
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Label("Runner:"));
        nodes.add(link("link-runner", s.runner(), "Open this runner in the Runners tab (in a file without one: the sessions it ran)",
                model::followRunner));
        List<String> specs = DetailsTabViewModel.specs(detail);
        if (!specs.isEmpty()) {
            nodes.add(new Label(specs.size() == 1 ? "Spec:" : "Specs:"));
            for (int i = 0; i < specs.size(); i++) {
                String spec = specs.get(i);
                nodes.add(link("link-spec-" + i, spec, "List the sessions run on " + spec, () -> model.followSpec(spec)));
            }
        }
        nodes.add(new Label("Project:"));
        nodes.add(link("link-project", s.projectPath(), "List the sessions of this project", model::followProject));
        nodes.add(link("link-project-chats", "its chats", "List the chats of this project (in this file, or in the open chat.db)",
                model::followProjectChats));
        return nodes;
    }

    private static Hyperlink link(String id, String text, String tip, Runnable follow) {
        Hyperlink link = new Hyperlink(text);
        link.setId(id);
        link.setTooltip(new Tooltip(tip));
        link.setOnAction(e -> {
            follow.run();
            link.setVisited(false); // a place, not a page: it looks the same after a visit
        });
        return link;
    }

    static String describe(SessionDetail detail) {
        if (detail == null) {
            return "";
        }
        Session s = detail.session();
        StringBuilder text = new StringBuilder();
        line(text, "id", s.id());
        line(text, "project", s.projectPath());
        line(text, "specs", String.join(", ", DetailsTabViewModel.specs(detail)));
        line(text, "runner", s.runner());
        line(text, "mode", s.mode().value() + (s.mode().isKnown() ? "" : "  (not a value LeanSpec writes)"));
        line(text, "status", s.status().value() + (s.status().isKnown() ? "" : "  (not a value LeanSpec writes)"));
        line(text, "exit code", s.exitCode() == null ? "" : s.exitCode().toString());
        line(text, "started", time(s.startedAt()));
        line(text, "ended", time(s.endedAt()));
        line(text, "duration", Formats.duration(s.durationMs()));
        line(text, "tokens", Formats.number(s.tokenCount()));
        line(text, "created", time(s.createdAt()));
        line(text, "updated", time(s.updatedAt()));
        if (s.prompt() != null) {
            text.append("\nprompt:\n").append(s.prompt()).append('\n');
        }
        if (!detail.metadata().isEmpty()) {
            text.append("\nmetadata:\n");
            for (Map.Entry<String, String> entry : detail.metadata().entrySet()) {
                text.append("  ").append(entry.getKey()).append(" = ")
                        .append(Formats.jsonOrText(entry.getValue()).replace("\n", "\n    ")).append('\n');
            }
        }
        return text.toString();
    }

    private static String time(Timestamp timestamp) {
        if (timestamp == null) {
            return "";
        }
        return timestamp.isValid() ? Formats.timestamp(timestamp) + "   (" + timestamp.text() + ")" : timestamp.text() + "  (not a valid time)";
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-10s %s%n", label + ":", value));
    }
}
