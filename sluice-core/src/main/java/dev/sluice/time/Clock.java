package dev.sluice.time;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;

/**
 * The source of time for a pipeline: monotonic time for intervals, wall time for timestamps,
 * waiting, and timers.
 *
 * <p>{@link #system()} is the real clock. {@link VirtualClock} moves only when a test tells it
 * to. Implementations are thread-safe.
 */
public interface Clock {

    /** Monotonic nanoseconds, for measuring intervals. Only differences are meaningful. */
    long nanoTime();

    /** Milliseconds since the epoch, for processing-time timestamps. */
    long currentTimeMillis();

    /**
     * Waits for {@code duration}. On a {@link VirtualClock} this advances virtual time instead
     * of blocking.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits on {@code condition}, whose lock the caller holds, until it is signalled or
     * {@code timeout} has passed on this clock. The real clock waits on the condition; a
     * {@link VirtualClock} advances by {@code timeout} at once, as {@link #sleep} does, so a test's
     * time moves only where the code under test waits.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    default void await(Condition condition, Duration timeout) throws InterruptedException {
        condition.awaitNanos(timeout.toNanos());
    }

    /**
     * Creates a scheduler whose tasks run at this clock's times. A scheduler of the system clock
     * runs tasks on one thread made by {@code threads}; a virtual clock's scheduler runs them on
     * the thread that advances the clock.
     */
    Scheduler newScheduler(ThreadFactory threads);

    /** The real clock: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
