package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.export.Redaction;
import dev.leanspec.inspector.export.TranscriptFormat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Export… and Copy as Markdown of the selected session or conversation: read whole on the file's
 * worker (the window shows long values cut; what is kept must not be), then written in the
 * format asked for, the file whole or not at all.
 */
public final class TranscriptExportViewModel {

    private final String noun;
    private final TaskRunner runner;
    private final Runnable cancel;
    private final Consumer<Throwable> failed;
    private final DialogService dialogs;
    private final Writer write;
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper();
    private final BooleanProperty redact = new SimpleBooleanProperty();

    /** Reads one whole on the worker and writes it in a format, its secrets taken out by {@code redaction} unless null. */
    public interface Writer {
        /** {@return the one with that id written, or empty when the file no longer holds it} */
        Optional<String> write(String id, TranscriptFormat format, Redaction redaction);
    }

    /**
     * @param noun   {@code session} or {@code conversation}, for titles and notices
     * @param cancel stops the worker's query (Stop)
     * @param failed reports a read that failed
     * @param write  on the worker: the one with that id written in a format, or empty when the file no longer holds it
     */
    public TranscriptExportViewModel(String noun, TaskRunner runner, Runnable cancel, Consumer<Throwable> failed,
                                     DialogService dialogs, Writer write) {
        this.noun = noun;
        this.runner = runner;
        this.cancel = cancel;
        this.failed = failed;
        this.dialogs = dialogs;
        this.write = write;
    }

    /** The id of the one that would be exported; null when none is selected. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Whether secrets (API keys, tokens, private keys, passwords) and the home folder are taken out of what is written. */
    public BooleanProperty redactProperty() {
        return redact;
    }

    /** Exports {@code id} from now on; null for none. */
    public void select(String id) {
        selected.set(id);
    }

    /** Asks where to save the selected one in {@code format}, then saves it. */
    public void saveChosen(TranscriptFormat format) {
        String id = selected.get();
        if (id == null) {
            return;
        }
        dialogs.chooseSaveFile("Export the " + noun + " as " + format.label(), noun + "-" + Formats.shortId(id) + "." + format.extension())
                .ifPresent(target -> save(id, target));
    }

    /** Saves the selected one to {@code target}, in the format its name asks for (.md, .html, .json). */
    public void save(Path target) {
        String id = selected.get();
        if (id != null) {
            save(id, target);
        }
    }

    private void save(String id, Path target) {
        TranscriptFormat format = TranscriptFormat.forFile(target);
        Redaction redaction = redaction();
        runner.submit(() -> write.write(id, format, redaction).map(text -> {
            TranscriptFormat.save(text, target);
            return target;
        }), cancel, saved -> saved.ifPresentOrElse(
                path -> dialogs.notify("Exported", "The " + noun + " " + Formats.shortId(id) + " as " + format.label() + " to " + path
                        + redacted(redaction)),
                () -> gone(id)), failed);
    }

    /** Reads the selected one whole and hands its Markdown to {@code paste} on the UI thread. */
    public void copyAsMarkdown(Consumer<String> paste) {
        String id = selected.get();
        if (id == null) {
            return;
        }
        Redaction redaction = redaction();
        runner.submit(() -> write.write(id, TranscriptFormat.MARKDOWN, redaction), cancel, text -> text.ifPresentOrElse(markdown -> {
            paste.accept(markdown);
            dialogs.notify("Copied", "The " + noun + " " + Formats.shortId(id) + " is on the clipboard as Markdown." + redacted(redaction));
        }, () -> gone(id)), failed);
    }

    private Redaction redaction() {
        return redact.get() ? Redaction.of(Path.of(System.getProperty("user.home"))) : null;
    }

    private static String redacted(Redaction redaction) {
        return redaction == null ? "" : " Redacted: " + redaction.summary() + ".";
    }

    private void gone(String id) {
        dialogs.error("Nothing to export", "The " + noun + " " + id + " is no longer in the file (deleted since it was listed). "
                + "Reload the list (F5) to see what it holds now.");
    }
}
