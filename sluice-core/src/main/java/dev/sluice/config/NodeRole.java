package dev.sluice.config;

/** What a node type makes. */
public enum NodeRole {
    /** A {@link dev.sluice.Generator}: no inputs. */
    SOURCE,
    /** A {@link dev.sluice.Processor}: inputs and outputs. */
    PROCESSOR,
    /** A {@link dev.sluice.Processor} whose outputs are not used: inputs only. */
    SINK,
    /**
     * A {@link java.util.function.Function} from the input {@link dev.sluice.Pipe} to an output
     * pipe, built with the operators of {@code Pipe} (windows, rate limits, ...). It runs on the
     * thread of whatever feeds it; several inputs are merged first.
     */
    OPERATOR
}
