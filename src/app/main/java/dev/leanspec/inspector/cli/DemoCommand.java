package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.demo.DemoDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases;
import dev.leanspec.inspector.demo.GeneratedDatabases.GeneratedFiles;
import dev.leanspec.inspector.demo.GeneratedDatabases.Volumes;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", description = {
        "Write a realistic sessions.db (tool-era shape) and chat.db (jan20 shape) into DIR, to try adoption and migration on.",
        "With --scale, write big files for load tests instead: scale 1 is 200,000 sessions, 5,000,000 events, "
                + "5,000,000 log lines, 100,000 conversations and 2,000,000 messages."})
final class DemoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The folder to write into (created if needed; existing files are never overwritten).")
    Path dir;

    @Option(names = "--scale", paramLabel = "N", description = "Write big files of this scale (e.g. 0.01, 1, 2.5).")
    Double scale;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "The seed: the same seed writes the same rows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (scale == null) {
            DemoDatabases.DemoFiles files = DemoDatabases.write(dir);
            out.printf("Wrote %s (tool-era) and %s (jan20).%nTry: leanspec-inspector status --sessions %s --chat %s%n",
                    files.sessions(), files.chat(), files.sessions(), files.chat());
            return 0;
        }
        Volumes volumes;
        try {
            volumes = Volumes.scale(scale);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        GeneratedFiles files = GeneratedDatabases.write(dir, volumes, seed, line -> {
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
