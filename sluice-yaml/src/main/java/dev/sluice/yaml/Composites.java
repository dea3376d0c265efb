package dev.sluice.yaml;

import dev.sluice.nodetype.NodeKind;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.yaml.spec.CompositeSpec;
import dev.sluice.yaml.spec.NodeSpec;
import dev.sluice.yaml.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes a composite type of a parsed composite file: its entries, its exit, its kind and its arguments. */
final class Composites {
    private Composites() {}

    /**
     * The composite {@code name} defined by {@code def}.
     *
     * @throws IllegalArgumentException naming what is wrong with the composite as a whole
     */
    static CompositeSpec define(String name, Path file, PipelineSpec def, NodeTypes types,
            Map<String, CompositeSpec> known) {
        List<String> entries = new ArrayList<>();
        List<String> exits = new ArrayList<>();
        boolean entryTakesOperator = false;
        for (NodeSpec n : def.nodes()) {
            NodeKind kind = PipelineParser.kindOf(n.type(), types, known);
            if (kind.hasInput() && def.edges().stream().noneMatch(e -> e.to().equals(n.name()))) {
                entries.add(n.name());
                entryTakesOperator |= kind == NodeKind.OPERATOR
                        || known.containsKey(n.type()) && known.get(n.type()).entryTakesOperator();
            }
            if (kind.hasOutput() && def.edges().stream().noneMatch(e -> e.from().equals(n.name()))) {
                exits.add(n.name());
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
        NodeKind kind = entries.isEmpty() ? NodeKind.SOURCE : exits.isEmpty() ? NodeKind.SINK : NodeKind.PROCESSOR;
        Map<String, OptionSpec> exposed = new LinkedHashMap<>();
        for (NodeSpec n : def.nodes()) {
            List<OptionSpec> options = types.find(n.type()).map(t -> t.options())
                    .orElseGet(() -> known.get(n.type()).arguments());
            for (OptionSpec spec : options) {
                String outer = n.argMapping().get(spec.name());
                if (outer == null) {
                    continue;
                }
                OptionSpec previous = exposed.put(outer,
                        spec.renamed(outer, spec.description() + " (" + n.name() + "." + spec.name() + ")"));
                if (previous != null && previous.type() != spec.type()) {
                    throw new IllegalArgumentException("composite '" + name + "': argument '" + outer
                            + "' maps options of different types");
                }
            }
        }
        return new CompositeSpec(name, file, def.nodes(), def.edges(), entries, exits.isEmpty() ? null : exits.get(0),
                kind, List.copyOf(exposed.values()), entryTakesOperator);
    }
}
