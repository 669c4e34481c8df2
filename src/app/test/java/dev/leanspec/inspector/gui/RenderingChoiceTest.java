package dev.leanspec.inspector.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JavaFX's software pipeline is asked for at once only where its OpenGL one cannot be had: Linux without a GPU device. */
class RenderingChoiceTest {

    @TempDir
    Path dev;

    @Test
    void linuxWithoutAGpuDeviceDrawsInSoftware() throws Exception {
        assertThat(InspectorApp.noGpu("Linux", dev)).isTrue();
        Files.createDirectories(dev.resolve("dri")); // an empty /dev/dri is no device either
        assertThat(InspectorApp.noGpu("Linux", dev)).isTrue();
    }

    @Test
    void anyGpuDeviceLeavesTheChoiceToJavaFx() throws Exception {
        Files.createFile(Files.createDirectories(dev.resolve("dri")).resolve("renderD128"));
        assertThat(InspectorApp.noGpu("Linux", dev)).isFalse();
    }

    @Test
    void nvidiasAndWslsDevicesCountToo() throws Exception {
        Path nvidia = Files.createDirectories(dev.resolve("nvidia"));
        Files.createFile(nvidia.resolve("nvidiactl"));
        assertThat(InspectorApp.noGpu("Linux", nvidia)).isFalse();
        Path wsl = Files.createDirectories(dev.resolve("wsl"));
        Files.createFile(wsl.resolve("dxg"));
        assertThat(InspectorApp.noGpu("Linux", wsl)).isFalse();
    }

    @Test
    void otherSystemsAreLeftToJavaFx() {
        assertThat(InspectorApp.noGpu("Mac OS X", dev)).isFalse();
        assertThat(InspectorApp.noGpu("Windows 11", dev)).isFalse();
    }
}
