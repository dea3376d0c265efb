package dev.sluice.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Row;
import dev.sluice.Sluice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code filter} and {@code map} with expressions, as a pipeline file writes them. */
class ExpressionTypesTest {
    @TempDir
    Path dir;

    private List<Object> run(String yaml, String into) throws Exception {
        try (Pipeline p = TestTypes.load(dir, yaml).build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), String.valueOf(p.failure()));
        }
        return TestTypes.COLLECTED.getOrDefault(into, List.of());
    }

    @Test
    void computedFields_typedValues_andAFilter_withBadRowsDeadLettered() throws Exception {
        List<Object> kept = run("""
                nodes:
                  - {name: read, type: test.lines, options: {text: "ada,31,x|bob,12,x|cy,hot,y|dee"}}
                  - name: parse
                    type: map
                    options:
                      expression: '{"name": item.split(",")[0], "temp": item.split(",")[1], "site": item.split(",")[2]}'
                    on_error: {dead_letter_file: unparsed.tsv}
                  - name: typed
                    type: map
                    options:
                      set:
                        temp: int(row.temp)
                        name: row.name.upperAscii()
                        warm: int(row.temp) > 20
                      remove: [site]
                    on_error: {dead_letter_file: untyped.tsv}
                  - {name: warm, type: filter, options: {expression: row.warm && row.temp < 40}}
                  - {name: keep, type: test.collect, options: {into: computed}}
                """, "computed");
        Row ada = new Row();
        ada.put("name", "ADA");
        ada.put("temp", 31L);
        ada.put("warm", true);
        assertEquals(List.of(ada), kept);
        assertEquals(List.of("typed\t'hot' is not a number (in 'int(row.temp)')\t{\"name\":\"cy\",\"temp\":\"hot\",\"site\":\"y\"}"),
                Files.readAllLines(dir.resolve("untyped.tsv")));
        List<String> unparsed = Files.readAllLines(dir.resolve("unparsed.tsv"));
        assertEquals(1, unparsed.size());
        assertEquals("parse", unparsed.get(0).split("\t")[0]);
        assertEquals("dee", unparsed.get(0).split("\t")[2]);
    }

    @Test
    void aMissingField_dropsTheItem_unlessStrict() throws Exception {
        String pipeline = """
                nodes:
                  - {name: read, type: test.lines, options: {text: "temp=31|site=x|temp=5"}}
                  - {name: parse, type: test.parse}
                  - {name: typed, type: map, options: {set: {temp: int(row.temp)}}}
                  - name: hot
                    type: filter
                    options: {expression: row.temp > 30%s}
                    on_error: {dead_letter_file: strict.tsv}
                  - {name: keep, type: test.collect, options: {into: %s}}
                """;
        // the map fails on site=x too: it has no temp; a map is strict, so that row is dead-lettered... by
        // the map's policy, which is fail: give the map a skip here to reach the filter with every row
        String lenient = pipeline.formatted("", "lenient").replace("options: {set: {temp: int(row.temp)}}}",
                "options: {set: {temp: \"has(row.temp) ? int(row.temp) : row.nothing\"}}, on_error: skip}");
        assertEquals(List.of(Row.of(Map.of("temp", 31L))), run(lenient, "lenient"));
        String strict = pipeline.formatted(", strict: true", "strict").replace("options: {set: {temp: int(row.temp)}}}",
                "options: {expression: \"has(row.temp) ? {'temp': int(row.temp)} : row\"}}");
        assertEquals(List.of(Row.of(Map.of("temp", 31L))), run(strict, "strict"));
        assertEquals(List.of("hot\tno field 'temp' (in 'row.temp > 30')\t{\"site\":\"x\"}"),
                Files.readAllLines(dir.resolve("strict.tsv")));
    }

    @Test
    void anInvalidExpression_isReportedWhereItWasWritten() {
        Path f = dir.resolve("p.yaml");
        List<String> problems = TestTypes.problems(dir, """
                nodes:
                  - {name: read, type: test.lines, options: {text: "a=1"}}
                  - {name: parse, type: test.parse}
                  - {name: hot, type: filter, options: {expression: "row.a > 1 && sit == 'x'"}}
                  - name: shape
                    type: map
                    options:
                      set:
                        a: row.a
                        b: int(row.a) +
                  - name: whole
                    type: map
                    options:
                      expression: |
                        {"a": row.a,
                         "b": nope}
                  - {name: both, type: filter, options: {expression: row.a, field: a, op: "==", value: "1"}}
                  - {name: none, type: filter}
                  - {name: notbool, type: filter, options: {expression: "row.a + 'x'"}}
                  - {name: keep, type: test.collect, options: {into: never}}
                """);
        assertEquals(List.of(
                f + ":4:67: node 'hot' (filter), option 'expression': unknown name 'sit': the item is 'row' (a field of"
                        + " it: row.sit) or 'item'; the functions are listed in docs/pipelines.md\n    row.a > 1 && sit == 'x'\n                 ^",
                f + ":10:24: node 'shape' (map), option 'set', 'b': mismatched input '<EOF>' expecting {'[', '{', '(',"
                        + " '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}"
                        + "\n    int(row.a) +\n                ^",
                f + ":16:15: node 'whole' (map), option 'expression': unknown name 'nope': the item is 'row' (a field"
                        + " of it: row.nope) or 'item'; the functions are listed in docs/pipelines.md\n     \"b\": nope}\n          ^",
                f + ":17:41: node 'both' (filter): give either 'expression' or 'field', 'op' and 'value', not both",
                f + ":18:5: node 'none' (filter): needs 'expression' (row.temp > 30) or 'field', 'op' and 'value'",
                f + ":19:58: node 'notbool' (filter), option 'expression': the expression must give true or false,"
                        + " but gives string\n    row.a + 'x'\n    ^"), problems);
    }

    @Test
    void switch_routesByContent_toTheOutputsTheEdgesName() throws Exception {
        run("""
                nodes:
                  - {name: read, type: test.lines, options: {text: "temp=35|temp=-2|temp=20|site=x|temp=40"}}
                  - {name: parse, type: test.parse}
                  - {name: typed, type: map, options: {expression: "has(row.temp) ? {'temp': int(row.temp)} : row"}}
                  - name: route
                    type: switch
                    options:
                      cases:
                        hot: row.temp > 30
                        cold: row.temp < 0
                  - {name: alerts, type: test.collect, options: {into: hot}}
                  - {name: heating, type: test.collect, options: {into: cold}}
                  - {name: archive, type: test.collect, options: {into: rest}}
                edges:
                  - read -> parse -> typed -> route
                  - route.hot -> alerts
                  - route.cold -> heating
                  - route.default -> archive
                """, "hot");
        assertEquals(List.of(Row.of(Map.of("temp", 35L)), Row.of(Map.of("temp", 40L))), TestTypes.COLLECTED.get("hot"));
        assertEquals(List.of(Row.of(Map.of("temp", -2L))), TestTypes.COLLECTED.get("cold"));
        assertEquals(List.of(Row.of(Map.of("temp", 20L)), Row.of(Map.of("site", "x"))), TestTypes.COLLECTED.get("rest"),
                "no case holds for a row without the field: it goes to default");
    }

    @Test
    void switchEdges_areChecked() {
        Path f = dir.resolve("p.yaml");
        List<String> problems = TestTypes.problems(dir, """
                nodes:
                  - {name: read, type: test.lines, options: {text: "a=1"}}
                  - {name: parse, type: test.parse}
                  - {name: route, type: switch, options: {cases: {hot: row.a > 1, default: "true"}}}
                  - {name: route2, type: switch, options: {cases: {hot: row.a > 1}}}
                  - {name: keep, type: test.collect, options: {into: never}}
                edges:
                  - read -> parse -> route2
                  - route2 -> keep
                  - route2.hto -> keep
                  - parse -> route2.hot
                """);
        assertEquals(List.of(
                f + ":4:76: node 'route' (switch), option 'cases', 'default': 'default' cannot name an output: a letter,"
                        + " then letters, digits, '_' or '-'; 'default' is the output of what no case takes",
                f + ":10:5: edge 'route2.hto -> keep': node 'route2' has no output 'hto' (did you mean 'hot'?); its"
                        + " outputs are route2.hot, route2.default",
                f + ":11:5: edge 'parse -> route2.hot': 'route2.hot' is an output of 'route2', which nothing feeds:"
                        + " write the edge into the node, '... -> route2'",
                f + ":9:5: node 'route2' (switch) has named outputs: write the edge from one of them, route2.hot,"
                        + " route2.default",
                f + ":4:5: node 'route' (switch) is an operator: something must feed it"), problems);
    }
}
