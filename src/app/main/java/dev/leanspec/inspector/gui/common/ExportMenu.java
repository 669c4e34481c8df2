package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.export.TranscriptFormat;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;

/** The Export menu above a session's or a conversation's transcript: Copy as Markdown, then a file in each format. */
public final class ExportMenu {

    private ExportMenu() {
    }

    /** {@return the menu, disabled while nothing is selected; {@code id} names it for tests} */
    public static MenuButton of(TranscriptExportViewModel model, String id) {
        MenuItem copy = new MenuItem("Copy as Markdown");
        copy.setId(id + "-copy");
        copy.setOnAction(e -> model.copyAsMarkdown(DialogText::copy));
        MenuButton menu = new MenuButton("Export");
        menu.setId(id);
        menu.setTooltip(new Tooltip("The whole transcript, as Markdown, as one HTML page that needs nothing else, or as JSON"));
        CheckMenuItem redact = new CheckMenuItem("Remove Secrets");
        redact.setId(id + "-redact");
        redact.selectedProperty().bindBidirectional(model.redactProperty());
        menu.getItems().addAll(copy, new SeparatorMenuItem());
        for (TranscriptFormat format : TranscriptFormat.values()) {
            MenuItem save = new MenuItem("Save as " + format.label() + "…");
            save.setId(id + "-" + format.extension());
            save.setOnAction(e -> model.saveChosen(format));
            menu.getItems().add(save);
        }
        // Checked, what is copied or saved has API keys, tokens, private keys and passwords taken out, and the home folder as ~.
        menu.getItems().addAll(new SeparatorMenuItem(), redact);
        menu.disableProperty().bind(model.selectedProperty().isNull());
        return menu;
    }
}
