package dev.sluice.yaml;

import dev.sluice.nodetype.NodeKind;
import dev.sluice.nodetype.NodeType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.yaml.spec.CheckpointsSpec;
import dev.sluice.yaml.spec.CompositeSpec;
import dev.sluice.yaml.spec.EdgeSpec;
import dev.sluice.yaml.spec.ErrorPolicySpec;
import dev.sluice.yaml.spec.NodeSpec;
import dev.sluice.yaml.spec.PipelineSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses one pipeline file (or composite definition) into a {@link PipelineSpec}, collecting every
 * problem: the file's own keys and nodes here, {@code on_error} in {@link ErrorPolicyParser}, and
 * the graph as a whole (kinds, item types, cycles) in {@link GraphCheck}.
 */
final class PipelineParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Set<String> ROOT_KEYS = Set.of("pipeline", "nodes", "edges", "composites", "composite",
            "checkpoints");
    private static final Set<String> NODE_KEYS = Set.of("name", "type", "options", "queue", "on_error");
    private static final Set<String> COMPOSITE_NODE_KEYS = Set.of("name", "type", "frozen_arguments", "arg_mapping");

    private final YamlReader yaml;
    private final NodeTypes types;
    /** Composite types loaded so far, shared with the files this one includes. */
    private final Map<String, CompositeSpec> composites;
    private final ErrorPolicyParser errorPolicies;
    private String compositeName;

    PipelineParser(Path file, NodeTypes types, Function<String, String> env, Map<String, CompositeSpec> composites,
            List<String> problems) {
        this.yaml = new YamlReader(file, env, problems);
        this.types = types;
        this.composites = composites;
        this.errorPolicies = new ErrorPolicyParser(yaml, types);
    }

    /** Parses a pipeline file; every problem of it and of the composites it loads at once. */
    static PipelineSpec parse(Path file, NodeTypes types, Function<String, String> env)
            throws IOException, ConfigException {
        List<String> problems = new ArrayList<>();
        PipelineParser parser = new PipelineParser(file, types, env, new LinkedHashMap<>(), problems);
        PipelineSpec spec = parser.parse();
        if (spec != null && parser.compositeName != null) {
            problems.add(file + ":1:1: this is a composite definition ('composite: " + parser.compositeName
                    + "'): load it from a pipeline file with 'composites: [" + file.getFileName() + "]'");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return spec;
    }

    /** The file's graph, or null when it has problems (they are in the shared list). */
    private PipelineSpec parse() throws IOException {
        int before = yaml.problems().size();
        Node root = yaml.compose();
        if (root == null) {
            return null;
        }
        if (!(root instanceof MappingNode map)) {
            yaml.problem(root, "a pipeline file is a mapping with 'nodes' (and optionally 'pipeline', 'edges')");
            return null;
        }
        String name = yaml.file().getFileName().toString().replaceFirst("\\.ya?ml$", "");
        SequenceNode nodeList = null;
        SequenceNode edgeList = null;
        Node checkpointsAt = null;
        for (NodeTuple t : map.getValue()) {
            String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            switch (key) {
                case "pipeline" -> name = yaml.text(t.getValueNode(), "pipeline");
                case "composite" -> compositeName = yaml.text(t.getValueNode(), "composite");
                case "composites" -> includes(yaml.sequence(t.getValueNode(), "composites"));
                case "nodes" -> nodeList = yaml.sequence(t.getValueNode(), "nodes");
                case "edges" -> edgeList = yaml.sequence(t.getValueNode(), "edges");
                case "checkpoints" -> checkpointsAt = t.getValueNode();
                default -> yaml.unknownKey(t.getKeyNode(), key, ROOT_KEYS, "at the top level");
            }
        }
        List<NodeSpec> nodes = new ArrayList<>();
        Map<String, Node> positions = new LinkedHashMap<>();
        if (nodeList == null) {
            yaml.problems().add(yaml.file() + ":1:1: missing 'nodes': a " + (compositeName == null ? "pipeline" : "composite")
                    + " needs at least one node");
        } else {
            for (Node n : nodeList.getValue()) {
                NodeSpec def = node(n, positions);
                if (def != null) {
                    nodes.add(def);
                }
            }
        }
        List<EdgeSpec> edges = edgeList == null ? chain(nodes) : edges(edgeList, positions, ports(nodes));
        new GraphCheck(yaml, types, composites).check(nodes, edges, positions, compositeName != null);
        CheckpointsSpec checkpoints = null;
        if (checkpointsAt != null && compositeName != null) {
            yaml.problem(checkpointsAt, "a composite has no checkpoints of its own: the pipeline that uses it does");
        } else if (checkpointsAt != null) {
            checkpoints = checkpoints(checkpointsAt);
        }
        if (yaml.problems().size() > before || name == null) {
            return null;
        }
        return new PipelineSpec(name, yaml.file(), nodes, edges, composites, checkpoints);
    }

    /** Loads the composite definitions named by {@code composites:}, relative to this file. */
    private void includes(SequenceNode list) throws IOException {
        if (list == null) {
            return;
        }
        for (Node n : list.getValue()) {
            String included = yaml.text(n, "composites");
            if (included == null) {
                continue;
            }
            Path path = yaml.resolve(Path.of(included));
            if (!java.nio.file.Files.isReadable(path)) {
                yaml.problem(n, "cannot read the composite " + path
                        + (java.nio.file.Files.exists(path) ? " (not readable)" : " (no such file)"));
                continue;
            }
            PipelineParser inner = new PipelineParser(path, types, yaml.env(), composites, yaml.problems());
            PipelineSpec def = inner.parse();
            if (def == null) {
                continue; // its problems are reported with its own positions
            }
            if (inner.compositeName == null) {
                yaml.problem(n, path + " is not a composite definition: it needs 'composite: NAME'");
                continue;
            }
            if (types.find(inner.compositeName).isPresent() || composites.containsKey(inner.compositeName)) {
                yaml.problem(n, "composite '" + inner.compositeName + "' from " + path
                        + " clashes with an existing node type");
                continue;
            }
            try {
                composites.put(inner.compositeName, Composites.define(inner.compositeName, path, def, types, composites));
            } catch (IllegalArgumentException e) {
                yaml.problem(n, e.getMessage());
            }
        }
    }

    /** The options a node of {@code type} takes: a registered type's, or a composite's arguments. */
    private List<OptionSpec> optionsOf(String type) {
        return types.find(type).map(NodeType::options)
                .orElseGet(() -> composites.containsKey(type) ? composites.get(type).arguments() : null);
    }

    private NodeSpec node(Node n, Map<String, Node> positions) {
        if (!(n instanceof MappingNode m)) {
            yaml.problem(n, "a node is a mapping with 'name' and 'type'");
            return null;
        }
        String nodeName = null;
        String type = null;
        boolean typeGiven = false;
        MappingNode options = null;
        MappingNode mapping = null;
        int queue = NodeSpec.DEFAULT_QUEUE;
        ErrorPolicySpec onError = ErrorPolicySpec.FAIL;
        Set<String> allowed = compositeName == null ? NODE_KEYS : COMPOSITE_NODE_KEYS;
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            Node v = t.getValueNode();
            if (!allowed.contains(key)) {
                yaml.unknownKey(t.getKeyNode(), key, allowed, "in a node");
                continue;
            }
            switch (key) {
                case "name" -> nodeName = yaml.text(v, "name");
                case "type" -> {
                    typeGiven = true;
                    String typeName = yaml.text(v, "type");
                    if (typeName != null && optionsOf(typeName) == null) {
                        yaml.problem(v, types.unknown(typeName));
                    } else {
                        type = typeName;
                    }
                }
                case "options", "frozen_arguments" -> {
                    if (v instanceof MappingNode om) {
                        options = om;
                    } else if (!YamlReader.isNull(v)) {
                        yaml.problem(v, "'" + key + "' is a mapping of option names to values");
                    }
                }
                case "arg_mapping" -> {
                    if (v instanceof MappingNode mm) {
                        mapping = mm;
                    } else if (!YamlReader.isNull(v)) {
                        yaml.problem(v, "'arg_mapping' maps option names of this node to argument names of the composite");
                    }
                }
                case "on_error" -> onError = java.util.Objects.requireNonNullElse(errorPolicies.parse(v), onError);
                default -> queue = queue(v, queue); // "queue"
            }
        }
        if (nodeName == null) {
            yaml.problem(m, "a node needs a 'name'");
            return null;
        }
        if (!NAME.matcher(nodeName).matches()) {
            yaml.problem(m, "node name '" + nodeName + "' must start with a letter and use letters, digits, '_', '.', '-'");
        }
        if (positions.containsKey(nodeName)) {
            yaml.problem(m, "a node named '" + nodeName + "' is already defined at line "
                    + (positions.get(nodeName).getStartMark().getLine() + 1));
            return null;
        }
        positions.put(nodeName, m);
        if (type == null) {
            if (!typeGiven) {
                yaml.problem(m, "node '" + nodeName + "' needs a 'type'");
            }
            return null;
        }
        List<OptionSpec> specs = optionsOf(type);
        Map<String, String> argMapping = argMapping(mapping, type, specs);
        int before = yaml.problems().size();
        Map<String, Object> values = options(nodeName, type, specs, options, m, argMapping.keySet());
        NodeType registered = types.find(type).orElse(null);
        if (registered != null && yaml.problems().size() == before && argMapping.isEmpty()) {
            try {
                registered.check(dev.sluice.nodetype.NodeOptions.of(nodeName, values));
            } catch (dev.sluice.nodetype.InvalidOptionException e) {
                Node value = valueOf(valueOf(options, e.option()), e.entry());
                yaml.problem(value == null ? yaml.at(options != null ? options : m) : yaml.inside(value, e.offset()),
                        "node '" + nodeName + "' (" + type + "), option '" + e.option() + "'"
                                + (e.entry() == null ? "" : ", '" + e.entry() + "'") + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                yaml.problem(options != null ? options : m, "node '" + nodeName + "' (" + type + "): " + e.getMessage());
            }
        }
        return new NodeSpec(nodeName, type, values, argMapping, queue, onError, yaml.at(m));
    }

    /** The value of {@code key} in {@code mapping}; {@code mapping} itself when {@code key} is null. */
    private static Node valueOf(Node mapping, String key) {
        if (key == null || !(mapping instanceof MappingNode m)) {
            return key == null ? mapping : null;
        }
        return m.getValue().stream().filter(t -> key.equals(YamlReader.scalar(t.getKeyNode())))
                .map(NodeTuple::getValueNode).findFirst().orElse(null);
    }

    private int queue(Node v, int fallback) {
        Object q = yaml.convert(v, "queue", OptionType.INT);
        if (q == null) {
            return fallback;
        }
        long size = (Long) q;
        if (size < 0 || size > 1 << 24) {
            yaml.problem(v, "'queue' is the node's input queue size: 0 (no thread of its own) to 16777216");
            return fallback;
        }
        return (int) size;
    }

    private Map<String, String> argMapping(MappingNode mapping, String type, List<OptionSpec> specs) {
        Map<String, String> argMapping = new LinkedHashMap<>();
        if (mapping == null) {
            return argMapping;
        }
        Set<String> known = new HashSet<>();
        specs.forEach(o -> known.add(o.name()));
        for (NodeTuple t : mapping.getValue()) {
            String inner = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            if (!known.contains(inner)) {
                yaml.unknownKey(t.getKeyNode(), inner, known, "in the arg_mapping of " + type);
                continue;
            }
            String outer = yaml.text(t.getValueNode(), inner);
            if (outer != null) {
                argMapping.put(inner, outer);
            }
        }
        return argMapping;
    }

    /** The given options converted and checked, then the defaults of the others. */
    private Map<String, Object> options(String nodeName, String type, List<OptionSpec> specList, MappingNode given,
            Node at, Set<String> mapped) {
        Map<String, OptionSpec> specs = new LinkedHashMap<>();
        specList.forEach(o -> specs.put(o.name(), o));
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> mentioned = new HashSet<>(); // given, even if invalid: not also "missing"
        if (given != null) {
            for (NodeTuple t : given.getValue()) {
                String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
                OptionSpec spec = specs.get(key);
                if (spec == null) {
                    yaml.unknownKey(t.getKeyNode(), key, specs.keySet(), "in the options of " + type);
                    continue;
                }
                mentioned.add(key);
                Object v = yaml.convert(t.getValueNode(), key, spec.type());
                String wanted = v == null ? null : spec.rejects(v);
                if (wanted != null) {
                    yaml.problem(t.getValueNode(), "option '" + key + "' of node '" + nodeName + "' must be " + wanted
                            + ": " + v);
                } else if (v != null) {
                    values.put(key, v);
                }
            }
        }
        for (OptionSpec spec : specs.values()) {
            if (mentioned.contains(spec.name()) || mapped.contains(spec.name())) {
                continue;
            }
            if (spec.required()) {
                yaml.problem(at, "node '" + nodeName + "' (" + type + ") needs option '" + spec.name() + "': "
                        + spec.description());
            } else {
                yaml.putDefault(spec, values);
            }
        }
        return values;
    }

    private static List<EdgeSpec> chain(List<NodeSpec> nodes) {
        List<EdgeSpec> edges = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            edges.add(new EdgeSpec(nodes.get(i - 1).name(), nodes.get(i).name(), nodes.get(i).at()));
        }
        return edges;
    }

    /** The named outputs of each node that has some ({@code switch}'s cases and default). */
    private Map<String, List<String>> ports(List<NodeSpec> nodes) {
        Map<String, List<String>> ports = new HashMap<>();
        for (NodeSpec n : nodes) {
            try {
                types.find(n.type()).map(t -> t.ports(dev.sluice.nodetype.NodeOptions.of(n.name(), n.options())))
                        .filter(p -> !p.isEmpty()).ifPresent(p -> ports.put(n.name(), p));
            } catch (RuntimeException optionsReportedAlready) {
                // the node's options are wrong, and reported: its edges are checked once they are right
            }
        }
        return ports;
    }

    private List<EdgeSpec> edges(SequenceNode list, Map<String, Node> positions, Map<String, List<String>> ports) {
        List<EdgeSpec> edges = new ArrayList<>();
        for (Node e : list.getValue()) {
            String text = e instanceof ScalarNode s ? s.getValue() : null;
            // 'a -> b', or a chain 'a -> b -> c' (nanostream's a > b > c): an edge per arrow
            String[] parts = text == null ? new String[0] : text.split("->", -1);
            if (parts.length < 2 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
                yaml.problem(e, "an edge is written 'from -> to', or a chain 'a -> b -> c'");
                continue;
            }
            String[][] ends = new String[parts.length][]; // {node, port or null}
            for (int i = 0; i < parts.length; i++) {
                ends[i] = end(parts[i].trim(), i > 0, text.trim(), e, positions, ports);
            }
            for (int i = 1; i < parts.length; i++) {
                if (ends[i - 1] != null && ends[i] != null) {
                    edges.add(new EdgeSpec(ends[i - 1][0], ends[i - 1][1], ends[i][0], yaml.at(e)));
                }
            }
        }
        return edges;
    }

    /**
     * One end of an edge: a node, or a node's output port ({@code route.hot}), which only feeds;
     * null after reporting. A node's own name wins over a port of the same spelling.
     */
    private String[] end(String end, boolean fed, String edge, Node e, Map<String, Node> positions,
            Map<String, List<String>> ports) {
        if (positions.containsKey(end)) {
            return new String[] {end, null};
        }
        int dot = end.lastIndexOf('.');
        String node = dot < 0 ? null : end.substring(0, dot);
        if (node != null && ports.containsKey(node)) {
            String port = end.substring(dot + 1);
            if (!ports.get(node).contains(port)) {
                yaml.problem(e, "edge '" + edge + "': node '" + node + "' has no output '" + port + "'"
                        + Suggest.didYouMean(port, ports.get(node)) + "; its outputs are "
                        + String.join(", ", ports.get(node).stream().map(p -> node + "." + p).toList()));
                return null;
            }
            if (fed) {
                yaml.problem(e, "edge '" + edge + "': '" + end + "' is an output of '" + node + "', which nothing"
                        + " feeds: write the edge into the node, '... -> " + node + "'");
                return null;
            }
            return new String[] {node, port};
        }
        Set<String> known = new java.util.TreeSet<>(positions.keySet());
        ports.forEach((n, p) -> p.forEach(port -> known.add(n + "." + port)));
        yaml.problem(e, "edge '" + edge + "' names no node '" + end + "'" + Suggest.didYouMean(end, known));
        return null;
    }

    /**
     * {@code checkpoints: {interval: 1s, store: log, ...the store's options}}: every option has a
     * default, so {@code checkpoints: {}} checkpoints into the embedded log in {@code sluice-log}.
     */
    private CheckpointsSpec checkpoints(Node v) {
        if (YamlReader.isNull(v)) { // 'checkpoints:' alone: every default
            v = new MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, true, new ArrayList<NodeTuple>(), v.getStartMark(),
                    v.getEndMark(), org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        }
        if (!(v instanceof MappingNode m)) {
            yaml.problem(v, "'checkpoints' is a mapping: {interval: 1s, store: log, directory: sluice-log}");
            return null;
        }
        Duration interval = Duration.ofSeconds(1);
        String storeName = "log";
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            if (key.equals("interval")) {
                Object d = yaml.convert(t.getValueNode(), key, OptionType.DURATION);
                interval = d == null ? interval : (Duration) d;
            } else if (key.equals("store")) {
                String given = yaml.text(t.getValueNode(), key);
                storeName = given == null ? storeName : given;
            }
        }
        var type = types.checkpointStore(storeName);
        if (type.isEmpty()) {
            yaml.problem(v, storeName.equals("log") && types.checkpointStores().isEmpty()
                    ? "checkpoints in the log come with the module dev.sluice:sluice-log, which is not on the class path"
                    : "unknown checkpoint store '" + storeName + "'" + Suggest.didYouMean(storeName,
                            types.checkpointStores().stream().map(c -> c.name()).toList()));
            return null;
        }
        Map<String, OptionSpec> specs = new LinkedHashMap<>();
        type.get().options().forEach(o -> specs.put(o.name(), o));
        Map<String, Object> values = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            if (key.equals("interval") || key.equals("store")) {
                continue;
            }
            OptionSpec spec = specs.get(key);
            if (spec == null) {
                Set<String> known = new java.util.TreeSet<>(specs.keySet());
                known.add("interval");
                known.add("store");
                yaml.unknownKey(t.getKeyNode(), key, known, "in 'checkpoints'");
                continue;
            }
            Object value = yaml.convert(t.getValueNode(), key, spec.type());
            if (value != null) {
                values.put(key, value);
            }
        }
        specs.values().forEach(spec -> yaml.putDefault(spec, values));
        return new CheckpointsSpec(storeName, interval, values, yaml.at(m));
    }

    /** The kind of the node type or composite called {@code type}. */
    static NodeKind kindOf(String type, NodeTypes types, Map<String, CompositeSpec> composites) {
        return types.find(type).map(NodeType::kind).orElseGet(() -> composites.get(type).kind());
    }
}
