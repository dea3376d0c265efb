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

    /**
     * Applies the node's error policy to {@code item}, which failed with {@code error} after the
     * call that received it returned: for a processor that completes items later, such as a lookup
     * with several requests in flight. The item is dead-lettered, skipped or fails the pipeline as
     * if {@code process} had thrown on it; a retry policy does not retry it (the processor retries
     * its own work). Call it from the node's own thread, from {@code process}, {@code flush} or
     * {@code onComplete}. A source rejects a record it cannot make an item of (a line too long or
     * not UTF-8) this way, so that its {@code on_error} keeps the rest of its input flowing.
     *
     * @throws RuntimeException under the fail policy: let it propagate
     */
    default void reject(Object item, Throwable error) {
        throw new UnsupportedOperationException("node '" + name() + "' cannot reject items");
    }

    /** Whether the pipeline checkpoints its state: a source that takes part calls {@link #checkpoint}. */
    default boolean checkpointing() {
        return false;
    }

    /**
     * For a source of a checkpointing pipeline, instead of {@link #whenProcessed}: {@code part}
     * (what the input emitted so far covers, such as a consumer group's positions; null for
     * nothing new) joins the next checkpoint, and when one is due a barrier follows the items
     * emitted before this call. Once it has passed every node, the pipeline's checkpoint store
     * commits the parts with the state and the output of the transactional sinks, in one step.
     * Call it after each batch, and now and then while idle, so that a due barrier goes out.
     *
     * @throws IllegalStateException if the pipeline does not checkpoint, or its store cannot commit {@code part}
     */
    default void checkpoint(Object part) {
        throw new IllegalStateException("node '" + name() + "' is not a source of a checkpointing pipeline");
    }
}
