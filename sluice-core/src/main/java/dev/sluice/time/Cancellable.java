package dev.sluice.time;

/** A handle on a scheduled task. Cancelling a task that already ran or was cancelled does nothing. */
@FunctionalInterface
public interface Cancellable {
    /** Prevents the task from running if it has not started yet. */
    void cancel();
}
