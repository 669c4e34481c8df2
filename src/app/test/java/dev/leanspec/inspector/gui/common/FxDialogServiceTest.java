package dev.leanspec.inspector.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The notifications' text, broken into lines that fit beside the window's corner. */
class FxDialogServiceTest {

    @Test
    void aLongSentenceIsBrokenAtSpacesIntoLinesOfTheWidth() {
        String sentence = "/tmp/emoji.db has no sessions table (sessions.db, leanspec.db) and no conversations table "
                + "(chat.db, leanspec.db): its tables open read-only.";

        String wrapped = FxDialogService.wrapped(sentence, 70);

        assertThat(wrapped.lines()).hasSizeGreaterThan(1).allMatch(line -> line.length() <= 70);
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(sentence);
        assertThat(FxDialogService.wrapped("short\n\nand " + "x".repeat(90), 70)).isEqualTo("short\n\nand\n" + "x".repeat(90));
    }
}
