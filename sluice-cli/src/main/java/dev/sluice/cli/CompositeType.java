package dev.sluice.cli;

import dev.sluice.config.NodeOptions;
import dev.sluice.config.NodeRole;
import dev.sluice.config.OptionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node type defined by a file (nanostream's {@code class_factory}): a sub-pipeline of node
 * types, wired as a chain or by edges, with some options frozen and others exposed under new
 * names ({@code arg_mapping}). It is usable wherever a node type is, including in other
 * composites. When a pipeline is built, a composite node is expanded into its inner nodes (named
 * {@code node.inner}): what feeds the composite feeds its entry nodes (inner nodes nothing inside
 * feeds), and its one exit node (the inner node that feeds nothing inside) feeds what the
 * composite feeds.
 *
 * <pre>
 * composite: FooMessageTester
 * nodes:
 *   - name: foo_generator
 *     type: foo.emitter
 *     frozen_arguments: {message: foobar}
 *     arg_mapping: {interval: foo_interval}
 *   - name: length_tester
 *     type: message.length-tester
 *     arg_mapping: null
 * </pre>
 */
final class CompositeType extends BuiltinTypes.Base {
    private final List<PipelineFile.NodeDef> inner;
    private final List<PipelineFile.Edge> edges;
    private final List<String> entries;
    private final String exit;

    private CompositeType(String name, List<PipelineFile.NodeDef> inner, List<PipelineFile.Edge> edges,
            List<String> entries, String exit, NodeRole role, List<OptionSpec> options, Path file) {
        super(name, role, "composite of " + inner.stream().map(d -> d.type().name()).toList() + " from "
                + file.getFileName(), options);
        this.inner = inner;
        this.edges = edges;
        this.entries = entries;
        this.exit = exit;
    }

    /**
     * Checks a parsed composite file and makes its type.
     *
     * @throws IllegalArgumentException naming what is wrong with the composite as a whole
     */
    static CompositeType of(String name, List<PipelineFile.NodeDef> inner, List<PipelineFile.Edge> edges, Path file) {
        List<String> entries = new ArrayList<>();
        List<String> exits = new ArrayList<>();
        for (PipelineFile.NodeDef def : inner) {
            NodeRole r = def.type().role();
            if (r != NodeRole.SOURCE && edges.stream().noneMatch(e -> e.to().equals(def.name()))) {
                entries.add(def.name());
            }
            if (r != NodeRole.SINK && edges.stream().noneMatch(e -> e.from().equals(def.name()))) {
                exits.add(def.name());
            }
        }
        if (exits.size() > 1) {
            throw new IllegalArgumentException("composite '" + name + "' has one output, but " + exits
                    + " all end open: wire all but one of them onward, or into a sink");
        }
        if (entries.isEmpty() && exits.isEmpty()) {
            throw new IllegalArgumentException("composite '" + name + "' is a whole pipeline (sources through to sinks):"
                    + " a composite must leave an input or an output open");
        }
        NodeRole role = entries.isEmpty() ? NodeRole.SOURCE : exits.isEmpty() ? NodeRole.SINK : NodeRole.PROCESSOR;
        Map<String, OptionSpec> exposed = new LinkedHashMap<>();
        for (PipelineFile.NodeDef def : inner) {
            for (OptionSpec spec : def.type().options()) {
                String outer = def.argMapping().get(spec.name());
                if (outer == null) {
                    continue;
                }
                OptionSpec previous = exposed.put(outer,
                        spec.renamed(outer, spec.description() + " (" + def.name() + "." + spec.name() + ")"));
                if (previous != null && previous.type() != spec.type()) {
                    throw new IllegalArgumentException("composite '" + name + "': argument '" + outer
                            + "' maps options of different types");
                }
            }
        }
        return new CompositeType(name, List.copyOf(inner), List.copyOf(edges), List.copyOf(entries),
                exits.isEmpty() ? null : exits.get(0), role, List.copyOf(exposed.values()), file);
    }

    /** Whether an entry is an operator, which, like an operator node, must be fed. */
    boolean needsInput() {
        return inner.stream().anyMatch(d -> entries.contains(d.name()) && d.type().role() == NodeRole.OPERATOR);
    }

    /**
     * The inner nodes of a composite node {@code outer}, named {@code outer.inner}, with their
     * options: frozen ones, then the outer node's arguments under the inner names.
     */
    Graph.Part expand(PipelineFile.NodeDef outer) {
        List<PipelineFile.NodeDef> defs = new ArrayList<>();
        for (PipelineFile.NodeDef def : inner) {
            Map<String, Object> values = new LinkedHashMap<>(def.options());
            def.argMapping().forEach((innerName, outerName) -> {
                Object given = outer.options().get(outerName);
                if (given != null) {
                    values.put(innerName, given);
                }
            });
            // the entries take the composite's queue; the rest run on their feeders' threads, as one node would
            int queue = entries.contains(def.name()) ? outer.queue() : 0;
            defs.add(new PipelineFile.NodeDef(outer.name() + "." + def.name(), def.type(), Map.copyOf(values), queue,
                    Map.of(), outer.onError()));
        }
        List<PipelineFile.Edge> renamed = edges.stream()
                .map(e -> new PipelineFile.Edge(outer.name() + "." + e.from(), outer.name() + "." + e.to())).toList();
        return Graph.expand(defs, renamed, entries.stream().map(e -> outer.name() + "." + e).toList(),
                exit == null ? null : outer.name() + "." + exit);
    }

    /** An input written as text in a test goes to the entries: read as the first entry reads it. */
    @Override
    public Object parseInput(String text, int index) {
        return inner.stream().filter(d -> d.name().equals(entries.get(0))).findFirst().orElseThrow().type()
                .parseInput(text, index);
    }

    /**
     * A composite is not one object but several nodes: {@link PipelineFile#build} expands it.
     * Java code composes the same nodes with {@code Pipe} and {@code Node} directly.
     */
    @Override
    public Object create(NodeOptions options) {
        throw new IllegalStateException("composite '" + name() + "' is expanded into its nodes when a pipeline"
                + " file is built; it is not made as a single node");
    }
}
