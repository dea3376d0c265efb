package dev.sluice.cli;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import dev.sluice.Pipeline;
import dev.sluice.PipelineException;
import dev.sluice.Processor;
import dev.sluice.Sluice;
import dev.sluice.config.NodeRole;
import dev.sluice.config.OptionType;
import dev.sluice.config.Row;
import dev.sluice.files.CsvRow;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code sluice test FILE}: unit tests for pipeline files. Each case runs one node, or a path of
 * nodes wired one into the next, as the pipeline file builds them, on the real engine: the items
 * of {@code input} (text, read as the first node reads it) are fed to the first node, unless it is
 * a source, and what the last node emits is compared with {@code expect}: as text (a row's text is
 * its JSON), or, for an expectation written as a mapping, field by field with the values as text
 * (numbers in one form).
 * Or the case expects an error. The whole test file is checked first, every problem with
 * file:line:column.
 *
 * <pre>
 * pipeline: people.yaml
 * tests:
 *   - name: parses a quoted field
 *     node: parse
 *     input: ["name,city", "\"Hopper, G.\",NYC"]
 *     expect: [{name: "Hopper, G.", city: NYC}]
 *   - name: the first two rows of the file
 *     path: [read, parse]
 *     limit: 2
 *     expect: [{name: Ada, city: London}, {name: Grace, city: New York}]
 * </pre>
 */
final class TestCommand {
    private static final Set<String> ROOT_KEYS = Set.of("pipeline", "tests");
    private static final Set<String> CASE_KEYS = Set.of("name", "node", "path", "input", "expect", "expect_error",
            "limit", "timeout");

    private TestCommand() {}

    /** One parsed case. */
    private record Case(String name, String where, List<String> path, List<String> input, List<Expected> expect,
            String expectError, long limit, Duration timeout) {}

    /**
     * One expected output: text, compared with the item's text (a row's is its JSON), or a row
     * written as a YAML mapping, compared field by field with every value as text, so that
     * {@code celsius: 1} matches a JSON number and a CSV column alike.
     */
    private record Expected(String text, Object row) {
        boolean matches(Object item) {
            return row == null ? text.equals(String.valueOf(item)) : row.equals(loose(item));
        }

        @Override
        public String toString() {
            return row == null ? text : Row.json(row);
        }
    }

    /**
     * An item with every leaf value as text, numbers in one form ({@code 12.0} and {@code 12} alike):
     * maps, CSV rows and lists keep their shape.
     */
    static Object loose(Object item) {
        if (item instanceof CsvRow r) {
            return loose(r.values());
        }
        if (item instanceof java.util.Map<?, ?> m) {
            Row row = new Row();
            m.forEach((k, v) -> row.put(String.valueOf(k), loose(v)));
            return row;
        }
        if (item instanceof java.util.Collection<?> c) {
            return c.stream().map(TestCommand::loose).toList();
        }
        return item == null ? null : canonical(String.valueOf(item));
    }

