package dev.sluice.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Pair;
import dev.sluice.Row;
import dev.sluice.nodetype.NodeType;
import dev.sluice.test.NodeTypeKit;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The node types that come with sluice-yaml keep the contract every node type keeps. */
class BuiltinTypesKitTest {
    private static NodeType type(String name) {
        return NodeTypes.load().find(name).orElseThrow();
    }

    @Test
    void everyTypeOfThisModule_isCoveredHere() {
        Set<String> mine = new TreeSet<>();
        ServiceLoader.load(NodeType.class).forEach(t -> {
            if (t.getClass().getPackageName().equals("dev.sluice.yaml.types")) {
                mine.add(t.name());
            }
        });
        assertEquals(new TreeSet<>(List.of("batch", "filter", "map", "message", "print", "rate.limit", "switch", "unique",
                "window.aggregate")), mine);
    }

    @Test
    void batch_bySize_byBytes_andByKey() throws Exception {
        assertEquals(List.of(List.of("a", "b"), List.of("c")),
                NodeTypeKit.of(type("batch")).option("size", "2").input("a", "b", "c").check(), "the rest at the end");
        assertEquals(List.of(List.of("ab", "é"), List.of("cdefgh"), List.of("i")),
                NodeTypeKit.of(type("batch")).option("bytes", "4").input("ab", "é", "cdefgh", "i").check(),
                "é is two bytes, which ends the first batch at four; six bytes are a batch of their own");
        Row a1 = Row.of(Map.of("k", "a", "n", 1));
        Row b1 = Row.of(Map.of("k", "b", "n", 2));
        Row a2 = Row.of(Map.of("k", "a", "n", 3));
        assertEquals(List.of(List.of(a1, a2), List.of(b1)),
                NodeTypeKit.of(type("batch")).option("size", "2").option("key", "k").input(a1, b1, a2).check());
        assertEquals(List.of(List.of(a1, a2), List.of(b1)), NodeTypeKit.of(type("batch")).option("size", "2")
                .option("key-expression", "row.n % 2").input(a1, b1, a2).check());
    }

    @Test
    void filter_unique_rateLimit() throws Exception {
        Row ada = Row.of(Map.of("name", "Ada", "born", 1815));
        Row grace = Row.of(Map.of("name", "Grace", "born", 1906));
        assertEquals(List.of(grace), NodeTypeKit.of(type("filter")).option("field", "born").option("op", ">")
                .option("value", "1900").input(ada, grace).check());
        assertEquals(List.of(grace), NodeTypeKit.of(type("filter")).option("expression", "row.born > 1900")
                .input(ada, grace, Row.of(Map.of("name", "Nobody"))).check(), "a row without the field is dropped");
        assertEquals(List.of(ada, grace), NodeTypeKit.of(type("unique")).option("key", "name")
                .input(ada, grace, ada).check());
        assertEquals(List.of(ada, grace), NodeTypeKit.of(type("unique")).option("key-expression", "row.name.lowerAscii()")
                .option("ttl", "1h").option("max-size", 10).input(ada, grace, Row.of(Map.of("name", "ADA", "born", 0)))
                .check(), "a key computed by an expression, remembered for an hour");
        assertEquals(List.of("x", "y"), NodeTypeKit.of(type("rate.limit")).option("interval", "1ms").input("x", "y").check());
    }

    @Test
    void windowAggregate_andMessage() throws Exception {
        Row a = Row.of(Map.of("k", "a", "v", 1, "at", "2026-01-01T00:00:01Z"));
        Row b = Row.of(Map.of("k", "a", "v", 3, "at", "2026-01-01T00:00:02Z"));
        Row window = new Row();
        window.put("key", "a");
        window.put("start", java.time.Instant.parse("2026-01-01T00:00:00Z"));
        window.put("end", java.time.Instant.parse("2026-01-01T00:01:00Z"));
        window.put("sum", 4L);
        assertEquals(List.of(window), NodeTypeKit.of(type("window.aggregate")).option("size", "1m")
                .option("key", "k").option("value", "v").option("function", "sum").option("time", "at").input(a, b).check());
        assertEquals(List.of(Pair.of("a", "1")), NodeTypeKit.of(type("message")).option("key", "k").option("value", "v")
                .input(a).check());
        assertEquals(List.of(Pair.of("a/1", "{\"k\":\"a\",\"twice\":2}")), NodeTypeKit.of(type("message"))
                .option("key-expression", "row.k + '/' + string(row.v)")
                .option("value-expression", "{'k': row.k, 'twice': row.v * 2}").input(a).check(),
                "the key (and so the partition) and the value computed");
    }

    @Test
    void map() throws Exception {
        Row ada = Row.of(Map.of("name", "Ada", "born", 1815));
        Row shaped = new Row();
        shaped.put("name", "Ada");
        shaped.put("age", 211L);
        assertEquals(List.of(shaped), NodeTypeKit.of(type("map")).option("set", Map.of("age", "2026 - row.born"))
                .option("remove", List.of("born")).input(ada).check());
        assertEquals(List.of(Row.of(Map.of("line", "a b"))), NodeTypeKit.of(type("map"))
                .option("expression", "{'line': item}").input("a b").check());
    }

    @Test
    void switch_routesEachItemToTheFirstCaseThatHolds() throws Exception {
        Row hot = Row.of(Map.of("temp", 35));
        Row cold = Row.of(Map.of("temp", -3));
        Row mild = Row.of(Map.of("temp", 20));
        Row none = Row.of(Map.of("site", "x"));
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("hot", "row.temp > 30");
        cases.put("cold", "row.temp < 0");
        cases.put("warm", "row.temp > 10");
        assertEquals(List.of(Pair.of("hot", hot), Pair.of("cold", cold), Pair.of("warm", mild), Pair.of("default", none)),
                NodeTypeKit.of(type("switch")).option("cases", cases).input(hot, cold, mild, none).check());
    }

    @Test
    void print() throws Exception {
        assertEquals(List.of(), NodeTypeKit.of(type("print")).option("prefix", "> ").input("to stdout").check());
    }
}
