package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.search.SearchView;
import dev.leanspec.inspector.gui.welcome.WelcomeView;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import org.controlsfx.control.StatusBar;

/** The window: menus, one tab per open file (or the welcome view), and a status bar. */
public final class MainView extends BorderPane {

    private final MainViewModel model;
    private final TabPane tabs = new TabPane();
    private final Map<OpenFileViewModel, Tab> tabOf = new HashMap<>();
    private SearchView search;

    public MainView(MainViewModel model, Runnable quit) {
        this.model = model;
        setId("main-view");
        tabs.setId("file-tabs");
        WelcomeView welcome = new WelcomeView(model::openChosen, model::openDemo, model::consolidate, model.recentFiles(), model.foundFiles(), model::open);
        welcome.visibleProperty().bind(Bindings.isEmpty(model.files()));
        tabs.visibleProperty().bind(welcome.visibleProperty().not());
        search = new SearchView(model.search());
        setCenter(new StackPane(tabs, welcome));
        setRight(search);
        // The mouse's back and forward buttons walk what was followed, as Alt+Left / Alt+Right do.
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.BACK) {
                model.back();
            } else if (e.getButton() == MouseButton.FORWARD) {
                model.forward();
            }
        });
        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.setText("");
        model.selectedProperty().addListener((o, a, file) -> {
            status.textProperty().unbind();
            if (file == null) {
                status.setText("");
            } else {
                status.textProperty().bind(file.statusLineProperty());
            }
        });
        // A background job (a consolidation, a copy into PostgreSQL): its step and a Cancel, at the
        // right of the status bar, whole; the file's line beside it is what gets cut when space is short.
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Label job = new Label();
        job.setId("job-text");
        job.textProperty().bind(model.jobProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("job-cancel");
        cancel.setOnAction(e -> model.cancelJob());
        job.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        HBox jobBox = new HBox(6, spinner, job, cancel);
        jobBox.setMinWidth(Region.USE_PREF_SIZE);
        jobBox.setAlignment(Pos.CENTER_RIGHT);
        jobBox.visibleProperty().bind(model.jobRunningProperty());
        jobBox.managedProperty().bind(jobBox.visibleProperty());
        status.getRightItems().add(jobBox);
        setBottom(status);
        MenuBar menus = menus(quit);
        HBox.setHgrow(menus, Priority.ALWAYS);
        HBox top = new HBox(menus, search.bar());
        top.getStyleClass().add("top-bar");
        setTop(top);

        model.files().addListener((ListChangeListener<OpenFileViewModel>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::addTab);
                change.getRemoved().forEach(file -> {
                    Tab tab = tabOf.remove(file);
                    if (tab != null) {
                        ((FileView) tab.getContent()).dispose();
                        tabs.getTabs().remove(tab);
                    }
                });
                retitle();
            }
        });
        model.selectedProperty().addListener((o, a, file) -> {
            if (file != null && tabOf.containsKey(file)) {
                tabs.getSelectionModel().select(tabOf.get(file));
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            if (tab != null) {
                model.selectedProperty().set((OpenFileViewModel) tab.getUserData());
            }
        });

        setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        setOnDragDropped(event -> {
            boolean done = event.getDragboard().hasFiles();
            if (done) {
                model.openAll(event.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            event.setDropCompleted(done);
            event.consume();
        });
    }

    private void addTab(OpenFileViewModel file) {
        FileView view = new FileView(file);
        Tab tab = new Tab(file.title(), view);
        tab.setUserData(file);
        tab.setTooltip(new Tooltip(file.location().where()));
        file.health().ifPresent(health -> dev.leanspec.inspector.gui.health.HealthView.badge(tab, health, "file-health-badge"));
        tab.setOnClosed(e -> {
            view.dispose();
            model.close(file);
        });
        tabOf.put(file, tab);
        tabs.getTabs().add(tab);
        retitle();
    }

    /**
     * Tab titles: a file's name, and where two open files share a name, the folders that tell
     * them apart ({@code leanspec.db — alice/.lean-spec}).
     */
    private void retitle() {
        List<OpenFileViewModel> open = new ArrayList<>(tabOf.keySet());
        for (OpenFileViewModel file : open) {
            String title = file.title(); // a PostgreSQL database's names the database, schema and host
            Optional<Path> own = file.file();
            if (own.isPresent()) {
                Path path = own.get();
                List<Path> twins = open.stream().filter(o -> o != file).flatMap(o -> o.file().stream())
                        .filter(other -> other.getFileName().equals(path.getFileName())).toList();
                if (!twins.isEmpty()) {
                    title += " — " + distinguishingFolders(path, twins);
                }
            }
            tabOf.get(file).setText(title);
        }
    }

    /** The shortest run of parent folders of {@code path} that none of {@code others} ends with. */
    static String distinguishingFolders(Path path, List<Path> others) {
        Path parent = path.getParent();
        for (int depth = 1; parent != null && depth <= parent.getNameCount(); depth++) {
            Path suffix = parent.subpath(parent.getNameCount() - depth, parent.getNameCount());
            boolean unique = others.stream().map(Path::getParent).noneMatch(p -> p != null && p.endsWith(suffix));
            if (unique) {
                return suffix.toString();
            }
        }
        return parent == null ? path.toString() : parent.toString();
    }

    private MenuBar menus(Runnable quit) {
        MenuItem open = item("Open…", "Shortcut+O", model::openChosen);
        MenuItem connect = item("Connect to PostgreSQL…", "Shortcut+Shift+O", model::connectChosen);
        Menu recent = new Menu("Open Recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path path : model.recentFiles()) {
                recent.getItems().add(item(path.toString(), null, () -> model.open(path)));
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        fillRecent.run();
        model.recentFiles().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        MenuItem demo = item("Open Demo Databases", null, model::openDemo);
        MenuItem consolidate = item("Consolidate into leanspec.db…", null, model::consolidate);
        consolidate.setId("menu-consolidate");
        MenuItem copy = item("Copy to PostgreSQL…", null, model::copyToPostgres);
        copy.setId("menu-copy-postgres");
        MenuItem archive = item("Archive…", null, model::archive);
        archive.setId("menu-archive");
        MenuItem close = item("Close", "Shortcut+W", () -> model.close(model.selectedProperty().get()));
        MenuItem exit = item("Quit", "Shortcut+Q", quit);
        connect.setId("menu-connect");
        Menu file = new Menu("File", null, open, recent, connect, demo, new SeparatorMenuItem(), consolidate, copy, archive, new SeparatorMenuItem(),
                close, exit);
        file.setOnShowing(e -> {
            consolidate.setDisable(!model.hasFilesToConsolidate() || model.jobRunningProperty().get());
            copy.setDisable(!model.hasFilesToCopy() || model.jobRunningProperty().get());
            archive.setDisable(!model.hasFilesToArchive() || model.jobRunningProperty().get());
        });

        MenuItem refresh = item("Refresh", "F5", model::refresh);
        MenuItem find = item("Find", "Shortcut+F", this::focusFilter);
        MenuItem searchAll = item("Search All Open Files", "Shortcut+Shift+F", () -> search.focus());
        searchAll.setId("menu-search");
        MenuItem back = item("Back", "Alt+Left", model::back);
        back.disableProperty().bind(model.canGoBackProperty().not());
        MenuItem forward = item("Forward", "Alt+Right", model::forward);
        forward.disableProperty().bind(model.canGoForwardProperty().not());
        CheckMenuItem live = new CheckMenuItem("Live Refresh (follow LeanSpec's writes)");
        live.setId("live-refresh");
        live.setDisable(true);
        model.selectedProperty().addListener((o, old, now) -> {
            if (old != null) {
                live.selectedProperty().unbindBidirectional(old.liveProperty());
            }
            live.setDisable(now == null || now.file().isEmpty()); // SQLite files only: PostgreSQL has no data_version
            if (now != null) {
                live.selectedProperty().bindBidirectional(now.liveProperty());
            }
        });
        CheckMenuItem dark = new CheckMenuItem("Dark Theme");
        dark.selectedProperty().bindBidirectional(model.darkThemeProperty());
        Menu view = new Menu("View", null, refresh, find, searchAll, back, forward, live, new SeparatorMenuItem(), dark);
        MenuItem guide = item("User Guide", "F1", model::userGuide);
        MenuItem keys = item("Keyboard Shortcuts", null, model::shortcuts);
        MenuItem about = item("About LeanSpec Inspector", null, model::about);
        about.setId("menu-about");
        Menu help = new Menu("Help", null, guide, keys, new SeparatorMenuItem(), about);
        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private void focusFilter() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (tab != null && tab.getContent() instanceof FileView view) {
            view.focusFilter();
        }
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