    /** A number's text in one form, so that a YAML {@code 12} matches a JSON {@code 12.0}; other text as it is. */
    static String canonical(String text) {
        try {
            return new java.math.BigDecimal(text.trim()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    static int run(Path testFile, PrintStream out) throws Exception {
        Parser parser = new Parser(testFile);
        List<Case> cases;
        PipelineFile pipeline;
        try {
            cases = parser.parse();
            pipeline = parser.pipeline;
        } catch (ConfigException e) {
            out.println(e.getMessage());
            return 2;
        }
        int passed = 0;
        int failed = 0;
        for (Case c : cases) {
            String failure = runCase(pipeline, c);
            if (failure == null) {
                passed++;
                out.println("PASS " + c.name());
            } else {
                failed++;
                out.println("FAIL " + c.name() + " (" + c.where() + "): " + failure);
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static String runCase(PipelineFile file, Case c) throws InterruptedException {
        List<Object> emitted = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Pipeline> running = new AtomicReference<>();
        PipelineFile.NodeDef first = file.node(c.path().get(0)).orElseThrow();
        Generator<Object> input = (NodeContext ctx, Emitter<Object> to) -> {
            for (int i = 0; i < c.input().size(); i++) {
                to.emit(first.type().parseInput(c.input().get(i), i + 1));
            }
        };
        Processor<Object, Object> collect = (item, ignored) -> {
            if (c.limit() == 0 || emitted.size() < c.limit()) {
                emitted.add(item);
                if (emitted.size() == c.limit()) {
                    running.get().stop(); // in-flight items drain; they are not compared
                }
            }
        };
        String error = null;
        try (Pipeline p = file.buildPath(Sluice.pipeline(), c.path(), input, collect)) {
            running.set(p);
            p.start();
            if (!p.await(c.timeout())) {
                p.cancel();
                return "still running after " + c.timeout().toSeconds() + "s with " + emitted.size()
                        + " outputs; a source that never ends needs 'limit'";
            }
        } catch (PipelineException e) {
            error = e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause().getMessage();
        } catch (Exception e) {
            error = e.toString();
        }
        if (c.expectError() != null) {
            if (error == null) {
                return "expected an error containing '" + c.expectError() + "' but got " + emitted;
            }
            return error.contains(c.expectError()) ? null
                    : "expected an error containing '" + c.expectError() + "' but got: " + error;
        }
        if (error != null) {
            return "error: " + error;
        }
        boolean same = c.expect().size() == emitted.size();
        for (int i = 0; same && i < emitted.size(); i++) {
            same = c.expect().get(i).matches(emitted.get(i));
        }
        return same ? null : "expected " + c.expect() + " but got " + emitted;
    }

    /** Reads the test file as a YAML node tree so that every problem has its line and column. */
    private static final class Parser {
        private final Path file;
        private final List<String> problems = new ArrayList<>();
        PipelineFile pipeline;

        Parser(Path file) {
            this.file = file;
        }

        private void problem(Node at, String message) {
            Mark m = at.getStartMark();
            problems.add(file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + message);
        }

        List<Case> parse() throws IOException, ConfigException {
            Node root;
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(false);
                root = new Yaml(options).compose(r);
            } catch (MarkedYAMLException e) {
                Mark m = e.getProblemMark();
                throw new ConfigException(List.of(file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)
                        + ": not valid YAML: " + e.getProblem()));
            }
            if (!(root instanceof MappingNode map)) {
                throw new ConfigException(List.of(file + ":1:1: a test file is a mapping with 'pipeline: FILE' and 'tests'"));
            }
            Node tests = null;
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode());
                switch (key) {
                    case "pipeline" -> {
                        String name = scalar(t.getValueNode());
                        if (name == null) {
                            problem(t.getValueNode(), "'pipeline' names the pipeline file, relative to this one");
                        } else {
                            Path base = file.toAbsolutePath().getParent();
                            pipeline = PipelineFile.load(base.resolve(name)); // its own problems, with its positions
                        }
                    }
                    case "tests" -> tests = t.getValueNode();
                    default -> unknownKey(t.getKeyNode(), key, ROOT_KEYS, "at the top level");
                }
            }
            if (pipeline == null && problems.isEmpty()) {
                problems.add(file + ":1:1: missing 'pipeline: FILE'");
            }
            List<Case> cases = new ArrayList<>();
            if (!(tests instanceof SequenceNode list)) {
                problem(tests == null ? root : tests, "'tests' is a list of test cases");
            } else if (pipeline != null) {
                for (Node n : list.getValue()) {
                    Case c = testCase(n);
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

        private Case testCase(Node n) {
            if (!(n instanceof MappingNode m)) {
                problem(n, "a test case is a mapping with 'name', 'node' or 'path', 'input' and 'expect'");
                return null;
            }
            int before = problems.size();
            String name = "line " + (n.getStartMark().getLine() + 1);
            List<String> path = null;
            List<String> input = List.of();
            List<Expected> expect = List.of();
            String expectError = null;
            long limit = 0;
            Duration timeout = Duration.ofSeconds(30);
            Node inputAt = null;
            Node pathAt = m;
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                Node v = t.getValueNode();
                switch (key) {
                    case "name" -> name = String.valueOf(scalar(v));
                    case "node", "path" -> {
                        if (path != null) {
                            problem(t.getKeyNode(), "a case has 'node' or 'path', not both");
                        }
                        if (key.equals("path")) {
                            path = textList(v, key);
                        } else if (text(v) == null) {
                            problem(v, "'node' names one node; 'path' lists several");
                            path = List.of();
                        } else {
                            path = List.of(text(v));
                        }
                        pathAt = v;
                    }
                    case "input" -> {
                        input = textList(v, key);
                        inputAt = v;
                    }
                    case "expect" -> expect = expectations(v);
                    case "expect_error" -> expectError = scalar(v);
                    case "limit" -> limit = number(v, key);
                    case "timeout" -> {
                        Object d = text(v) == null ? null : convert(v, OptionType.DURATION);
                        if (d != null) {
                            timeout = (Duration) d;
                        }
                    }
                    default -> unknownKey(t.getKeyNode(), key, CASE_KEYS, "in a test case");
                }
            }
            if (path == null) {
                problem(m, "test case '" + name + "' needs 'node: NAME' or 'path: [NAME, ...]'");
                return null;
            }
            checkPath(path, pathAt, inputAt);
            if (problems.size() > before) {
                return null;
            }
            return new Case(name, file.getFileName() + ":" + (m.getStartMark().getLine() + 1), path, input, expect,
                    expectError, limit, timeout);
        }

        private void checkPath(List<String> path, Node at, Node inputAt) {
            if (path.isEmpty()) {
                problem(at, "'path' names at least one node");
                return;
            }
            for (int i = 0; i < path.size(); i++) {
                String node = path.get(i);
                PipelineFile.NodeDef def = pipeline.node(node).orElse(null);
                if (def == null) {
                    problem(at, "no node '" + node + "' in pipeline '" + pipeline.name() + "'"
                            + Registry.suggest(node, pipeline.nodeNames()).map(s -> " (did you mean '" + s + "'?)").orElse(""));
                    return;
                }
                if (i > 0 && !pipeline.feeds(path.get(i - 1), node)) {
                    problem(at, "'" + path.get(i - 1) + "' does not feed '" + node + "' in pipeline '" + pipeline.name() + "'");
                }
                if (i == 0 && def.type().role() == NodeRole.SOURCE && inputAt != null) {
                    problem(inputAt, "'" + node + "' is a source: it takes no 'input' (use 'limit' for one that never ends)");
                }
            }
        }

        private List<String> textList(Node v, String key) {
            if (!(v instanceof SequenceNode s)) {
                problem(v, "'" + key + "' is a list");
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (Node item : s.getValue()) {
                String text = text(item);
                if (text == null) {
                    problem(item, "the items of '" + key + "' are written as text");
                } else {
                    values.add(text);
                }
            }
            return values;
        }

        /** The items of {@code expect}: text, or rows written as mappings. */
        private List<Expected> expectations(Node v) {
            if (!(v instanceof SequenceNode s)) {
                problem(v, "'expect' is a list");
                return List.of();
            }
            List<Expected> values = new ArrayList<>();
            for (Node item : s.getValue()) {
                if (item instanceof MappingNode) {
                    values.add(new Expected(null, yamlValue(item)));
                } else if (text(item) != null) {
                    values.add(new Expected(text(item), null));
                } else {
                    problem(item, "the items of 'expect' are text, or rows written as mappings ({field: value, ...})");
                }
            }
            return values;
        }

        /** A YAML value as {@link #loose} makes items: mappings as rows, every scalar as text. */
        private static Object yamlValue(Node n) {
            if (n instanceof MappingNode m) {
                Row row = new Row();
                for (NodeTuple t : m.getValue()) {
                    row.put(String.valueOf(yamlValue(t.getKeyNode())), yamlValue(t.getValueNode()));
                }
                return row;
            }
            if (n instanceof SequenceNode s) {
                return s.getValue().stream().map(Parser::yamlValue).toList();
            }
            return org.yaml.snakeyaml.nodes.Tag.NULL.equals(n.getTag()) ? null : canonical(text(n));
        }

        private long number(Node v, String key) {
            Object n = convert(v, OptionType.INT);
            if (n == null || (Long) n < 1) {
                problem(v, "'" + key + "' is a whole number of at least 1");
                return 0;
            }
            return (Long) n;
        }

        private Object convert(Node v, OptionType type) {
            try {
                return PipelineFile.convertText(text(v), type);
            } catch (RuntimeException e) {
                problem(v, "not " + PipelineFile.describe(type) + ": '" + text(v) + "'");
                return null;
            }
        }

        private void unknownKey(Node at, String key, Set<String> known, String where) {
            problem(at, "unknown key '" + key + "' " + where
                    + Registry.suggest(key, known).map(s -> " (did you mean '" + s + "'?)").orElse("")
                    + "; expected one of " + String.join(", ", known.stream().sorted().toList()));
        }

        private static String text(Node n) {
            return n instanceof ScalarNode s ? s.getValue() : null;
        }

        private static String scalar(Node n) {
            return text(n);
        }
    }
}
