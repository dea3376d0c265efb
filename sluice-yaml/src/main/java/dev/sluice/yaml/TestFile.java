package dev.sluice.yaml;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import dev.sluice.Pipeline;
import dev.sluice.PipelineException;
import dev.sluice.Processor;
import dev.sluice.Sluice;
import dev.sluice.nodetype.NodeKind;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.NodeType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import dev.sluice.yaml.spec.CompositeSpec;
import dev.sluice.yaml.spec.EdgeSpec;
import dev.sluice.yaml.spec.ErrorPolicySpec;
import dev.sluice.yaml.spec.NodeSpec;
import dev.sluice.yaml.spec.PipelineSpec;
import dev.sluice.yaml.spec.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test file of a pipeline file ({@code sluice test}): each case runs one node, or a path of
 * nodes each feeding the next, as the pipeline file builds them, on the real engine. The items of
 * {@code input} (text, read as the first node reads it: {@link NodeType#testInput}) are fed to the
 * first node, unless it is a source, and what the last node emits is compared with
 * {@code expect}: as text (a row's text is its JSON), or, for an expectation written as a mapping,
 * field by field with the values as text (numbers in one form). Or the case expects an error.
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
public final class TestFile {
    /** The outcome of one case. @param failure what differed, or null when it passed */
    public record Result(String name, String where, String failure) {
        /** Whether the case passed. */
        public boolean passed() {
            return failure == null;
        }
    }

    private final PipelineFile pipeline;
    private final List<TestCase> cases;

    private TestFile(PipelineFile pipeline, List<TestCase> cases) {
        this.pipeline = pipeline;
        this.cases = cases;
    }

    /** Reads and checks {@code file} and the pipeline file it names, every problem at once. */
    public static TestFile load(Path file) throws IOException, ConfigException {
        return load(file, NodeTypes.load());
    }

    /** Reads and checks {@code file} against {@code types}. */
    public static TestFile load(Path file, NodeTypes types) throws IOException, ConfigException {
        TestFileParser parser = new TestFileParser(file, types);
        List<TestCase> cases = parser.parse();
        return new TestFile(parser.pipeline, cases);
    }

    /** The pipeline file under test. */
    public PipelineFile pipeline() {
        return pipeline;
    }

    /** Runs every case in order. */
    public List<Result> run() throws InterruptedException {
        List<Result> results = new ArrayList<>();
        for (TestCase c : cases) {
            results.add(new Result(c.name(), c.where(), run(c)));
        }
        return results;
    }

    private String run(TestCase c) throws InterruptedException {
        List<Object> emitted = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Pipeline> running = new AtomicReference<>();
        NodeType first = entryType(pipeline.spec().node(split(pipeline.spec(), c.path().get(0))[0]).orElseThrow());
        Generator<Object> input = (NodeContext ctx, Emitter<Object> to) -> {
            for (int i = 0; i < c.input().size(); i++) {
                to.emit(first.testInput(c.input().get(i), i + 1));
            }
        };
        Processor<Object, Void> collect = (item, ignored) -> {
            if (c.limit() == 0 || emitted.size() < c.limit()) {
                emitted.add(item);
                if (emitted.size() == c.limit()) {
                    running.get().stop(); // in-flight items drain; they are not compared
                }
            }
        };
        String error = null;
        Path sandbox;
        try {
            sandbox = Files.createTempDirectory("sluice-test-");
        } catch (java.io.IOException e) {
            return "error: cannot make a temporary directory for the test's writes: " + e.getMessage();
        }
        try (Pipeline p = buildPath(c.path(), input, collect, sandbox)) {
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
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        deleteTree(sandbox);
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

    /** The type that reads a test's input for {@code node}: a composite's first entry's. */
    private NodeType entryType(NodeSpec node) {
        CompositeSpec composite = pipeline.spec().composites().get(node.type());
        return composite == null ? pipeline.types().find(node.type()).orElseThrow()
                : entryType(composite.node(composite.entries().isEmpty() ? composite.nodes().get(0).name()
                        : composite.entries().get(0)));
    }

    /**
     * The nodes of {@code path} alone, each feeding the next as in the file: {@code input} feeds
     * the first unless it is a source, and the last one's outputs go to {@code output}.
     */
    private Pipeline buildPath(List<String> path, Generator<Object> input, Processor<Object, Void> output, Path sandbox)
            throws Exception {
        PipelineSpec spec = pipeline.spec();
        List<NodeSpec> nodes = new ArrayList<>();
        List<EdgeSpec> edges = new ArrayList<>();
        String[] previous = null;
        for (String element : path) {
            String[] end = split(spec, element);
            nodes.add(sandboxed(spec.node(end[0]).orElseThrow(), sandbox));
            if (previous != null) {
                edges.add(new EdgeSpec(previous[0], previous[1], end[0], Position.NONE));
            }
            previous = end;
        }
        NodeTypes types = pipeline.types().with(new TestInput(input), new TestOutput(output));
        if (kind(nodes.get(0)) != NodeKind.SOURCE) {
            nodes.add(0, NodeSpec.of("test-input", TestInput.NAME, Map.of()));
            edges.add(new EdgeSpec("test-input", nodes.get(1).name(), Position.NONE));
        }
        if (kind(spec.node(previous[0]).orElseThrow()) != NodeKind.SINK) {
            nodes.add(NodeSpec.of("test-output", TestOutput.NAME, Map.of()));
            edges.add(new EdgeSpec(previous[0], previous[1], "test-output", Position.NONE));
        }
        return PipelineFile.build(new PipelineSpec(spec.name() + " test", spec.file(), nodes, edges, spec.composites()),
                types, Sluice.pipeline());
    }

    /**
     * {@code node} with what it would write moved into {@code sandbox}, so that running a test
     * leaves the real logs, caches and files as they were: a sink's path options (a log's or
     * cache's directory, a file to write) and the paths of its dead-letter destination are made
     * relative to the sandbox. Inputs (a file to read, a cache to look up) stay as they are; a
     * sink on a broker (Kafka, MQTT) still reaches it, which the docs say.
     */
    private NodeSpec sandboxed(NodeSpec node, Path sandbox) {
        Map<String, Object> options = node.options();
        if (kind(node) == NodeKind.SINK) {
            options = new java.util.HashMap<>(options);
            options.replaceAll((k, v) -> v instanceof Path path ? inside(sandbox, path) : v);
        }
        return new NodeSpec(node.name(), node.type(), options, node.argMapping(), node.queue(),
                sandboxed(node.onError(), sandbox), node.at());
    }

    private static ErrorPolicySpec sandboxed(ErrorPolicySpec policy, Path sandbox) {
        return switch (policy) {
            case ErrorPolicySpec.DeadLetter d -> {
                Map<String, Object> options = new java.util.HashMap<>(d.options());
                options.replaceAll((k, v) -> v instanceof Path path ? inside(sandbox, path)
                        : k.equals("directory") || k.equals("file") ? inside(sandbox, Path.of(String.valueOf(v))) : v);
                if (d.destination().equals("dead_letter_stream") && !options.containsKey("directory")) {
                    options.put("directory", sandbox.resolve("sluice-log").toString());
                }
                yield new ErrorPolicySpec.DeadLetter(d.destination(), options);
            }
            case ErrorPolicySpec.Retry r -> new ErrorPolicySpec.Retry(r.attempts(), r.backoff(), r.maxBackoff(),
                    sandboxed(r.then(), sandbox));
            default -> policy;
        };
    }

    /** {@code path} moved under {@code sandbox}: /var/log/x becomes SANDBOX/var/log/x. */
    private static Path inside(Path sandbox, Path path) {
        Path relative = path.isAbsolute() ? path.getRoot().relativize(path) : path;
        return sandbox.resolve(relative.normalize().toString().replace("..", "_"));
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory: the system cleans up what is left
        }
    }

    /**
     * A path's element as {node, port}: a node's name (port null), or {@code node.port} for an
     * output of a node with named outputs, such as a switch's {@code route.hot}.
     */
    static String[] split(PipelineSpec spec, String element) {
        int dot = element.lastIndexOf('.');
        if (spec.node(element).isPresent() || dot < 0) {
            return new String[] {element, null};
        }
        return new String[] {element.substring(0, dot), element.substring(dot + 1)};
    }

    private NodeKind kind(NodeSpec node) {
        return PipelineParser.kindOf(node.type(), pipeline.types(), pipeline.spec().composites());
    }

    /** The source of a case's input items. */
    private record TestInput(Generator<Object> input) implements SourceType {
        static final String NAME = "test.input";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "the input of a test case";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Generator<?> create(NodeOptions options) {
            return input;
        }
    }

    /** Where a case's outputs are collected. */
    private record TestOutput(Processor<Object, Void> output) implements SinkType {
        static final String NAME = "test.output";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "the outputs of a test case";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Processor<Object, Void> create(NodeOptions options) {
            return output;
        }
    }
}
