package dev.leanspec.inspector.gui;

import dev.leanspec.inspector.gui.common.DialogService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A DialogService that answers as told and remembers what it was shown. */
public final class RecordingDialogs implements DialogService {

    public final List<String> confirmations = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();
    public final List<String> notices = new ArrayList<>();
    public final List<String> messages = new ArrayList<>();
    public final List<String> documents = new ArrayList<>();
    public boolean answer = true;
    /** What a confirmation's option answers; null for its default. */
    public Boolean option;
    public Path fileToChoose;
    /** What "choose a folder" answers; null for a cancelled chooser. */
    public Path folderToChoose;
    /** The pages opened in the browser. */
    public final List<String> browsed = new ArrayList<>();
    /** What "Save as…" answers; null for a cancelled chooser. */
    public Path fileToSave;
    public final List<String> suggestedNames = new ArrayList<>();

    @Override
    public java.util.Optional<Boolean> confirmWithOption(String title, String header, String details, String action, String option,
                                                         boolean optionByDefault) {
        confirmations.add(title + "\n" + header + "\n" + details + "\n[" + option + "]");
        return answer ? java.util.Optional.of(this.option == null ? optionByDefault : this.option) : java.util.Optional.empty();
    }

    @Override
    public boolean confirm(String title, String header, String details) {
        confirmations.add(title + "\n" + header + "\n" + details);
        return answer;
    }

    @Override
    public void error(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void notify(String title, String message) {
        notices.add(title + ": " + message);
    }

    @Override
    public void message(String title, String text) {
        messages.add(title + "\n" + text);
    }

    @Override
    public void document(String title, String markdown) {
        documents.add(title + "\n" + markdown);
    }

    @Override
    public Optional<Path> chooseFile(String title) {
        return Optional.ofNullable(fileToChoose);
    }

    /** What "Connect to PostgreSQL…" answers; null for a cancelled form. */
    public dev.leanspec.inspector.persistence.PostgresUrl postgresToConnect;
    /** What the last PostgreSQL form was filled in with; null for nothing. */
    public dev.leanspec.inspector.persistence.PostgresUrl suggested;
    /** What each PostgreSQL form was shown for. */
    public final List<dev.leanspec.inspector.gui.connect.ConnectViewModel.Purpose> asked = new ArrayList<>();

    @Override
    public Optional<dev.leanspec.inspector.persistence.PostgresUrl> askPostgres(dev.leanspec.inspector.persistence.PostgresUrl last,
                                                                                dev.leanspec.inspector.gui.connect.ConnectViewModel.Purpose purpose) {
        asked.add(purpose);
        suggested = last;
        return Optional.ofNullable(postgresToConnect);
    }

    @Override
    public boolean ask(String title, String header, String details, String action) {
        return confirm(title, header, details);
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        return Optional.ofNullable(folderToChoose);
    }

    @Override
    public void browse(String url) {
        browsed.add(url);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName) {
        suggestedNames.add(suggestedName);
        return Optional.ofNullable(fileToSave);
    }
}
