package dev.sluice.cli;

import dev.sluice.Generator;
import dev.sluice.Node;
import dev.sluice.Pipe;
import dev.sluice.Pipeline;
import dev.sluice.PipelineBuilder;
import dev.sluice.Processor;
import dev.sluice.config.NodeOptions;
import dev.sluice.config.NodeRole;
import dev.sluice.config.NodeType;
import dev.sluice.config.OptionSpec;
import dev.sluice.config.OptionType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A pipeline file, parsed and validated before anything runs. The YAML is read as a node tree
 * (never bound to classes), every problem is collected with {@code file:line:column}, and the
 * pipeline is then built through the public Java API only.
 *
 * <pre>
 * pipeline: readings
 * nodes:
 *   - name: watch
 *     type: files.watch
 *     options: {directory: ./inbox, glob: "*.csv"}
 *   - name: read
 *     type: files.lines
 *   - name: parse
 *     type: csv.parse
 *   - name: print
 *     type: print
 * edges:            # optional: without it the nodes form a chain in the order given
 *   - watch -> read
 *   - read -> parse
 *   - parse -> print
 * </pre>
 *
 * Values may use {@code ${NAME}} or {@code ${NAME:-default}} (environment) and
 * {@code ${file:/path}} (a secret read from a file, never shown in messages).
 */
