package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.GeneratedFiles;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;

import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Model.OptionSpec;

/** {@code demo}: files to try the app on, small and realistic or big for load tests. */
final class DemoCommand extends Command {

    private final Arg<Path> dir = parameter(0, "DIR", Path.class,
            "The folder to write into (created if needed; existing files are never overwritten).");
    private final Arg<Double> scale = option("--scale", "N", Double.class, "Write big files of this scale (e.g. 0.01, 1, 2.5).");
    private final Arg<Long> seed = add(OptionSpec.builder("--seed").paramLabel("S").type(long.class).defaultValue("42")
            .description("The seed: the same seed writes the same rows (default: ${DEFAULT-VALUE})."));

    DemoCommand() {
        super("demo",
                "Write a realistic sessions.db (tool-era shape) and chat.db (jan20 shape) into DIR, to try adoption and migration on.",
                "With --scale, write big files for load tests instead: scale 1 is 200,000 sessions, 5,000,000 events, "
                        + "5,000,000 log lines, 100,000 conversations and 2,000,000 messages.");
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (scale.value() == null) {
            DemoDatabases.DemoFiles files = DemoDatabases.write(dir.value());
            out.printf("Wrote %s (tool-era) and %s (jan20).%nTry: leanspec-inspector status --sessions %s --chat %s%n",
                    files.sessions(), files.chat(), files.sessions(), files.chat());
            return 0;
        }
        Volumes volumes;
        try {
            volumes = Volumes.scale(scale.value());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PrintWriter err = err();
        long started = System.nanoTime();
        GeneratedFiles files = GeneratedDatabases.write(dir.value(), volumes, seed.value(), line -> {
            err.println(line);
            err.flush();
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("Wrote %s (tool-era: %,d sessions, %,d events, %,d log lines) and %s (jan20: %,d conversations, %,d messages)"
                        + " in %.1f s (%,.0f rows/min).%n",
                files.sessions(), volumes.sessions(), volumes.events(), volumes.logs(),
                files.chat(), volumes.conversations(), volumes.messages(), seconds, volumes.rows() / seconds * 60);
        out.printf("Biggest session: %s (%,d events); biggest conversation: %s (%,d messages).%n",
                files.bigSessionId(), files.bigSessionEvents(), files.bigConversationId(), files.bigConversationMessages());
        return 0;
    }
}
