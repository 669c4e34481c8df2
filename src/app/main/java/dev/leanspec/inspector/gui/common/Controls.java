package dev.leanspec.inspector.gui.common;

import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import org.controlsfx.control.CheckComboBox;

/** Behaviour every screen's controls share, so that each filter and table acts the same. */
public final class Controls {

    /** How long typing must pause before a free-text filter applies. */
    public static final Duration TYPING_PAUSE = Duration.millis(300);

    private Controls() {
    }

    /**
     * Selects the first item of {@code list} that {@code wanted} accepts and scrolls it into view
     * (a search's hit among a session's lines or events); nothing when none does.
     */
    public static <T> void selectFirst(ListView<T> list, Predicate<T> wanted) {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (wanted.test(list.getItems().get(i))) {
                list.getSelectionModel().clearAndSelect(i);
                list.scrollTo(i);
                return;
            }
        }
    }

    /**
     * Applies a free-text filter as the user types (once typing pauses) and at once on Enter,
     * as the drop-downs beside it apply at once.
     */
    public static void applyAsTyped(TextField field, Runnable apply) {
        applyAsTyped(field, TYPING_PAUSE, apply);
    }

    /** The same, after a pause of its own: {@code wait} after the last key. */
    public static void applyAsTyped(TextField field, Duration wait, Runnable apply) {
        PauseTransition pause = new PauseTransition(wait);
        pause.setOnFinished(e -> apply.run());
        field.textProperty().addListener((o, was, now) -> pause.playFromStart());
        field.setOnAction(e -> {
            pause.stop();
            apply.run();
        });
    }

    /** A placeholder that says "Loading…" while {@code loading}, and {@code empty} after. */
    public static Label placeholder(ObservableBooleanValue loading, String empty) {
        Label label = new Label();
        label.textProperty().bind(Bindings.when(loading).then("Loading…").otherwise(empty));
        return label;
    }

    /**
     * What an empty list says: "Loading…", then that nothing matches the filters when some are
     * set, or that the file has none when none is ("No conversations match." on a file without
     * any read as if the user had filtered them away).
     */
    public static Label placeholder(ObservableBooleanValue loading, ObservableBooleanValue filtered, String noMatch, String none) {
        Label label = new Label();
        label.textProperty().bind(Bindings.when(loading).then("Loading…")
                .otherwise(Bindings.when(filtered).then(noMatch).otherwise(none)));
        return label;
    }

    /**
     * A combo box whose empty choice ("" or null: no filter) reads as {@code all}, in the list and
     * in the box once chosen.
     */
    public static void showEmptyAs(ComboBox<String> box, String all) {
        box.setCellFactory(list -> cell(all));
        box.setButtonCell(cell(all));
    }

    private static ListCell<String> cell(String all) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? all : item == null || item.isEmpty() ? all : item);
            }
        };
    }

    /**
     * The filters, wrapping onto more lines when the window is narrow, and the count and actions on the right, kept
     * visible at any width (an Export in the overflow menu was found hidden there).
     */
    public static BorderPane toolBar(List<? extends Node> filters, Node... right) {
        // The filters wrap onto a second line when the window is narrow; a ToolBar would hide
        // what does not fit behind its "»" (the search box, at 1024 px).
        FlowPane left = new FlowPane(8, 4);
        left.getChildren().setAll(filters);
        left.setPadding(new Insets(4, 8, 4, 8));
        left.setAlignment(Pos.CENTER_LEFT);
        left.setMinWidth(0);
        left.setPrefWrapLength(400);
        HBox actions = new HBox(8, right);
        actions.setAlignment(Pos.CENTER_RIGHT);
        actions.setPadding(new Insets(0, 8, 0, 8));
        actions.setMinWidth(Region.USE_PREF_SIZE);
        BorderPane bar = new BorderPane(left);
        bar.setRight(actions);
        bar.getStyleClass().add("filter-bar");
        return bar;
    }

    /**
     * A drop-down of check boxes kept in step with {@code checked} both ways: the user's checks
     * set it and call {@code changed}; values set from elsewhere (a dashboard's click) show as
     * checks, added to the choices if they are not among them. Its title says "Title: all" or
     * "Title (checked/all)".
     */
    public static CheckComboBox<String> checks(String title, ObservableList<String> choices, ObservableList<String> checked,
                                               Runnable changed) {
        CheckComboBox<String> box = new CheckComboBox<>(choices);
        // Our own "(checked/all)": ControlsFX's is not recomputed when the choices arrive later.
        box.titleProperty().bind(Bindings.createStringBinding(() -> checked.isEmpty()
                ? title + ": all" : title + " (" + checked.size() + "/" + choices.size() + ")", checked, choices));
        boolean[] syncing = {false};
        box.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            if (syncing[0]) {
                return;
            }
            checked.setAll(box.getCheckModel().getCheckedItems());
            changed.run();
        });
        checked.addListener((ListChangeListener<String>) c -> {
            if (new HashSet<>(checked).equals(new HashSet<>(box.getCheckModel().getCheckedItems()))) {
                return;
            }
            syncing[0] = true;
            try {
                box.getCheckModel().clearChecks();
                checked.forEach(value -> {
                    if (!choices.contains(value)) {
                        choices.add(value);
                    }
                    box.getCheckModel().check(value);
                });
            } finally {
                syncing[0] = false;
            }
        });
        return box;
    }

    /** The same over fixed choices. */
    public static CheckComboBox<String> checks(String title, List<String> choices, ObservableList<String> checked, Runnable changed) {
        return checks(title, FXCollections.observableArrayList(choices), checked, changed);
    }
}
