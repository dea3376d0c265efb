package dev.sluice.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Row;
import dev.sluice.nodetype.NodeType;
import dev.sluice.test.NodeTypeKit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code window.aggregate}: rows of named aggregates, per key, in tumbling, hopping and session windows. */
class WindowAggregateTest {
    @TempDir
    Path dir;

    private static NodeType type() {
        for (NodeType t : ServiceLoader.load(NodeType.class)) {
            if (t.name().equals("window.aggregate")) {
                return t;
            }
        }
        throw new AssertionError("no window.aggregate");
    }

    private static Row reading(String site, Object temp, String at) {
        Row r = new Row();
        r.put("site", site);
        r.put("temp", temp);
        r.put("at", at);
        return r;
    }

    private static Row window(String key, String start, String end, Object... aggregates) {
        Row r = new Row();
        if (key != null) {
            r.put("key", key);
        }
        r.put("start", Instant.parse(start));
        r.put("end", Instant.parse(end));
        for (int i = 0; i < aggregates.length; i += 2) {
            r.put((String) aggregates[i], aggregates[i + 1]);
        }
        return r;
    }

    private static Map<String, String> aggregates(String... namesAndCalls) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndCalls.length; i += 2) {
            m.put(namesAndCalls[i], namesAndCalls[i + 1]);
        }
        return m;
    }

    @Test
    void everyAggregate_perKey_inTumblingWindows_asRows() throws Exception {
        List<Object> out = NodeTypeKit.of(type()).option("size", "1m").option("key", "site").option("time", "at")
                .option("aggregates", aggregates("n", "count()", "total", "sum(row.temp)", "mean", "avg(row.temp)",
                        "low", "min(row.temp)", "high", "max(row.temp)", "first", "first(row.temp)", "last",
                        "last(row.temp)", "all", "list(row.temp)", "text", "sum(row.temp)"))
                .input(reading("n", 10, "2026-01-01T00:00:01Z"), reading("n", "12.5", "2026-01-01T00:00:02Z"),
                        reading("s", 3, "2026-01-01T00:00:03Z"), reading("n", 11, "2026-01-01T00:00:04Z"))
                .check();
        assertEquals(List.of(
                window("n", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", "n", 3L, "total", 33.5, "mean", 33.5 / 3,
                        "low", 10L, "high", 12.5, "first", 10L, "last", 11L, "all", List.of(10L, "12.5", 11L), "text", 33.5),
                window("s", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", "n", 1L, "total", 3L, "mean", 3.0,
                        "low", 3L, "high", 3L, "first", 3L, "last", 3L, "all", List.of(3L), "text", 3L)), out);
    }

    @Test
    void expressionsForKeyAndTime_hoppingWindows() throws Exception {
        List<Object> out = NodeTypeKit.of(type()).option("size", "2m").option("advance", "1m")
                .option("key-expression", "row.site.upperAscii()")
                .option("time-expression", "timestamp(row.at) + duration('30s')")
                .option("aggregates", aggregates("n", "count()"))
                .input(reading("n", 1, "2026-01-01T00:00:10Z"), reading("n", 1, "2026-01-01T00:01:10Z")).check();
        assertEquals(List.of(
                window("N", "2025-12-31T23:59:00Z", "2026-01-01T00:01:00Z", "n", 1L),
                window("N", "2026-01-01T00:00:00Z", "2026-01-01T00:02:00Z", "n", 2L),
                window("N", "2026-01-01T00:01:00Z", "2026-01-01T00:03:00Z", "n", 1L)), out);
    }

    @Test
    void lateItems_goToTheLateOutput_whenAnEdgeTakesThem() throws Exception {
        Row late = reading("n", 7, "2026-01-01T00:00:30Z");
        List<Object> out = NodeTypeKit.of(type()).option("size", "1m").option("time", "at")
                .option("aggregates", aggregates("n", "count()"))
                .input(reading("n", 1, "2026-01-01T00:00:10Z"), reading("n", 2, "2026-01-01T00:01:10Z"), late).check();
        assertEquals(List.of(
                window(null, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", "n", 1L),
                dev.sluice.Pair.of("late", late),
                window(null, "2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "n", 1L)), out,
                "the unnamed output has the windows, 'late' the item whose window had closed");

        PipelineFile file = TestTypes.load(dir, """
                nodes:
                  - {name: read, type: test.lines, options: {text: "at=2026-01-01T00:00:10Z|at=2026-01-01T00:01:10Z|at=2026-01-01T00:00:30Z"}}
                  - {name: parse, type: test.parse}
                  - {name: agg, type: window.aggregate, options: {size: 1m, time: at, aggregates: {n: count()}}}
                  - {name: windows, type: test.collect, options: {into: late-test-windows}}
                  - {name: stragglers, type: test.collect, options: {into: late-test-late}}
                edges: [read -> parse, parse -> agg, agg -> windows, agg.late -> stragglers]
                """);
        try (var p = file.build(dev.sluice.Sluice.pipeline())) {
            p.start();
            p.await();
        }
        assertEquals(2, TestTypes.COLLECTED.get("late-test-windows").size());
        assertEquals(List.of(Row.of(Map.of("at", "2026-01-01T00:00:30Z"))), TestTypes.COLLECTED.get("late-test-late"));
        List<String> problems = TestTypes.problems(dir, """
                nodes:
                  - {name: read, type: test.lines, options: {text: "at=2026-01-01T00:00:10Z"}}
                  - {name: parse, type: test.parse}
                  - {name: agg, type: window.aggregate, options: {size: 1m, time: at, aggregates: {n: count()}}}
                  - {name: out, type: test.collect, options: {into: x}}
                edges: [read -> parse, parse -> agg, agg.lat -> out]
                """);
        assertTrue(problems.get(0).contains("node 'agg' has no output 'lat' (did you mean 'late'?)"), problems.toString());
    }

    @Test
    void sessionWindows_closeAfterAGap_andOneGroupHasNoKey() throws Exception {
        List<Object> out = NodeTypeKit.of(type()).option("gap", "30s").option("time", "at")
                .option("aggregates", aggregates("n", "count()", "sites", "list(row.site)"))
                .input(reading("a", 1, "2026-01-01T00:00:00Z"), reading("b", 1, "2026-01-01T00:00:20Z"),
                        reading("c", 1, "2026-01-01T00:05:00Z")).check();
        assertEquals(List.of(
                window(null, "2026-01-01T00:00:00Z", "2026-01-01T00:00:50Z", "n", 2L, "sites", List.of("a", "b")),
                window(null, "2026-01-01T00:05:00Z", "2026-01-01T00:05:30Z", "n", 1L, "sites", List.of("c"))), out);
    }

    @Test
    void badAggregates_andWindows_areReportedWhereWritten() throws Exception {
        List<String> problems = TestTypes.problems(dir, """
                nodes:
                  - {name: read, type: test.lines, options: {text: "a=1"}}
                  - {name: parse, type: test.parse}
                  - name: w
                    type: window.aggregate
                    options:
                      size: 1m
                      aggregates:
                        n: count()
                        odd: median(row.a)
                  - {name: bad, type: window.aggregate, options: {size: 1m, aggregates: {n: "avg(row.a +)"}}}
                  - {name: both, type: window.aggregate, options: {size: 1m, gap: 5s, aggregates: {n: count()}}}
                  - {name: none, type: window.aggregate, options: {aggregates: {n: count()}}}
                  - {name: keep, type: test.collect, options: {into: never}}
                """);
        String f = dir.resolve("p.yaml").toString();
        assertEquals(f + ":10:14: node 'w' (window.aggregate), option 'aggregates', 'odd': 'median(row.a)' is not an"
                + " aggregate: write count(), sum(x), avg(x), min(x), max(x), first(x), last(x) or list(x), with x an"
                + " expression such as row.temp", problems.get(0));
        assertTrue(problems.get(1).startsWith(f + ":11:89: node 'bad' (window.aggregate), option 'aggregates', 'n':"
                + " mismatched input '<EOF>'"), problems.get(1));
        assertTrue(problems.get(2).endsWith("'gap' (session windows) and 'size' do not go together"), problems.get(2));
        assertTrue(problems.get(3).endsWith("needs 'size' (tumbling or hopping windows) or 'gap' (session windows)"),
                problems.get(3));
        assertEquals(4, problems.size(), String.join("\n", problems));
    }

    @Test
    void aValueThatIsNoNumber_failsTheItem_forOnError() {
        Exception e = assertThrows(Exception.class, () -> NodeTypeKit.of(type()).option("size", "1m")
                .option("aggregates", aggregates("mean", "avg(row.temp)")).input(reading("n", "warm", "x")).run());
        assertTrue(String.valueOf(e.getMessage()).contains("mean: not a number: 'warm'"), e.getMessage());
    }
}
