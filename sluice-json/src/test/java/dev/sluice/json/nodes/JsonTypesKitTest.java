package dev.sluice.json.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Pair;
import dev.sluice.Row;
import dev.sluice.test.NodeTypeKit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The json.* node types keep the contract every node type keeps. */
class JsonTypesKitTest {
    @Test
    void decode() throws Exception {
        assertEquals(List.of(Row.of(Map.of("a", 1, "b", Map.of("c", true)))),
                NodeTypeKit.of(new JsonTypes.Decode()).input("{\"a\": 1, \"b\": {\"c\": true}}").check());
        assertEquals(List.of(Row.of(Map.of("key", "k", "value", Map.of("a", 1)))),
                NodeTypeKit.of(new JsonTypes.Decode()).option("field", "value")
                        .input(Row.of(Map.of("key", "k", "value", "{\"a\":1}"))).check());
    }

    @Test
    void encode() throws Exception {
        assertEquals(List.of("{\"a\":1}"), NodeTypeKit.of(new JsonTypes.Encode()).input(Row.of(Map.of("a", 1))).check());
        assertEquals(List.of(Pair.of("ada", "{\"name\":\"ada\"}")), NodeTypeKit.of(new JsonTypes.Encode())
                .option("key", "name").input(Row.of(Map.of("name", "ada"))).check());
    }
}