public final class PipelineFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern VAR = Pattern.compile("\\$\\{(file:)?([^}:]+)(?::-([^}]*))?}");
    private static final Set<String> ROOT_KEYS = Set.of("pipeline", "nodes", "edges", "composites", "composite");
    private static final Set<String> NODE_KEYS = Set.of("name", "type", "options", "queue", "on_error");
    private static final Set<String> ON_ERROR_KEYS = Set.of("dead_letter_file", "dead_letter_stream", "directory",
            "retry", "then");
    private static final Set<String> RETRY_KEYS = Set.of("attempts", "backoff", "max_backoff");
    private static final Set<String> COMPOSITE_NODE_KEYS = Set.of("name", "type", "frozen_arguments", "arg_mapping");

    /**
     * A validated node. In a composite definition, {@code options} are the frozen arguments (and
     * defaults) and {@code argMapping} maps an inner option to the composite's argument name.
     */
    record NodeDef(String name, NodeType type, Map<String, Object> options, int queue, Map<String, String> argMapping,
            dev.sluice.ErrorPolicy onError) {}

    /** A validated edge. */
    record Edge(String from, String to) {}

    private final Path file;
    private final String name;
    private final List<NodeDef> nodes;
    private final List<Edge> edges;

    private PipelineFile(Path file, String name, List<NodeDef> nodes, List<Edge> edges) {
        this.file = file;
        this.name = name;
        this.nodes = nodes;
        this.edges = edges;
    }

    /** Reads and validates {@code file}, with the node types on the class path and the process environment. */
    public static PipelineFile load(Path file) throws IOException, ConfigException {
        return load(file, System::getenv);
    }

    /** Reads and validates {@code file}, resolving {@code ${NAME}} with {@code env}. */
    public static PipelineFile load(Path file, Function<String, String> env) throws IOException, ConfigException {
        return new Parser(file, Registry.load(), env).parse();
    }

    /** The pipeline's name. */
    public String name() {
        return name;
    }

    /** Node names, in file order. */
    public List<String> nodeNames() {
        return nodes.stream().map(NodeDef::name).toList();
    }

    /** The validated node called {@code node}, if any. */
    java.util.Optional<NodeDef> node(String node) {
        return nodes.stream().filter(n -> n.name().equals(node)).findFirst();
    }

    /** Whether the file wires {@code from} into {@code to}. */
    boolean feeds(String from, String to) {
        return edges.contains(new Edge(from, to));
    }

    /** The number of edges. */
    public int edgeCount() {
        return edges.size();
    }

    /** Builds the pipeline (not started) with the given settings; composite nodes are expanded into theirs. */
    public Pipeline build(PipelineBuilder settings) throws Exception {
        Pipeline pipeline = settings.name(name).build();
        wire(pipeline, Graph.expand(nodes, edges, List.of(), null));
        return pipeline;
    }

    /**
     * Builds the nodes of {@code path} alone, each feeding the next as in the file, for a test:
     * {@code input} feeds the first unless it is a source, and the last one's outputs go to {@code output}.
     *
     * @throws IllegalArgumentException if a node is unknown or two consecutive ones are not wired
     */
    Pipeline buildPath(PipelineBuilder settings, List<String> path, Generator<Object> input,
            Processor<Object, Object> output) throws Exception {
        List<NodeDef> part = new ArrayList<>();
        List<Edge> partEdges = new ArrayList<>();
        for (String n : path) {
            part.add(node(n).orElseThrow(() -> new IllegalArgumentException("no node '" + n + "' in " + file
                    + Registry.suggest(n, nodeNames()).map(s -> " (did you mean '" + s + "'?)").orElse(""))));
        }
        for (int i = 1; i < path.size(); i++) {
            Edge e = new Edge(path.get(i - 1), path.get(i));
            if (!feeds(e.from(), e.to())) {
                throw new IllegalArgumentException("'" + e.from() + "' does not feed '" + e.to() + "' in " + file);
            }
            partEdges.add(e);
        }
        NodeDef first = part.get(0);
        if (first.type().role() != NodeRole.SOURCE) {
            part.add(0, fixed("test-input", NodeRole.SOURCE, input));
            partEdges.add(new Edge("test-input", first.name()));
        }
        NodeDef last = part.get(part.size() - 1);
        if (last.type().role() != NodeRole.SINK) {
            part.add(fixed("test-output", NodeRole.SINK, output));
            partEdges.add(new Edge(last.name(), "test-output"));
        }
        Pipeline pipeline = settings.name(name + " test").build();
        wire(pipeline, Graph.expand(part, partEdges, List.of(), null));
        return pipeline;
    }

    private static NodeDef fixed(String name, NodeRole role, Object node) {
        NodeType type = new BuiltinTypes.Base(name, role, "made by the test runner") {
            @Override
            public Object create(NodeOptions options) {
                return node;
            }
        };
        return new NodeDef(name, type, Map.of(), 0, Map.of(), dev.sluice.ErrorPolicy.fail());
    }

    @SuppressWarnings("unchecked")
    private void wire(Pipeline pipeline, Graph.Part graph) throws Exception {
        List<NodeDef> nodes = graph.nodes();
        List<Edge> edges = graph.edges();
        Map<String, Pipe<Object>> outputs = new HashMap<>();
        Map<String, Node<Object, Object>> inputs = new HashMap<>();
        Map<String, List<String>> feeders = new HashMap<>();
        for (Edge e : edges) {
            feeders.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
        // operators are built from their inputs' pipes, so build in an order where feeders come first
        List<NodeDef> pending = new ArrayList<>(nodes);
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                NodeDef def = it.next();
                List<String> from = feeders.getOrDefault(def.name(), List.of());
                if (def.type().role() == NodeRole.OPERATOR && !outputs.keySet().containsAll(from)) {
                    continue;
                }
                Object made = def.type().create(new MapOptions(def.name(), def.options(), def.onError()));
                switch (def.type().role()) {
                    case SOURCE -> outputs.put(def.name(),
                            pipeline.generate(def.name(), (Generator<Object>) made).errorPolicy(def.onError()));
                    case OPERATOR -> {
                        if (from.isEmpty()) {
                            throw new IllegalStateException("operator node '" + def.name() + "' has no input");
                        }
                        Pipe<Object> in = outputs.get(from.get(0));
                        if (from.size() > 1) {
                            Pipe<Object>[] others = from.subList(1, from.size()).stream().map(outputs::get)
                                    .toArray(Pipe[]::new);
                            in = in.union(others);
                        }
                        Pipe<Object> out = (Pipe<Object>) ((Function<Pipe<Object>, Pipe<?>>) made).apply(in);
                        outputs.put(def.name(), out.named(def.name()).errorPolicy(def.onError()));
                    }
                    default -> {
                        Node<Object, Object> node = pipeline.node(def.name(), (Processor<Object, Object>) made, def.queue());
                        node.errorPolicy(def.onError());
                        inputs.put(def.name(), node);
                        outputs.put(def.name(), node);
                    }
                }
                it.remove();
                progress = true;
            }
            if (!progress) {
                throw new IllegalStateException("cannot order the operators of " + file); // validated: no cycles
            }
        }
        for (Edge e : edges) {
            Node<Object, Object> target = inputs.get(e.to());
            if (target != null) {
                outputs.get(e.from()).to(target); // edges into operators were wired when they were built
            }
        }
    }

    /** Parses one file, collecting every problem. */
    private static final class Parser {
        private final Path file;
        private final Registry registry;
        private final Function<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Parser(Path file, Registry registry, Function<String, String> env) {
            this.file = file;
            this.registry = registry;
            this.env = env;
        }

        private void problem(org.yaml.snakeyaml.nodes.Node at, String message) {
            problem(at.getStartMark(), message);
        }

        private void problem(Mark mark, String message) {
            problems.add(file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": " + message);
        }

        private String compositeName;

        PipelineFile parse() throws IOException, ConfigException {
            org.yaml.snakeyaml.nodes.Node root;
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(false);
                root = new Yaml(options).compose(reader);
            } catch (MarkedYAMLException e) {
                problem(e.getProblemMark(), "not valid YAML: " + e.getProblem());
                throw new ConfigException(problems);
            }
            if (!(root instanceof MappingNode map)) {
                problems.add(file + ":1:1: a pipeline file is a mapping with 'nodes' (and optionally 'pipeline', 'edges')");
                throw new ConfigException(problems);
            }
            String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            SequenceNode nodeList = null;
            SequenceNode edgeList = null;
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode());
                switch (key) {
                    case "pipeline" -> name = text(t.getValueNode(), "pipeline");
                    case "composite" -> compositeName = text(t.getValueNode(), "composite");
                    case "composites" -> includes(sequence(t.getValueNode(), "composites"));
                    case "nodes" -> nodeList = sequence(t.getValueNode(), "nodes");
                    case "edges" -> edgeList = sequence(t.getValueNode(), "edges");
                    default -> unknownKey(t.getKeyNode(), key, ROOT_KEYS, "at the top level");
                }
            }
            List<NodeDef> nodes = new ArrayList<>();
            Map<String, org.yaml.snakeyaml.nodes.Node> positions = new LinkedHashMap<>();
            if (nodeList == null) {
                problems.add(file + ":1:1: missing 'nodes': a " + (compositeName == null ? "pipeline" : "composite")
                        + " needs at least one node");
            } else {
                for (org.yaml.snakeyaml.nodes.Node n : nodeList.getValue()) {
                    NodeDef def = node(n, positions);
                    if (def != null) {
                        nodes.add(def);
                    }
                }
            }
            List<Edge> edges = edgeList == null ? chain(nodes) : edges(edgeList, nodes, positions);
            checkWiring(nodes, edges, positions);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new PipelineFile(file, name, List.copyOf(nodes), List.copyOf(edges));
        }

        /** Loads composite definitions named by {@code composites:}, relative to this file. */
        private void includes(SequenceNode list) {
            if (list == null) {
                return;
            }
            for (org.yaml.snakeyaml.nodes.Node n : list.getValue()) {
                String included = text(n, "composites");
                if (included == null) {
                    continue;
                }
                Path path = resolve(Path.of(included));
                try {
                    Parser inner = new Parser(path, registry, env);
                    PipelineFile def = inner.parse();
                    if (inner.compositeName == null) {
                        problem(n, path + " is not a composite definition: it needs 'composite: NAME'");
                        continue;
                    }
                    CompositeType type = CompositeType.of(inner.compositeName, def.nodes, def.edges, path);
                    if (registry.find(type.name()).isPresent()) {
                        problem(n, "composite '" + type.name() + "' from " + path + " clashes with an existing node type");
                        continue;
                    }
                    registry.add(type);
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                } catch (IllegalArgumentException e) {
                    problem(n, e.getMessage());
                } catch (IOException e) {
                    problem(n, "cannot read the composite " + path + ": " + e);
                }
            }
        }

        private Path resolve(Path p) {
            Path base = file.toAbsolutePath().getParent();
            return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
        }

        private NodeDef node(org.yaml.snakeyaml.nodes.Node n, Map<String, org.yaml.snakeyaml.nodes.Node> positions) {
            if (!(n instanceof MappingNode m)) {
                problem(n, "a node is a mapping with 'name' and 'type'");
                return null;
            }
            String nodeName = null;
            NodeType type = null;
            MappingNode options = null;
            MappingNode mapping = null;
            int queue = 1024;
            dev.sluice.ErrorPolicy onError = dev.sluice.ErrorPolicy.fail();
            Set<String> allowed = compositeName == null ? NODE_KEYS : COMPOSITE_NODE_KEYS;
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                org.yaml.snakeyaml.nodes.Node v = t.getValueNode();
                switch (key) {
                    case "name" -> nodeName = text(v, "name");
                    case "type" -> {
                        String typeName = text(v, "type");
                        if (typeName != null) {
                            type = registry.find(typeName).orElse(null);
                            if (type == null) {
                                problem(v, "unknown node type '" + typeName + "'"
                                        + Registry.suggest(typeName, registry.all().keySet())
                                                .map(s -> " (did you mean '" + s + "'?)").orElse("")
                                        + "; known types: " + String.join(", ", registry.all().keySet()));
                            }
                        }
                    }
                    case "options", "frozen_arguments" -> {
                        if (!allowed.contains(key)) {
                            unknownKey(t.getKeyNode(), key, allowed, "in a node");
                        } else if (v instanceof MappingNode om) {
                            options = om;
                        } else {
                            problem(v, "'" + key + "' is a mapping of option names to values");
                        }
                    }
                    case "arg_mapping" -> {
                        if (!allowed.contains(key)) {
                            unknownKey(t.getKeyNode(), key, allowed, "in a node");
                        } else if (v instanceof MappingNode mm) {
                            mapping = mm;
                        } else if (!(v instanceof ScalarNode sn && sn.getTag().getValue().endsWith(":null"))) {
                            problem(v, "'arg_mapping' maps option names of this node to argument names of the composite");
                        }
                    }
                    case "on_error" -> {
                        if (!allowed.contains(key)) {
                            unknownKey(t.getKeyNode(), key, allowed, "in a node");
                        } else {
                            dev.sluice.ErrorPolicy p = errorPolicy(v);
                            if (p != null) {
                                onError = p;
                            }
                        }
                    }
                    case "queue" -> {
                        if (!allowed.contains(key)) {
                            unknownKey(t.getKeyNode(), key, allowed, "in a node");
                            continue;
                        }
                        Object q = convert(v, "queue", OptionType.INT);
                        if (q != null) {
                            long size = (Long) q;
                            if (size < 0 || size > 1 << 24) {
                                problem(v, "'queue' is the node's input queue size: 0 (no thread of its own) to 16777216");
                            } else {
                                queue = (int) size;
                            }
                        }
                    }
                    default -> unknownKey(t.getKeyNode(), key, allowed, "in a node");
                }
            }
            if (nodeName == null) {
                problem(m, "a node needs a 'name'");
                return null;
            }
            if (!NAME.matcher(nodeName).matches()) {
                problem(m, "node name '" + nodeName + "' must start with a letter and use letters, digits, '_', '.', '-'");
            }
            if (positions.containsKey(nodeName)) {
                problem(m, "a node named '" + nodeName + "' is already defined at line "
                        + (positions.get(nodeName).getStartMark().getLine() + 1));
                return null;
            }
            positions.put(nodeName, m);
            if (type == null) {
                if (m.getValue().stream().noneMatch(t -> "type".equals(scalar(t.getKeyNode())))) {
                    problem(m, "node '" + nodeName + "' needs a 'type'");
                }
                return null;
            }
            Map<String, String> argMapping = new LinkedHashMap<>();
            if (mapping != null) {
                Set<String> known = new HashSet<>();
                type.options().forEach(o -> known.add(o.name()));
                for (NodeTuple t : mapping.getValue()) {
                    String inner = scalar(t.getKeyNode());
                    if (!known.contains(inner)) {
                        unknownKey(t.getKeyNode(), inner, known, "in the arg_mapping of " + type.name());
                        continue;
                    }
                    String outer = text(t.getValueNode(), inner);
                    if (outer != null) {
                        argMapping.put(inner, outer);
                    }
                }
            }
            return new NodeDef(nodeName, type, options(nodeName, type, options, m, argMapping.keySet()), queue,
                    Map.copyOf(argMapping), onError);
        }

        /**
         * {@code fail}, {@code skip}, {@code {dead_letter_file: PATH}},
         * {@code {dead_letter_stream: NAME, directory: DIR}}, or
         * {@code {retry: {attempts: N, backoff: D, max_backoff: D}, then: one of those}}.
         */
        private dev.sluice.ErrorPolicy errorPolicy(org.yaml.snakeyaml.nodes.Node v) {
            if (v instanceof ScalarNode s && s.getValue().equals("fail")) {
                return dev.sluice.ErrorPolicy.fail();
            }
            if (v instanceof ScalarNode s && s.getValue().equals("skip")) {
                return dev.sluice.ErrorPolicy.skip();
            }
            Map<String, org.yaml.snakeyaml.nodes.Node> keys = new LinkedHashMap<>();
            if (v instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String key = scalar(t.getKeyNode());
                    if (!ON_ERROR_KEYS.contains(key)) {
                        unknownKey(t.getKeyNode(), key, ON_ERROR_KEYS, "in 'on_error'");
                        return null;
                    }
                    keys.put(key, t.getValueNode());
                }
            }
            if (keys.containsKey("retry")) {
                return retry(keys.get("retry"), keys.get("then"));
            }
            if (keys.containsKey("dead_letter_file") && keys.size() == 1) {
                Object path = convert(keys.get("dead_letter_file"), "dead_letter_file", OptionType.PATH);
                return path == null ? null : dev.sluice.ErrorPolicy.deadLetter(new DeadLetterFile((Path) path));
            }
            if (keys.containsKey("dead_letter_stream") && keys.keySet().stream()
                    .allMatch(k -> k.equals("dead_letter_stream") || k.equals("directory"))) {
                String stream = text(keys.get("dead_letter_stream"), "dead_letter_stream");
                Object dir = keys.containsKey("directory") ? convert(keys.get("directory"), "directory", OptionType.PATH)
                        : Path.of("sluice-log");
                return stream == null || dir == null ? null
                        : dev.sluice.ErrorPolicy.deadLetter(new DeadLetterStream(resolve((Path) dir), stream));
            }
            problem(v, "'on_error' is fail, skip, {dead_letter_file: PATH}, {dead_letter_stream: NAME, directory: DIR}"
                    + " or {retry: {attempts: N, backoff: 100ms, max_backoff: 10s}, then: one of those}");
            return null;
        }

        private dev.sluice.ErrorPolicy retry(org.yaml.snakeyaml.nodes.Node retry, org.yaml.snakeyaml.nodes.Node then) {
            long attempts = 3;
            Duration backoff = Duration.ofMillis(100);
            Duration maxBackoff = Duration.ofSeconds(10);
            if (!(retry instanceof MappingNode m)) {
                problem(retry, "'retry' is a mapping: {attempts: N, backoff: 100ms, max_backoff: 10s}");
                return null;
            }
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                switch (key) {
                    case "attempts" -> {
                        Object n = convert(t.getValueNode(), key, OptionType.INT);
                        if (n != null && ((Long) n < 1 || (Long) n > 1000)) {
                            problem(t.getValueNode(), "'attempts' counts every try, the first included: 1 to 1000");
                            return null;
                        }
                        attempts = n == null ? attempts : (Long) n;
                    }
                    case "backoff" -> backoff = (Duration) java.util.Objects.requireNonNullElse(
                            convert(t.getValueNode(), key, OptionType.DURATION), backoff);
                    case "max_backoff" -> maxBackoff = (Duration) java.util.Objects.requireNonNullElse(
                            convert(t.getValueNode(), key, OptionType.DURATION), maxBackoff);
                    default -> {
                        unknownKey(t.getKeyNode(), key, RETRY_KEYS, "in 'retry'");
                        return null;
                    }
                }
            }
            if (maxBackoff.compareTo(backoff) < 0) {
                problem(retry, "'max_backoff' must be at least 'backoff'");
                return null;
            }
            dev.sluice.ErrorPolicy exhausted = then == null ? dev.sluice.ErrorPolicy.fail() : errorPolicy(then);
            if (exhausted instanceof dev.sluice.ErrorPolicy.Retry) {
                problem(then, "'then' says what happens when the retries run out: not another retry");
                return null;
            }
            return exhausted == null ? null
                    : dev.sluice.ErrorPolicy.retry((int) attempts, backoff, maxBackoff, exhausted);
        }

        private Map<String, Object> options(String nodeName, NodeType type, MappingNode given, MappingNode at,
                Set<String> mapped) {
            Map<String, OptionSpec> specs = new LinkedHashMap<>();
            type.options().forEach(o -> specs.put(o.name(), o));
            Map<String, Object> values = new LinkedHashMap<>();
            Set<String> mentioned = new HashSet<>(); // given, even if invalid: not also "missing"
            if (given != null) {
                for (NodeTuple t : given.getValue()) {
                    String key = scalar(t.getKeyNode());
                    OptionSpec spec = specs.get(key);
                    if (spec == null) {
                        unknownKey(t.getKeyNode(), key, specs.keySet(), "in the options of " + type.name());
                        continue;
                    }
                    mentioned.add(key);
                    Object v = convert(t.getValueNode(), key, spec.type());
                    String wanted = v == null ? null : spec.rejects(v);
                    if (wanted != null) {
                        problem(t.getValueNode(), "option '" + key + "' of node '" + nodeName + "' must be " + wanted
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
                    problem(at, "node '" + nodeName + "' (" + type.name() + ") needs option '" + spec.name() + "': "
                            + spec.description());
                } else if (spec.defaultValue() != null) {
                    Object value = convertText(spec.defaultValue(), spec.type());
                    values.put(spec.name(), value instanceof Path p ? resolve(p) : value);
                }
            }
            return values;
        }

        private List<Edge> chain(List<NodeDef> nodes) {
            List<Edge> edges = new ArrayList<>();
            for (int i = 1; i < nodes.size(); i++) {
                edges.add(new Edge(nodes.get(i - 1).name(), nodes.get(i).name()));
            }
            return edges;
        }

        private List<Edge> edges(SequenceNode list, List<NodeDef> nodes,
                Map<String, org.yaml.snakeyaml.nodes.Node> positions) {
            List<Edge> edges = new ArrayList<>();
            for (org.yaml.snakeyaml.nodes.Node e : list.getValue()) {
                String text = e instanceof ScalarNode s ? s.getValue() : null;
                // 'a -> b', or a chain 'a -> b -> c' (nanostream's a > b > c): an edge per arrow
                String[] parts = text == null ? new String[0] : text.split("->", -1);
                if (parts.length < 2 || java.util.Arrays.stream(parts).anyMatch(p -> p.isBlank())) {
                    problem(e, "an edge is written 'from -> to', or a chain 'a -> b -> c'");
                    continue;
                }
                boolean ok = true;
                for (String part : parts) {
                    String end = part.trim();
                    if (!positions.containsKey(end)) {
                        problem(e, "edge '" + text.trim() + "' names no node '" + end + "'"
                                + Registry.suggest(end, positions.keySet()).map(s -> " (did you mean '" + s + "'?)").orElse(""));
                        ok = false;
                    }
                }
                for (int i = 1; ok && i < parts.length; i++) {
                    edges.add(new Edge(parts[i - 1].trim(), parts[i].trim()));
                }
            }
            return edges;
        }

        private void checkWiring(List<NodeDef> nodes, List<Edge> edges, Map<String, org.yaml.snakeyaml.nodes.Node> at) {
            Map<String, NodeDef> byName = new HashMap<>();
            nodes.forEach(n -> byName.put(n.name(), n));
            Map<String, List<String>> next = new HashMap<>();
            for (Edge e : edges) {
                NodeDef from = byName.get(e.from());
                NodeDef to = byName.get(e.to());
                if (from == null || to == null) {
                    continue; // reported already
                }
                if (to.type().role() == NodeRole.SOURCE) {
                    problem(at.get(to.name()), "node '" + to.name() + "' is a source (" + to.type().name()
                            + "): nothing can feed it, but '" + e.from() + "' does");
                }
                if (from.type().role() == NodeRole.SINK) {
                    problem(at.get(from.name()), "node '" + from.name() + "' is a sink (" + from.type().name()
                            + "): it has no output for '" + e.to() + "'");
                }
                next.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            }
            for (NodeDef n : nodes) {
                boolean mustBeFed = n.type().role() == NodeRole.OPERATOR
                        || n.type() instanceof CompositeType c && c.needsInput();
                // a composite's entries are fed by whatever feeds the composite
                if (mustBeFed && compositeName == null && edges.stream().noneMatch(e -> e.to().equals(n.name()))) {
                    problem(at.get(n.name()), "node '" + n.name() + "' (" + n.type().name()
                            + (n.type().role() == NodeRole.OPERATOR ? ") is an operator" : ") starts with an operator")
                            + ": something must feed it");
                }
            }
            Set<String> done = new HashSet<>();
            for (NodeDef n : nodes) {
                if (cycle(n.name(), next, new HashSet<>(), done)) {
                    problem(at.get(n.name()), "the edges form a cycle through '" + n.name() + "': a pipeline is acyclic");
                    return;
                }
            }
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

        private void unknownKey(org.yaml.snakeyaml.nodes.Node at, String key, Set<String> known, String where) {
            problem(at, "unknown key '" + key + "' " + where
                    + Registry.suggest(key, known).map(s -> " (did you mean '" + s + "'?)").orElse("")
                    + (known.isEmpty() ? "" : "; expected one of " + String.join(", ", known.stream().sorted().toList())));
        }

        private String scalar(org.yaml.snakeyaml.nodes.Node n) {
            return n instanceof ScalarNode s ? s.getValue() : "?";
        }

        private String text(org.yaml.snakeyaml.nodes.Node n, String key) {
            if (n instanceof ScalarNode s) {
                return s.getValue();
            }
            problem(n, "'" + key + "' must be a single value");
            return null;
        }

        private SequenceNode sequence(org.yaml.snakeyaml.nodes.Node n, String key) {
            if (n instanceof SequenceNode s) {
                return s;
            }
            problem(n, "'" + key + "' must be a list");
            return null;
        }

        /** Substitutes variables and converts; reports a problem and returns null when it cannot. */
        private Object convert(org.yaml.snakeyaml.nodes.Node n, String key, OptionType type) {
            if (!(n instanceof ScalarNode s)) {
                problem(n, "option '" + key + "' must be a single value of type " + type.name().toLowerCase());
                return null;
            }
            boolean[] secret = {false};
            String raw;
            try {
                raw = substitute(s.getValue(), secret);
            } catch (IllegalArgumentException e) {
                problem(n, "option '" + key + "': " + e.getMessage());
                return null;
            }
            try {
                Object value = convertText(raw, type);
                return value instanceof Path p ? resolve(p) : value;
            } catch (IllegalArgumentException e) {
                String shown = secret[0] ? "<secret>" : "'" + raw + "'";
                problem(n, "option '" + key + "' must be " + describe(type) + ", not " + shown);
                return null;
            }
        }

        private String substitute(String value, boolean[] secret) {
            Matcher m = VAR.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement;
                if (m.group(1) != null) {
                    secret[0] = true;
                    Path secretFile = Path.of(m.group(2).trim());
                    try {
                        replacement = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
                    } catch (IOException e) {
                        throw new IllegalArgumentException("cannot read the secret file " + secretFile + ": "
                                + e.getClass().getSimpleName());
                    }
                } else {
                    replacement = env.apply(m.group(2).trim());
                    if (replacement == null) {
                        if (m.group(3) == null) {
                            throw new IllegalArgumentException("environment variable " + m.group(2).trim()
                                    + " is not set (write ${" + m.group(2).trim() + ":-default} for a default)");
                        }
                        replacement = m.group(3);
                    }
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    static String describe(OptionType type) {
        return switch (type) {
            case STRING -> "text";
            case INT -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration like 500ms, 2s, 5m, 1h";
            case PATH -> "a path";
            case CHAR -> "a single character";
        };
    }

    static Object convertText(String raw, OptionType type) {
        try {
            return switch (type) {
                case STRING -> raw;
                case INT -> Long.parseLong(raw.trim());
                case DOUBLE -> Double.parseDouble(raw.trim());
                case BOOLEAN -> {
                    if (!raw.trim().equals("true") && !raw.trim().equals("false")) {
                        throw new IllegalArgumentException(raw);
                    }
                    yield Boolean.parseBoolean(raw.trim());
                }
                case DURATION -> duration(raw.trim());
                case PATH -> Path.of(raw);
                case CHAR -> {
                    String c = raw.equals("\\t") ? "\t" : raw;
                    if (c.length() != 1) {
                        throw new IllegalArgumentException(raw);
                    }
                    yield c.charAt(0);
                }
            };
        } catch (NumberFormatException | DateTimeParseException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(raw, e);
        }
    }

    private static Duration duration(String s) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(s);
    }
}
