package dev.leanspec.inspector.gui.sessions;

import dev.leanspec.inspector.persistence.Page;
import dev.leanspec.inspector.persistence.PageKey;
import dev.leanspec.inspector.persistence.PageRequest;
import dev.leanspec.inspector.persistence.sessions.EventQuery;
import dev.leanspec.inspector.persistence.sessions.Session;
import dev.leanspec.inspector.persistence.sessions.SessionEvent;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Events tab: the selected session's events, a page at a time, with how many there are; from
 * a search's hit in an event, read through to it and focused on it.
 */
public final class EventsTabViewModel implements SessionTab {

    /** Pages read to reach a search's hit with the events before it; further on, the list starts at it. */
    static final int PAGES_TO_HIT = 20;

    private final SessionReads reads;
    private final ObservableList<SessionEvent> events = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper("");
    private String selectedId;
    private PageKey next;
    private long total = -1;
    private final ReadOnlyLongWrapper focus = new ReadOnlyLongWrapper(-1);
    /** A search's hit to show when its session is shown: the session's id and the event's; null when none. */
    private String startSession;
    private long startEvent = -1;

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

    /** The event a search's hit is in, once read: the view selects it and scrolls to it; -1 for none. */
    public ReadOnlyLongProperty focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /**
     * While {@code sessionId} is the session shown, reads its events through to {@code eventId}
     * (a search's hit in that event) and focuses it, until another session is shown.
     */
    void startAt(String sessionId, long eventId) {
        startSession = sessionId;
        startEvent = eventId;
        if (sessionId.equals(selectedId)) {
            fetch(sessionId, PageRequest.first(SessionsViewModel.DETAIL_PAGE), false);
        }
    }

    @Override
    public void show(Session session) {
        selectedId = session == null ? null : session.id();
        if (session == null) {
            events.clear();
            more.set(false);
            shown.set("");
            focus.set(-1);
            return;
        }
        // Kept while its session is the one shown: the list's reload after a search selects the
        // row again, and the hit must survive that.
        if (!selectedId.equals(startSession)) {
            startSession = null;
            startEvent = -1;
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
        record Events(List<SessionEvent> items, PageKey next, long total) {
        }
        long known = append ? total : -1;
        long hit = append ? -1 : startEvent;
        reads.read(() -> {
            EventQuery query = EventQuery.of(id);
            Page<SessionEvent> page = reads.shown().events(query, request);
            List<SessionEvent> items = new ArrayList<>(page.items());
            // A search's hit further on: the pages up to it, so that the events before it stay above it.
            for (int pages = 1; hit >= 0 && page.hasNext() && !contains(page, hit) && pages < PAGES_TO_HIT; pages++) {
                page = reads.shown().events(query, new PageRequest(SessionsViewModel.DETAIL_PAGE, page.next()));
                items.addAll(page.items());
            }
            if (hit >= 0 && !contains(page, hit) && page.hasNext()) {
                // Too far for that: the list starts at the hit (its first events are a click on the session away).
                page = reads.shown().events(query, new PageRequest(SessionsViewModel.DETAIL_PAGE, PageKey.of(hit - 1)));
                items = new ArrayList<>(page.items());
            }
            // Counted once, with the first page that has more behind it; later pages reuse it.
            long count = known >= 0 ? known : page.hasNext() ? reads.shown().countEvents(query) : items.size();
            return new Events(items, page.next(), count);
        }, read -> {
            if (!id.equals(selectedId)) {
                return;
            }
            if (append) {
                events.addAll(read.items());
            } else {
                events.setAll(read.items());
            }
            next = read.next();
            total = read.total();
            more.set(read.next() != null);
            shown.set(read.next() != null
                    ? String.format("%,d of %,d events", events.size(), read.total())
                    : String.format("%,d event%s", events.size(), events.size() == 1 ? "" : "s"));
            if (!append) {
                focus.set(-1);  // the same hit again is focused again
                focus.set(hit);
            }
        });
    }

    private static boolean contains(Page<SessionEvent> page, long eventId) {
        return page.items().stream().anyMatch(event -> event.id() == eventId);
    }
}
