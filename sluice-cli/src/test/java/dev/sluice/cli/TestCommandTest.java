package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice test}: nodes, paths through operators, sources, and a test file's own errors. */
class TestCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void pipeline() throws Exception {
        Files.writeString(dir.resolve("in.csv"), """
                sensor,at,celsius
                a,2026-01-01T00:00:10Z,1
                a,2026-01-01T00:00:20Z,3
                b,2026-01-01T00:01:30Z,10
                """);
        Files.writeString(dir.resolve("p.yaml"), """
                nodes:
                  - {name: read, type: files.read, options: {file: in.csv}}
                  - {name: parse, type: csv.parse}
                  - name: avg
                    type: window.aggregate
                    options: {key: sensor, value: celsius, time: at, size: 1m}
                  - {name: show, type: print}
                  - name: counts
                    type: window.aggregate
                    options: {function: count, time: at, size: 1h}
                  - name: hottest
                    type: window.aggregate
                    options: {function: max, value: celsius, key: sensor, time: at, size: 1h}
                  - {name: once, type: unique, options: {key: sensor}}
                  - {name: warm, type: filter, options: {field: celsius, op: ">=", value: "3"}}
                  - {name: named-a, type: filter, options: {field: sensor, op: matches, value: "a|c"}}
                  - {name: slow, type: rate.limit, options: {interval: 1ms}}
                edges:
                  - read -> parse
                  - parse -> avg
                  - avg -> show
                  - parse -> counts
                  - parse -> hottest
                  - parse -> once
                  - once -> slow
                  - parse -> warm
                  - parse -> named-a
                """);
    }

    @Test
    void operatorTypes_countMaxUniqueRateLimit() throws Exception {
        String printed = run("""
                pipeline: p.yaml
                tests:
                  - name: count
                    path: [read, parse, counts]
                    expect: [{start: 2026-01-01T00:00:00Z, end: 2026-01-01T01:00:00Z, count: 3}]
                  - name: max
                    path: [read, parse, hottest]
                    expect:
                      - {key: a, start: 2026-01-01T00:00:00Z, end: 2026-01-01T01:00:00Z, max: 3}
                      - {key: b, start: 2026-01-01T00:00:00Z, end: 2026-01-01T01:00:00Z, max: 10}
                  - name: unique
                    path: [read, parse, once, slow]
                    expect: [{sensor: a, at: 2026-01-01T00:00:10Z, celsius: 1}, {sensor: b, at: 2026-01-01T00:01:30Z, celsius: 10}]
                  - name: numbers compare as numbers
                    path: [read, parse, warm]
                    expect: ['{"sensor":"a","at":"2026-01-01T00:00:20Z","celsius":"3"}', '{"sensor":"b","at":"2026-01-01T00:01:30Z","celsius":"10"}']
                  - name: matches
                    path: [read, parse, named-a]
                    expect:
                      - {sensor: a, at: 2026-01-01T00:00:10Z, celsius: 1}
                      - sensor: a
                        at: 2026-01-01T00:00:20Z
                        celsius: 3
                """, 0);
        assertEquals("PASS count\nPASS max\nPASS unique\nPASS numbers compare as numbers\nPASS matches\n5 passed, 0 failed\n",
                printed);
    }

    /** A row written as a mapping matches JSON's numbers in any form, nested values and lists. */
    @Test
    void mappingExpectations_matchJsonRows_numbersInAnyForm() throws Exception {
        Files.writeString(dir.resolve("j.yaml"), """
                nodes:
                  - {name: read, type: files.read, options: {file: in.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: show, type: print}
                """);
        String printed = run("""
                pipeline: j.yaml
                tests:
                  - name: decoded
                    node: parse
                    input: ['{"sensor": "a", "celsius": 12.0, "at": {"h": 1}, "tags": ["x", 2], "ok": true, "none": null}']
                    expect: [{sensor: a, celsius: 12, at: {h: 1.0}, tags: [x, 2], ok: true, none: ~}]
                  - name: differs
                    node: parse
                    input: ['{"celsius": 12.5}']
                    expect: [{celsius: 12}]
                """, 1);
        assertEquals("""
                PASS decoded
                FAIL differs (p.test.yaml:7): expected [{"celsius":"12"}] but got [{"celsius":12.5}]
                1 passed, 1 failed
                """, printed);
    }

    /** A path through a switch names the output it takes, as the edges do. */
    @Test
    void aPathThroughASwitch_takesTheOutputItNames() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), """
                nodes:
                  - {name: parse, type: csv.parse}
                  - {name: route, type: switch, options: {cases: {hot: int(row.celsius) > 5}}}
                  - {name: alerts, type: print}
                  - {name: rest, type: print}
                edges:
                  - parse -> route
                  - route.hot -> alerts
                  - route.default -> rest
                """);
        String printed = run("""
                pipeline: r.yaml
                tests:
                  - name: hot
                    path: [parse, route.hot]
                    input: ["sensor,celsius", "a,3", "b,9"]
                    expect: [{sensor: b, celsius: "9"}]
                  - name: the rest
                    path: [parse, route.default]
                    input: ["sensor,celsius", "a,3", "b,9"]
                    expect: [{sensor: a, celsius: "3"}]
                """, 0);
        assertEquals("PASS hot\nPASS the rest\n2 passed, 0 failed\n", printed);
        String unnamed = run("""
                pipeline: r.yaml
                tests:
                  - name: unnamed
                    path: [parse, route]
                    input: ["sensor,celsius"]
                    expect: []
                """, 2);
        assertEquals(dir.resolve("p.test.yaml") + ":4:11: 'route' (switch) has named outputs: name the one the path"
                + " takes, route.hot or route.default\n", unnamed);
    }

    @Test
    void aTestWritesIntoASandbox_theRealLogFilesAndDeadLettersAreUntouched() throws Exception {
        Files.writeString(dir.resolve("writes.yaml"), """
                nodes:
                  - {name: parse, type: json.decode, on_error: {dead_letter_file: rejected.tsv}}
                  - {name: keep, type: log.append, options: {stream: events, directory: real-log}}
                  - {name: file, type: files.write, options: {file: out.jsonl}}
                  - name: guarded
                    type: json.decode
                    on_error: {retry: {attempts: 2, backoff: 1ms}, then: {dead_letter_stream: rejects, directory: real-log}}
                edges: [parse -> keep, parse -> file]
                """);
        Files.writeString(dir.resolve("p.test.yaml"), """
                pipeline: writes.yaml
                tests:
                  - name: to the log
                    path: [parse, keep]
                    input: ['{"id": 1}', 'not json']
                    expect: []
                  - name: to a file
                    path: [parse, file]
                    input: ['{"id": 2}']
                    expect: []
                  - name: dead letters to a stream
                    path: [guarded]
                    input: ['not json either']
                    expect: []
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TestCommand.run(dir.resolve("p.test.yaml"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("real-log")), "no log was made or written where the file says");
        assertFalse(Files.exists(dir.resolve("out.jsonl")), "no file was written");
        assertFalse(Files.exists(dir.resolve("rejected.tsv")), "no dead letter was written");
    }

    String run(String tests, int expectedCode) throws Exception {
        Path file = dir.resolve("p.test.yaml");
        Files.writeString(file, tests);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TestCommand.run(file, new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedCode, code, printed);
        return printed;
    }

    @Test
    void pathsRunThroughOperators_andSourcesRunWithALimit() throws Exception {
        String printed = run("""
                pipeline: p.yaml
                tests:
                  - name: averages per minute
                    path: [parse, avg]
                    input: ["sensor,at,celsius", "a,2026-01-01T00:00:10Z,2", "a,2026-01-01T00:00:50Z,4"]
                    expect: [{key: a, start: 2026-01-01T00:00:00Z, end: 2026-01-01T00:01:00Z, average: 3}]
                  - name: the whole file
                    path: [read, parse, avg]
                    expect:
                      - {key: a, start: 2026-01-01T00:00:00Z, end: 2026-01-01T00:01:00Z, average: 2}
                      - {key: b, start: 2026-01-01T00:01:00Z, end: 2026-01-01T00:02:00Z, average: 10}
                  - name: first line
                    node: read
                    limit: 1
                    expect: ["sensor,at,celsius"]
                  - name: a wrong expectation fails with its place
                    node: parse
                    input: ["x", "1"]
                    expect: [{x: 2}]
                """, 1);
        assertEquals("""
                PASS averages per minute
                PASS the whole file
                PASS first line
                FAIL a wrong expectation fails with its place (p.test.yaml:16): expected [{"x":"2"}] but got [{"x":"1"}]
                3 passed, 1 failed
                """, printed);
    }

    @Test
    void problemsInTheTestFile_areAllReportedWithTheirPlace() throws Exception {
        String printed = run("""
                pipeline: p.yaml
                tests:
                  - name: typo
                    nod: parse
                  - name: unknown node
                    node: prase
                  - name: not wired
                    path: [read, avg]
                  - name: input to a source
                    node: read
                    input: ["x"]
                    limit: 0
                """, 2);
        String f = dir.resolve("p.test.yaml").toString();
        assertEquals(String.join("\n",
                f + ":4:5: unknown key 'nod' in a test case (did you mean 'node'?); expected one of expect, expect_error,"
                        + " input, limit, name, node, path, timeout",
                f + ":3:5: test case 'typo' needs 'node: NAME' or 'path: [NAME, ...]'",
                f + ":6:11: no node 'prase' in pipeline 'p' (did you mean 'parse'?)",
                f + ":8:11: 'read' does not feed 'avg' in pipeline 'p'",
                f + ":12:12: 'limit' is a whole number of at least 1",
                f + ":11:12: 'read' is a source: it takes no 'input' (use 'limit' for one that never ends)") + "\n",
                printed);
    }
}
