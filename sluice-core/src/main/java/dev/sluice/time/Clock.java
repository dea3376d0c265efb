package dev.sluice.time;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

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
