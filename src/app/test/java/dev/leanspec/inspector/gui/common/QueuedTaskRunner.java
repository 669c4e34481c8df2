package dev.leanspec.inspector.gui.common;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Tasks run when the test says, in order, on the test's thread; a cancelled one is skipped. A
 * task's result is handed over as it ends (as {@link DirectTaskRunner} does); what it asks to run
 * {@link #later} waits in the queue.
 */
public final class QueuedTaskRunner implements TaskRunner {

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** How many tasks were cancelled before they ran. */
    public int cancelled;

    @Override
    public void later(Runnable action) {
        queue.add(action);
    }

    @Override
    public <T> Cancellable submit(Callable<T> work, Runnable cancel, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        boolean[] stopped = {false};
        Runnable task = () -> {
            if (!stopped[0]) {
                new DirectTaskRunner().submit(work, cancel, onSuccess, onFailure);
            }
        };
        queue.add(task);
        return () -> {
            if (!stopped[0] && queue.contains(task)) {
                stopped[0] = true;
                cancelled++;
            }
        };
    }

    /** {@return how many tasks and actions wait} */
    public int waiting() {
        return queue.size();
    }

    public void runNext() {
        queue.poll().run();
    }

    public void runAll() {
        while (!queue.isEmpty()) {
            runNext();
        }
    }
}
