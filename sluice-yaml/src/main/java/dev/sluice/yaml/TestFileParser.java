package dev.sluice.yaml;

import dev.sluice.Row;
import dev.sluice.nodetype.NodeKind;
import dev.sluice.nodetype.OptionType;
import dev.sluice.yaml.spec.NodeSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a test file: the pipeline file it tests (validated as such) and its cases, every problem with its place. */
final class TestFileParser {
    private static final Set<String> ROOT_KEYS = Set.of("pipeline", "tests");
    private static final Set<String> CASE_KEYS = Set.of("name", "node", "path", "input", "expect", "expect_error",
            "limit", "timeout");

    private final YamlReader yaml;
    private final NodeTypes types;
    private final List<String> problems = new ArrayList<>();
    PipelineFile pipeline;

    TestFileParser(Path file, NodeTypes types) {
        this.yaml = new YamlReader(file, System::getenv, problems);
        this.types = types;
    }

    List<TestCase> parse() throws IOException, ConfigException {
        Node root = yaml.compose();
        if (root != null && !(root instanceof MappingNode)) {
            yaml.problem(root, "a test file is a mapping with 'pipeline: FILE' and 'tests'");
        }
        if (!(root instanceof MappingNode map)) {
            throw new ConfigException(problems);
        }
        Node tests = null;
        for (NodeTuple t : map.getValue()) {
            String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            switch (key) {
                case "pipeline" -> {
                    String name = YamlReader.scalar(t.getValueNode());
                    if (name == null) {
                        yaml.problem(t.getValueNode(), "'pipeline' names the pipeline file, relative to this one");
                    } else {
                        // its own problems, with its positions
                        pipeline = PipelineFile.load(yaml.resolve(Path.of(name)), System::getenv, types);
                    }
                }
                case "tests" -> tests = t.getValueNode();
                default -> yaml.unknownKey(t.getKeyNode(), key, ROOT_KEYS, "at the top level");
            }
        }
        if (pipeline == null && problems.isEmpty()) {
            problems.add(yaml.file() + ":1:1: missing 'pipeline: FILE'");
        }
        List<TestCase> cases = new ArrayList<>();
        if (!(tests instanceof SequenceNode list)) {
            yaml.problem(tests == null ? root : tests, "'tests' is a list of test cases");
        } else if (pipeline != null) {
            for (Node n : list.getValue()) {
                TestCase c = testCase(n);
                if (c != null) {
                    cases.add(c);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return cases;
    }

    private TestCase testCase(Node n) {
        if (!(n instanceof MappingNode m)) {
            yaml.problem(n, "a test case is a mapping with 'name', 'node' or 'path', 'input' and 'expect'");
            return null;
        }
        int before = problems.size();
        String name = "line " + (n.getStartMark().getLine() + 1);
        List<String> path = null;
        List<String> input = List.of();
        List<TestCase.Expected> expect = List.of();
        String expectError = null;
        long limit = 0;
        Duration timeout = Duration.ofSeconds(30);
        Node inputAt = null;
        Node pathAt = m;
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            Node v = t.getValueNode();
            switch (key) {
                case "name" -> name = String.valueOf(YamlReader.scalar(v));
                case "node", "path" -> {
                    if (path != null) {
                        yaml.problem(t.getKeyNode(), "a case has 'node' or 'path', not both");
                    }
                    if (key.equals("path")) {
                        path = yaml.textList(v, key);
                    } else if (YamlReader.scalar(v) == null) {
                        yaml.problem(v, "'node' names one node; 'path' lists several");
                        path = List.of();
                    } else {
                        path = List.of(YamlReader.scalar(v));
                    }
                    pathAt = v;
                }
                case "input" -> {
                    input = yaml.textList(v, key);
                    inputAt = v;
                }
                case "expect" -> expect = expectations(v);
                case "expect_error" -> expectError = YamlReader.scalar(v);
                case "limit" -> limit = atLeastOne(v, key);
                case "timeout" -> {
                    Object d = yaml.convert(v, key, OptionType.DURATION);
                    if (d != null) {
                        timeout = (Duration) d;
                    }
                }
                default -> yaml.unknownKey(t.getKeyNode(), key, CASE_KEYS, "in a test case");
            }
        }
        if (path == null) {
            yaml.problem(m, "test case '" + name + "' needs 'node: NAME' or 'path: [NAME, ...]'");
            return null;
        }
        checkPath(path, pathAt, inputAt);
        if (problems.size() > before) {
            return null;
        }
        return new TestCase(name, yaml.file().getFileName() + ":" + (m.getStartMark().getLine() + 1), path, input,
                expect, expectError, limit, timeout);
    }

    private void checkPath(List<String> path, Node at, Node inputAt) {
        if (path.isEmpty()) {
            yaml.problem(at, "'path' names at least one node");
            return;
        }
        var spec = pipeline.spec();
        String[] previous = null;
        for (int i = 0; i < path.size(); i++) {
            String[] end = TestFile.split(spec, path.get(i)); // {node, port or null}
            String node = end[0];
            NodeSpec def = spec.node(node).orElse(null);
            if (def == null) {
                yaml.problem(at, "no node '" + path.get(i) + "' in pipeline '" + spec.name() + "'"
                        + Suggest.didYouMean(path.get(i), spec.nodes().stream().map(NodeSpec::name).toList()));
                return;
            }
            List<String> ports = types.find(def.type()).map(t -> t.ports(dev.sluice.nodetype.NodeOptions.of(node,
                    def.options()))).orElse(List.of());
            boolean unnamed = types.find(def.type()).map(t -> t.hasUnnamedOutput(dev.sluice.nodetype.NodeOptions.of(node,
                    def.options()))).orElse(true);
            if (end[1] == null && !unnamed) {
                yaml.problem(at, "'" + node + "' (" + def.type() + ") has named outputs: name the one the path takes, "
                        + String.join(" or ", ports.stream().map(p -> node + "." + p).toList()));
                return;
            }
            if (end[1] != null && !ports.contains(end[1])) {
                yaml.problem(at, "no node '" + path.get(i) + "' in pipeline '" + spec.name() + "'");
                return;
            }
            String[] from = previous;
            if (from != null && spec.edges().stream().noneMatch(e -> e.from().equals(from[0])
                    && java.util.Objects.equals(e.port(), from[1]) && e.to().equals(node))) {
                yaml.problem(at, "'" + path.get(i - 1) + "' does not feed '" + node + "' in pipeline '" + spec.name() + "'");
            }
            if (i == 0 && inputAt != null
                    && PipelineParser.kindOf(def.type(), types, spec.composites()) == NodeKind.SOURCE) {
                yaml.problem(inputAt, "'" + node + "' is a source: it takes no 'input' (use 'limit' for one that never ends)");
            }
            previous = end;
        }
    }

    /** The items of {@code expect}: text, or rows written as mappings. */
    private List<TestCase.Expected> expectations(Node v) {
        if (!(v instanceof SequenceNode s)) {
            yaml.problem(v, "'expect' is a list");
            return List.of();
        }
        List<TestCase.Expected> values = new ArrayList<>();
        for (Node item : s.getValue()) {
            if (item instanceof MappingNode) {
                values.add(new TestCase.Expected(null, yamlValue(item)));
            } else if (YamlReader.scalar(item) != null) {
                values.add(new TestCase.Expected(YamlReader.scalar(item), null));
            } else {
                yaml.problem(item, "the items of 'expect' are text, or rows written as mappings ({field: value, ...})");
            }
        }
        return values;
    }

    /** A YAML value as {@link TestCase#loose} makes items: mappings as rows, every scalar as text. */
    private static Object yamlValue(Node n) {
        if (n instanceof MappingNode m) {
            Row row = new Row();
            for (NodeTuple t : m.getValue()) {
                row.put(String.valueOf(yamlValue(t.getKeyNode())), yamlValue(t.getValueNode()));
            }
            return row;
        }
        if (n instanceof SequenceNode s) {
            return s.getValue().stream().map(TestFileParser::yamlValue).toList();
        }
        return YamlReader.isNull(n) ? null : TestCase.canonical(YamlReader.scalar(n));
    }

    private long atLeastOne(Node v, String key) {
        Object n = yaml.convert(v, key, OptionType.INT);
        if (n == null) {
            return 0;
        }
        if ((Long) n < 1) {
            yaml.problem(v, "'" + key + "' is a whole number of at least 1");
            return 0;
        }
        return (Long) n;
    }
}
