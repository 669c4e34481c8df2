package dev.leanspec.inspector.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Emoji LeanSpec's agents write, newer than Unicode 9, draw as glyphs in the window's own font
 * (falling back to the app's Noto Emoji through the launchers' fonts.conf, which the build gives
 * the tests too), not as the empty box of a code point no font has.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class EmojiGuiTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"1F9EA", "1FAE8", "1F600", "2705"}) // test tube (Unicode 11), shaking face (15), grin, check
    void anEmojiDrawsAsAGlyphNotAsTheBoxOfAMissingOne(String hex) throws Exception {
        String emoji = Character.toString(Integer.parseInt(hex, 16));
        String missing = Character.toString(0x10FFFD); // a private-use code point no font draws

        int[] drawn = WaitForAsyncUtils.asyncFx(() -> pixels(emoji)).get(10, TimeUnit.SECONDS);
        int[] none = WaitForAsyncUtils.asyncFx(() -> pixels(missing)).get(10, TimeUnit.SECONDS);

        assertThat(drawn).as("U+" + hex + " drawn differently from a missing glyph").isNotEqualTo(none);
        assertThat(java.util.Arrays.stream(drawn).filter(argb -> (argb >>> 24) > 0x80 && (argb & 0xFF) < 0x80).count())
                .as("dark pixels of U+" + hex).isGreaterThan(20);
    }

    /** The pixels of {@code text} drawn black on white in the window's default font, 32 px. */
    private static int[] pixels(String text) {
        Text node = new Text(text);
        node.setFont(Font.font(Font.getDefault().getFamily(), 32));
        new Scene(new StackPane(node));
        Image image = node.snapshot(null, null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, width);
        return argb;
    }
}
