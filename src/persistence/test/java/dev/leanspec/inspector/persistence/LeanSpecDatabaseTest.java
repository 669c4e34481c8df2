package dev.leanspec.inspector.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanspec.inspector.persistence.migration.Shape;
import dev.leanspec.inspector.persistence.sessions.SessionQuery;
import dev.leanspec.inspector.testing.FileBytes;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front door on the files LeanSpec's own releases wrote: it reads their kind, opens what it is asked, and writes nothing. */
class LeanSpecDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void readsEachReleasesFileForWhatItIsAndChangesNoByte() throws Exception {
        Path sessions = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("0.2.24"));
        Path chat = RealFixtures.copy("leanspec-0.2.24/chat.db", dir.resolve("0.2.24"));
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("0.2.28"));
        Map<String, String> before = FileBytes.folder(dir);

        LeanSpecDatabase sessionsDb = LeanSpecDatabase.at(sessions);
        assertThat(sessionsDb.kind()).contains(DatabaseKind.SESSIONS);
        assertThat(sessionsDb.location()).isEqualTo(new Location.File(sessions));
        assertThat(sessionsDb.migrations().status().shape()).isEqualTo(Shape.RUNNER_ERA);
        try (var store = sessionsDb.sessions()) {
            assertThat(store.count(SessionQuery.all())).isPositive();
        }
        assertThat(LeanSpecDatabase.at(chat).kind()).contains(DatabaseKind.CHAT);
        try (var store = LeanSpecDatabase.at(chat).chat()) {
            assertThat(store.location()).isEqualTo(new Location.File(chat));
        }

        LeanSpecDatabase leanspecDb = LeanSpecDatabase.at(leanspec);
        assertThat(leanspecDb.kind()).contains(DatabaseKind.LEANSPEC);
        try (var runners = leanspecDb.runners(); var tables = leanspecDb.tables(); var console = leanspecDb.console()) {
            assertThat(runners.location()).isEqualTo(leanspecDb.location());
            assertThat(tables.tables()).extracting(table -> table.name()).contains("sessions", "messages", "runners");
            assertThat(console.location()).isEqualTo(leanspecDb.location());
        }
        assertThat(FileBytes.folder(dir)).as("reading leaves every byte and no file beside").isEqualTo(before);
    }

    @Test
    void aFileThatIsNotLeanSpecsHasNoKindAndNoVersionsButItsTablesRead() throws Exception {
        Path other = dir.resolve("notes.db");
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + other); var statement = db.createStatement()) {
            statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
        }
        LeanSpecDatabase notes = LeanSpecDatabase.at(other);
        assertThat(notes.kind()).isEmpty();
        assertThatThrownBy(notes::migrations).isInstanceOf(PersistenceException.class)
                .hasMessageContaining(other.toString()).hasMessageContaining("not a LeanSpec database");
        assertThatThrownBy(notes::sessions).isInstanceOf(PersistenceException.class).hasMessageContaining("notes.db");
        try (var tables = notes.tables()) {
            assertThat(tables.tables()).extracting(table -> table.name()).contains("notes");
        }
    }

    @Test
    void aMissingFileIsRefusedInASentenceAndNotCreated() {
        Path missing = dir.resolve("missing.db");
        assertThatThrownBy(() -> LeanSpecDatabase.at(missing)).isInstanceOf(PersistenceException.class)
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
        // A kind given up front reads nothing: migrating is what creates the file.
        assertThat(LeanSpecDatabase.at(new Location.File(missing), DatabaseKind.SESSIONS).kind()).contains(DatabaseKind.SESSIONS);
        assertThat(missing).doesNotExist();
    }
}
