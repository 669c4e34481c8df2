package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.gui.connect.ConnectDialog;
import dev.leanspec.inspector.gui.connect.ConnectViewModel;
import dev.leanspec.inspector.persistence.PostgresUrl;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;

/** Dialogs with JavaFX and ControlsFX, owned by the main window. */
public final class FxDialogService implements DialogService {

    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String title, String header, String details) {
        return ask(title, header, details, "Migrate");
    }

    @Override
    public boolean ask(String title, String header, String details, String action) {
        ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", go, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        content(alert, details);
        alert.getDialogPane().setId("confirm-dialog");
        alert.setResizable(true);
        return alert.showAndWait().filter(go::equals).isPresent();
    }

    @Override
    public Optional<Boolean> confirmWithOption(String title, String header, String details, String action, String option,
                                               boolean optionByDefault) {
        ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", go, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        CheckBox box = new CheckBox(option);
        box.setSelected(optionByDefault);
        box.setWrapText(true);
        box.setId("confirm-option");
        content(alert, details);
        alert.getDialogPane().setContent(new VBox(10, alert.getDialogPane().getContent(), box));
        alert.getDialogPane().setId("confirm-dialog");
        alert.setResizable(true);
        return alert.showAndWait().filter(go::equals).map(pressed -> box.isSelected());
    }

    @Override
    public void error(String title, String message) {
        show(Alert.AlertType.ERROR, title, message, "error-dialog");
    }

    @Override
    public void message(String title, String text) {
        show(Alert.AlertType.INFORMATION, title, text, "message-dialog");
    }

    /** A dialog whose text can be selected and copied, shown without waiting. */
    private void show(Alert.AlertType type, String title, String text, String id) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        content(alert, text);
        alert.getDialogPane().setId(id);
        alert.show();
    }

    @Override
    public void document(String title, String markdown) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        ScrollPane scroll = new ScrollPane();
        scroll.setFitToWidth(true);
        scroll.setContent(Markdown.render(markdown, scroll.widthProperty().subtract(40)));
        scroll.setPadding(new Insets(12));
        scroll.setId("document");
        // As wide as a page reads well, never wider or taller than the main window.
        double width = owner == null ? 820 : Math.min(820, owner.getWidth() - 40);
        double height = owner == null ? 700 : Math.min(760, owner.getHeight() - 40);
        Scene scene = new Scene(scroll, width, height);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        // Closes as a dialog does: Escape, or Ctrl+W as a tab does.
        KeyCombination closeTab = KeyCombination.keyCombination("Shortcut+W");
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE || closeTab.match(e)) {
                stage.close();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setOnShown(e -> centreOnOwner(stage));
        stage.show();
    }

    @Override
    public void notify(String title, String message) {
        // ControlsFX sizes a notification to its text on one line: a long sentence ran off the
        // window's left edge. Broken at spaces into lines of a readable width instead.
        Notifications notice = Notifications.create().owner(owner).title(title).text(wrapped(message, 70)).hideAfter(Duration.seconds(8));
        // ControlsFX's light notification is grey text on grey in the dark theme: use its dark style there.
        if (String.valueOf(Application.getUserAgentStylesheet()).toLowerCase(Locale.ROOT).contains("dark")) {
            notice.darkStyle();
        }
        notice.showInformation();
    }

    /** {@code text} with line breaks at spaces so that no line is longer than {@code width} characters (a longer word keeps its line). */
    static String wrapped(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.split("\n", -1)) {
            int line = 0;
            for (String word : paragraph.split(" ")) {
                if (line > 0 && line + 1 + word.length() > width) {
                    out.append('\n');
                    line = 0;
                } else if (line > 0) {
                    out.append(' ');
                    line++;
                }
                out.append(word);
                line += word.length();
            }
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    @Override
    public Optional<Path> chooseFile(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("SQLite databases", "*.db", "*.sqlite", "*.sqlite3"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<PostgresUrl> askPostgres(PostgresUrl last,
                                                                                ConnectViewModel.Purpose purpose) {
        return ConnectDialog.show(owner, new ConnectViewModel(last), purpose);
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    @Override
    public void browse(String url) {
        Markdown.openLinks(url);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    /**
     * Puts {@code text} in the dialog, sized to it (DialogText), with Ctrl+C copying it, and
     * centres the dialog on the window once it knows its size.
     */
    private void content(Alert alert, String text) {
        alert.getDialogPane().setContent(DialogText.of(text));
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        alert.getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (DialogText.COPY.match(e)) {
                DialogText.copy(text);
            }
        });
        // JavaFX places a dialog by its size before its content's first layout and again after
        // (one with a check box hung off the window's left edge): centred once it has settled.
        alert.setOnShown(e -> {
            Window window = alert.getDialogPane().getScene().getWindow();
            centreOnOwner(window);
            Platform.runLater(() -> Platform.runLater(() -> centreOnOwner(window)));
        });
    }

    /** Centres a window on the main window (a dialog sized after it was placed hung off its side). */
    private void centreOnOwner(Window window) {
        if (owner == null || window == null) {
            return;
        }
        window.sizeToScene();
        window.setX(owner.getX() + Math.max(0, (owner.getWidth() - window.getWidth()) / 2));
        window.setY(owner.getY() + Math.max(0, (owner.getHeight() - window.getHeight()) / 3));
    }
}
