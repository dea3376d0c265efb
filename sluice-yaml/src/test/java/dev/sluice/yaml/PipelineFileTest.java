package dev.sluice.yaml;

import static dev.sluice.yaml.TestTypes.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Row;
import dev.sluice.Sluice;
import dev.sluice.yaml.spec.EdgeSpec;
import dev.sluice.yaml.spec.ErrorPolicySpec;
import dev.sluice.yaml.spec.NodeSpec;
import dev.sluice.yaml.spec.PipelineSpec;
import dev.sluice.yaml.spec.Position;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFileTest {
    @TempDir
    Path dir;

    private PipelineFile load(String yaml) throws Exception {
        return PipelineFile.load(write(dir, "p.yaml", yaml), Map.<String, String>of()::get, TestTypes.registry());
    }

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).problems();
    }

    @Test
    void aFile_isReadIntoItsLogicalGraph_withTypedOptions_defaults_andPlaces() throws Exception {
        PipelineSpec spec = load("""
                pipeline: people
                nodes:
                  - name: read
                    type: test.lines
                    options: {text: "a=1|b=2"}
                  - name: parse
                    type: test.parse
                    queue: 16
                    on_error: {retry: {attempts: 2, backoff: 5ms}, then: {dead_letter_file: bad.tsv}}
                  - name: keep
                    type: test.collect
                    options: {into: spec}
                """).spec();
        assertEquals("people", spec.name());
        assertEquals(List.of("read", "parse", "keep"), spec.nodes().stream().map(NodeSpec::name).toList());
        assertEquals(List.of("read -> parse", "parse -> keep"), spec.edges().stream().map(EdgeSpec::toString).toList());
        NodeSpec parse = spec.node("parse").orElseThrow();
        assertEquals(Map.of("separator", '='), parse.options(), "the default, as its type");
        assertEquals(16, parse.queue());
        assertEquals(new Position(dir.resolve("p.yaml").toString(), 6, 5), parse.at());
        assertEquals(new ErrorPolicySpec.Retry(2, Duration.ofMillis(5), Duration.ofSeconds(10),
                new ErrorPolicySpec.DeadLetter("dead_letter_file", Map.of("dead_letter_file", dir.resolve("bad.tsv")))),
                parse.onError(), "a path is resolved against the file");
        assertTrue(spec.feeds("read", "parse"));
        assertEquals(List.of("parse"), spec.inputsOf("keep"));
    }

    @Test
    void everyProblem_isReportedAtOnce_withItsPlace() {
        List<String> problems = problems("""
                nodes:
                  - name: read
                    type: test.lines
                    optoins: {}
                  - name: parse
                    type: test.prase
                  - name: keep
                    type: test.collect
                    options: {into: x, extra: 1}
                  - name: keep
                    type: test.collect
                edges:
                  - read -> keep
                  - keep -> nowhere
                """);
        String f = dir.resolve("p.yaml").toString();
        List<String> expected = List.of(
                f + ":4:5: unknown key 'optoins' in a node (did you mean 'options'?); expected one of name, on_error,"
                        + " options, queue, type",
                f + ":2:5: node 'read' (test.lines) needs option 'text': lines separated by '|'",
                f + ":6:11: unknown node type 'test.prase' (did you mean 'test.parse'?); known types: batch, filter, map,"
                        + " message, print, rate.limit, switch, test.collect, test.lines, test.parse, test.words, unique, window.aggregate",
                f + ":9:24: unknown key 'extra' in the options of test.collect; expected one of into",
                f + ":10:5: a node named 'keep' is already defined at line 7",
                f + ":14:5: edge 'keep -> nowhere' names no node 'nowhere'");
        assertEquals(expected.size(), problems.size(), String.join("\n", problems));
        assertTrue(problems.containsAll(expected), String.join("\n", problems));
    }

    @Test
    void aKeyGivenTwice_isReported_notSilentlyOverwritten() {
        List<String> problems = problems("""
                nodes:
                  - {name: read, type: test.lines, options: {text: a, text: b}}
                  - name: keep
                    type: test.collect
                    name: other
                    options: {into: x}
                """);
        String f = dir.resolve("p.yaml").toString();
        assertTrue(problems.contains(f + ":2:55: key 'text' is given twice in one mapping (first at line 2): the later"
                + " would win in silence; keep one"), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(f + ":5:5: key 'name' is given twice in one mapping"
                + " (first at line 3)")), String.join("\n", problems));
    }

    @Test
    void aNumberTooLarge_andAnAliasBomb_areProblemsWithTheirPlace_notJavaExceptions() {
        List<String> big = problems("""
                nodes:
                  - {name: read, type: test.lines, options: {text: a}, queue: 99999999999999999999999}
                  - {name: keep, type: test.collect, options: {into: x}}
                """);
        assertEquals(1, big.size(), big.toString());
        assertTrue(big.get(0).startsWith(dir.resolve("p.yaml") + ":2:"), big.toString());
        assertTrue(!big.get(0).contains("Exception") && !big.get(0).contains("java."), big.toString());

        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + p + ", ").repeat(8)).append('*').append(p)
                    .append("]\n");
        }
        bomb.append("nodes:\n  - {name: keep, type: test.collect, options: {into: x}}\n");
        List<String> aliases = problems(bomb.toString());
        assertEquals(List.of(dir.resolve("p.yaml") + ":1:1: not a usable YAML file: Number of aliases for non-scalar nodes"
                + " exceeds the specified max=50"), aliases, "refused before it is expanded");
    }

    @Test
    void wiring_isChecked_kindsCyclesAndItemTypes() {
        List<String> kinds = problems("""
                nodes:
                  - {name: read, type: test.lines, options: {text: x}}
                  - {name: keep, type: test.collect, options: {into: x}}
                  - {name: more, type: test.lines, options: {text: y}}
                edges:
                  - read -> keep -> more
                """);
        assertTrue(kinds.stream().anyMatch(p -> p.endsWith("node 'more' is a source (test.lines): nothing can feed it,"
                + " but 'keep' does")), kinds.toString());
        assertTrue(kinds.stream().anyMatch(p -> p.endsWith("node 'keep' is a sink (test.collect): it has no output for"
                + " 'more'")), kinds.toString());

        List<String> cycle = problems("""
                nodes:
                  - {name: a, type: test.parse}
                  - {name: b, type: unique}
                edges:
                  - a -> b -> a
                """);
        assertTrue(cycle.stream().anyMatch(p -> p.contains("the edges form a cycle through 'a'")), cycle.toString());

        List<String> types = problems("""
                nodes:
                  - {name: words, type: test.words}
                  - {name: parse, type: test.parse}
                  - {name: keep, type: filter, options: {field: a, op: "==", value: "1"}}
                  - {name: out, type: test.collect, options: {into: x}}
                """);
        String f = dir.resolve("p.yaml").toString();
        assertEquals(List.of(f + ":3:5: node 'words' (test.words) emits text, but 'parse' (test.parse) takes lines of a"
                + " file: read the file with files.read or files.lines, which give lines with their file and number"),
                types);
    }

    @Test
    void anOperatorPassesOnWhatItReceives_soItsOutputIsCheckedAsItsInput() {
        List<String> problems = problems("""
                nodes:
                  - {name: words, type: test.words}
                  - {name: slow, type: rate.limit, options: {interval: 1ms}}
                  - {name: parse, type: test.parse}
                  - {name: out, type: test.collect, options: {into: x}}
                """);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("node 'slow' (rate.limit) emits text, but 'parse' (test.parse) takes lines"),
                problems.toString());
    }

    @Test
    void optionsThatOnlyMakeSenseTogether_areCheckedByTheirType_beforeAnythingRuns() {
        List<String> problems = problems("""
                nodes:
                  - {name: read, type: test.lines, options: {text: "a=1"}}
                  - {name: parse, type: test.parse}
                  - {name: keep, type: filter, options: {field: a, op: matches, value: "[a-"}}
                  - {name: avg, type: window.aggregate, options: {size: 1m, function: sum}}
                  - {name: bad, type: filter, options: {field: a, op: "=", value: "1"}}
                edges:
                  - read -> parse -> keep -> avg
                  - parse -> bad
                """);
        String f = dir.resolve("p.yaml").toString();
        assertTrue(problems.contains(f + ":4:41: node 'keep' (filter): 'value' is not a regular expression: Illegal"
                + " character range near index 3"), problems.toString());
        assertTrue(problems.contains(f + ":5:50: node 'avg' (window.aggregate): function 'sum' needs the option 'value'"),
                problems.toString());
        assertTrue(problems.contains(f + ":6:55: option 'op' of node 'bad' must be one of ==, !=, <, <=, >, >=, contains,"
                + " matches: ="), problems.toString());
    }

    @Test
    void aTypeFromAModuleNotOnTheClassPath_namesTheModuleToAdd() {
        List<String> problems = problems("""
                nodes:
                  - {name: read, type: kafka.read, options: {topic: t}}
                  - name: keep
                    type: test.collect
                    options: {into: x}
                    on_error: {dead_letter_stream: rejects}
                """);
        String f = dir.resolve("p.yaml").toString();
        assertEquals(List.of(
                f + ":2:24: node type 'kafka.read' comes with the module dev.sluice:sluice-kafka, which is not on the class"
                        + " path: add it to the dependencies (the sluice command has it)",
                f + ":6:16: 'dead_letter_stream' comes with the module dev.sluice:sluice-log, which is not on the class"
                        + " path: add it to the dependencies (the sluice command has it)"), problems);
    }

    @Test
    void build_compilesTheGraphOntoTheEngine_andRunsIt() throws Exception {
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: test.lines, options: {text: "a=1|nonsense|b=2"}}
                  - {name: parse, type: test.parse, on_error: {dead_letter_file: rejected.tsv}}
                  - {name: keep, type: test.collect, options: {into: build}}
                """);
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state());
            assertEquals(1, p.snapshot().node("parse").deadLettered());
        }
        assertEquals(List.of(Row.of(Map.of("a", "1")), Row.of(Map.of("b", "2"))), TestTypes.COLLECTED.get("build"));
        assertEquals(List.of("parse\tno '=' in nonsense\tnonsense"), Files.readAllLines(dir.resolve("rejected.tsv")));
    }

    @Test
    void environmentVariables_andSecrets_areSubstituted_andASecretIsNeverShown() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cret\n");
        Path f = write(dir, "p.yaml", """
                nodes:
                  - {name: read, type: test.lines, options: {text: "${TEXT:-a=1}"}}
                  - {name: parse, type: test.parse, options: {separator: "${file:%s}"}}
                  - {name: keep, type: test.collect, options: {into: "${SINK}"}}
                """.formatted(secret));
        List<String> problems = assertThrows(ConfigException.class,
                () -> PipelineFile.load(f, Map.of("SINK", "x")::get, TestTypes.registry())).problems();
        assertEquals(List.of(f + ":3:58: option 'separator' must be a single character, not <secret>"), problems);
        Files.writeString(secret, ":\n");
        PipelineFile ok = PipelineFile.load(f, Map.of("SINK", "env")::get, TestTypes.registry());
        assertEquals(':', ok.spec().node("parse").orElseThrow().options().get("separator"));
        assertEquals("a=1", ok.spec().node("read").orElseThrow().options().get("text"));
        assertEquals("env", ok.spec().node("keep").orElseThrow().options().get("into"));
    }
}
