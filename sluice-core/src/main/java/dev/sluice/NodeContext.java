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
}
