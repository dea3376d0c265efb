package dev.sluice.yaml;

import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeKind;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.NodeType;
import dev.sluice.yaml.spec.CompositeSpec;
import dev.sluice.yaml.spec.EdgeSpec;
import dev.sluice.yaml.spec.NodeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks a file's graph as a whole, once its nodes and edges are read: nothing feeds a source, a
 * sink feeds nothing, operators are fed, every edge carries items its target takes (from the item
 * types the node types declare), and there is no cycle.
 */
final class GraphCheck {
    private final YamlReader yaml;
    private final NodeTypes types;
    private final Map<String, CompositeSpec> composites;

    GraphCheck(YamlReader yaml, NodeTypes types, Map<String, CompositeSpec> composites) {
        this.yaml = yaml;
        this.types = types;
        this.composites = composites;
    }

    void check(List<NodeSpec> nodes, List<EdgeSpec> edges, Map<String, Node> at, boolean inComposite) {
        Map<String, NodeSpec> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        Map<String, List<String>> next = new HashMap<>();
        for (EdgeSpec e : edges) {
            NodeSpec from = byName.get(e.from());
            NodeSpec to = byName.get(e.to());
            if (from == null || to == null) {
                continue; // reported already
            }
            if (!kind(to).hasInput()) {
                yaml.problem(at.get(to.name()), "node '" + to.name() + "' is a source (" + to.type()
                        + "): nothing can feed it, but '" + e.from() + "' does");
            }
            if (!kind(from).hasOutput()) {
                yaml.problem(at.get(from.name()), "node '" + from.name() + "' is a sink (" + from.type()
                        + "): it has no output for '" + e.to() + "'");
            }
            if (e.port() == null && !hasUnnamedOutput(from)) {
                yaml.problem(e.at(), "node '" + from.name() + "' (" + from.type() + ") has named outputs: write the edge"
                        + " from one of them, " + String.join(", ", ports(from).stream().map(p -> from.name() + "." + p).toList()));
            }
            next.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        }
        for (NodeSpec n : nodes) {
            boolean operator = kind(n) == NodeKind.OPERATOR;
            boolean mustBeFed = operator || composites.containsKey(n.type()) && composites.get(n.type()).entryTakesOperator();
            // in a composite, the entries are fed by whatever feeds the composite
            if (mustBeFed && !inComposite && edges.stream().noneMatch(e -> e.to().equals(n.name()))) {
                yaml.problem(at.get(n.name()), "node '" + n.name() + "' (" + n.type()
                        + (operator ? ") is an operator" : ") starts with an operator") + ": something must feed it");
            }
        }
        Map<String, NodeSpec> claimed = new HashMap<>();
        for (NodeSpec n : nodes) {
            String claim = exclusive(n);
            NodeSpec first = claim == null ? null : claimed.putIfAbsent(claim, n);
            if (first != null) {
                yaml.problem(at.get(n.name()), "nodes '" + first.name() + "' and '" + n.name() + "' both need " + claim
                        + ", which one node holds alone: keep one, and give its output to every node that needs it");
            }
        }
        Set<String> done = new HashSet<>();
        for (NodeSpec n : nodes) {
            if (cycle(n.name(), next, new HashSet<>(), done)) {
                yaml.problem(at.get(n.name()), "the edges form a cycle through '" + n.name() + "': a pipeline is acyclic");
                return;
            }
        }
        checkItemTypes(nodes, edges, byName);
    }

    private List<String> ports(NodeSpec n) {
        try {
            return types.find(n.type()).map(t -> t.ports(options(n))).orElse(List.of());
        } catch (RuntimeException optionsReportedAlready) {
            return List.of();
        }
    }

    private boolean hasUnnamedOutput(NodeSpec n) {
        try {
            return types.find(n.type()).map(t -> t.hasUnnamedOutput(options(n))).orElse(true);
        } catch (RuntimeException optionsReportedAlready) {
            return true;
        }
    }

    private String exclusive(NodeSpec n) {
        try {
            return types.find(n.type()).map(t -> t.exclusive(options(n))).orElse(null);
        } catch (RuntimeException optionsReportedAlready) {
            return null;
        }
    }

    private NodeKind kind(NodeSpec n) {
        return PipelineParser.kindOf(n.type(), types, composites);
    }

