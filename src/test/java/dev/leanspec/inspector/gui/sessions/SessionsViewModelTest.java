package dev.leanspec.inspector.gui.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.DirectTaskRunner;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.migration.MigrateOptions;
import dev.leanspec.inspector.persistence.migration.MigrationService;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionSort;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsViewModelTest {

    @TempDir
    Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private SessionsViewModel model;

    @BeforeEach
    void demoFile() {
        // 450 sessions: more than two pages.
        Path file = DemoDatabases.write(dir, 7L, 450).sessions();
        MigrationService.of(file, DatabaseKind.SESSIONS).migrate(MigrateOptions.safe().withAdoption());
        model = new SessionsViewModel(file, new DirectTaskRunner(), dialogs);
    }

    @Test
    void startLoadsTheFirstPageTheChoicesAndTheCount() {
        model.start();

        assertThat(model.sessions()).hasSize(SessionsViewModel.PAGE);
        assertThat(model.hasMore()).isTrue();
        assertThat(model.totalProperty().get()).isEqualTo("450 sessions");
        assertThat(model.runnerChoices()).containsExactly("claude", "codex", "copilot", "opencode");
        assertThat(model.projectChoices()).hasSize(4);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void scrollingLoadsPagesUntilTheEndWithoutRepeats() {
        model.start();
        while (model.hasMore()) {
            model.loadMore();
        }
        assertThat(model.sessions()).hasSize(450);
        assertThat(model.sessions().stream().map(Session::id).distinct()).hasSize(450);
    }

    @Test
    void filtersNarrowTheListAndTheCount() {
        model.start();
        model.statusFilter().setAll("failed", "cancelled");
        model.runnerFilter().setAll("codex");
        model.reload();

        assertThat(model.sessions()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.status().value()).isIn("failed", "cancelled");
            assertThat(s.runner()).isEqualTo("codex");
        });
        assertThat(model.totalProperty().get()).isEqualTo(model.sessions().size() + " sessions");

        model.statusFilter().clear();
        model.runnerFilter().clear();
        model.textProperty().set("no such text anywhere");
        model.reload();
        assertThat(model.sessions()).isEmpty();
        assertThat(model.totalProperty().get()).isEqualTo("0 sessions");
    }

    @Test
    void sortingAsksTheDatabase() {
        model.start();
        model.sortProperty().set(new SessionSort(SessionSort.Column.RUNNER, false));
        model.reload();
        assertThat(model.sessions().get(0).runner()).isEqualTo("claude");
        assertThat(model.sessions().get(model.sessions().size() - 1).runner()).isIn("claude", "codex");
    }

    @Test
    void selectingShowsDetailEventsAndLogsWithFilters() {
        model.start();
        Session first = model.sessions().get(0);

        model.select(first);

        assertThat(model.detailProperty().get().session()).isEqualTo(first);
        assertThat(model.events()).isNotEmpty().first().extracting(e -> e.type().value()).isEqualTo("created");
        assertThat(model.logs()).isNotEmpty();
        int all = model.logs().size();
        model.logLevelFilter().setAll("stderr");
        model.reloadLogs();
        assertThat(model.logs()).hasSizeLessThan(all).allSatisfy(l -> assertThat(l.level().value()).isEqualTo("stderr"));
        model.logLevelFilter().clear();
        model.jumpToEnd();
        assertThat(model.logs()).hasSize(all);
        assertThat(SessionsView.describe(model.detailProperty().get())).contains(first.id()).contains("metadata:");
    }
}
