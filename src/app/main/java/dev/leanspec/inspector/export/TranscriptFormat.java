package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.PersistenceException;
import dev.leanspec.inspector.persistence.PersistenceException.Reason;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** How a session or a conversation is written out: {@code show --format}, Export… and the archive. */
public enum TranscriptFormat {
    /** GitHub-flavoured Markdown, the agent's own Markdown kept as written. */
    MARKDOWN("md", "Markdown"),
    /** One self-contained HTML page. */
    HTML("html", "HTML"),
    /** The typed structure, as {@code show --json} prints it. */
    JSON("json", "JSON");

    private final String extension;
    private final String label;

    TranscriptFormat(String extension, String label) {
        this.extension = extension;
        this.label = label;
    }

    /** {@return the file name extension, without its dot} */
    public String extension() {
        return extension;
    }

    /** {@return its name for people: Markdown, HTML, JSON} */
    public String label() {
        return label;
    }

    /** {@return the format named {@code md}, {@code markdown}, {@code html} or {@code json} (any case)} */
    public static TranscriptFormat named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (TranscriptFormat format : values()) {
            if (format.extension.equals(wanted) || format.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format " + name + ": md, html or json");
    }

    /** {@return the format a file's name asks for: .html/.htm, .json, else Markdown} */
    public static TranscriptFormat forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return HTML;
        }
        return name.endsWith(".json") ? JSON : MARKDOWN;
    }

    /**
     * Writes {@code text} to {@code target} whole or not at all: into a file beside it first, then
     * moved over it, so that a full disk or a crash leaves what was there before.
     *
     * @throws PersistenceException naming the file when it cannot be written
     */
    public static void save(String text, Path target) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PersistenceException(Reason.FAILED, target, "Could not write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The first error is the one to report.
            }
        }
    }

    /** {@return the session written in this format} */
    public String write(SessionTranscript transcript) {
        return switch (this) {
            case MARKDOWN -> TranscriptMarkdown.session(transcript);
            case HTML -> TranscriptHtml.session(transcript, null);
            case JSON -> Json.write(TranscriptJson.session(transcript, false)) + "\n";
        };
    }

    /** {@return the conversation written in this format} */
    public String write(ConversationTranscript transcript) {
        return switch (this) {
            case MARKDOWN -> TranscriptMarkdown.conversation(transcript);
            case HTML -> TranscriptHtml.conversation(transcript, null);
            case JSON -> Json.write(TranscriptJson.conversation(transcript)) + "\n";
        };
    }
}
