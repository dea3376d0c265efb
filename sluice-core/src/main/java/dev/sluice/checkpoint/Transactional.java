package dev.sluice.checkpoint;

/**
 * A sink whose writes become visible only with a checkpoint: it holds what it received since the
 * last barrier, and when the next barrier reaches it, hands that over as a part of the checkpoint
 * ({@link #prepareCommit()}), which the {@link CheckpointStore} commits together with the state
 * and the input positions. Implemented by a {@link dev.sluice.Processor}; in a pipeline without
 * checkpoints, {@link #checkpointing(boolean)} is never called with true and it writes as it goes.
 */
public interface Transactional {
    /** Told once, before the first item, whether the pipeline checkpoints. */
    void checkpointing(boolean on);

    /** What this sink received since the last barrier, for the store; null when there is nothing. */
    Object prepareCommit() throws Exception;
}
