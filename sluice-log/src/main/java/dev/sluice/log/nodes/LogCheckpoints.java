package dev.sluice.log.nodes;

import dev.sluice.checkpoint.CheckpointStore;
import dev.sluice.log.LogCheckpointStore;
import dev.sluice.nodetype.CheckpointStoreType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.util.List;

/**
 * {@code checkpoints: {store: log, directory: DIR}}: a pipeline file's checkpoints in the embedded
 * log, committed in one transaction with what its {@code log.read} nodes read and its
 * {@code log.append} nodes wrote, when they use the same log: exactly once.
 */
public final class LogCheckpoints implements CheckpointStoreType {
    @Override
    public String name() {
        return "log";
    }

    @Override
    public String description() {
        return "the embedded log: each checkpoint in one transaction with the log nodes' reads and appends";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.optional("directory", OptionType.PATH, "sluice-log",
                "the embedded log's directory: the one the pipeline's log.read and log.append use"));
    }

    @Override
    public CheckpointStore create(NodeOptions options, String pipeline) {
        return LogCheckpointStore.open(options.path("directory"), pipeline);
    }
}
