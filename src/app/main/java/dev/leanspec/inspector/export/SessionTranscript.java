package dev.leanspec.inspector.export;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;
import dev.leanspec.inspector.persistence.sessions.SessionEvent;
import dev.leanspec.inspector.persistence.sessions.SessionStore;
import dev.leanspec.inspector.persistence.transcript.SessionSummary;
import dev.leanspec.inspector.persistence.transcript.Transcript;
import dev.leanspec.inspector.persistence.transcript.TranscriptFolder;

import java.util.List;
import java.util.Optional;

/**
 * One session as the window shows it, whole: its row, specs and metadata, its events, and the
 * conversation folded from its logs. What {@code show session}, Export… and the archive render.
 *
 * @param file       where it was read (a path or a PostgreSQL URL without its password)
 * @param detail     the row with its specs and metadata
 * @param events     its events, oldest first
 * @param transcript every log line folded (raw lines included), text uncut
 */
public record SessionTranscript(String file, SessionDetail detail, List<SessionEvent> events, Transcript transcript) {

    /** Copies the events. */
    public SessionTranscript {
        events = List.copyOf(events);
    }

    /**
     * Reads the session {@code id} of {@code store}; empty when the file has none. Text is read
     * whole: what is kept or shared must not lose the end of a long tool output.
     */
    public static Optional<SessionTranscript> read(SessionStore store, String id) {
        return store.get(id).map(detail -> read(store, detail));
    }

    /** {@return the session of {@code detail}, read already (the archive has every row), with its events and logs} */
    public static SessionTranscript read(SessionStore store, SessionDetail detail) {
        String id = detail.session().id();
        return new SessionTranscript(store.where(), detail, Page.all(1_000, request -> store.events(EventQuery.of(id), request)),
                TranscriptFolder.read(store, id));
    }

    /** {@return the protocol, active tool call and plan, as the list shows them} */
    public SessionSummary summary() {
        return SessionSummary.of(transcript, detail.metadata());
    }

    /** {@return whether its logs are an ACP agent's conversation rather than a console's lines} */
    public boolean acp() {
        return summary().protocol().equals("acp");
    }
}
