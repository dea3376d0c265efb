package dev.sluice.nodetype;

import dev.sluice.Processor;

/**
 * A node type with inputs and outputs that runs as a node of its own (on its own thread behind a
 * queue, unless the file sets {@code queue: 0}): it makes a {@link Processor} ({@code csv.parse},
 * {@code json.decode}). Items arrive as {@code Object}: what they are is declared by
 * {@link #consumes} and checked when a file is validated.
 */
public non-sealed interface ProcessorType extends NodeType {
    /** Makes the node's processor. Resources are opened in {@link Processor#onStart}, not here. */
    Processor<Object, ?> create(NodeOptions options) throws Exception;
}
