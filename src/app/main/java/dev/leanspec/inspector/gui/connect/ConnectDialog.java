package dev.leanspec.inspector.gui.connect;

import dev.leanspec.inspector.persistence.PostgresUrl;

import java.util.Optional;

import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** The form of {@link ConnectViewModel}: a URL, or host, port, database, user, password, schema. */
public final class ConnectDialog {

    private ConnectDialog() {
    }

    /** Shows the form; the database chosen, or empty when cancelled. A form that names none stays open and says why. */
    public static Optional<PostgresUrl> show(Window owner, ConnectViewModel model, ConnectViewModel.Purpose purpose) {
        Dialog<PostgresUrl> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(purpose.title());
        dialog.setHeaderText(purpose.header());
        ButtonType connect = new ButtonType(purpose.action(), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        dialog.getDialogPane().setId("connect-dialog");

        TextField url = field("connect-url", "postgres://user@host:5432/leanspec?schema=team (or fill in the parts below)");
        url.textProperty().bindBidirectional(model.urlProperty());
        TextField host = field("connect-host", "localhost");
        host.textProperty().bindBidirectional(model.hostProperty());
        TextField port = field("connect-port", "5432");
        port.textProperty().bindBidirectional(model.portProperty());
        TextField database = field("connect-database", "leanspec");
        database.textProperty().bindBidirectional(model.databaseProperty());
        TextField user = field("connect-user", "user");
        user.textProperty().bindBidirectional(model.userProperty());
        PasswordField password = new PasswordField();
        password.setId("connect-password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        TextField schema = field("connect-schema", "public");
        schema.textProperty().bindBidirectional(model.schemaProperty());
        // The parts are used when no URL is typed: greyed out while one is.
        for (Node part : new Node[] {host, port, database, user, schema}) {
            part.disableProperty().bind(model.urlProperty().isNotEmpty());
        }
        Label problem = new Label();
        problem.setId("connect-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        problem.setStyle("-fx-text-fill: -color-danger-fg, #c0392b;");

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        for (Object[] line : new Object[][] {{"URL", url}, {"Host", host}, {"Port", port}, {"Database", database}, {"User", user},
                {"Password", password}, {"Schema", schema}}) {
            Label label = new Label((String) line[0]);
            label.setMinWidth(Region.USE_PREF_SIZE); // never "U…" for "URL"
            grid.addRow(row++, label, (Node) line[1]);
        }
        grid.add(problem, 0, row, 2, 1);
        dialog.getDialogPane().setContent(grid);

        Node button = dialog.getDialogPane().lookupButton(connect);
        button.addEventFilter(ActionEvent.ACTION, event -> {
            if (model.result().isEmpty()) {
                event.consume(); // stays open, saying what is wrong
            }
        });
        dialog.setResultConverter(pressed -> pressed == connect ? model.result().orElse(null) : null);
        dialog.setOnShown(e -> url.requestFocus());
        return dialog.showAndWait();
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(40);
        return field;
    }
}
