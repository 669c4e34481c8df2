package dev.leanspec.inspector.bench;

import static dev.leanspec.inspector.bench.ProbeFx.onFx;
import static dev.leanspec.inspector.bench.ProbeFx.waitFor;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.gui.InspectorApp;
import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.Settings;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Figures 8c and 8d, in their own JVM: two ACP sessions of {@code lines} log lines each (message
 * and thought chunks, tool calls with updates, plans, as a real agent streams them), opened in the
 * real window. 8c: from selecting a session to its conversation's first screen drawn (median of
 * alternating selections, each shown whole before the next). 8d: the conversation dragged top to bottom, the longest frame on the FX
 * thread meanwhile. Prints one JSON line.
 */
public final class GuiTranscriptProbe {

    private GuiTranscriptProbe() {
    }

    public static void main(String[] args) {
        try {
            probe(args);
        } catch (Exception | Error e) {
            // JavaFX's thread would keep the JVM (and the benchmark waiting on it) alive.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void probe(String[] args) throws Exception {
        int lines = Integer.parseInt(args[0]);
        int repetitions = Integer.parseInt(args[1]);
        Path file = Files.createTempDirectory("transcript-probe").resolve("leanspec.db");
        write(file, lines);

        Platform.startup(() -> {
        });
        Stage[] stage = new Stage[1];
        onFx(() -> {
            stage[0] = new Stage();
            MainViewModel model = new MainViewModel(FxTaskRunner::new, new FxDialogService(stage[0]), Settings.inMemory(),
                    Files.createTempDirectory("probe"));
            stage[0].setScene(InspectorApp.scene(model, stage[0]::close));
            stage[0].show();
            model.open(file);
            return null;
        });
        TableView<?> table = waitFor(60, () -> stage[0].getScene().lookup("#sessions-table") instanceof TableView<?> t
                && t.getItems().size() == 2 && t.getItems().get(1) != null ? t : null);
        // The Conversation tab's list joins the scene when an ACP session first turns to it.
        ListView<?>[] shown = {null};
        List<Double> firstScreens = new ArrayList<>();
        for (int i = 0; i < repetitions + 1; i++) {
            int row = i % 2;
            long start = System.nanoTime();
            onFx(() -> {
                table.getSelectionModel().select(row);
                return null;
            });
            if (shown[0] == null) {
                shown[0] = waitFor(60, () -> stage[0].getScene().lookup("#session-conversation") instanceof ListView<?> l ? l : null);
            }
            ListView<?> conversation = shown[0];
            waitFor(60, () -> drawn(conversation, 0) ? Boolean.TRUE : null, 2);
            if (i > 0) { // the first is the warm-up: classes load, the tab is laid out once
                firstScreens.add((System.nanoTime() - start) / 1e6);
            }
            // The rest of the session folds on after the first screen; the next click waits for it,
            // as a reader would (a click meanwhile stops the fold, tested apart).
            waitFor(60, () -> stage[0].getScene().lookup("#conversation-summary") instanceof Label l
                    && l.getText().contains(" entries from ") && !l.getText().startsWith("Reading") ? Boolean.TRUE : null);
        }
        firstScreens.sort(null);
        double firstScreen = firstScreens.get(firstScreens.size() / 2);
        ListView<?> conversation = shown[0];
        int entries = onFx(() -> conversation.getItems().size());

        long[] lastFrame = {0};
        long[] longestGap = {0};
        long[] slowFrames = {0};
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastFrame[0] != 0) {
                    longestGap[0] = Math.max(longestGap[0], now - lastFrame[0]);
                    slowFrames[0] += now - lastFrame[0] > 100_000_000L ? 1 : 0;
                }
                lastFrame[0] = now;
            }
        };
        onFx(() -> {
            frames.start();
            return null;
        });
        int stops = Math.min(entries, 400);
        for (int stop = 0; stop <= stops; stop++) {
            int index = (int) ((long) stop * (entries - 1) / stops);
            onFx(() -> {
                conversation.scrollTo(index);
                return null;
            });
            waitFor(10, () -> drawn(conversation, index) ? Boolean.TRUE : null, 2);
        }
        onFx(() -> {
            frames.stop();
            return null;
        });
        System.out.printf(java.util.Locale.ROOT,
                "{\"lines\":%d,\"entries\":%d,\"firstScreenMs\":%.1f,\"longestFrameMs\":%.1f,\"framesOver100Ms\":%d}%n",
                lines, entries, firstScreen, longestGap[0] / 1e6, slowFrames[0]);
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }

    /** Whether the list shows entry {@code index} in a laid-out cell. */
    private static boolean drawn(ListView<?> list, int index) {
        if (list.getItems().size() <= index || !list.isVisible()) {
            return false;
        }
        for (Node node : list.lookupAll(".list-cell")) {
            if (node instanceof ListCell<?> cell && cell.getIndex() == index && cell.getItem() != null && cell.isVisible()
                    && cell.getHeight() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Two sessions, each a long agent turn after turn, as LeanSpec 0.2.28 stores ACP updates. */
    static void write(Path file, int lines) throws Exception {
        Timestamp now = Timestamp.of(java.time.Instant.parse("2026-03-01T00:00:00Z"));
        try (SessionStore store = SessionStore.open(Location.of(file))) {
            for (String id : List.of("acp-a", "acp-b")) {
                store.insert(SessionDetail.of(new Session(id, "/p", null, "acp-agent", new SessionMode("autonomous"),
                        new SessionStatus("completed"), 0L, now, now, 1_000L, null, now, now, "Refactor the module")));
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO session_logs (session_id, timestamp, level, message) VALUES (?, '2026-03-01T00:00:00Z', 'info', ?)")) {
            db.setAutoCommit(false);
            for (String id : List.of("acp-a", "acp-b")) {
                for (int i = 0; i < lines; i++) {
                    insert.setString(1, id);
                    insert.setString(2, "{\"__acp_method\":\"session/update\",\"params\":{\"update\":" + update(i) + "}}");
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            db.commit();
        }
    }

    /** Line {@code i} of a turn of 50: thoughts, a tool call and its update, message chunks, a plan. */
    private static String update(int i) {
        int turn = i / 50;
        return switch (i % 50) {
            case 0, 1, 2 -> "{\"content\":{\"text\":\"Thinking about step " + turn + ". \"},\"sessionUpdate\":\"agent_thought_chunk\"}";
            case 3 -> "{\"kind\":\"read\",\"rawInput\":{\"path\":\"src/File" + turn + ".java\"},\"sessionUpdate\":\"tool_call\",\"status\":\"in_progress\",\"title\":\"read_file\",\"toolCallId\":\"t" + turn + "\"}";
            case 4 -> "{\"rawOutput\":{\"lines\":120},\"sessionUpdate\":\"tool_call_update\",\"status\":\"completed\",\"toolCallId\":\"t" + turn + "\"}";
            case 5 -> "{\"entries\":[{\"content\":\"Read\",\"status\":\"completed\"},{\"content\":\"Edit\",\"status\":\"in_progress\"}],\"sessionUpdate\":\"plan\"}";
            case 49 -> "{\"content\":{\"text\":\"Done with step " + turn + ".\\n\"},\"done\":true,\"sessionUpdate\":\"agent_message_chunk\"}";
            default -> "{\"content\":{\"text\":\"- changed `method" + i + "()` in **File" + turn + "** \"},\"sessionUpdate\":\"agent_message_chunk\"}";
        };
    }
}
