package dev.leanspec.inspector.gui.main;

import dev.leanspec.inspector.gui.common.Link;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * What the user followed (search hits, links), walked by Back and Forward as a web browser's
 * history is: following a link after going back drops what was ahead.
 */
final class History {

    private final List<Link> followed = new ArrayList<>();
    private final Consumer<Link> show;
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canGoForward = new ReadOnlyBooleanWrapper();
    private int at = -1;

    /** @param show takes the window to a link */
    History(Consumer<Link> show) {
        this.show = show;
    }

    /** Shows {@code link}, remembering it after the current one. */
    void follow(Link link) {
        while (followed.size() > at + 1) {
            followed.removeLast();
        }
        followed.add(link);
        moveTo(followed.size() - 1);
    }

    /** Shows what was followed before the current one; nothing when there is none. */
    void back() {
        if (at > 0) {
            moveTo(at - 1);
        }
    }

    /** Shows again what Back left; nothing when there is none. */
    void forward() {
        if (at + 1 < followed.size()) {
            moveTo(at + 1);
        }
    }

    private void moveTo(int index) {
        at = index;
        canGoBack.set(at > 0);
        canGoForward.set(at + 1 < followed.size());
        show.accept(followed.get(at));
    }

    ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }
}
