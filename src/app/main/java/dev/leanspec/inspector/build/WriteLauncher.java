package dev.leanspec.inspector.build;

import dev.leanspec.inspector.Main;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A build step, not part of the app: run by {@code ./mvnw compile} on the JDK the build chose
 * (toolchains) with the runtime class path, it writes {@code target/leanspec-inspector} (and a
 * {@code .cmd} for Windows) that starts the app exactly so. Running that script, not Maven, is
 * what keeps a CLI's exit code and message clean, and saves Maven's start-up on every run. It also
 * writes {@code target/jpackage-java-options}, the JVM options of the app image that depend on the
 * JDK's version.
 *
 * <p>On a JDK 19+ the script also keeps a class-data archive per face (window, CLI) that the JVM
 * makes by itself at the first exit and checks at every start ({@code -XX:+AutoCreateSharedArchive}):
 * see docs/performance.md for what it saves. Such an archive holds classes from jars only, so
 * this step also puts each module's {@code target/classes} into {@code target/launcher/<module>.jar},
 * and deletes the archives of a jar it replaces.
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
        Path dir = Path.of(args[0]).toAbsolutePath().normalize();
        String mainClass = args[1];
        List<String> options = new ArrayList<>(List.of(args).subList(2, args.length));
        if (Runtime.version().feature() >= 23) {
            // JavaFX 21's renderer (Marlin) uses sun.misc.Unsafe; JDK 24+ warns about it at every
            // start. Harmless for this app, and the option exists only from JDK 23 on: this JVM is
            // the one the script starts, so it knows.
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        String shClassPath = classPath;
        boolean archives = Runtime.version().feature() >= 19;
        Path launcherDir = dir.resolve("launcher");
        if (archives) {
            // Each module's classes folder (src/<module>/target/classes) as launcher/<module>.jar.
            shClassPath = Arrays.stream(classPath.split(File.pathSeparator))
                    .map(entry -> Files.isDirectory(Path.of(entry))
                            ? jar(Path.of(entry), launcherDir.resolve(moduleOf(Path.of(entry)) + ".jar")).toString() : entry)
                    .collect(Collectors.joining(File.pathSeparator));
        }

        StringBuilder sh = new StringBuilder("#!/bin/sh\n")
                .append("# Written by ./mvnw compile: this checkout's classes and libraries, on the JDK the build chose.\n")
                .append("# Run it again after ./mvnw compile; arguments are the app's (none: the window; a command: the CLI).\n")
                .append("# Without a session bus (a container, CI, Xvfb) GTK's file chooser cannot save its settings and\n")
                .append("# warns at each use: keep them in memory there. On a desktop, GTK's own settings are used.\n")
                .append("[ -n \"${DBUS_SESSION_BUS_ADDRESS:-}\" ] || export GSETTINGS_BACKEND=\"${GSETTINGS_BACKEND:-memory}\"\n")
                .append("# Emoji newer than the system's fonts draw with the app's Noto Emoji (packaging/fonts/fonts.conf says why).\n")
                .append("[ -n \"${FONTCONFIG_FILE:-}\" ] || export FONTCONFIG_FILE=")
                .append(sh(dir.getParent().resolve("packaging/fonts/fonts.conf").toString())).append('\n');
        if (archives) {
            // The face is Main's choice, made the same way: a command, or a word that is no file,
            // runs the CLI. A wrong guess costs only speed: each archive is a cache.
            sh.append("# The window and the CLI load different classes: one start-up archive each.\n")
                    .append("case \"${1:-}\" in\n")
                    .append("    ").append(String.join("|", Main.COMMANDS)).append(") face=cli ;;\n")
                    .append("    ''|-*|*/*|*.db) face=window ;;\n")
                    .append("    *) if [ -e \"$1\" ]; then face=window; else face=cli; fi ;;\n")
                    .append("esac\n");
        }
        sh.append("exec ").append(sh(java));
        if (archives) {
            // -Xlog:cds*=off: a stale archive is dropped and remade, never a message in the CLI's output.
            sh.append(" -XX:+AutoCreateSharedArchive ").append(sh("-XX:SharedArchiveFile=" + launcherDir))
                    .append("\"/$face.jsa\" -Xlog:cds*=off");
        }
        options.forEach(option -> sh.append(' ').append(sh(option)));
        sh.append(" -cp ").append(sh(shClassPath)).append(' ').append(mainClass).append(" \"$@\"\n");
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

    /** The module a classes folder belongs to: {@code app} for {@code src/app/target/classes}. */
    private static String moduleOf(Path classes) {
        Path module = classes.toAbsolutePath().normalize().getParent().getParent();
        return module == null ? "classes" : module.getFileName().toString();
    }

    /**
     * {@code classes} as a jar at {@code jar} (written beside it, then moved over it: a running
     * app keeps reading the old one).
     */
    private static Path jar(Path classes, Path jar) {
        try {
            Files.createDirectories(jar.getParent());
            Path next = jar.resolveSibling(jar.getFileName() + ".next");
            try (var out = new JarOutputStream(Files.newOutputStream(next)); Stream<Path> files = Files.walk(classes)) {
                for (Path file : (Iterable<Path>) files.filter(file -> !file.equals(classes)).sorted()::iterator) {
                    String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
                    // Folders get entries too, as with the jar tool: Flyway finds the migrations by
                    // asking the class loader for their folder.
                    boolean folder = Files.isDirectory(file);
                    out.putNextEntry(new JarEntry(folder ? name + "/" : name));
                    if (!folder) {
                        Files.copy(file, out);
                    }
                    out.closeEntry();
                }
            }
            Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // The archives of the old jar go with it: the JVM would find them stale at every start
            // and, though it says it makes a new one, it does not (JDK 25) when only a jar changed.
            try (Stream<Path> archives = Files.list(jar.getParent())) {
                for (Path archive : (Iterable<Path>) archives.filter(p -> p.toString().endsWith(".jsa"))::iterator) {
                    Files.delete(archive);
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }

    /** A word quoted for sh: single quotes, a quote inside as {@code '\''}. */
    static String sh(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
