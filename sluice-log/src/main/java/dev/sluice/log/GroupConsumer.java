package dev.sluice.log;

import java.time.Duration;
import java.util.List;

/**
 * A consumer group reading one stream as windows. The group's position is stored in the log, so a
 * restarted consumer (or another process with the same group) continues where it stopped: at
 * least once, since a window whose function threw or whose process died is processed again.
 *
 * <p>A window function that throws is retried ({@link #retry}); when the attempts are spent the
 * window's records go to the dead-letter stream {@code <stream>.dead-letter} with the reason in
 * their headers, and the group moves on.
 */
public interface GroupConsumer {

    /** A window function: processes one window. */
    @FunctionalInterface
    interface WindowFunction {
        /** Processes the window; throwing makes it a failed attempt. */
        void apply(Window window) throws Exception;
    }

    /** A window transform for exactly-once log-to-log processing. */
    @FunctionalInterface
    interface WindowTransform {
        /** The entries to append to the target stream for this window. */
        List<LogEntry> apply(Window window) throws Exception;
    }

    /** A window function over decoded values. */
    @FunctionalInterface
    interface DecodedWindowFunction<T> {
        /** Processes the decoded values of a window (records that failed to decode are not among them). */
        void apply(List<T> values, Window window) throws Exception;
    }

    /** The group's name. */
    String group();

    /** Attempts per window (at least 1) and the first backoff, doubling between attempts. */
    GroupConsumer retry(int attempts, Duration backoff);

    /** Processes windows until {@link #stop()} (blocking mode). */
    void run(WindowFunction fn) throws InterruptedException;

    /**
     * Processes at most one window, if one is ready now, and returns whether it did (one-shot
     * mode, omega|ml's {@code blocking=False}, for scheduled jobs).
     */
    boolean runOnce(WindowFunction fn) throws InterruptedException;

    /**
     * One-shot over decoded values: records that {@code codec} cannot decode go to the dead-letter
     * stream at once, with the codec's reason, and the rest are processed as usual.
     */
    <T> boolean runOnce(dev.sluice.Codec<T> codec, DecodedWindowFunction<T> fn) throws InterruptedException;

    /** Blocking mode over decoded values; see {@link #runOnce(dev.sluice.Codec, DecodedWindowFunction)}. */
    <T> void run(dev.sluice.Codec<T> codec, DecodedWindowFunction<T> fn) throws InterruptedException;

    /**
     * One-shot, exactly once from log to log: the entries {@code fn} returns are appended to
     * {@code target} and the window acknowledged in one transaction.
     */
    boolean transferOnce(LogStream target, WindowTransform fn) throws InterruptedException;

    /**
     * Waits until a window may be ready: an append to the stream by this process, or the log's
     * poll interval ({@link StreamLog.Options#pollInterval()}), whichever comes first; what
     * {@link #run} does between windows, for loops around {@link #runOnce}:
     *
     * <pre>{@code
     * while (running) {
     *     if (!consumer.runOnce(window -> handle(window))) {
     *         consumer.awaitRecords();
     *     }
     * }
     * }</pre>
     */
    void awaitRecords() throws InterruptedException;

    /** Asks {@link #run} to return after the current window. */
    void stop();

    /** Records of the stream the group has not processed yet. */
    long lag();
}
