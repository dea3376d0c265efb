package dev.sluice;

/** Where a pipeline is in its life. The last three are terminal. */
public enum PipelineState {
    /** Built, threads not started yet. Emitting into a source starts it. */
    CREATED,
    /** Threads started, items flowing. */
    RUNNING,
    /** A graceful stop was asked: sources are closed and in-flight items are draining. */
    STOPPING,
    /** Every node has completed: the sources ended and everything drained. */
    COMPLETED,
    /** A node failed under the {@link ErrorPolicy#fail() fail} policy; see {@link Pipeline#failure()}. */
    FAILED,
    /** {@link Pipeline#cancel()} was called: in-flight items were discarded. */
    CANCELLED;

    /** True for COMPLETED, FAILED and CANCELLED. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
