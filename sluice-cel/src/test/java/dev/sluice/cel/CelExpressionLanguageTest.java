package dev.sluice.cel;

import static dev.sluice.expression.ExpressionLanguage.ResultType.BOOLEAN;
import static dev.sluice.expression.ExpressionLanguage.ResultType.ROW;
import static dev.sluice.expression.ExpressionLanguage.ResultType.VALUE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Row;
import dev.sluice.expression.ExpressionException;
import dev.sluice.expression.ExpressionLanguage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelExpressionLanguageTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    private final ExpressionLanguage cel = new CelExpressionLanguage(Clock.fixed(NOW, ZoneOffset.UTC));

    private Object eval(String source, Object item) {
        return cel.compile(source, VALUE).evaluate(item);
    }

    private static Row row(Object... fieldsAndValues) {
        Row row = new Row();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            row.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void theInstalledLanguage_isCel() {
        assertEquals("CEL", ExpressionLanguage.installed().orElseThrow().name());
    }

    @Test
    void numbersOfEveryJavaKind_areCelNumbers_andKindsCompare() {
        Row r = row("i", 31, "l", 31L, "d", 30.5, "s", (short) 2, "f", 1.5f, "big", BigInteger.TEN, "name", "Ada");
        assertEquals(true, eval("row.i > 30.5 && row.l == 31 && row.d < 31", r), "an Integer from a JSON parser is an int");
        assertEquals(62L, eval("row.i * 2", r));
        assertEquals(3.0, eval("row.f * 2.0", r));
        assertEquals(12L, eval("row.big + row.s", r));
        assertEquals("ADA", eval("row.name.upperAscii()", r));
        assertEquals(true, eval("has(row.name) && !has(row.site)", r));
        assertEquals("none", eval("row.?site.orValue('none')", r), "optional fields");
    }

    @Test
    void aNewRow_isARowOfEngineValues_inTheOrderWritten() {
        Object out = cel.compile("{'site': row.site, 'temp_f': double(row.temp) * 1.8 + 32.0, 'tags': [1, 'a'],"
                + " 'nothing': null, 'inner': {'x': row.temp}, 'raw': b'ab'}", ROW).evaluate(row("site", "x", "temp", 100));
        Row made = assertInstanceOf(Row.class, out);
        assertEquals(List.of("site", "temp_f", "tags", "nothing", "inner", "raw"), List.copyOf(made.keySet()));
        assertEquals(212.0, made.get("temp_f"));
        assertEquals(List.of(1L, "a"), made.get("tags"));
        assertNull(made.get("nothing"));
        assertEquals(Row.of(Map.of("x", 100L)), made.get("inner"));
        assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), (byte[]) made.get("raw"));
    }

    @Test
    void nestedRowsAndLists_areRead() {
        Map<String, Object> reading = new LinkedHashMap<>(Map.of("celsius", 21));
        Row r = row("reading", reading, "tags", List.of("a", 2), "bytes", new byte[] {104, 105});
        assertEquals(true, eval("row.reading.celsius == 21 && row.tags[1] == 2 && 'a' in row.tags", r));
        assertEquals(2L, eval("size(row.bytes)", r));
        assertEquals(2L, eval("row.tags.filter(t, type(t) == int)[0]", r));
    }

    @Test
    void theItemItself_isInScope_forItemsThatAreNotRows() {
        assertEquals(true, eval("item.contains('ERROR')", "2026 ERROR disk"));
        assertEquals(0L, eval("size(row)", "text has no fields"));
        assertEquals(42L, eval("item + 1", 41));
    }

    @Test
    void helpers_time_hashes() {
        assertEquals(NOW, eval("now()", row()));
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), eval("parse_time(row.at, 'dd/MM/yyyy HH:mm')", row("at", "01/05/2024 10:00")));
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), eval("parse_time('2024-05-01', 'yyyy-MM-dd')", row()));
        assertEquals("2026-12-07 10:15", eval("format_time(now(), 'yyyy-MM-dd HH:mm')", row()));
        assertEquals(10L, eval("timestamp('2024-05-01T10:00:00Z').getHours()", row()));
        assertEquals("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", eval("sha256('foo')", row()));
        assertEquals(CelFunctions.hash("ada"), eval("hash(row.name)", row("name", "ada")));
        assertEquals(0xaf63dc4c8601ec8cL, CelFunctions.hash("a"), "FNV-1a 64, as published");
        ExpressionException e = assertThrows(ExpressionException.class, () -> eval("parse_time('x', 'yyyy')", row()));
        assertEquals("parse_time: 'x' does not match the pattern 'yyyy' (in 'parse_time('x', 'yyyy')')", e.getMessage());
    }

    @Test
    void aMissingField_andAWrongType_failDifferently_withTheirPlace() {
        var condition = cel.compile("row.temp > 30 && row.site == 'x'", BOOLEAN);
        ExpressionException missing = assertThrows(ExpressionException.class, () -> condition.evaluate(row("site", "x")));
        assertEquals(ExpressionException.Reason.MISSING_FIELD, missing.reason());
        assertEquals("no field 'temp' (in 'row.temp > 30 && row.site == 'x'')", missing.getMessage());
        ExpressionException wrong = assertThrows(ExpressionException.class,
                () -> condition.evaluate(row("temp", "hot", "site", "x")));
        assertEquals(ExpressionException.Reason.FAILED, wrong.reason());
        assertTrue(wrong.getMessage().startsWith("no way to apply '>' to values of these types"), wrong.getMessage());
        assertEquals(9, wrong.offset(), "at the operator");
        assertEquals(false, condition.evaluate(row("temp", 31, "site", "y")), "'&&' of false and an error is false");
        ExpressionException notANumber = assertThrows(ExpressionException.class, () -> eval("int(row.t)", row("t", "hot")));
        assertEquals("'hot' is not a number (in 'int(row.t)')", notANumber.getMessage());
    }

    @Test
    void anInvalidExpression_saysWhatAndWhere() {
        ExpressionException unknown = assertThrows(ExpressionException.class, () -> cel.compile("row.temp > 30 && sit == 'x'", BOOLEAN));
        assertEquals(ExpressionException.Reason.INVALID, unknown.reason());
        assertEquals(17, unknown.offset());
        assertEquals("""
                unknown name 'sit': the item is 'row' (a field of it: row.sit) or 'item'; the functions are listed in docs/pipelines.md
                    row.temp > 30 && sit == 'x'
                                     ^""", unknown.withCaret());
        ExpressionException syntax = assertThrows(ExpressionException.class, () -> cel.compile("row.temp >", BOOLEAN));
        assertEquals(10, syntax.offset());
        assertTrue(syntax.getMessage().startsWith("mismatched input '<EOF>'"), syntax.getMessage());
        ExpressionException types = assertThrows(ExpressionException.class, () -> cel.compile("'a' + 1", VALUE));
        assertTrue(types.getMessage().startsWith("found no matching overload for '+' applied to '(string, int)'"),
                types.getMessage());
        ExpressionException notBoolean = assertThrows(ExpressionException.class, () -> cel.compile("row.name + 'x'", BOOLEAN));
        assertEquals("the expression must give true or false, but gives string", notBoolean.getMessage());
        ExpressionException notRow = assertThrows(ExpressionException.class, () -> cel.compile("[row.a]", ROW));
        assertEquals("the expression must give a row (a map like {\"name\": row.name}), but gives list(dyn)", notRow.getMessage());
        ExpressionException secondLine = assertThrows(ExpressionException.class, () -> cel.compile("{'a': row.a,\n 'b': nope}", ROW));
        assertEquals(19, secondLine.offset());
        assertTrue(secondLine.withCaret().endsWith("\n     'b': nope}\n          ^"), secondLine.withCaret());
    }

    @Test
    void loopsAreBounded() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> eval("row.xs.all(a, row.xs.all(b, row.xs.all(c, true)))", row("xs", java.util.Collections.nCopies(100, 1))));
        assertEquals(ExpressionException.Reason.FAILED, e.reason());
    }
}
