package dev.sluice;

/** The kind of thread a pipeline starts for its threaded nodes. */
public enum ThreadMode {
    /** Platform threads: best for CPU-bound nodes and the lowest hand-off latency. */
    PLATFORM,
    /** Virtual threads: cheap, for many nodes that mostly wait on I/O. */
    VIRTUAL
}
