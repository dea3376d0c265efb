package dev.sluice.nodetype;

import dev.sluice.Pipe;

/**
 * A node type built from the engine's operators ({@code window.aggregate}, {@code filter},
 * {@code rate.limit}): it makes the node's output pipe from its input pipe, and runs on the thread
 * of whatever feeds it; several inputs are merged first. The file applies the node's
 * {@code on_error} to the pipe returned; a type that builds several stages applies
 * {@link NodeOptions#onError()} to each stage that may fail on an item.
 */
public non-sealed interface OperatorType extends NodeType {
    /** Builds the node's output pipe from {@code input}. */
    Pipe<?> create(Pipe<Object> input, NodeOptions options) throws Exception;

    /**
     * For a type with {@linkplain #ports ports}: builds one output pipe per port from
     * {@code input}, keyed by the port's name, and its unnamed output, if it
     * {@linkplain #hasUnnamedOutput has one}, under the key {@code ""}; {@link #create} is not
     * called then.
     *
     * @throws UnsupportedOperationException for a type without ports (the default)
     */
    default java.util.Map<String, Pipe<?>> createPorts(Pipe<Object> input, NodeOptions options) throws Exception {
        throw new UnsupportedOperationException(name() + " has one output, made by create");
    }

    /** An operator passes on what it received unless it says otherwise. */
    @Override
    default ItemType produces(NodeOptions options) {
        return ItemType.SAME;
    }
}
