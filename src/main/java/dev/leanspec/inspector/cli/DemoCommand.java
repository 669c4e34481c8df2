package dev.leanspec.inspector.cli;

import dev.leanspec.inspector.demo.DemoDatabases;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", description = "Write a realistic sessions.db (tool-era shape) and chat.db (jan20 shape) into DIR, to try adoption and migration on.")
final class DemoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The folder to write into (created if needed; existing files are never overwritten).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DemoDatabases.DemoFiles files = DemoDatabases.write(dir);
        spec.commandLine().getOut().printf("Wrote %s (tool-era) and %s (jan20).%nTry: leanspec-inspector status --sessions %s --chat %s%n",
                files.sessions(), files.chat(), files.sessions(), files.chat());
        return 0;
    }
}
