package dev.sluice.nodetype;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated options of one node, typed as its {@link NodeType} declared them: an option not
 * given holds its default, if it has one ({@link #has} tells).
 */
public interface NodeOptions {
    /**
     * Options held as values already of their declared types ({@code String}, {@code Long},
     * {@code Double}, {@code Boolean}, {@code Duration}, {@code Path}, {@code Character}), as a
     * pipeline file's are once read, or as a test gives them.
     */
    static NodeOptions of(String nodeName, java.util.Map<String, ?> values, dev.sluice.ErrorPolicy onError) {
        return new ValueOptions(nodeName, java.util.Map.copyOf(values), onError);
    }

    /** {@link #of(String, java.util.Map, dev.sluice.ErrorPolicy)} with the fail policy. */
    static NodeOptions of(String nodeName, java.util.Map<String, ?> values) {
        return of(nodeName, values, dev.sluice.ErrorPolicy.fail());
    }

    /** The node's name in the file. */
    String nodeName();

    /** Whether the option was given or has a default. */
    boolean has(String name);

    /** A STRING option. */
    String string(String name);

    /** An INT option. */
    long integer(String name);

    /** A DOUBLE option. */
    double decimal(String name);

    /** A BOOLEAN option. */
    boolean bool(String name);

    /** A DURATION option. */
    Duration duration(String name);

    /** A PATH option, resolved against the directory of the pipeline file that gave it. */
    Path path(String name);

    /** A CHAR option. */
    char character(String name);

    /** A LIST option. */
    java.util.List<String> list(String name);

    /** A MAPPING option, in the order written. */
    java.util.Map<String, String> mapping(String name);

    /**
     * The node's {@code on_error} policy. The file applies it to the node it makes; an operator
     * type that builds several stages applies it to each stage that may fail on an item, so
     * that a bad item is skipped or dead-lettered wherever it fails.
     */
    default dev.sluice.ErrorPolicy onError() {
        return dev.sluice.ErrorPolicy.fail();
    }
}
