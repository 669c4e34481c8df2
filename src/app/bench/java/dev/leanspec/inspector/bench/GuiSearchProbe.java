package dev.leanspec.inspector.bench;

import static dev.leanspec.inspector.bench.ProbeFx.onFx;
import static dev.leanspec.inspector.bench.ProbeFx.waitFor;

import dev.leanspec.inspector.gui.InspectorApp;
import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.health.HealthViewModel;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.OpenFileViewModel;
import dev.leanspec.inspector.gui.main.Settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * Figure 14d, in its own JVM: the legacy pair open in the real window, their indexes built, and
 * words typed into the search field a key at a time, at a typist's pace. Each word's last key is
 * timed from the moment the field takes it to the end of the first layout pulse after the hits
 * answering the whole word are shown (laid out then, drawn in that pulse): the pause the field
 * waits for more keys, the catch-up, the query, the snippets and the list's layout. Prints one
 * JSON line.
 */
public final class GuiSearchProbe {

    /** Between two keys: a steady typist, ~6 keys a second. */
    private static final long KEY_GAP_MS = 160;

    private GuiSearchProbe() {
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

    /** An answer shown, or a layout pulse, as the FX thread saw them. */
    private record Moment(String what, long at) {
    }

    private static void probe(String[] args) throws Exception {
        List<Path> files = List.of(Path.of(args[0]), Path.of(args[1]));
        Path cacheDir = Path.of(args[2]);
        int repetitions = Integer.parseInt(args[3]);
        List<String> words = List.of(args).subList(4, args.length);

        Platform.startup(() -> {
        });
        Stage[] stage = new Stage[1];
        MainViewModel[] window = new MainViewModel[1];
        List<Moment> moments = new CopyOnWriteArrayList<>();
        onFx(() -> {
            stage[0] = new Stage();
            MainViewModel model = new MainViewModel(FxTaskRunner::new, new FxDialogService(stage[0]), Settings.inMemory(),
                    Files.createTempDirectory("search-probe"), cacheDir);
            window[0] = model;
            stage[0].setScene(InspectorApp.scene(model, stage[0]::close));
            stage[0].setWidth(1280);
            stage[0].setHeight(800);
            stage[0].show();
            model.openAll(files);
            model.search().answeredProperty().addListener((o, was, text) -> moments.add(new Moment("answered " + text, System.nanoTime())));
            stage[0].getScene().addPostLayoutPulseListener(() -> moments.add(new Moment("pulse", System.nanoTime())));
            return null;
        });
        MainViewModel model = window[0];
        // Both files read, and their Health checks (which read every row) done: they would take a core meanwhile.
        waitFor(600, () -> model.files().size() == files.size() && model.files().stream().allMatch(GuiSearchProbe::settled) ? Boolean.TRUE : null);
        TextField field = waitFor(60, () -> stage[0].getScene().lookup("#search-field") instanceof TextField f ? f : null);

        List<Double> all = new ArrayList<>();
        StringBuilder perWord = new StringBuilder();
        int hits = 0;
        for (String word : words) {
            List<Double> times = new ArrayList<>();
            for (int round = 0; round <= repetitions; round++) { // round 0 warms up
                onFx(() -> {
                    field.clear();
                    field.requestFocus();
                    return null;
                });
                waitFor(10, () -> model.search().hits().isEmpty() && !model.search().busyProperty().get() ? Boolean.TRUE : null);
                long last = 0;
                for (int i = 0; i < word.length(); i++) {
                    if (i > 0) {
                        Thread.sleep(KEY_GAP_MS);
                    }
                    String key = word.substring(i, i + 1);
                    last = onFx(() -> {
                        long now = System.nanoTime();
                        field.fireEvent(new KeyEvent(KeyEvent.KEY_TYPED, key, key, KeyCode.UNDEFINED, false, false, false, false));
                        return now;
                    });
                }
                long typed = last;
                // The answer to the whole word, then the layout pulse that lays its hits out.
                long drawn = waitFor(30, () -> {
                    boolean answered = false;
                    for (Moment moment : moments) {
                        if (moment.at() < typed) {
                            continue;
                        }
                        if (!answered) {
                            answered = moment.what().equals("answered " + word);
                        } else if (moment.what().equals("pulse")) {
                            return moment.at();
                        }
                    }
                    return null;
                }, 5);
                if (!field.getText().equals(word)) {
                    throw new IllegalStateException("the field holds '" + field.getText() + "', not '" + word + "'");
                }
                hits = onFx(() -> model.search().hits().size());
                if (hits == 0) {
                    throw new IllegalStateException("nothing found for '" + word + "': " + model.search().statusProperty().get());
                }
                if (round > 0) {
                    times.add((drawn - typed) / 1e6);
                }
            }
            all.addAll(times);
            times.sort(null);
            perWord.append(perWord.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "{\"word\":\"%s\",\"hits\":%d,\"medianMs\":%.1f,\"maxMs\":%.1f}",
                    word.replace("\"", "\\\""), hits, times.get(times.size() / 2), times.getLast()));
        }
        all.sort(null);
        ListView<?> list = onFx(() -> (ListView<?>) stage[0].getScene().lookup("#search-hits"));
        System.out.printf(Locale.ROOT, "{\"medianMs\":%.1f,\"maxMs\":%.1f,\"keysTimed\":%d,\"listed\":%d,\"words\":[%s]}%n",
                all.get(all.size() / 2), all.getLast(), all.size(), onFx(() -> list.getItems().size()), perWord);
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }

    /** A file read and its Health check through. */
    private static boolean settled(OpenFileViewModel file) {
        return file.browsableProperty().get() && file.health().map(GuiSearchProbe::checked).orElse(true);
    }

    private static boolean checked(HealthViewModel health) {
        return !health.busyProperty().get() && !health.summaryProperty().get().equals("Not examined yet.");
    }
}
