package dev.sluice.nodetype;

/**
 * What a node type promises about items across a crash, for the pipeline's effective guarantee
 * ({@code sluice validate} and {@code sluice run} print it): for a source, whether its input
 * position joins the pipeline's checkpoints; for a sink, how its writes survive a replay.
 */
public enum Delivery {
    /** A source whose position joins checkpoints, or a sink whose writes are committed by them. */
    CHECKPOINTED,
    /** A sink whose writes may be repeated without effect: the last write of a key wins. */
    IDEMPOTENT,
    /** A source that acknowledges what was processed, or a sink that may write an item again after a crash. */
    AT_LEAST_ONCE,
    /** A source that neither acknowledges nor checkpoints: after a restart it starts afresh. */
    NONE
}
