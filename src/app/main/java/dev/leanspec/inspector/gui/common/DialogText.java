package dev.leanspec.inspector.gui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A dialog's text, sized to it: sentences wrap at a readable width, and lines that a message
 * aligns in columns with spaces ("Ctrl+O        Open a file", a table's row counts) become a grid,
 * since spaces align nothing in a proportional font. Only a text taller than a screenful scrolls.
 * The context menu and Ctrl+C copy the text as it was given.
 */
public final class DialogText {

    /** The widest a line of text is made before it wraps. */
    public static final double WIDTH = 560;
    private static final double MAX_HEIGHT = 480;
    /** Two spaces or more between words: a column break in a text aligned with spaces. */
    private static final Pattern COLUMNS = Pattern.compile("\\S {2,}\\S");

    private DialogText() {
    }

    /** The node showing {@code text}; its id is {@code dialog-text}, its user data the text. */
    public static Node of(String text) {
        VBox box = new VBox(8);
        box.setMaxWidth(WIDTH);
        List<String> grid = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (COLUMNS.matcher(line).find()) {
                grid.add(line);
                continue;
            }
            flush(grid, box);
            if (!line.isBlank()) {
                Label sentence = new Label(line.strip());
                sentence.setWrapText(true);
                sentence.setMaxWidth(WIDTH);
                sentence.setMinHeight(Region.USE_PREF_SIZE);
                sentence.setPadding(new Insets(0, 0, 0, indent(line)));
                box.getChildren().add(sentence);
            }
        }
        flush(grid, box);
        Node shown = box;
        if (text.lines().count() > 24) {
            ScrollPane scroll = new ScrollPane(box);
            scroll.setFitToWidth(true);
            scroll.setPrefViewportWidth(WIDTH + 16);
            scroll.setPrefViewportHeight(MAX_HEIGHT);
            shown = scroll;
        }
        shown.setId("dialog-text");
        shown.setUserData(text);
        copyable(shown, text);
        return shown;
    }

    /** The rows gathered so far as a grid: each row's cells split where two spaces or more stood. */
    private static void flush(List<String> rows, VBox box) {
        if (rows.isEmpty()) {
            return;
        }
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(2);
        grid.getStyleClass().add("dialog-grid");
        for (int row = 0; row < rows.size(); row++) {
            String line = rows.get(row);
            String[] cells = line.strip().split(" {2,}");
            for (int column = 0; column < cells.length; column++) {
                Label cell = new Label(cells[column]);
                cell.setWrapText(column == cells.length - 1);
                if (column == 0) {
                    cell.setPadding(new Insets(0, 0, 0, indent(line)));
                }
                grid.add(cell, column, row);
            }
        }
        box.getChildren().add(grid);
        rows.clear();
    }

    private static double indent(String line) {
        return (line.length() - line.stripLeading().length()) * 4;
    }

    private static void copyable(Node node, String text) {
        MenuItem item = new MenuItem("Copy the message");
        item.setOnAction(e -> copy(text));
        ContextMenu menu = new ContextMenu(item);
        node.setOnContextMenuRequested(e -> menu.show(node, e.getScreenX(), e.getScreenY()));
    }

    /** Puts {@code text} on the clipboard (the dialogs' Ctrl+C). */
    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Ctrl+C copies the text, wherever the dialog's focus is. */
    public static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
}
