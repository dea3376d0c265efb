package dev.sluice.log;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides when a consumer group has a window to process and what is in it: minibatch's
 * {@code WindowEmitter}, with {@code window_ready} and {@code query} folded into one call.
 *
 * <p>A strategy sees the group's unprocessed records, oldest first, and the time on the log's
 * clock. It may return any subset of them, in any order: the records of a processed window are
 * acknowledged one by one, so a strategy that skips records (minibatch's SortedWindow example)
 * leaves them pending. An instance belongs to one consumer and may keep state.
 */
public interface WindowStrategy {

    /** The next window, if one is ready now. */
    Optional<Window> ready(List<LogRecord> pending, Instant now);

    /** Called after a window has been processed and acknowledged. */
    default void processed(Window window) {}

    /** Windows of exactly {@code n} records, as soon as n are waiting (minibatch {@code CountWindow}). */
    static WindowStrategy count(int n) {
        return new CountWindow(n);
    }

    /**
     * Tumbling windows: aligned to absolute time, {@code [k * interval, (k + 1) * interval)} by
     * record timestamp, each emitted once the clock has passed its end (minibatch
     * {@code FixedTimeWindow}; the same windows as {@code WindowSpec.tumbling} in pipelines).
     */
    static WindowStrategy tumbling(Duration interval) {
        return tumbling(interval, false);
    }

    /**
     * {@link #tumbling(Duration)}; with {@code emitEmpty}, intervals without records produce empty
     * windows once a first window has been emitted.
     */
    static WindowStrategy tumbling(Duration interval, boolean emitEmpty) {
        return new FixedTimeWindow(interval, emitEmpty);
    }

    /**
     * minibatch's name for {@link #tumbling(Duration, boolean)}.
     *
     * @deprecated one window vocabulary across Sluice: use {@link #tumbling(Duration, boolean)}
     */
    @Deprecated(since = "0.2")
    static WindowStrategy fixedTime(Duration interval, boolean emitEmpty) {
        return tumbling(interval, emitEmpty);
    }

    /**
     * Every {@code interval}, all records waiting since the last window (minibatch
     * {@code RelaxedTimeWindow}); no window when nothing is waiting.
     */
    static WindowStrategy relaxedTime(Duration interval) {
        return new RelaxedTimeWindow(interval);
    }
}
