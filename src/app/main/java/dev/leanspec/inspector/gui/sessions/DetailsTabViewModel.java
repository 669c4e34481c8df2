package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.gui.common.Link;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;

import java.util.List;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The Details tab: the selected session's every field, its specs and its metadata, and the links
 * its fields make: its runner, each spec's sessions, its project's sessions and chats.
 */
public final class DetailsTabViewModel implements SessionTab {

    private final SessionReads reads;
    private final ReadOnlyObjectWrapper<SessionDetail> detail = new ReadOnlyObjectWrapper<>();

    DetailsTabViewModel(SessionReads reads) {
        this.reads = reads;
    }

    /** The selected session's detail; null until it is read, and when none is selected. */
    public ReadOnlyObjectProperty<SessionDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    @Override
    public void show(Session session) {
        if (session == null) {
            detail.set(null);
            return;
        }
        // One row, read first: its metadata says the protocol by the time the conversation shows.
        String id = session.id();
        reads.read(() -> reads.shown().get(id).orElse(null), detail::set);
    }

    /**
     * {@return the specs a session was run on: its {@code session_specs} rows, or else its
     * {@code spec_id} (files of 0.2.23–0.2.24 have only that); empty when none}
     */
    static List<String> specs(SessionDetail detail) {
        Session session = detail.session();
        return !detail.specs().isEmpty() ? detail.specs() : session.specId() == null ? List.of() : List.of(session.specId());
    }

    /** Opens the shown session's runner in the Runners tab (a file without one lists the sessions it ran). */
    public void followRunner() {
        SessionDetail shown = detail.get();
        if (shown != null) {
            reads.follow(new Link.Runner(reads.location(), shown.session().runner(), shown.session().projectPath()));
        }
    }

    /** Lists the sessions run on {@code spec}. */
    public void followSpec(String spec) {
        reads.follow(new Link.Sessions(reads.location(), spec, null, null));
    }

    /** Lists the sessions of the shown session's project. */
    public void followProject() {
        SessionDetail shown = detail.get();
        if (shown != null) {
            reads.follow(new Link.Sessions(reads.location(), null, shown.session().projectPath(), null));
        }
    }

    /** Lists the chats of the shown session's project (in whichever open file holds chats). */
    public void followProjectChats() {
        SessionDetail shown = detail.get();
        if (shown != null) {
            reads.follow(new Link.ProjectChats(reads.location(), shown.session().projectPath()));
        }
    }
}
