package dev.sluice.config;

/** What a node type makes. */
public enum NodeRole {
    /** A {@link dev.sluice.Generator}: no inputs. */
    SOURCE,
    /** A {@link dev.sluice.Processor}: inputs and outputs. */
    PROCESSOR,
    /** A {@link dev.sluice.Processor} whose outputs are not used: inputs only. */
    SINK
}
