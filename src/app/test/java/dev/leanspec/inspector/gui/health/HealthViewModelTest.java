package dev.leanspec.inspector.gui.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.gui.RecordingDialogs;
import dev.leanspec.inspector.gui.common.DirectTaskRunner;
import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.persistence.DatabaseKind;
import dev.leanspec.inspector.persistence.LeanSpecPaths;
import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.doctor.Finding;
import dev.leanspec.inspector.testing.RealFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 36: the Health tab's model on 0.2.28's own leanspec.db, outside LeanSpec's folders (so
 * only its own findings), with a session left running and an orphan log line planted.
 */
class HealthViewModelTest {

    @TempDir
    Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final List<Link> followed = new ArrayList<>();
    private int repaired;

    private HealthViewModel model(Path file) {
        LeanSpecPaths empty = LeanSpecPaths.of(dir.resolve("home"), Map.of(), "Linux");
        return new HealthViewModel(new Location.File(file), DatabaseKind.LEANSPEC, empty, new DirectTaskRunner(), dialogs, followed::add,
                changed -> repaired++);
    }

    private Path damaged() throws Exception {
        Path file = RealFixtures.copy("leanspec-0.2.28/leanspec.db", dir.resolve("files"));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = db.createStatement()) {
            sql.executeUpdate("UPDATE sessions SET status = 'running', ended_at = NULL WHERE id = (SELECT id FROM sessions "
                    + "WHERE status = 'failed' ORDER BY id LIMIT 1)");
            sql.executeUpdate("INSERT INTO session_logs (session_id, timestamp, level, message) VALUES ('gone', '2026-01-01T00:00:00Z', "
                    + "'stdout', 'x')");
        }
        return file;
    }

    @Test
    void aFileOutsideLeanSpecsFoldersShowsItsOwnFindingsAndTheirRowsAreLinks() throws Exception {
        Path file = damaged();
        HealthViewModel health = model(file);
        health.check();

        assertThat(health.findings()).extracting(Finding::code)
                .containsExactly("stuck-session", "acp-metadata-missing", "orphan-rows", "token-count-not-recorded", "chat-timestamp-ties");
        assertThat(health.findings()).extracting(Finding::file).containsOnly(file.toString());
        assertThat(health.warningsProperty().get()).isEqualTo(3);
        assertThat(health.summaryProperty().get()).isEqualTo("3 findings to act on, 2 notes");
        assertThat(health.repairableProperty().get()).isTrue();
        assertThat(health.selectedProperty().get().code()).isEqualTo("stuck-session");

        Finding stuck = health.findings().getFirst();
        health.follow(stuck, stuck.ids().getFirst());
        assertThat(followed).containsExactly(new Link.Session(new Location.File(file), stuck.ids().getFirst()));
        Finding orphans = health.findings().get(2);
        assertThat(health.followable(orphans)).isFalse(); // their session is gone: nothing to show them in
    }

    @Test
    void aRepairRefusedWhileAnotherProgramHoldsTheFileIsAskedAgainAndThenDone() throws Exception {
        Path file = damaged();
        byte[] before = Files.readAllBytes(file);
        HealthViewModel health = model(file);
        health.check();
        // Another program with the file open, as LeanSpec's server keeps it.
        Process holder = new ProcessBuilder("bash", "-c", "exec 3<\"$0\"; sleep 60", file.toString()).start();
        try {
            awaitOpen(holder, file);
            dialogs.answer = false;
            health.repair(); // declined: nothing happens
            assertThat(dialogs.confirmations).hasSize(1);
            assertThat(Files.readAllBytes(file)).isEqualTo(before);

            dialogs.answer = true;
            dialogs.confirmations.clear();
            health.repair(); // confirmed, refused for the holder, asked again with who it is, then forced
            assertThat(dialogs.confirmations).hasSize(2);
            assertThat(dialogs.confirmations.get(1)).contains("Another program has the file open").contains("sleep (pid " + holder.pid() + ")")
                    .doesNotContain("--force");
            assertThat(dialogs.errors).isEmpty();
            assertThat(repaired).isEqualTo(1);
            assertThat(health.findings()).extracting(Finding::code).doesNotContain("stuck-session");
            assertThat(health.warningsProperty().get()).isEqualTo(2);
            assertThat(health.repairableProperty().get()).isFalse();
        } finally {
            holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitOpen(Process holder, Path file) throws Exception {
        Path fd = Path.of("/proc", String.valueOf(holder.pid()), "fd", "3");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.isSymbolicLink(fd) && Files.readSymbolicLink(fd).equals(file.toRealPath()))) {
            assertThat(System.nanoTime()).as("the holder opened the file").isLessThan(until);
            Thread.sleep(20);
        }
    }
}
