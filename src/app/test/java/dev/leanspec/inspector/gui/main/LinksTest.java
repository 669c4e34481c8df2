package dev.leanspec.inspector.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.DirectTaskRunner;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.gui.runners.RunnersViewModel;
import dev.leanspec.inspector.gui.sessions.DetailsTabViewModel;
import dev.leanspec.inspector.gui.sessions.SessionsViewModel;
import dev.leanspec.inspector.gui.tables.TablesViewModel;
import dev.leanspec.inspector.gui.tables.TablesViewModel.RowLink;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.PostgresUrl;
import dev.leanspec.inspector.persistence.consolidate.ConsolidateOptions;
import dev.leanspec.inspector.persistence.consolidate.Consolidation;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.testing.PostgresServer;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links to follow, on files LeanSpec's own binaries wrote and on a PostgreSQL copy of one, without a
 * toolkit: a session's runner, specs and project, a runner's sessions, a Tables row's session,
 * conversation or runner, and Back/Forward through what was followed. No file declares a foreign
 * key: the links are the ids.
 */
class LinksTest {

    private static final String TWO_SPECS = "b1a63c17-1474-4527-a1ec-8f2c6a6159bd"; // 001-first and 002-second

    @TempDir
    Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();

    private static List<String> ids(SessionsViewModel sessions) {
        return sessions.list().sessions().stream().map(Session::id).toList();
    }

    private static List<String> shortIds(SessionsViewModel sessions) {
        return ids(sessions).stream().map(id -> id.substring(0, 8)).toList();
    }

