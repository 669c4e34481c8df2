package dev.leanspec.inspector;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version, from the pom: what {@code --version} prints and what an archive records it was written by. */
public final class Version {

    private Version() {
    }

    /** {@return the version, or "unknown" in a build that did not filter it in} */
    public static String of() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/leanspec/inspector/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
