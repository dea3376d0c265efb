package dev.sluice.yaml.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The logical graph of a pipeline: its nodes, its edges and the composite types they use, as
 * records of plain values. It is what a pipeline file says, validated, and nothing more: no
 * connector is opened and no engine object exists until a runner compiles it (the embedded engine
 * through {@code dev.sluice.yaml.PipelineFile#build}, or another runner). So drawing a graph,
 * listing what a file uses, or checking whether another engine can run it never touches a broker.
 *
 * @param name the pipeline's name
 * @param file the file it was read from
 * @param nodes the nodes, in file order
 * @param edges the edges, in file order
 * @param composites the composite types the nodes use, by name, those used inside them included
 * @param checkpoints where and how often the state is checkpointed; null for no checkpoints
 */
public record PipelineSpec(String name, Path file, List<NodeSpec> nodes, List<EdgeSpec> edges,
        Map<String, CompositeSpec> composites, CheckpointsSpec checkpoints) {
    /** Validates and copies. */
    public PipelineSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        composites = Map.copyOf(composites);
    }

    /** A graph without checkpoints. */
    public PipelineSpec(String name, Path file, List<NodeSpec> nodes, List<EdgeSpec> edges,
            Map<String, CompositeSpec> composites) {
        this(name, file, nodes, edges, composites, null);
    }

    /** The node called {@code name}, if any. */
    public Optional<NodeSpec> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** Whether an edge joins {@code from} to {@code to}. */
    public boolean feeds(String from, String to) {
        return edges.stream().anyMatch(e -> e.joins(from, to));
    }

    /** The names of the nodes feeding {@code node}, in edge order. */
    public List<String> inputsOf(String node) {
        return edges.stream().filter(e -> e.to().equals(node)).map(EdgeSpec::from).toList();
    }

    /** Whether {@code node} is a node of a composite type. */
    public boolean isComposite(NodeSpec node) {
        return composites.containsKey(node.type());
    }

    /**
     * This graph with every composite node expanded into its inner nodes, named
     * {@code node.inner}: what feeds the composite feeds its entries, and its exit feeds what the
     * composite fed. An inner node's options are its frozen ones and the composite node's
     * arguments under the inner names; the entries take the composite node's queue (a thread of
     * their own), the other inner nodes run on their feeders' threads, as parts of one node would,
     * and every inner node takes the composite node's {@code on_error}.
     */
    public PipelineSpec flatten() {
        if (nodes.stream().noneMatch(this::isComposite)) {
            return this;
        }
        Part part = expand(nodes, edges, List.of(), null);
        return new PipelineSpec(name, file, part.nodes(), part.edges(), composites, checkpoints);
    }

    /** A flattened sub-graph and how it connects to the outside. */
    private record Part(List<NodeSpec> nodes, List<EdgeSpec> edges, List<String> entries, String exit) {}

    private Part expand(List<NodeSpec> defs, List<EdgeSpec> links, List<String> entries, String exit) {
        Map<String, Part> parts = new java.util.HashMap<>();
        List<NodeSpec> flat = new ArrayList<>();
        List<EdgeSpec> flatEdges = new ArrayList<>();
        for (NodeSpec def : defs) {
            CompositeSpec c = composites.get(def.type());
            Part part = c == null ? new Part(List.of(def), List.of(), List.of(def.name()), def.name()) : expand(c, def);
            parts.put(def.name(), part);
            flat.addAll(part.nodes());
            flatEdges.addAll(part.edges());
        }
        for (EdgeSpec e : links) {
            String from = parts.get(e.from()).exit();
            for (String to : parts.get(e.to()).entries()) {
                flatEdges.add(new EdgeSpec(from, e.port(), to, e.at())); // a port is a plain node's: not renamed
            }
        }
        List<String> flatEntries = new ArrayList<>();
        entries.forEach(n -> flatEntries.addAll(parts.get(n).entries()));
        return new Part(flat, flatEdges, flatEntries, exit == null ? null : parts.get(exit).exit());
    }

    private Part expand(CompositeSpec c, NodeSpec outer) {
        String prefix = outer.name() + ".";
        List<NodeSpec> inner = new ArrayList<>();
        for (NodeSpec def : c.nodes()) {
            Map<String, Object> values = new java.util.LinkedHashMap<>(def.options());
            def.argMapping().forEach((innerName, outerName) -> {
                Object given = outer.options().get(outerName);
                if (given != null) {
                    values.put(innerName, given);
                }
            });
            int queue = c.entries().contains(def.name()) ? outer.queue() : 0;
            inner.add(new NodeSpec(prefix + def.name(), def.type(), values, Map.of(), queue, outer.onError(), def.at()));
        }
        List<EdgeSpec> renamed = c.edges().stream()
                .map(e -> new EdgeSpec(prefix + e.from(), e.port(), prefix + e.to(), e.at())).toList();
        return expand(inner, renamed, c.entries().stream().map(e -> prefix + e).toList(),
                c.exit() == null ? null : prefix + c.exit());
    }
}
