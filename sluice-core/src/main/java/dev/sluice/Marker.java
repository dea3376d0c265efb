package dev.sluice;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-band barrier behind the items a node emitted before {@link NodeContext#whenProcessed}:
 * it travels the graph like an item, in order with them, through every queue and fan-out. Each
 * fan-out adds copies; a copy ends at a stage with no subscribers (a sink) once everything ahead
 * of it there has been handled. When the last copy ends, every item emitted before the marker has
 * left the graph, and the action runs, on the thread that ended that copy.
 *
 * <p>Stages that hold items back (windows, batches, delays, zip buffers) hold markers that arrive
 * behind them until those items have gone on, so a marker never overtakes an item.
 *
 * <p>A checkpoint's marker carries a {@link Barrier}: stateful stages add their state to it and
 * pass it on at once, since their state, not their output, is what the checkpoint keeps.
 */
final class Marker {
    private final AtomicInteger copies = new AtomicInteger(1);
    private final Runnable action;
    /** The checkpoint this marker is the barrier of, or null for a plain "processed" marker. */
    final Barrier barrier;

    Marker(Runnable action) {
        this(action, null);
    }

    Marker(Runnable action, Barrier barrier) {
        this.action = action;
        this.barrier = barrier;
    }

    /** Called before a stage hands the marker to {@code extra + 1} subscribers. */
    void fork(int extra) {
        if (extra != 0) {
            copies.addAndGet(extra);
        }
    }

    /** One copy reached the end of its path. */
    void arrived() {
        if (copies.decrementAndGet() == 0) {
            action.run();
        }
    }
}
