package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowTest {

    @Test
    void text_isAJsonObject_inFieldOrder_nestedValuesIncluded() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("celsius", 31.5);
        nested.put("at", java.time.Instant.parse("2026-01-01T00:00:00Z"));
        Row row = new Row();
        row.put("sensor", "roof");
        row.put("reading", nested);
        row.put("tags", List.of("a", 2L, false));
        row.put("codes", new Object[] {1, null});
        row.put("none", null);
        assertEquals("{\"sensor\":\"roof\",\"reading\":{\"celsius\":31.5,\"at\":\"2026-01-01T00:00:00Z\"},"
                + "\"tags\":[\"a\",2,false],\"codes\":[1,null],\"none\":null}", row.toString());
    }

    @Test
    void text_escapesWhatJsonStringsMustEscape_andWritesNonFiniteNumbersAsText() {
        Row row = Row.of(Map.of("s", "q\"b\\n\nt\tc\u0001é"));
        assertEquals("{\"s\":\"q\\\"b\\\\n\\nt\\tc\\u0001é\"}", row.toString());
        assertEquals("[\"NaN\",\"-Infinity\",\"Infinity\"]",
                Row.json(Arrays.asList(Double.NaN, Double.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY)));
        assertEquals("{\"1\":\"x\"}", Row.json(Map.of(1, "x")));
    }

    @Test
    void text_writesNestedValuesAsJson_andOthersAsTheyAre() {
        assertEquals("{\"h\":1}", Row.text(Map.of("h", 1)));
        assertEquals("[1,\"a\"]", Row.text(List.of(1, "a")));
        assertEquals("[true]", Row.text(new Object[] {true}));
        assertEquals("12.5", Row.text(12.5));
        assertEquals("plain", Row.text("plain"));
        assertEquals(null, Row.text(null));
    }

    @Test
    void aRow_equalsAnyMapWithTheSameEntries_andKeepsTheirOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("b", 1);
        fields.put("a", 2);
        Row row = Row.of(fields);
        assertEquals(fields, row);
        assertEquals(Map.of("a", 2, "b", 1), row);
        assertEquals(List.of("b", "a"), List.copyOf(row.keySet()));
    }
}
