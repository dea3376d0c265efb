package dev.sluice.checkpoint;

import java.util.Optional;

/**
 * Where a pipeline's checkpoints live. A checkpoint is complete once its barrier has passed every
 * node: it then holds the state of every stateful node it passed and the parts its sources and
 * transactional sinks gave it (the input positions it covers, the output written since the last
 * one). The store makes all of it durable in one step, so after a crash the pipeline restarts from
 * the last complete checkpoint with no input read twice and no output written twice.
 *
 * <p>A store knows the parts it can commit together (the embedded log's store commits appends and
 * a consumer group's acknowledgements in the same transaction as the state); it refuses a part it
 * cannot, rather than commit it apart, which would not be exactly once.
 */
public interface CheckpointStore extends AutoCloseable {
    /** The last complete checkpoint, or empty before the first; its states are every node's latest. */
    Optional<Checkpoint> latest() throws Exception;

    /**
     * Commits {@code checkpoint} atomically: its parts and its states, which replace those of the
     * same nodes in the stored checkpoint. Called in id order, one at a time.
     *
     * @throws Exception if it could not; the pipeline then fails, and restarts from the last one
     */
    void commit(Checkpoint checkpoint) throws Exception;

    /** Whether this store can commit {@code part} with the rest: a source's or a sink's contribution. */
    boolean takes(Object part);

    /** Releases what the store holds open; the pipeline calls it once it has ended. */
    @Override
    default void close() throws Exception {}
}
