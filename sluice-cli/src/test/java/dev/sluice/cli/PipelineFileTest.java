package dev.sluice.cli;

import dev.sluice.yaml.ConfigException;

import dev.sluice.yaml.PipelineFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.log.LogRecord;
import dev.sluice.log.StreamLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline files: a good one runs; bad ones are refused with file, line, column and key. */
class PipelineFileTest {
    @TempDir
    Path dir;

    Path write(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    List<String> problems(String yaml) throws Exception {
        return problems(yaml, Map.of());
    }

    List<String> problems(String yaml, Map<String, String> env) throws Exception {
        Path f = write("bad.yaml", yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> PipelineFile.load(f, env::get));
        return e.problems();
    }

    @Test
    void goodFile_buildsAndRuns_throughThePublicApi() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "name,city\nAda,London\nGrace,Arlington\n");
        Path f = write("people.yaml", """
                pipeline: people
                nodes:
                  - name: read
                    type: files.read
                    options: {file: people.csv}
                  - name: parse
                    type: csv.parse
                  - name: store
                    type: log.append
                    queue: 16
                    options:
                      stream: ${STREAM_NAME}
                      directory: ${LOG_DIR:-log}
                """);
        PipelineFile file = PipelineFile.load(f, Map.of("STREAM_NAME", "people")::get);
        assertEquals("people", file.name());
        assertEquals(List.of("read", "parse", "store"), file.spec().nodes().stream().map(n -> n.name()).toList());
        assertEquals(2, file.spec().edges().size());
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            p.await();
        }
        try (StreamLog log = StreamLog.open(dir.resolve("log"))) {
            assertEquals(List.of("{\"name\":\"Ada\",\"city\":\"London\"}", "{\"name\":\"Grace\",\"city\":\"Arlington\"}"),
                    log.stream("people").read(1, 10).stream().map(LogRecord::text).toList());
        }
    }

    /** An operator's on_error reaches the stage that fails: here the window computing the aggregate. */
    @Test
    void onError_ofAWindowAggregate_skipsARowWithoutANumber() throws Exception {
        Files.writeString(dir.resolve("w.csv"), "sensor,at,celsius\na,2026-01-01T00:00:10Z,1\nb,2026-01-01T00:00:20Z,x\n"
                + "a,2026-01-01T00:00:30Z,3\n");
        Path f = write("w.yaml", """
                nodes:
                  - {name: read, type: files.read, options: {file: w.csv}}
                  - {name: parse, type: csv.parse}
                  - name: avg
                    type: window.aggregate
                    options: {key: sensor, value: celsius, time: at, size: 1m}
                    on_error: skip
                  - {name: keep, type: files.write, options: {file: avg.txt}}
                """);
        try (Pipeline p = PipelineFile.load(f).build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(1, p.snapshot().node("avg.window").skipped());
            assertEquals(0, p.snapshot().node("parse").errors());
        }
        assertEquals("{\"key\":\"a\",\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-01T00:01:00Z\",\"average\":2.0}\n",
                Files.readString(dir.resolve("avg.txt")));
    }

    @Test
    void onError_deadLetterFile_keepsThePipelineGoing() throws Exception {
        Files.writeString(dir.resolve("rows.csv"), "a,b\n1,2\n3\n4,5\n");
        Path f = write("dl.yaml", """
                nodes:
                  - {name: read, type: files.read, options: {file: rows.csv}}
                  - name: parse
                    type: csv.parse
                    on_error: {dead_letter_file: out/dead.tsv}
                  - {name: keep, type: files.write, options: {file: out/rows.txt}}
                """);
        try (Pipeline p = PipelineFile.load(f).build(Sluice.pipeline())) {
            p.start();
            p.await();
        }
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"4\",\"b\":\"5\"}\n", Files.readString(dir.resolve("out/rows.txt")));
        String dead = Files.readString(dir.resolve("out/dead.tsv"));
        assertTrue(dead.startsWith("parse\t" + dir.resolve("rows.csv") + ":3: expected 2 fields"), dead);
        List<String> bad = problems("nodes:\n  - {name: a, type: print, on_error: maybe}\n");
        assertTrue(bad.get(0).contains("'on_error' is fail, skip, {dead_letter_file: path}, {dead_letter_stream: text,"
                + " directory: path} or {retry:"), bad.toString());
    }

    @Test
    void onError_retriesThenDeadLettersToALogStream() throws Exception {
        Files.writeString(dir.resolve("rows.csv"), "a,b\n1,2\n3\n4,5\n");
        Path f = write("retry.yaml", """
                nodes:
                  - {name: read, type: files.read, options: {file: rows.csv}}
                  - name: parse
                    type: csv.parse
                    on_error:
                      retry: {attempts: 3, backoff: 1ms, max_backoff: 2ms}
                      then: {dead_letter_stream: rejects, directory: log}
                  - {name: keep, type: files.write, options: {file: rows.txt}}
                """);
        try (Pipeline p = PipelineFile.load(f).build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(2, p.snapshot().node("parse").retried());
            assertEquals(1, p.snapshot().node("parse").deadLettered());
        }
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"4\",\"b\":\"5\"}\n", Files.readString(dir.resolve("rows.txt")));
        try (StreamLog log = StreamLog.open(dir.resolve("log"))) {
            List<LogRecord> rejects = log.stream("rejects").read(0, 10);
            assertEquals(1, rejects.size());
            assertEquals("3", rejects.get(0).text());
            assertEquals("parse", rejects.get(0).headers().get("node"));
            assertEquals("3", rejects.get(0).headers().get("attempts"));
            assertEquals(dir.resolve("rows.csv") + ":3: expected 2 fields [a, b] but found 1",
                    rejects.get(0).headers().get("reason"));
        }
        List<String> bad = problems("""
                nodes:
                  - name: a
                    type: print
                    on_error: {retry: {attempts: 0, backof: 1s}, then: {retry: {}}}
                """);
        assertEquals(List.of(
                dir.resolve("bad.yaml") + ":4:34: 'attempts' counts every try, the first included: 1 to 1000"), bad);
        bad = problems("""
                nodes:
                  - name: a
                    type: print
                    on_error: {retry: {backof: 1s}, then: {retry: {}}}
                """);
        assertEquals(List.of(dir.resolve("bad.yaml") + ":4:24: unknown key 'backof' in 'retry' (did you mean 'backoff'?); expected one of attempts, backoff, max_backoff"),
                bad);
        bad = problems("""
                nodes:
                  - name: a
                    type: print
                    on_error: {retry: {}, then: {retry: {}}}
                """);
        assertEquals(List.of(dir.resolve("bad.yaml") + ":4:33: 'then' says what happens when the retries run out:"
                + " not another retry"), bad);
    }

    @Test
    void unknownType_isNamedWithPositionAndSuggestion() throws Exception {
        List<String> p = problems("""
                nodes:
                  - name: watch
                    type: files.wach
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).matches(".*bad\\.yaml:3:11: unknown node type 'files.wach' \\(did you mean 'files.watch'\\?\\).*"),
                p.get(0));
    }

    @Test
    void unknownOption_wrongType_missingRequired_allReportedAtOnce() throws Exception {
        List<String> p = problems("""
                nodes:
                  - name: watch
                    type: files.watch
                    options:
                      directory: inbox
                      glb: "*.csv"
                      poll: fast
                  - name: tail
                    type: files.tail
                edges: []
                """);
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).contains("bad.yaml:6:7: unknown key 'glb' in the options of files.watch (did you mean 'glob'?)"),
                p.get(0));
        assertTrue(p.get(1).contains("bad.yaml:7:13: option 'poll' must be a duration like 500ms, 2s, 5m, 1h, not 'fast'"),
                p.get(1));
        assertTrue(p.get(2).contains("bad.yaml:8:5: node 'tail' (files.tail) needs option 'file'"), p.get(2));
    }

    /** An edge line may chain several arrows, as nanostream's {@code a > b > c}; a broken chain is named. */
    @Test
    void edges_mayChainSeveralArrows() throws Exception {
        Files.writeString(dir.resolve("n.csv"), "n\n1\n7\n");
        Path f = write("chain.yaml", """
                nodes:
                  - {name: read, type: files.read, options: {file: n.csv}}
                  - {name: parse, type: csv.parse}
                  - {name: big, type: filter, options: {field: n, op: ">", value: "5"}}
                  - {name: keep, type: files.write, options: {file: big.txt}}
                  - {name: all, type: files.write, options: {file: all.txt}}
                edges:
                  - read -> parse -> big -> keep
                  - parse -> all
                """);
        PipelineFile file = PipelineFile.load(f);
        assertEquals(4, file.spec().edges().size());
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            p.await();
        }
        assertEquals(List.of("{\"n\":\"7\"}"), Files.readAllLines(dir.resolve("big.txt")));
        assertEquals(2, Files.readAllLines(dir.resolve("all.txt")).size());
        List<String> broken = problems("""
                nodes:
                  - {name: read, type: files.read, options: {file: x}}
                  - {name: show, type: print}
                edges:
                  - read -> -> show
                """);
        assertTrue(broken.get(0).contains("bad.yaml:5:5: an edge is written 'from -> to', or a chain 'a -> b -> c'"),
                broken.toString());
    }

    @Test
    void danglingEdge_cycle_andSourceAsTarget() throws Exception {
        List<String> dangling = problems("""
                nodes:
                  - {name: read, type: files.read, options: {file: x}}
                  - {name: show, type: print}
                edges:
                  - read -> shw
                """);
        assertTrue(dangling.get(0).contains("bad.yaml:5:5: edge 'read -> shw' names no node 'shw' (did you mean 'show'?)"),
                dangling.toString());
        List<String> wiring = problems("""
                nodes:
                  - {name: a, type: files.lines}
                  - {name: b, type: files.lines}
                  - {name: src, type: files.read, options: {file: x}}
                edges:
                  - a -> b
                  - b -> a
                  - a -> src
                """);
        assertTrue(wiring.stream().anyMatch(s -> s.contains("node 'src' is a source (files.read): nothing can feed it")),
                wiring.toString());
        assertTrue(wiring.stream().anyMatch(s -> s.contains("the edges form a cycle")), wiring.toString());
    }

    @Test
    void environment_andSecrets_neverShowTheSecret() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "hunter2\n");
        List<String> p = problems("""
                nodes:
                  - name: watch
                    type: files.watch
                    options:
                      directory: ${MISSING}
                      poll: ${file:%s}
                """.formatted(secret));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("option 'directory': environment variable MISSING is not set"), p.get(0));
        assertTrue(p.get(1).contains("option 'poll' must be a duration like 500ms, 2s, 5m, 1h, not <secret>"), p.get(1));
        assertFalse(String.join("\n", p).contains("hunter2"));
    }

    @Test
    void yamlSyntaxErrors_andUnknownTopLevelKeys() throws Exception {
        List<String> syntax = problems("nodes:\n  - name: [oops\n");
        assertTrue(syntax.get(0).matches(".*bad\\.yaml:\\d+:\\d+: not valid YAML: .*"), syntax.toString());
        List<String> top = problems("""
                pipeline: x
                node:
                  - {name: a, type: print}
                """);
        assertTrue(top.get(0).contains("bad.yaml:2:1: unknown key 'node' at the top level (did you mean 'nodes'?)"),
                top.toString());
    }

    @Test
    void twoNodesOnStandardInput_orOnOneHttpPath_areRefused() throws Exception {
        List<String> p = problems("""
                nodes:
                  - {name: one, type: stdin}
                  - {name: two, type: stdin}
                  - {name: a, type: http.server, options: {address: "127.0.0.1:8080", path: /in}}
                  - {name: b, type: http.server, options: {address: "127.0.0.1:8080", path: /in}}
                  - {name: c, type: http.server, options: {address: "127.0.0.1:8080", path: /other}}
                  - {name: out, type: stdout}
                edges: [one -> out, two -> out, a -> out, b -> out, c -> out]
                """);
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).endsWith("bad.yaml:3:5: nodes 'one' and 'two' both need standard input, which one node holds"
                + " alone: keep one, and give its output to every node that needs it"), p.toString());
        assertTrue(p.get(1).contains("bad.yaml:5:5: nodes 'a' and 'b' both need HTTP 127.0.0.1:8080/in"), p.toString());
    }

    @Test
    void command_validateGraphRun_exitCodes() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n");
        Path good = write("good.yaml", """
                nodes:
                  - {name: read, type: files.read, options: {file: in.csv}}
                  - {name: parse, type: csv.parse}
                  - {name: show, type: print, options: {prefix: "row: "}}
                """);
        Path bad = write("bad.yaml", "nodes:\n  - {name: x, type: nope}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"validate", good.toString()}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ok, pipeline 'good' with 3 nodes and 2 edges"));
        assertEquals(2, Main.run(new String[] {"validate", bad.toString()}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad.yaml:2:21: unknown node type 'nope'"), err.toString());
        out.reset();
        assertEquals(0, Main.run(new String[] {"graph", good.toString(), "--format", "mermaid"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("n0 --> n1"), out.toString());
        out.reset();
        assertEquals(0, Main.run(new String[] {"graph", good.toString(), "--format", "svg"}, o, e));
        String svg = out.toString(StandardCharsets.UTF_8);
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(3, doc.getElementsByTagName("g").getLength(), "a box per node");
        assertEquals(2, doc.getElementsByTagName("line").getLength(), "an arrow per edge");
        assertTrue(svg.contains(">parse</text>"), svg);
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            out.reset();
            assertEquals(0, Main.run(new String[] {"run", good.toString()}, o, e));
        } finally {
            System.setOut(original);
        }
        assertEquals("row: {\"a\":\"1\",\"b\":\"2\"}\n", printed.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "standard output is the pipeline's");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("pipeline completed"), err.toString());
        out.reset();
        assertEquals(0, Main.run(new String[] {"schema"}, o, e));
        String schema = out.toString(StandardCharsets.UTF_8);
        assertTrue(schema.contains("\"type\": {\"const\": \"files.watch\"}"), schema);
        assertTrue(schema.contains("\"required\": [\"directory\"]"), schema);
        assertEquals(2, Main.run(new String[] {"rnu", good.toString()}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'rnu' (did you mean 'run'?)"));
    }
}
