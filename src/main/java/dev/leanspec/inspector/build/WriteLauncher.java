package dev.leanspec.inspector.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A build step, not part of the app: run by {@code ./mvnw compile} on the JDK the build chose
 * (toolchains) with the runtime class path, it writes {@code target/leanspec-inspector} (and a
 * {@code .cmd} for Windows) that starts the app exactly so. Running that script, not Maven, is
 * what keeps a CLI's exit code and message clean, and saves Maven's start-up on every run. It also
 * writes {@code target/jpackage-java-options}, the JVM options of the app image that depend on the
 * JDK's version.
 */
public final class WriteLauncher {

    private WriteLauncher() {
    }

    /**
     * Writes the launchers.
     *
     * @param args the folder to write into, the main class, then JVM options for the app
     * @throws IOException when the folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String mainClass = args[1];
        List<String> options = new java.util.ArrayList<>(List.of(args).subList(2, args.length));
        if (Runtime.version().feature() >= 23) {
            // JavaFX 21's renderer (Marlin) uses sun.misc.Unsafe; JDK 24+ warns about it at every
            // start. Harmless for this app, and the option exists only from JDK 23 on: this JVM is
            // the one the script starts, so it knows.
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");

        StringBuilder sh = new StringBuilder("#!/bin/sh\n")
                .append("# Written by ./mvnw compile: this checkout's classes and libraries, on the JDK the build chose.\n")
                .append("# Run it again after ./mvnw compile; arguments are the app's (none: the window; a command: the CLI).\n")
                .append("# Without a session bus (a container, CI, Xvfb) GTK's file chooser cannot save its settings and\n")
                .append("# warns at each use: keep them in memory there. On a desktop, GTK's own settings are used.\n")
                .append("[ -n \"${DBUS_SESSION_BUS_ADDRESS:-}\" ] || export GSETTINGS_BACKEND=\"${GSETTINGS_BACKEND:-memory}\"\n")
                .append("exec ").append(sh(java));
        options.forEach(option -> sh.append(' ').append(sh(option)));
        sh.append(" -cp ").append(sh(classPath)).append(' ').append(mainClass).append(" \"$@\"\n");
        // The same for the app image: jpackage reads this as an argument file (its runtime is
        // jlinked from this very JDK).
        Files.writeString(dir.resolve("jpackage-java-options"), Runtime.version().feature() >= 23
                ? "--java-options --sun-misc-unsafe-memory-access=allow\n" : "--java-options -Dleanspec.unsafe.warnings=jdk\n",
                StandardCharsets.UTF_8);

        Path script = dir.resolve("leanspec-inspector");
        Files.writeString(script, sh, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the .cmd below is the launcher there.
        }

        StringBuilder cmd = new StringBuilder("@echo off\r\nrem Written by mvnw compile: this checkout's classes and libraries, on the JDK the build chose.\r\n")
                .append('"').append(java).append('"');
        options.forEach(option -> cmd.append(' ').append(option));
        cmd.append(" -cp \"").append(classPath).append("\" ").append(mainClass).append(" %*\r\nexit /b %ERRORLEVEL%\r\n");
        Files.writeString(dir.resolve("leanspec-inspector.cmd"), cmd, StandardCharsets.UTF_8);
    }

    /** A word quoted for sh: single quotes, a quote inside as {@code '\''}. */
    static String sh(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
