package dev.sluice.nodetype;

import dev.sluice.Generator;
import java.util.Set;

/**
 * A node type without inputs: it makes a {@link Generator} that runs on the node's own thread
 * ({@code files.watch}, {@code kafka.read}, {@code log.read}).
 */
public non-sealed interface SourceType extends NodeType {
    /** Makes the node's generator. Resources (files, connections) are opened when it runs, not here. */
    Generator<?> create(NodeOptions options) throws Exception;

    /** A source takes nothing. */
    @Override
    default Set<ItemType> consumes(NodeOptions options) {
        return Set.of();
    }
}
