package dev.sluice;

import dev.sluice.time.Clock;

/** What a custom node may know about where it runs: see {@link Processor#onStart}. */
public interface NodeContext {
    /** The node's unique name in its pipeline. */
    String name();

    /** The pipeline's clock; sleep with it so tests can use virtual time. */
    Clock clock();

    /**
     * True while the pipeline wants more input: false once it is stopping or cancelled.
     * Long-running generators check it between items.
     */
    boolean active();

    /**
     * Runs {@code action} once every item this node emitted before the call has been fully
     * handled downstream: through every queue and branch, out of every window, batch or delay
     * that held it, and taken by every sink (a {@link Processor} sink's {@link Processor#flush}
     * has returned). Sources acknowledge their input with it, so a record counts as processed
     * only when it is, threaded nodes included: at least once across a crash.
     *
     * <p>Call it from the node's own thread, like {@code emit}. An action runs on whichever
     * pipeline thread finished the work (keep it short and thread-safe; two may overlap), and not
     * at all if the pipeline is cancelled or fails first. When an action runs, the items before
     * every earlier call are processed too, so keeping the highest position acknowledged is safe. A generator's {@link Generator#onStop}
     * runs after the actions of every call it made, or once the pipeline has ended.
     */
    void whenProcessed(Runnable action);
}