    @Test
    void aSessionsSpecRunnerAndProjectLeadToTheirRowsAndBackWalksThem() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("real"));
        byte[] before = Files.readAllBytes(file);
        MainViewModel model = new MainViewModel(name -> new DirectTaskRunner(), dialogs, Settings.inMemory(), dir.resolve("data"));
        model.open(file);
        OpenFileViewModel open = model.files().getFirst();
        Location here = open.location();
        SessionsViewModel sessions = open.sessions().orElseThrow();
        RunnersViewModel runners = open.runners().orElseThrow();
        DetailsTabViewModel details = sessions.details();
        assertThat(model.canGoBackProperty().get()).isFalse();

        model.follow(new Link.Session(here, TWO_SPECS));
        assertThat(ids(sessions)).containsExactly(TWO_SPECS);
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-sessions");
        sessions.select(sessions.list().sessions().getFirst()); // what the view does once the row is read
        assertThat(details.detailProperty().get().specs()).containsExactly("001-first", "002-second");

        details.followSpec("002-second");
        assertThat(sessions.list().specProperty().get()).isEqualTo("002-second");
        assertThat(ids(sessions)).containsExactly(TWO_SPECS);
        details.followSpec("001-first");
        assertThat(shortIds(sessions)).containsExactlyInAnyOrder("4f408588", "b1a63c17", "18d51f78", "d7843e56");

        details.followRunner();
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-runners");
        assertThat(runners.selectedProperty().get().id()).isEqualTo("ok-runner");

        runners.followSessions();
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-sessions");
        assertThat(sessions.list().runnerFilter()).containsExactly("ok-runner");
        assertThat(sessions.list().specProperty().get()).isEmpty(); // a link sets its filters alone
        assertThat(shortIds(sessions)).containsExactlyInAnyOrder("4f408588", "b1a63c17", "1844e53a");

        details.followProject();
        assertThat(sessions.list().projectProperty().get()).endsWith("/home-0.2.28/proj");
        assertThat(sessions.list().runnerFilter()).isEmpty();
        assertThat(ids(sessions)).hasSize(8);

        // Back walks what was followed, newest first; Forward comes again.
        model.back();
        assertThat(sessions.list().runnerFilter()).containsExactly("ok-runner");
        model.back();
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-runners");
        model.back();
        assertThat(sessions.list().specProperty().get()).isEqualTo("001-first");
        assertThat(shortIds(sessions)).hasSize(4);
        model.forward();
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-runners");
        assertThat(model.canGoForwardProperty().get()).isTrue();
        // Following a link after Back drops what was ahead, as a browser does.
        model.follow(new Link.Session(here, TWO_SPECS));
        assertThat(model.canGoForwardProperty().get()).isFalse();
        assertThat(model.canGoBackProperty().get()).isTrue();

        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.notices).isEmpty();
        model.closeAll();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(file.resolveSibling("leanspec.db-wal")).doesNotExist();
    }

    @Test
    void aRunnerTheFileNeverStoredIsSaidAndASessionsDbListsARunnersSessions() throws Exception {
        Path leanspec = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("real"));
        Path legacy = RealFixtures.copy("leanspec-0.2.24/sessions.db", dir.resolve("legacy"));
        MainViewModel model = new MainViewModel(name -> new DirectTaskRunner(), dialogs, Settings.inMemory(), dir.resolve("data"));
        model.open(leanspec);
        model.open(legacy);
        OpenFileViewModel modern = model.files().get(0);
        OpenFileViewModel old = model.files().get(1);

        // Built-in runners were never written to the file: said, naming the file.
        model.follow(new Link.Runner(modern.location(), "claude", null));
        assertThat(dialogs.notices).singleElement().asString().contains("leanspec.db holds no runner \"claude\"")
                .contains("runners.json");
        assertThat(modern.runners().orElseThrow().selectedProperty().get()).isNull();

        // A sessions.db has no Runners tab: its runner's link lists the sessions it ran.
        model.follow(new Link.Runner(old.location(), "ok-runner", null));
        assertThat(model.selectedProperty().get()).isSameAs(old);
        assertThat(old.shownTabProperty().get()).isEqualTo("tab-sessions");
        assertThat(shortIds(old.sessions().orElseThrow())).containsExactlyInAnyOrder("a42e72f6", "062b8935", "ae9028a6");
        // 0.2.24 keeps one spec in sessions.spec_id (no session_specs table): the spec's link works there too.
        model.follow(new Link.Sessions(old.location(), "001-first", null, null));
        assertThat(shortIds(old.sessions().orElseThrow())).containsExactlyInAnyOrder("a42e72f6", "062b8935", "b55a3e2a");

        // Back crosses files: it selects the file the link was in.
        model.back();
        model.back();
        assertThat(model.selectedProperty().get()).isSameAs(modern);
        model.closeAll();
    }

    @Test
    void aTablesRowLeadsToItsSessionConversationOrRunner() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("real"));
        MainViewModel model = new MainViewModel(name -> new DirectTaskRunner(), dialogs, Settings.inMemory(), dir.resolve("data"));
        model.open(file);
        OpenFileViewModel open = model.files().getFirst();
        TablesViewModel tables = open.tables();
        tables.refresh();

        tables.select(table(tables, "session_logs"));
        List<RowLink> logLinks = tables.links(tables.rows().getFirst());
        assertThat(logLinks).extracting(RowLink::label).containsExactly("Go to session 4f408588");
        tables.follow(logLinks.getFirst());
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-sessions");
        assertThat(shortIds(open.sessions().orElseThrow())).containsExactly("4f408588");

        tables.select(table(tables, "session_specs"));
        assertThat(tables.links(tables.rows().getFirst())).extracting(RowLink::label)
                .containsExactly("Go to session 4f408588", "Sessions of spec 001-first");

        tables.select(table(tables, "messages"));
        List<RowLink> messageLinks = tables.links(tables.rows().getFirst());
        assertThat(messageLinks).extracting(RowLink::label).containsExactly("Go to conversation d29dad05");
        tables.follow(messageLinks.getFirst());
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-conversations");
        assertThat(open.conversations().orElseThrow().selectedProperty().get().id()).isEqualTo("d29dad05-cfcc-4ac1-8fa6-dc562f46a544");

        tables.select(table(tables, "runners"));
        List<RowLink> runnerLinks = tables.links(tables.rows().getFirst());
        assertThat(runnerLinks).extracting(RowLink::label).containsExactly("Go to runner fail-runner");
        tables.follow(runnerLinks.getFirst());
        assertThat(open.runners().orElseThrow().selectedProperty().get().id()).isEqualTo("fail-runner");

        // LeanSpec's own bookkeeping leads nowhere.
        tables.select(table(tables, "_sqlx_migrations"));
        assertThat(tables.links(tables.rows().getFirst())).isEmpty();

        model.back();
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-conversations");
        assertThat(dialogs.errors).isEmpty();
        model.closeAll();
    }

    @Test
    void onPostgresqlTheSameLinksLeadToTheSameRows() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        PostgresUrl url = PostgresUrl.parse(PostgresServer.shared().newDatabase()).withSchema("team");
        Consolidation.of(List.of(file), Location.of(url)).run(ConsolidateOptions.safe());
        MainViewModel model = new MainViewModel(name -> new DirectTaskRunner(), dialogs, Settings.inMemory(), dir.resolve("data"));
        model.open(url);
        OpenFileViewModel open = model.files().getFirst();
        assertThat(open.file()).isEmpty();
        Location here = open.location();
        SessionsViewModel sessions = open.sessions().orElseThrow();

        model.follow(new Link.Sessions(here, "001-first", null, null));
        assertThat(shortIds(sessions)).containsExactlyInAnyOrder("4f408588", "b1a63c17", "18d51f78", "d7843e56");
        model.follow(new Link.Runner(here, "ok-runner", "/not/its/project"));
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-runners");
        assertThat(open.runners().orElseThrow().selectedProperty().get().id()).isEqualTo("ok-runner");

        // The server declares no foreign key either: a log row leads to its session by its id.
        TablesViewModel tables = open.tables();
        tables.refresh();
        tables.select(table(tables, "session_logs"));
        RowLink log = tables.links(tables.rows().getFirst()).getFirst();
        String session = ((Link.Session) log.link()).id();
        assertThat(log.label()).isEqualTo("Go to session " + session.substring(0, 8));
        tables.follow(log);
        assertThat(ids(sessions)).containsExactly(session);

        model.back();
        assertThat(open.shownTabProperty().get()).isEqualTo("tab-runners");
        assertThat(dialogs.errors).isEmpty();
        model.closeAll();
    }

    private static dev.leanspec.inspector.persistence.raw.TableInfo table(TablesViewModel tables, String name) {
        return tables.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
