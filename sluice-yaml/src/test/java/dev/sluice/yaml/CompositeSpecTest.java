package dev.sluice.yaml;

import static dev.sluice.yaml.TestTypes.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.Row;
import dev.sluice.Sluice;
import dev.sluice.nodetype.NodeKind;
import dev.sluice.yaml.spec.CompositeSpec;
import dev.sluice.yaml.spec.EdgeSpec;
import dev.sluice.yaml.spec.ErrorPolicySpec;
import dev.sluice.yaml.spec.NodeSpec;
import dev.sluice.yaml.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositeSpecTest {
    @TempDir
    Path dir;

    @Test
    void aComposite_isATypeOfTheFile_andFlattensIntoItsInnerNodes() throws Exception {
        write(dir, "parser.yaml", """
                composite: Parser
                nodes:
                  - name: parse
                    type: test.parse
                    arg_mapping: {separator: sep}
                  - name: unique
                    type: unique
                    frozen_arguments: {max-size: 10}
                """);
        Path f = write(dir, "p.yaml", """
                composites: [parser.yaml]
                nodes:
                  - {name: read, type: test.lines, options: {text: "a:1|a:1|b:2"}}
                  - {name: rows, type: Parser, queue: 8, on_error: skip, options: {sep: ":"}}
                  - {name: keep, type: test.collect, options: {into: composite}}
                """);
        PipelineFile file = PipelineFile.load(f, Map.<String, String>of()::get, TestTypes.registry());
        CompositeSpec parser = file.spec().composites().get("Parser");
        assertEquals(List.of("parse"), parser.entries());
        assertEquals("unique", parser.exit());
        assertEquals(NodeKind.PROCESSOR, parser.kind());
        assertEquals(List.of("sep"), parser.arguments().stream().map(o -> o.name()).toList());

        PipelineSpec flat = file.spec().flatten();
        assertEquals(List.of("read", "rows.parse", "rows.unique", "keep"), flat.nodes().stream().map(NodeSpec::name).toList());
        assertEquals(List.of("rows.parse -> rows.unique", "read -> rows.parse", "rows.unique -> keep"),
                flat.edges().stream().map(EdgeSpec::toString).toList());
        NodeSpec parse = flat.node("rows.parse").orElseThrow();
        assertEquals(Map.of("separator", ':'), parse.options(), "the composite's argument under the inner name");
        assertEquals(8, parse.queue(), "the entry takes the composite node's queue");
        assertEquals(new ErrorPolicySpec.Skip(), parse.onError());
        NodeSpec unique = flat.node("rows.unique").orElseThrow();
        assertEquals(0, unique.queue(), "the others run on their feeders' threads");
        assertEquals(10L, unique.options().get("max-size"), "frozen");

        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            p.await();
        }
        assertEquals(List.of(Row.of(Map.of("a", "1")), Row.of(Map.of("b", "2"))), TestTypes.COLLECTED.get("composite"));
    }

    @Test
    void aCompositeFilesProblems_haveThatFilesPlaces() throws Exception {
        Path inner = write(dir, "broken.yaml", """
                composite: Broken
                nodes:
                  - name: parse
                    type: test.parse
                    options: {separator: x}
                """);
        Path f = write(dir, "p.yaml", """
                composites: [broken.yaml, missing.yaml]
                nodes:
                  - {name: read, type: test.lines, options: {text: "a"}}
                """);
        List<String> problems = assertThrows(ConfigException.class,
                () -> PipelineFile.load(f, Map.<String, String>of()::get, TestTypes.registry())).problems();
        assertTrue(problems.contains(inner + ":5:5: unknown key 'options' in a node; expected one of arg_mapping,"
                + " frozen_arguments, name, type"), problems.toString());
        assertTrue(problems.contains(f + ":1:27: cannot read the composite " + dir.resolve("missing.yaml")
                + " (no such file)"), problems.toString());
    }

    @Test
    void aCompositeWithTwoOpenOutputs_isRefused() throws Exception {
        write(dir, "two.yaml", """
                composite: Two
                nodes:
                  - {name: a, type: test.parse}
                  - {name: b, type: test.parse}
                edges: []
                """);
        Path f = write(dir, "p.yaml", """
                composites: [two.yaml]
                nodes:
                  - {name: read, type: test.lines, options: {text: "a"}}
                """);
        List<String> problems = assertThrows(ConfigException.class,
                () -> PipelineFile.load(f, Map.<String, String>of()::get, TestTypes.registry())).problems();
        assertEquals(List.of(f + ":1:14: composite 'Two' has one output, but [a, b] all end open: wire all but one of"
                + " them onward, or into a sink"), problems);
    }
}
