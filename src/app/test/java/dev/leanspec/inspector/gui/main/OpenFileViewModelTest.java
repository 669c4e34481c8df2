package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.persistence.Location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.DirectTaskRunner;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.Timestamp;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionMode;
import dev.leanspec.inspector.persistence.sessions.SessionStatus;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.testing.LegacyFiles;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFileViewModelTest {

    @TempDir
    Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();

    private static SessionDetail session(String id) {
        Timestamp now = Timestamp.of(Instant.now());
        return SessionDetail.of(new Session(id, "/p", null, "claude", SessionMode.GUIDED, SessionStatus.RUNNING, null, now, null,
                null, null, now, now, null));
    }

    @Test
    void liveRefreshFollowsAnotherWritersCommits() {
        Path file = dir.resolve("sessions.db");
        try (SessionStore leanSpec = SessionStore.open(Location.of(file))) {
            leanSpec.insert(session("first"));
            OpenFileViewModel model = new OpenFileViewModel(file, DatabaseKind.SESSIONS, new DirectTaskRunner(), dialogs, () -> { });
            model.start();
            assertThat(model.browsableProperty().get()).isTrue();
            assertThat(model.sessions().orElseThrow().list().sessions()).hasSize(1);

            model.liveProperty().set(true); // the baseline is taken now, with one fresh read
            int on = model.sessions().orElseThrow().list().pages().refreshedProperty().get();

            // A write in the very first tick is seen (the baseline is not taken at the first tick).
            leanSpec.insert(session("second"));
            model.checkForChanges();
            assertThat(model.sessions().orElseThrow().list().sessions()).extracting(Session::id).containsExactlyInAnyOrder("first", "second");
            assertThat(model.sessions().orElseThrow().list().pages().refreshedProperty().get()).isEqualTo(on + 1);
            model.checkForChanges(); // nothing new
            assertThat(model.sessions().orElseThrow().list().pages().refreshedProperty().get()).isEqualTo(on + 1);
            model.liveProperty().set(false);
            leanSpec.insert(session("third"));
            model.checkForChanges();
            assertThat(model.sessions().orElseThrow().list().sessions()).hasSize(2);
            model.close();
        }
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aFileOfNoKnownKindOpensWithItsTablesOnly() throws Exception {
        Path file = LegacyFiles.run(dir.resolve("notes.db"), "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);\n",
                "INSERT INTO notes (text) VALUES ('hello');\n");
        OpenFileViewModel model = new OpenFileViewModel(file, null, new DirectTaskRunner(), dialogs, () -> { });

        model.start();
        model.tables().refresh();

        assertThat(model.tabs()).isInstanceOf(FileTabs.TablesOnly.class);
        assertThat(model.migrations()).isEmpty();
        assertThat(model.sessions()).isEmpty();
        assertThat(model.dashboard()).isEmpty();
        assertThat(model.title()).isEqualTo("notes.db (tables)");
        assertThat(model.statusLineProperty().get()).contains("not a LeanSpec database");
        assertThat(model.tables().tables()).extracting(t -> t.name()).contains("notes");
        model.tables().select(model.tables().tables().get(0));
        assertThat(model.tables().rows()).hasSize(1);
        assertThat(model.tables().totalProperty().get()).isEqualTo("1 row");
    }
}
