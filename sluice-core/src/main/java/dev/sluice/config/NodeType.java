package dev.sluice.config;

import java.util.List;

/**
 * A kind of node that pipeline files may name, e.g. {@code files.watch}. Implementations are
 * registered in {@code META-INF/services/dev.sluice.config.NodeType}. {@link #create} only calls
 * the public Java API, so whatever a file can express, Java code can too.
 */
public interface NodeType {
    /** The name used in files: lowercase, dotted by family. */
    String name();

    /** One line for help and the JSON schema. */
    String description();

    /** What {@link #create} returns. */
    NodeRole role();

    /** The options this type accepts. */
    List<OptionSpec> options();

    /**
     * Makes the node: a {@link dev.sluice.Generator} for {@link NodeRole#SOURCE}, a
     * {@code Function<Pipe<Object>, Pipe<?>>} for {@link NodeRole#OPERATOR}, a
     * {@link dev.sluice.Processor} otherwise.
     */
    Object create(NodeOptions options) throws Exception;

    /**
     * An input item written as text in a pipeline test ({@code sluice test}), in the form this
     * node receives; the text itself by default.
     *
     * @param text the item as written
     * @param index its 1-based place in the test's input list
     */
    default Object parseInput(String text, int index) {
        return text;
    }
}
