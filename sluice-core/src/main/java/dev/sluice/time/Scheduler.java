package dev.sluice.time;

import java.time.Duration;

/**
 * Runs tasks after a delay measured on the {@link Clock} that created it. A pipeline owns one
 * scheduler and closes it when the pipeline ends, so no timer thread outlives its pipeline.
 *
 * <p>Tasks run one at a time in due order; tasks due at the same instant run in the order they
 * were scheduled.
 */
public interface Scheduler extends AutoCloseable {

    /**
     * Schedules {@code task} to run once after {@code delay}.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is closed
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** Discards pending tasks and releases the scheduler's thread, if it has one. Idempotent. */
    @Override
    void close();
}
