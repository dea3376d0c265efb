package dev.sluice.nodetype;

import java.util.List;
import java.util.Set;

/**
 * A kind of node that pipeline files may name, such as {@code files.watch} or {@code json.decode}.
 * A type is one of four kinds, each with a {@code create} that returns what that kind makes, so a
 * plugin of the wrong shape fails to compile rather than when a pipeline is built:
 *
 * <ul>
 *   <li>{@link SourceType}: a {@link dev.sluice.Generator}, a node without inputs on its own thread;
 *   <li>{@link ProcessorType}: a {@link dev.sluice.Processor} whose outputs go on;
 *   <li>{@link OperatorType}: an output {@link dev.sluice.Pipe} built from the input pipe with the
 *       engine's operators (windows, filters, rate limits);
 *   <li>{@link SinkType}: a {@link dev.sluice.Processor} at the end of a path, whose work is writing
 *       somewhere.
 * </ul>
 *
 * <p>Implementations are found through {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.sluice.nodetype.NodeType}, or {@code provides} in a module), so a
 * file can never instantiate an arbitrary class. Each type declares its options, from which
 * validation, messages and the JSON schema are made, and the {@link ItemType}s it takes and makes,
 * from which a file's wiring is checked before anything runs. {@link AbstractNodeType} holds the
 * fixed parts, so a type writes only {@code create} (and its item types).
 */
public sealed interface NodeType permits SourceType, ProcessorType, OperatorType, SinkType {
    /** The name used in files: lowercase, dotted by family ({@code kafka.read}). */
    String name();

    /** One line for help, {@code sluice list} and the JSON schema. */
    String description();

    /** The options this type accepts. */
    List<OptionSpec> options();

    /** The kind, which is fixed by the interface the type implements. */
    default NodeKind kind() {
        return NodeKind.of(this);
    }

    /**
     * Checks the options together, beyond what each {@link OptionSpec} checks alone (one option
     * needs another, a pattern must compile), when a file is validated. Must not do I/O.
     *
     * @throws IllegalArgumentException saying what is wrong, in words for the file's author
     */
    default void check(NodeOptions options) {}

    /**
     * What a node of this type takes, given its options (a source takes nothing). Must not do I/O:
     * validation calls it for every node. {@link ItemType#ANY} by default.
     */
    default Set<ItemType> consumes(NodeOptions options) {
        return Set.of(ItemType.ANY);
    }

    /**
     * What a node of this type emits, given its options: {@link ItemType#SAME} for what it
     * received (a filter), {@link ItemType#NONE} for a sink. Must not do I/O.
     */
    default ItemType produces(NodeOptions options) {
        return ItemType.ANY;
    }

    /**
     * The named outputs of a node of this type, given its options, which edges name as
     * {@code node.port} ({@code route.hot -> alerts}); empty (the default) for one unnamed output.
     * Only an {@link OperatorType} may have ports; it builds them in
     * {@link OperatorType#createPorts}. Must not do I/O.
     */
    default java.util.List<String> ports(NodeOptions options) {
        return java.util.List.of();
    }

    /**
     * Whether edges may also start at the node itself, for its unnamed output, besides its
     * {@linkplain #ports named ones}: {@code window.aggregate} emits its windows there and has a
     * {@code late} output too, while {@code switch} has named outputs only. True exactly when there
     * are no ports, by default.
     */
    default boolean hasUnnamedOutput(NodeOptions options) {
        return ports(options).isEmpty();
    }

    /**
     * What a node of this type, given its options, must hold alone in a process, in words
     * ({@code "standard input"}, {@code "HTTP 127.0.0.1:8080/events"}), or null (the default) for
     * nothing: {@code sluice validate} refuses a file with two nodes that claim the same thing,
     * which would otherwise split standard input between them or fail at start. Must not do I/O.
     */
    default String exclusive(NodeOptions options) {
        return null;
    }

    /**
     * What this type promises across a crash (see {@link Delivery}): {@link Delivery#AT_LEAST_ONCE}
     * unless it says otherwise. Operators and processors keep no promise of their own.
     */
    default Delivery delivery(NodeOptions options) {
        return Delivery.AT_LEAST_ONCE;
    }

    /**
     * An input item written as text in a pipeline test ({@code sluice test}), in the form this
     * node receives; the text itself by default.
     *
     * @param text the item as written
     * @param index its 1-based place in the test's input list
     */
    default Object testInput(String text, int index) {
        return text;
    }
}
