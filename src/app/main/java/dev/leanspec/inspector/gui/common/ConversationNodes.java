package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.persistence.chat.Part;
import dev.leanspec.inspector.persistence.transcript.Entry;

import java.util.List;

import javafx.beans.binding.DoubleExpression;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The nodes of a conversation, as LeanSpec's own web UI drew them: the user's text as a bubble,
 * the agent's as Markdown, reasoning folded, tool calls as cards (name, state in colour, input and
 * output as JSON to unfold), the plan as a checklist with its progress, permission requests with
 * their options, mode changes as a line. Used for an agent session's transcript and for a chat
 * message's parts alike.
 */
public final class ConversationNodes {

    private ConversationNodes() {
    }

    /** One entry of a session's conversation. */
    public static Node entry(Entry entry, DoubleExpression width) {
        return switch (entry) {
            case Entry.Message m -> m.role().equals("user")
                    ? bubble(m.text(), width)
                    : Markdown.render(m.text() + (m.done() ? "" : " …"), width);
            case Entry.Thought t -> folded("Reasoning", Markdown.render(t.text(), width.subtract(24)), "reasoning");
            case Entry.ToolCall c -> toolCard(c.title(), c.kind(), c.status(), c.input(), c.output(), null, c.locations(), width);
            case Entry.Plan p -> plan(p);
            case Entry.PermissionRequest r -> permission(r, width);
            case Entry.ModeChange m -> note("Mode: " + m.mode());
            case Entry.Lifecycle l -> note(l.text(), l.level().equals("error") ? "note-error" : "note");
            case Entry.Raw r -> note(r.level() + ": " + r.text(), "note-raw");
        };
    }

    /** One part of a chat message. */
    public static Node part(Part part, DoubleExpression width) {
        return switch (part) {
            case Part.Text t -> Markdown.render(t.text(), width);
            case Part.Reasoning r -> folded("Reasoning", Markdown.render(r.text(), width.subtract(24)), "reasoning");
            case Part.ToolUse u -> toolCard(u.name(), null, u.error() ? "failed" : u.output() == null ? "no result" : "completed",
                    u.input(), u.output(), u.errorText(), List.of(), width);
            case Part.File f -> link("File: " + (f.filename() != null ? f.filename() : f.url())
                    + (f.mediaType() == null ? "" : "  (" + f.mediaType() + ")"), f.url());
            case Part.Source s -> s.url() == null
                    ? note("Source: " + (s.title() != null ? s.title() : s.id()))
                    : link("Source: " + (s.title() != null ? s.title() : s.url()), s.url());
            case Part.Unknown u -> folded("Part of type " + (u.type().isEmpty() ? "?" : u.type()), json(u.json()), "unknown-part");
        };
    }

    private static Node bubble(String text, DoubleExpression width) {
        VBox bubble = Markdown.render(text, width.multiply(0.8).subtract(20), false);
        bubble.getStyleClass().add("bubble-user");
        bubble.setPadding(new Insets(6, 10, 6, 10));
        bubble.setMaxWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(bubble);
        row.setAlignment(Pos.CENTER_RIGHT);
        return row;
    }

    private static Node toolCard(String name, String kind, String status, String input, String output, String error,
                                 List<String> locations, DoubleExpression width) {
        Label title = new Label("Tool: " + name + (kind == null ? "" : "  · " + kind));
        title.getStyleClass().add("tool-title");
        Label state = new Label(status);
        state.getStyleClass().setAll("badge", "tool-" + status.replace(' ', '-'));
        VBox card = new VBox(4, new HBox(10, title, state));
        card.getStyleClass().add("tool-card");
        card.setPadding(new Insets(6, 8, 6, 8));
        if (!locations.isEmpty()) {
            card.getChildren().add(note("Files: " + String.join(", ", locations)));
        }
        if (input != null && !input.equals("null")) {
            card.getChildren().add(folded("Input", json(input), "tool-json"));
        }
        if (output != null) {
            card.getChildren().add(folded("Output", json(output), "tool-json"));
        }
        if (error != null) {
            Label message = new Label(error);
            message.getStyleClass().add("tool-error");
            message.setWrapText(true);
            card.getChildren().add(message);
        }
        card.maxWidthProperty().bind(width);
        return card;
    }

    private static Node plan(Entry.Plan plan) {
        VBox list = new VBox(2);
        list.getStyleClass().add("plan");
        Label title = new Label("Plan  " + plan.progress());
        title.getStyleClass().add("tool-title");
        list.getChildren().add(title);
        for (Entry.PlanStep step : plan.entries()) {
            String mark = switch (step.status()) {
                case "completed" -> "✓";
                case "in_progress" -> "⟳";
                default -> "○";
            };
            Label line = new Label(mark + "  " + step.title() + (step.priority() == null ? "" : "  (" + step.priority() + ")"));
            line.getStyleClass().add("plan-" + step.status().replace('_', '-'));
            list.getChildren().add(line);
        }
        list.setPadding(new Insets(6, 8, 6, 8));
        return list;
    }

    private static Node permission(Entry.PermissionRequest request, DoubleExpression width) {
        VBox card = new VBox(4);
        card.getStyleClass().add("permission-card");
        card.setPadding(new Insets(6, 8, 6, 8));
        Label title = new Label("Permission asked: " + request.tool());
        title.getStyleClass().add("tool-title");
        card.getChildren().add(title);
        if (request.input() != null && !request.input().equals("null")) {
            card.getChildren().add(folded("Input", json(request.input()), "tool-json"));
        }
        // What the user could answer in LeanSpec's UI, as plain words (chips looked like buttons to
        // press). The answer itself is not in the log: LeanSpec wrote it to the agent's stdin, and
        // only the agent's output was stored.
        Label options = new Label("Options offered: " + String.join(" · ", request.options().stream()
                .map(option -> option.name() == null || option.name().isEmpty() ? option.id() : option.name()).toList())
                + "  (the answer is not recorded in the log)");
        options.getStyleClass().add("permission-options");
        options.setWrapText(true);
        card.getChildren().add(options);
        card.maxWidthProperty().bind(width);
        return card;
    }

    private static TitledPane folded(String title, Node content, String style) {
        TitledPane pane = new TitledPane(title, content);
        pane.setExpanded(false);
        pane.setAnimated(false);
        pane.getStyleClass().add(style);
        return pane;
    }

    private static Node json(String text) {
        Label body = new Label(Formats.jsonOrText(text));
        body.getStyleClass().add("monospace");
        body.setWrapText(true);
        body.setMinHeight(Region.USE_PREF_SIZE);
        return body;
    }

    private static Node note(String text) {
        return note(text, "note");
    }

    private static Node note(String text, String style) {
        Label note = new Label(text);
        note.getStyleClass().add(style);
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        return note;
    }

    private static Node link(String text, String url) {
        Hyperlink link = new Hyperlink(text);
        link.setOnAction(e -> Markdown.openLinks(url));
        return link;
    }
}
