package dev.sluice.cli;

import dev.sluice.yaml.ConfigException;

import dev.sluice.yaml.PipelineFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composite node types: nanostream's class_factory example, nesting, and their errors. */
class CompositeTest {
    @TempDir
    Path dir;

    static final String FOO_MESSAGE = """
            composite: FooMessageTester
            nodes:
              - name: foo_generator
                type: foo.emitter
                frozen_arguments:
                  message: foobar
                arg_mapping:
                  interval: foo_interval
              - name: length_tester
                type: message.length-tester
                arg_mapping: null
            """;

    String runAndCapture(Path file) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (Pipeline p = PipelineFile.load(file).build(Sluice.pipeline())) {
            p.start();
            p.await();
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** nanostream: FooMessageTester(foo_interval=...) > PrinterOfThings. */
    @Test
    void nanostream_fooMessageTester() throws Exception {
        Files.writeString(dir.resolve("foo_message.yaml"), FOO_MESSAGE);
        Path pipeline = dir.resolve("pipeline.yaml");
        Files.writeString(pipeline, """
                composites: [foo_message.yaml]
                nodes:
                  - name: foo_node
                    type: FooMessageTester
                    options: {foo_interval: 1ms}
                  - name: printer
                    type: print
                """);
        assertEquals("true\ntrue\ntrue\n", runAndCapture(pipeline));
        PipelineFile file = PipelineFile.load(pipeline);
        assertEquals(List.of("foo_node", "printer"), file.spec().nodes().stream().map(n -> n.name()).toList());
    }

    @Test
    void composites_nest_andFrozenArgumentsCannotBeOverridden() throws Exception {
        Files.writeString(dir.resolve("foo_message.yaml"), FOO_MESSAGE);
        Files.writeString(dir.resolve("shout.yaml"), """
                composite: LoudTester
                composites: [foo_message.yaml]
                nodes:
                  - name: inner
                    type: FooMessageTester
                    arg_mapping: {foo_interval: every}
                """);
        Path pipeline = dir.resolve("p.yaml");
        Files.writeString(pipeline, """
                composites: [shout.yaml]
                nodes:
                  - name: loud
                    type: LoudTester
                    options: {every: 1ms}
                  - name: show
                    type: print
                    options: {prefix: "even? "}
                """);
        assertEquals("even? true\neven? true\neven? true\n", runAndCapture(pipeline));

        Files.writeString(pipeline, """
                composites: [foo_message.yaml]
                nodes:
                  - name: foo_node
                    type: FooMessageTester
                    options: {message: other}
                  - {name: printer, type: print}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> PipelineFile.load(pipeline));
        assertTrue(e.getMessage().contains("unknown key 'message' in the options of FooMessageTester"), e.getMessage());
    }

    @Test
    void badCompositeDefinitions_areReportedInTheirOwnFile() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), """
                composite: Broken
                nodes:
                  - name: gen
                    type: foo.emitter
                    frozen_arguments: {mesage: x}
                    arg_mapping: {intervl: every}
                """);
        Path pipeline = dir.resolve("p.yaml");
        Files.writeString(pipeline, """
                composites: [broken.yaml]
                nodes:
                  - {name: b, type: Broken}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> PipelineFile.load(pipeline));
        String all = e.getMessage();
        assertTrue(all.contains("broken.yaml:5:24: unknown key 'mesage' in the options of foo.emitter (did you mean 'message'?)"),
                all);
        assertTrue(all.contains("broken.yaml:6:19: unknown key 'intervl' in the arg_mapping of foo.emitter"), all);
        assertTrue(all.contains("needs option 'message'"), all);
    }

    /** A composite with an operator inside and a branch to a sink: expanded into named nodes. */
    @Test
    void composites_mayHoldOperatorsAndBranches() throws Exception {
        Files.writeString(dir.resolve("averages.yaml"), """
                composite: Averages
                nodes:
                  - name: parse
                    type: csv.parse
                  - name: avg
                    type: window.aggregate
                    frozen_arguments: {key: sensor, value: celsius, time: at}
                    arg_mapping: {size: window}
                  - name: archive
                    type: files.write
                    arg_mapping: {file: archive}
                edges:
                  - parse -> avg
                  - parse -> archive
                """);
        Files.writeString(dir.resolve("in.csv"), """
                sensor,at,celsius
                a,2026-01-01T00:00:10Z,1
                a,2026-01-01T00:00:20Z,3
                b,2026-01-01T00:00:30Z,10
                a,2026-01-01T00:01:10Z,7
                """);
        Path pipeline = dir.resolve("p.yaml");
        Files.writeString(pipeline, """
                composites: [averages.yaml]
                nodes:
                  - {name: read, type: files.read, options: {file: in.csv}}
                  - {name: avg, type: Averages, options: {window: 1m, archive: rows.txt}}
                  - {name: show, type: print}
                """);
        String printed = runAndCapture(pipeline);
        assertEquals(List.of(
                "{\"key\":\"a\",\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-01T00:01:00Z\",\"average\":2.0}",
                "{\"key\":\"a\",\"start\":\"2026-01-01T00:01:00Z\",\"end\":\"2026-01-01T00:02:00Z\",\"average\":7.0}",
                "{\"key\":\"b\",\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-01T00:01:00Z\",\"average\":10.0}"),
                printed.lines().sorted().toList());
        assertEquals(4, Files.readAllLines(dir.resolve("rows.txt")).size());
        try (Pipeline p = PipelineFile.load(pipeline).build(Sluice.pipeline())) {
            assertEquals(List.of("read", "avg.parse", "avg.avg.window", "avg.avg.late", "avg.avg", "avg.archive", "show"),
                    p.snapshot().nodes().stream().map(dev.sluice.NodeSnapshot::name)
                            .filter(n -> !n.matches(".*-\\d+")).toList()); // operators add anonymous inner stages
        }
    }

    @Test
    void aCompositeWithTwoOpenOutputs_isRejectedWhereItIsIncluded() throws Exception {
        Files.writeString(dir.resolve("two.yaml"), """
                composite: Two
                nodes:
                  - {name: a, type: csv.parse}
                  - {name: b, type: unique}
                  - {name: c, type: unique}
                edges:
                  - a -> b
                  - a -> c
                """);
        Path pipeline = dir.resolve("p.yaml");
        Files.writeString(pipeline, """
                composites: [two.yaml]
                nodes:
                  - {name: t, type: Two}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> PipelineFile.load(pipeline));
        assertTrue(e.getMessage().contains("p.yaml:1:14: composite 'Two' has one output, but [b, c] all end open"),
                e.getMessage());
    }
}
