package dev.sluice.yaml.spec;

import dev.sluice.nodetype.NodeKind;
import dev.sluice.nodetype.OptionSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A node type defined by a file (nanostream's {@code class_factory}): a sub-graph of nodes, some
 * options frozen, others exposed as the composite's arguments. What feeds a composite node feeds
 * its {@code entries}; its one {@code exit} feeds what the composite node feeds.
 *
 * @param name the type's name, as pipeline files write it
 * @param file the file that defines it
 * @param nodes its inner nodes; their {@code argMapping} exposes options as arguments
 * @param edges the edges between them
 * @param entries the inner nodes, other than sources, that nothing inside feeds
 * @param exit the inner node, other than a sink, that feeds nothing inside; null for a composite sink
 * @param kind what the composite is, seen from outside: a source (no entry), a sink (no exit) or a
 *     processor
 * @param arguments the options a node of this type takes: the mapped inner options under their new names
 * @param entryTakesOperator whether an entry is an operator, which like an operator node must be fed
 */
public record CompositeSpec(String name, Path file, List<NodeSpec> nodes, List<EdgeSpec> edges, List<String> entries,
        String exit, NodeKind kind, List<OptionSpec> arguments, boolean entryTakesOperator) {
    /** Validates and copies. */
    public CompositeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        entries = List.copyOf(entries);
        arguments = List.copyOf(arguments);
    }

    /** The inner node called {@code inner}. */
    public NodeSpec node(String inner) {
        return nodes.stream().filter(n -> n.name().equals(inner)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node '" + inner + "' in composite " + name));
    }
}
