package dev.sluice.nodetype;

import dev.sluice.Processor;

/**
 * A node type at the end of a path: it makes a {@link Processor} that writes each item somewhere
 * ({@code files.write}, {@code kafka.write}) and emits nothing. Its {@link Processor#flush} must
 * finish the work on what it received, as a source upstream acknowledges its input after it.
 */
public non-sealed interface SinkType extends NodeType {
    /** Makes the node's processor. Resources are opened in {@link Processor#onStart}, not here. */
    Processor<Object, Void> create(NodeOptions options) throws Exception;

    /** A sink emits nothing. */
    @Override
    default ItemType produces(NodeOptions options) {
        return ItemType.NONE;
    }
}
