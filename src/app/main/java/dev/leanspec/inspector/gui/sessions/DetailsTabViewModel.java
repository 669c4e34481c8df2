package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionDetail;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The Details tab: the selected session's every field, its specs and its metadata. */
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
}
