package dev.sluice.cel;

import static dev.sluice.expression.ExpressionLanguage.ResultType.VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Row;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path against CEL itself: every expression of the subset, on rows of seeded random
 * values chosen for the edges (missing fields, null, NaN, -0.0, the largest longs, numbers in
 * text, text beyond the BMP), gives the same value, or the same error with the same reason and
 * words, as CEL's program alone.
 */
class FastPathTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    private final CelExpressionLanguage fast = new CelExpressionLanguage(CLOCK, true);
    private final CelExpressionLanguage celOnly = new CelExpressionLanguage(CLOCK, false);

    private static final List<String> SUBSET = List.of(
            "row.a > row.b", "row.a >= 30.5", "row.a < row.b", "row.a <= 1", "row.a == row.b", "row.a != row.b",
            "row.a + row.b", "row.a - row.b", "row.a * row.b", "row.a / row.b", "-row.a", "!row.c",
            "row.c && row.a > 1", "row.c || row.a > 1", "has(row.a) ? row.a : 0", "int(row.s) + 1",
            "double(row.s) * 2.0", "double(row.a) * 1.8 + 32.0", "int(row.a)", "size(row.s)", "row.s + 'x'",
            "row.s < row.t", "row.s == row.t", "{'x': row.a, 'y': row.s, 'z': has(row.b)}", "row.n.a > 1",
            "row.a == null", "item == 'x'", "has(row.n.a) && row.n.a == row.a", "row.c == true",
            "row.temp_f > 100.0 && row.site == 'x'");

    private static final Object MISSING = new Object();

    private static Object value(Random random) {
        Object[] choices = {MISSING, null, 0, 1, -7, 31, 12L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, (1L << 53) + 1,
            0.0, -0.0, 30.5, 1e300, Double.NaN, Double.POSITIVE_INFINITY, (double) (1L << 60), "12", "-3", "1.5", "007",
            "hot", "", "x", "é", "\uD83D\uDE00", "\uFFFF", true, false};
        Object v = choices[random.nextInt(choices.length)];
        if (random.nextInt(12) == 0) {
            Row nested = new Row();
            Object inner = choices[random.nextInt(choices.length)];
            if (inner != MISSING) {
                nested.put("a", inner);
            }
            return nested;
        }
        return v;
    }

    @Test
    void everyExpressionOfTheSubset_isOnTheFastPath() {
        for (String source : SUBSET) {
            assertTrue(((CelExpression) fast.compile(source, VALUE)).onFastPath(), source);
        }
        assertFalse(((CelExpression) fast.compile("row.name.upperAscii()", VALUE)).onFastPath(), "a member call is CEL's");
        assertFalse(((CelExpression) fast.compile("row.a % 2", VALUE)).onFastPath());
    }

    @Test
    void theFastPath_agreesWithCel_onSeededRandomRows() {
        Random random = new Random(20261207L);
        int compared = 0;
        for (String source : SUBSET) {
            Expression quick = fast.compile(source, VALUE);
            Expression reference = celOnly.compile(source, VALUE);
            for (int i = 0; i < 400; i++) {
                Row row = new Row();
                for (String field : List.of("a", "b", "c", "s", "t", "n", "temp_f", "site")) {
                    Object v = value(random);
                    if (v != MISSING) {
                        row.put(field, v);
                    }
                }
                Object item = random.nextInt(10) == 0 ? "x" : row;
                assertEquals(outcome(reference, item), outcome(quick, item), source + " on " + item);
                compared++;
            }
        }
        assertEquals(SUBSET.size() * 400, compared);
    }

    /** The value, or the error's reason and message, in a form equals compares exactly. */
    private static Object outcome(Expression e, Object item) {
        try {
            Object v = e.evaluate(item);
            return v instanceof Map<?, ?> m ? new ArrayList<>(m.entrySet()) : v;
        } catch (ExpressionException x) {
            return x.reason() + ": " + x.getMessage();
        }
    }
}
