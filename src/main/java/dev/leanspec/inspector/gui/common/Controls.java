package dev.leanspec.inspector.gui.common;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.util.Duration;

/** Behaviour every screen's controls share, so that each filter and table acts the same. */
public final class Controls {

    /** How long typing must pause before a free-text filter applies. */
    public static final Duration TYPING_PAUSE = Duration.millis(300);

    private Controls() {
    }

    /**
     * Applies a free-text filter as the user types (once typing pauses) and at once on Enter,
     * as the drop-downs beside it apply at once.
     */
    public static void applyAsTyped(TextField field, Runnable apply) {
        PauseTransition pause = new PauseTransition(TYPING_PAUSE);
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
     * The filters in a tool bar that may overflow, and the count and actions on the right, kept
     * visible at any width (an Export in the overflow menu was found hidden there).
     */
    public static javafx.scene.layout.BorderPane toolBar(javafx.scene.control.ToolBar filters, javafx.scene.Node... right) {
        javafx.scene.layout.HBox actions = new javafx.scene.layout.HBox(8, right);
        actions.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        actions.setPadding(new javafx.geometry.Insets(0, 8, 0, 8));
        actions.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        actions.getStyleClass().add("tool-bar");
        javafx.scene.layout.BorderPane bar = new javafx.scene.layout.BorderPane(filters);
        bar.setRight(actions);
        filters.setMinWidth(0);
        return bar;
    }
}
