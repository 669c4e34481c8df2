package dev.leanspec.inspector.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.DirectTaskRunner;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's state without a toolkit: recent files, the Help menu, and tab titles of files that share a name. */
class MainViewModelTest {

    @TempDir
    Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();

    @Test
    void aRecentFileThatIsGoneIsDroppedAfterItsErrorIsShown() {
        Settings settings = Settings.inMemory();
        Path gone = dir.resolve("gone/leanspec.db").toAbsolutePath();
        Path kept = dir.resolve("kept.db").toAbsolutePath();
        settings.setRecentFiles(List.of(gone, kept));
        MainViewModel model = new MainViewModel(name -> new DirectTaskRunner(), dialogs, settings, dir.resolve("data"));

        model.open(gone);

        assertThat(dialogs.errors).singleElement().asString().contains("leanspec.db");
        assertThat(model.recentFiles()).containsExactly(kept);
        assertThat(settings.recentFiles()).containsExactly(kept);
    }

    @Test
    void helpShowsTheVersionsAndPathsTheShortcutsAndTheUserGuide() {
        MainViewModel model = new MainViewModel(name -> new DirectTaskRunner(), dialogs, Settings.inMemory(), dir.resolve("data"));
        model.about();
        model.shortcuts();
        model.userGuide();
        assertThat(dialogs.messages.get(0)).contains("LeanSpec Inspector").contains("SQLite (sqlite-jdbc): 3.")
                .contains("Java: " + System.getProperty("java.version")).contains(dir.resolve("data/settings.properties").toString());
        assertThat(dialogs.messages.get(1)).contains("Ctrl+Enter").contains("F1").contains("Ctrl+Shift+O");
        // The guide for users (docs/user-guide.md), not the developers' README.
        assertThat(dialogs.documents).singleElement().asString().contains("# LeanSpec Inspector — User Guide")
                .contains("## The tabs of a file").doesNotContain("toolchain").doesNotContain("./mvnw");
    }

    @Test
    void severalBadFilesAreSaidInOneDialogEachWithWhy() throws Exception {
        MainViewModel model = new MainViewModel(name -> new DirectTaskRunner(), dialogs, Settings.inMemory(), dir.resolve("data"));
        List<Path> bad = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            bad.add(java.nio.file.Files.writeString(dir.resolve("junk-" + i + ".db"), "not a database, just text of some length " + i));
        }
        Path good = dev.leanspec.inspector.testing.RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("good"));
        List<Path> all = new java.util.ArrayList<>(bad);
        all.add(2, good);

        model.openAll(all);

        assertThat(dialogs.errors).singleElement().asString().startsWith("Cannot open 5 of 6 files: ")
                .contains(bad.get(0).toString(), bad.get(1).toString(), bad.get(2).toString(), bad.get(3).toString(), bad.get(4).toString())
                .contains("not a SQLite database").doesNotContain(good.toString());
        assertThat(model.files()).extracting(OpenFileViewModel::file).containsExactly(java.util.Optional.of(good));
        model.closeAll();
    }

    /** File ▸ Archive… on LeanSpec 0.2.28's file: asks where, writes the folder, offers it to the browser; refuses a folder of other files. */
    @Test
    void archiveWritesTheOpenFilesIntoTheChosenFolderAndOffersToOpenIt() throws Exception {
        MainViewModel model = new MainViewModel(name -> new DirectTaskRunner(), dialogs, Settings.inMemory(), dir.resolve("data"));
        Path file = dev.leanspec.inspector.testing.RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        model.open(file);
        assertThat(model.hasFilesToArchive()).isTrue();
        dialogs.folderToChoose = dir.resolve("history");

        model.archive();

        assertThat(dialogs.confirmations.get(0)).startsWith("Archive?\nArchive 1 file into " + dir.resolve("history"))
                .contains("From: " + file);
        assertThat(dir.resolve("history/index.html")).exists();
        assertThat(dialogs.confirmations.get(1)).startsWith("Archived\n8 sessions and 3 conversations into " + dir.resolve("history"));
        assertThat(dialogs.browsed).containsExactly(dir.resolve("history/index.html").toUri().toString());
        assertThat(model.jobRunningProperty().get()).isFalse();

        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(dir.resolve("mine")).resolve("notes.txt"), "mine");
        dialogs.folderToChoose = dir.resolve("mine");
        model.archive();
        assertThat(dialogs.errors).singleElement().asString().contains("holds files that are not an archive of LeanSpec Inspector");
        assertThat(java.nio.file.Files.readString(dir.resolve("mine/notes.txt"))).isEqualTo("mine");
        model.closeAll();
    }

    @Test
    void filesThatShareANameAreToldApartByTheirFolders() {
        Path alice = Path.of("/home/alice/.lean-spec/leanspec.db");
        Path bob = Path.of("/home/bob/.lean-spec/leanspec.db");
        Path copy = Path.of("/tmp/copies/bob/.lean-spec/leanspec.db");
        assertThat(MainView.distinguishingFolders(alice, List.of(bob))).isEqualTo("alice/.lean-spec");
        assertThat(MainView.distinguishingFolders(bob, List.of(alice, copy))).isEqualTo("home/bob/.lean-spec");
    }
}
