package dev.sluice.config;

import java.nio.file.Path;
import java.time.Duration;

/** The validated options of one node, typed as its {@link NodeType} declared them. */
public interface NodeOptions {
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

    /** A PATH option, relative to the pipeline file's directory. */
    Path path(String name);

    /** A CHAR option. */
    char character(String name);

    /**
     * The node's {@code on_error} policy. The file applies it to the node it makes; an operator
     * type that builds several stages applies it to each stage that may fail on an item, so
     * that a bad item is skipped or dead-lettered wherever it fails.
     */
    default dev.sluice.ErrorPolicy onError() {
        return dev.sluice.ErrorPolicy.fail();
    }
}
