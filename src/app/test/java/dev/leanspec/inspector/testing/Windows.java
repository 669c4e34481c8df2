package dev.leanspec.inspector.testing;

import dev.leanspec.inspector.gui.InspectorApp;
import dev.leanspec.inspector.gui.common.FxDialogService;
import dev.leanspec.inspector.gui.common.FxTaskRunner;
import dev.leanspec.inspector.gui.main.MainViewModel;
import dev.leanspec.inspector.gui.main.Settings;

import java.nio.file.Path;

import javafx.stage.Stage;

/** The real window, as the app builds it, for a TestFX test's {@code @Start}. */
public final class Windows {

    private Windows() {
    }

    /**
     * Shows the app's window on {@code stage}: real workers and dialogs, settings kept in memory,
     * the app's own data under {@code dataDir}.
     *
     * @return the window's model
     */
    public static MainViewModel show(Stage stage, Path dataDir) {
        MainViewModel model = new MainViewModel(FxTaskRunner::new, new FxDialogService(stage), Settings.inMemory(), dataDir);
        stage.setScene(InspectorApp.scene(model, stage::close));
        stage.show();
        return model;
    }
}
