package dev.sluice.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Flattening of composite nodes: a graph of nodes whose types are all made by {@code create}. */
final class Graph {
    private Graph() {}

    /**
     * A flattened (sub-)graph and how it connects to the outside.
     *
     * @param nodes the nodes, none of them a composite
     * @param edges the edges between them
     * @param entries the nodes that receive what is fed to the part
     * @param exit the node whose outputs are the part's outputs; null if there is none
     */
    record Part(List<PipelineFile.NodeDef> nodes, List<PipelineFile.Edge> edges, List<String> entries, String exit) {}

    /** Expands every composite among {@code nodes}, rewiring edges into entries and out of exits. */
    static Part expand(List<PipelineFile.NodeDef> nodes, List<PipelineFile.Edge> edges, List<String> entries,
            String exit) {
        Map<String, Part> parts = new HashMap<>();
        List<PipelineFile.NodeDef> flat = new ArrayList<>();
        List<PipelineFile.Edge> flatEdges = new ArrayList<>();
        for (PipelineFile.NodeDef def : nodes) {
            Part part = def.type() instanceof CompositeType c ? c.expand(def)
                    : new Part(List.of(def), List.of(), List.of(def.name()), def.name());
            parts.put(def.name(), part);
            flat.addAll(part.nodes());
            flatEdges.addAll(part.edges());
        }
        for (PipelineFile.Edge e : edges) {
            String from = parts.get(e.from()).exit();
            for (String to : parts.get(e.to()).entries()) {
                flatEdges.add(new PipelineFile.Edge(from, to));
            }
        }
        List<String> flatEntries = new ArrayList<>();
        entries.forEach(name -> flatEntries.addAll(parts.get(name).entries()));
        return new Part(List.copyOf(flat), List.copyOf(flatEdges), List.copyOf(flatEntries),
                exit == null ? null : parts.get(exit).exit());
    }
}
