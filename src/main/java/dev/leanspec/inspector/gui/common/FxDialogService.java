package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.gui.connect.ConnectViewModel;

import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;
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
        ButtonType go = new ButtonType("Migrate", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", go, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.getDialogPane().setContent(readOnlyText(details));
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
        javafx.scene.control.CheckBox box = new javafx.scene.control.CheckBox(option);
        box.setSelected(optionByDefault);
        box.setWrapText(true);
        box.setId("confirm-option");
        alert.getDialogPane().setContent(new javafx.scene.layout.VBox(10, readOnlyText(details), box));
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
        alert.getDialogPane().setContent(readOnlyText(text));
        alert.getDialogPane().setId(id);
        alert.show();
    }

    @Override
    public void document(String title, String markdown) {
        javafx.stage.Stage stage = new javafx.stage.Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane();
        scroll.setFitToWidth(true);
        scroll.setContent(Markdown.render(markdown, scroll.widthProperty().subtract(40)));
        scroll.setPadding(new javafx.geometry.Insets(12));
        scroll.setId("document");
        javafx.scene.Scene scene = new javafx.scene.Scene(scroll, 900, 700);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
    }

    @Override
    public void notify(String title, String message) {
        Notifications notice = Notifications.create().owner(owner).title(title).text(message).hideAfter(Duration.seconds(8));
        // ControlsFX's light notification is grey text on grey in the dark theme: use its dark style there.
        if (String.valueOf(javafx.application.Application.getUserAgentStylesheet()).toLowerCase(java.util.Locale.ROOT).contains("dark")) {
            notice.darkStyle();
        }
        notice.showInformation();
    }

    @Override
    public Optional<Path> chooseFile(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("SQLite databases", "*.db", "*.sqlite", "*.sqlite3"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
    }

    @Override
    public Optional<dev.leanspec.inspector.persistence.PostgresUrl> askPostgres(dev.leanspec.inspector.persistence.PostgresUrl last,
                                                                                ConnectViewModel.Purpose purpose) {
        return dev.leanspec.inspector.gui.connect.ConnectDialog.show(owner, new ConnectViewModel(last), purpose);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
    }

    private static TextArea readOnlyText(String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        // Wide enough for a backup's path on one line, and rows for the text as wrapped at about 96
        // characters, so that nothing needs scrolling.
        int rows = text.lines().mapToInt(line -> Math.max(1, (line.length() + 95) / 96)).sum();
        area.setPrefRowCount(Math.min(26, Math.max(3, rows + 1)));
        area.setPrefColumnCount(100);
        return area;
    }
}
