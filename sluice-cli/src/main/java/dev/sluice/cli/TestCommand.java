package dev.sluice.cli;

import dev.sluice.Emitter;
import dev.sluice.NodeContext;
import dev.sluice.Processor;
import dev.sluice.config.NodeRole;
import dev.sluice.time.Clock;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code sluice test FILE}: unit tests for the nodes of a pipeline file. Each case feeds items,
 * written as text, to one node (built with the options the pipeline file gives it) and compares
 * what it emits, as text, with what is expected, or expects an error.
 *
 * <pre>
 * pipeline: people.yaml
 * tests:
 *   - name: parses a quoted field
 *     node: parse
 *     input: ["name,city", "\"Hopper, G.\",NYC"]
 *     expect: ["{name=Hopper, G., city=NYC}"]
 *   - name: a short row is an error
 *     node: parse
 *     input: ["name,city", "Ada"]
 *     expect_error: "expected 2 fields"
 * </pre>
 */
final class TestCommand {
    private TestCommand() {}

    @SuppressWarnings("unchecked")
    static int run(Path testFile, PrintStream out) throws Exception {
        Map<String, Object> spec;
        try (Reader r = Files.newBufferedReader(testFile, StandardCharsets.UTF_8)) {
            spec = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        }
        if (spec == null || !(spec.get("pipeline") instanceof String pipelineName) || !(spec.get("tests") instanceof List)) {
            out.println(testFile + ": a test file has 'pipeline: FILE' and a list of 'tests'");
            return 2;
        }
        Path base = testFile.toAbsolutePath().getParent();
        PipelineFile pipeline = PipelineFile.load(base.resolve(pipelineName));
        int passed = 0;
        int failed = 0;
        for (Object o : (List<Object>) spec.get("tests")) {
            Map<String, Object> test = (Map<String, Object>) o;
            String name = String.valueOf(test.getOrDefault("name", "unnamed"));
            String failure = runCase(pipeline, test);
            if (failure == null) {
                passed++;
                out.println("PASS " + name);
            } else {
                failed++;
                out.println("FAIL " + name + ": " + failure);
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    @SuppressWarnings("unchecked")
    private static String runCase(PipelineFile pipeline, Map<String, Object> test) {
        String nodeName = String.valueOf(test.get("node"));
        PipelineFile.NodeDef def = pipeline.node(nodeName).orElse(null);
        if (def == null) {
            return "no node '" + nodeName + "' in the pipeline" + Registry.suggest(nodeName, pipeline.nodeNames())
                    .map(s -> " (did you mean '" + s + "'?)").orElse("");
        }
        if (def.type().role() == NodeRole.SOURCE) {
            return "node '" + nodeName + "' is a source: test the nodes it feeds";
        }
        List<Object> input = (List<Object>) test.getOrDefault("input", List.of());
        List<String> emitted = new ArrayList<>();
        Emitter<Object> collect = item -> emitted.add(String.valueOf(item));
        String error = null;
        try {
            Processor<Object, Object> p = (Processor<Object, Object>) def.type().create(pipeline.optionsOf(def));
            p.onStart(new NodeContext() {
                @Override
                public String name() {
                    return nodeName;
                }

                @Override
                public Clock clock() {
                    return Clock.system();
                }

                @Override
                public boolean active() {
                    return true;
                }
            });
            try {
                for (int i = 0; i < input.size(); i++) {
                    p.process(def.type().parseInput(String.valueOf(input.get(i)), i + 1), collect);
                }
                p.onComplete(collect);
            } finally {
                p.onStop();
            }
        } catch (Exception e) {
            error = String.valueOf(e.getMessage());
        }
        Object expectError = test.get("expect_error");
        if (expectError != null) {
            if (error == null) {
                return "expected an error containing '" + expectError + "' but got " + emitted;
            }
            return error.contains(String.valueOf(expectError)) ? null
                    : "expected an error containing '" + expectError + "' but got: " + error;
        }
        if (error != null) {
            return "error: " + error;
        }
        List<String> expected = ((List<Object>) test.getOrDefault("expect", List.of())).stream().map(String::valueOf).toList();
        return expected.equals(emitted) ? null : "expected " + expected + " but got " + emitted;
    }
}
