package dev.leanspec.inspector.gui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs tasks at once on the calling thread: for ViewModel tests without a JavaFX toolkit. */
public final class DirectTaskRunner implements TaskRunner {

    @Override
    public <T> Cancellable submit(Callable<T> work, Runnable cancel, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return Cancellable.DONE;
        }
        onSuccess.accept(result);
        return Cancellable.DONE;
    }

    @Override
    public void later(Runnable action) {
        action.run();
    }
}
