package dev.sluice.yaml.spec;

import java.util.Map;
import java.util.Objects;

/**
 * A node of the logical graph: what a file says of it, validated, with nothing opened or built.
 *
 * <p>Option values are converted to their declared {@link dev.sluice.nodetype.OptionType}s: a
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code java.time.Duration},
 * {@code java.nio.file.Path} (absolute, resolved against the file that gave it) or
 * {@code Character}; options not given but with a default hold the default.
 *
 * @param name unique in its graph; a composite's inner node is named {@code outer.inner} once expanded
 * @param type the node type's name, or a composite's
 * @param options the option values by name
 * @param argMapping in a composite definition only: inner option name to the composite's argument name
 * @param queue the input queue of the node's own thread; 0 runs it on its feeder's thread
 * @param onError what it does with an item it fails on
 * @param at where the node was written
 */
public record NodeSpec(String name, String type, Map<String, Object> options, Map<String, String> argMapping, int queue,
        ErrorPolicySpec onError, Position at) {
    /** The input queue a node gets when the file does not say. */
    public static final int DEFAULT_QUEUE = 1024;

    /** Validates and copies. */
    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(at, "at");
        options = Map.copyOf(options);
        argMapping = Map.copyOf(argMapping);
        if (queue < 0) {
            throw new IllegalArgumentException("queue " + queue + " of node '" + name + "'");
        }
    }

    /** A node of {@code type} with these options and the defaults for the rest. */
    public static NodeSpec of(String name, String type, Map<String, Object> options) {
        return new NodeSpec(name, type, options, Map.of(), DEFAULT_QUEUE, ErrorPolicySpec.FAIL, Position.NONE);
    }

    /** This node under another name. */
    public NodeSpec named(String newName) {
        return new NodeSpec(newName, type, options, argMapping, queue, onError, at);
    }
}
