package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionEvent;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Events tab: the selected session's events, a page at a time, with how many there are. */
public final class EventsTabViewModel implements SessionTab {

    private final SessionReads reads;
    private final ObservableList<SessionEvent> events = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper("");
    private String selectedId;
    private PageKey next;
    private long total = -1;

    EventsTabViewModel(SessionReads reads) {
        this.reads = reads;
    }

    public ObservableList<SessionEvent> events() {
        return events;
    }

    /** Whether events follow the ones shown. */
    public ReadOnlyBooleanProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    /** "1,000 of 2,345 events" while more follow, "12 events" when all are shown. */
    public ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    @Override
    public void show(Session session) {
        selectedId = session == null ? null : session.id();
        if (session == null) {
            events.clear();
            more.set(false);
            shown.set("");
            return;
        }
        fetch(selectedId, PageRequest.first(SessionsViewModel.DETAIL_PAGE), false);
    }

    /** Appends the next page of events (a session with more than a page says so and pages on). */
    public void loadMore() {
        if (selectedId != null && next != null) {
            fetch(selectedId, new PageRequest(SessionsViewModel.DETAIL_PAGE, next), true);
        }
    }

    private void fetch(String id, PageRequest request, boolean append) {
        record Events(Page<SessionEvent> page, long total) {
        }
        long known = append ? total : -1;
        reads.read(() -> {
            Page<SessionEvent> page = reads.shown().events(EventQuery.of(id), request);
            // Counted once, with the first page that has more behind it; later pages reuse it.
            long count = known >= 0 ? known : page.hasNext() ? reads.shown().countEvents(EventQuery.of(id)) : page.items().size();
            return new Events(page, count);
        }, read -> {
            if (!id.equals(selectedId)) {
                return;
            }
            if (append) {
                events.addAll(read.page().items());
            } else {
                events.setAll(read.page().items());
            }
            next = read.page().next();
            total = read.total();
            more.set(read.page().hasNext());
            shown.set(read.page().hasNext()
                    ? String.format("%,d of %,d events", events.size(), read.total())
                    : String.format("%,d event%s", events.size(), events.size() == 1 ? "" : "s"));
        });
    }
}