    /** Each edge's items against what its target takes; a node passing its input on takes its feeder's type. */
    private void checkItemTypes(List<NodeSpec> nodes, List<EdgeSpec> edges, Map<String, NodeSpec> byName) {
        Map<String, ItemType> emitted = new HashMap<>();
        for (NodeSpec n : nodes) {
            emittedBy(n, edges, byName, emitted);
        }
        for (EdgeSpec e : edges) {
            NodeSpec from = byName.get(e.from());
            NodeSpec to = byName.get(e.to());
            NodeType target = to == null ? null : types.find(to.type()).orElse(null);
            if (from == null || target == null || !kind(to).hasInput() || !kind(from).hasOutput()) {
                continue; // a composite takes what its entries take: checked inside it; wrong kinds are reported
            }
            ItemType items = emitted.get(from.name());
            Set<ItemType> takes;
            try {
                takes = target.consumes(options(to));
            } catch (RuntimeException optionsReportedAlready) {
                continue; // an option it needs was wrong, and is reported
            }
            if (!ItemType.takes(takes, items)) {
                yaml.problem(e.at(), "node '" + from.name() + "' (" + from.type() + ") emits " + items + ", but '"
                        + to.name() + "' (" + to.type() + ") takes " + inWords(takes) + fix(items, takes));
            }
        }
    }

    private ItemType emittedBy(NodeSpec n, List<EdgeSpec> edges, Map<String, NodeSpec> byName,
            Map<String, ItemType> emitted) {
        ItemType known = emitted.get(n.name());
        if (known != null) {
            return known;
        }
        emitted.put(n.name(), ItemType.ANY); // while resolving: cycles were refused, but stay safe
        NodeType type = types.find(n.type()).orElse(null);
        ItemType out;
        try {
            out = type == null ? ItemType.ANY : type.produces(options(n));
        } catch (RuntimeException optionsReportedAlready) {
            out = ItemType.ANY;
        }
        if (out == ItemType.SAME) {
            List<ItemType> in = edges.stream().filter(e -> e.to().equals(n.name()) && byName.containsKey(e.from()))
                    .map(e -> emittedBy(byName.get(e.from()), edges, byName, emitted)).distinct().toList();
            out = in.size() == 1 ? in.get(0) : ItemType.ANY;
        }
        emitted.put(n.name(), out);
        return out;
    }

    private static NodeOptions options(NodeSpec n) {
        return NodeOptions.of(n.name(), n.options());
    }

    private static String inWords(Set<ItemType> takes) {
        List<String> words = takes.stream().sorted().map(ItemType::toString).toList();
        return words.isEmpty() ? "nothing" : words.size() == 1 ? words.get(0) : String.join(", ", words.subList(0, words.size() - 1)) + " or "
                + words.get(words.size() - 1);
    }

    /** A way out, for the common mismatches. */
    private static String fix(ItemType items, Set<ItemType> takes) {
        if (takes.contains(ItemType.LINE) && items == ItemType.TEXT) {
            return ": read the file with files.read or files.lines, which give lines with their file and number";
        }
        if (takes.contains(ItemType.ROW) && (items == ItemType.TEXT || items == ItemType.LINE)) {
            return ": make rows first (csv.parse, json.decode, or the source's as: row)";
        }
        if (takes.contains(ItemType.ROW) && items == ItemType.BYTES) {
            return ": decode the messages first (avro.decode, json.decode)";
        }
        if (takes.contains(ItemType.BYTES) && (items == ItemType.TEXT || items == ItemType.LINE)) {
            return ": read binary messages (a source's as: bytes), or encode rows first (avro.encode)";
        }
        if (takes.contains(ItemType.MESSAGE)) {
            return ": key the items first (message or json.encode with key)";
        }
        if (items == ItemType.BYTES) {
            return ": decode them first (avro.decode), or send them to kafka.write, mqtt.publish or log.append";
        }
        return "";
    }

    private boolean cycle(String node, Map<String, List<String>> next, Set<String> path, Set<String> done) {
        if (done.contains(node)) {
            return false;
        }
        if (!path.add(node)) {
            return true;
        }
        for (String n : next.getOrDefault(node, List.of())) {
            if (cycle(n, next, path, done)) {
                return true;
            }
        }
        path.remove(node);
        done.add(node);
        return false;
    }
}
