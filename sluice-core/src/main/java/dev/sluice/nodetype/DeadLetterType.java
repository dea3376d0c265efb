package dev.sluice.nodetype;

import dev.sluice.DeadLetter;
import java.util.List;
import java.util.function.Consumer;

/**
 * A destination for dead letters that a pipeline file's {@code on_error} may name, such as
 * {@code {dead_letter_file: rejected.tsv}} or {@code {dead_letter_stream: rejects, directory: log}}.
 * The key that selects it is its {@link #name()}, which is also its first option; the others are
 * further keys of the same mapping. Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.sluice.nodetype.DeadLetterType}), so a module brings the
 * destinations it can write to, as it brings its node types.
 */
public interface DeadLetterType {
    /** The key of {@code on_error} that selects this destination: {@code dead_letter_file}. */
    String name();

    /** One line for help and the JSON schema. */
    String description();

    /** Its options: the first is named {@link #name()} and holds the main value (a path, a stream). */
    List<OptionSpec> options();

    /**
     * Makes the destination. It receives letters from any node's thread, one at a time per node,
     * and should hold no file or thread open between letters, which are rare.
     */
    Consumer<DeadLetter> create(NodeOptions options) throws Exception;
}
