package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.Formats;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;

import java.util.Map;

import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;

/** The Details tab: every field of the selected session as text, its times local and as stored. */
final class DetailsTab extends Tab {

    DetailsTab(DetailsTabViewModel model) {
        super("Details");
        setId("tab-details");
        TextArea fields = new TextArea();
        fields.setId("session-detail");
        fields.setEditable(false);
        fields.getStyleClass().add("monospace");
        model.detailProperty().addListener((o, a, d) -> fields.setText(describe(d)));
        setContent(fields);
    }

    static String describe(SessionDetail detail) {
        if (detail == null) {
            return "";
        }
        Session s = detail.session();
        StringBuilder text = new StringBuilder();
        line(text, "id", s.id());
        line(text, "project", s.projectPath());
        line(text, "specs", detail.specs().isEmpty() ? (s.specId() == null ? "" : s.specId()) : String.join(", ", detail.specs()));
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
