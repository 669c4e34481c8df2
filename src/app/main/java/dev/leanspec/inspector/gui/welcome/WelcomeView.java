package dev.leanspec.inspector.gui.welcome;

import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;

import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/** What the window shows when no file is open: ways in, and the recent files. */
public final class WelcomeView extends VBox {

    public WelcomeView(Runnable open, Runnable demo, Runnable consolidate, ObservableList<Path> recent,
                       ObservableList<LeanSpecPaths.Found> found, Consumer<Path> openRecent) {
        setId("welcome-view");
        setAlignment(Pos.CENTER);
        setSpacing(14);
        setPadding(new Insets(40));
        Label title = new Label("LeanSpec Inspector");
        title.getStyleClass().add("title-1");
        Label text = new Label("Open a leanspec.db, sessions.db or chat.db (any release's), drop one on this window, "
                + "or try the demo databases: they are in LeanSpec's oldest shapes, so you can see adoption and migration step by step.");
        text.setWrapText(true);
        text.setMaxWidth(560);
        text.setAlignment(Pos.CENTER);
        text.setTextAlignment(TextAlignment.CENTER);
        Button openButton = new Button("Open…");
        openButton.setId("welcome-open");
        openButton.setOnAction(e -> open.run());
        Button demoButton = new Button("Try with demo databases");
        demoButton.setId("welcome-demo");
        demoButton.getStyleClass().add("accent");
        demoButton.setOnAction(e -> demo.run());
        VBox recentBox = new VBox(2);
        recentBox.setAlignment(Pos.CENTER);
        Runnable fill = () -> {
            recentBox.getChildren().clear();
            if (!recent.isEmpty()) {
                recentBox.getChildren().add(new Label("Recent files"));
            }
            for (Path path : recent) {
                Hyperlink link = new Hyperlink(path.toString());
                link.setOnAction(e -> openRecent.accept(path));
                recentBox.getChildren().add(link);
            }
        };
        fill.run();
        recent.addListener((ListChangeListener<Path>) c -> fill.run());
        VBox foundBox = new VBox(2);
        foundBox.setId("welcome-found");
        foundBox.setAlignment(Pos.CENTER);
        Runnable fillFound = () -> {
            foundBox.getChildren().clear();
            foundBox.getChildren().add(new Label(found.isEmpty()
                    ? "No LeanSpec file was found at LeanSpec's default locations."
                    : "LeanSpec files on this machine"));
            for (LeanSpecPaths.Found file : found) {
                Hyperlink link = new Hyperlink(file.path() + "   (" + file.source() + ")");
                link.setOnAction(e -> openRecent.accept(file.path()));
                foundBox.getChildren().add(link);
            }
        };
        // Old files (0.2.20-0.2.24) found: offer the upgrade LeanSpec 0.2.25+ itself gets wrong.
        Button consolidateButton = new Button("Consolidate the old files into leanspec.db…");
        consolidateButton.setId("welcome-consolidate");
        consolidateButton.setOnAction(e -> consolidate.run());
        Runnable showConsolidate = () -> consolidateButton.setVisible(found.stream()
                .anyMatch(f -> !f.isLeftover() && f.kind() != DatabaseKind.LEANSPEC));
        consolidateButton.managedProperty().bind(consolidateButton.visibleProperty());
        fillFound.run();
        showConsolidate.run();
        found.addListener((ListChangeListener<LeanSpecPaths.Found>) c -> {
            fillFound.run();
            showConsolidate.run();
        });
        HBox buttons = new HBox(10, openButton, demoButton);
        buttons.setAlignment(Pos.CENTER);
        getChildren().addAll(title, text, buttons, foundBox, consolidateButton, recentBox);
    }
}
