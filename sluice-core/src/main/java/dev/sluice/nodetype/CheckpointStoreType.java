package dev.sluice.nodetype;

import dev.sluice.checkpoint.CheckpointStore;
import java.util.List;

/**
 * A kind of checkpoint store that a pipeline file's {@code checkpoints:} section may name, such as
 * {@code log} (the embedded log, which commits a checkpoint in one transaction with the appends
 * and acknowledgements of the pipeline's log nodes). Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.sluice.nodetype.CheckpointStoreType}), as node types are.
 */
public interface CheckpointStoreType {
    /** The name a file gives as {@code store:}. */
    String name();

    /** One line for help and the JSON schema. */
    String description();

    /** The options of the store, written beside {@code store:} in the section. */
    List<OptionSpec> options();

    /** Opens the store of the checkpoints of pipeline {@code pipeline}; the pipeline closes it when it ends. */
    CheckpointStore create(NodeOptions options, String pipeline) throws Exception;
}
