package dev.leanspec.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanspec.inspector.testing.JavaProcess;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The window started where there is no display (a server, an ssh session): a sentence, not JavaFX's stack trace. */
@DisabledOnOs(value = {OS.WINDOWS, OS.MAC}, disabledReason = "they need no DISPLAY")
class NoDisplayTest {

    @Test
    void withoutADisplayTheWindowSaysWhatToDoInstead() throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "-u", "DISPLAY"));
        command.addAll(JavaProcess.command(List.of(), Main.class, "leanspec.db"));

        JavaProcess.Outcome outcome = JavaProcess.run(command, 60);

        assertThat(outcome.code()).isEqualTo(1);
        assertThat(outcome.err()).contains("No display to show the window on (DISPLAY is not set)").contains("leanspec-inspector --help")
                .contains("xvfb-run").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
