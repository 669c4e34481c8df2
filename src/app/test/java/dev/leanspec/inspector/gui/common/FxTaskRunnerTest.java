package dev.leanspec.inspector.gui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class FxTaskRunnerTest {

    /**
     * A result that lands on the FX thread after its file was closed may ask for more (a page's
     * summaries after the page): seen at the window's exit as a RejectedExecutionException's
     * stack trace in the console.
     */
    @Test
    void aTaskAskedOfAClosedFilesWorkerIsDroppedQuietly() {
        FxTaskRunner runner = new FxTaskRunner("closed");
        runner.close();
        AtomicBoolean ran = new AtomicBoolean();

        assertThatCode(() -> runner.submit(() -> {
            ran.set(true);
            return 1;
        }, null, result -> ran.set(true), error -> ran.set(true)).cancel()).doesNotThrowAnyException();
        FxTaskRunner.awaitClosed(java.util.List.of(runner), java.time.Duration.ofSeconds(5));
        assertThat(ran).isFalse();
    }
}
