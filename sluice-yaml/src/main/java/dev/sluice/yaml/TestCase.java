package dev.sluice.yaml;

import dev.sluice.Row;
import java.time.Duration;
import java.util.List;

/**
 * One case of a test file: the nodes it runs (one, or a path each feeding the next), the input
 * items as text, and what the last node must emit or the error it must raise.
 */
record TestCase(String name, String where, List<String> path, List<String> input, List<Expected> expect,
        String expectError, long limit, Duration timeout) {

    /**
     * One expected output: text, compared with the item's text (a row's is its JSON), or a row
     * written as a YAML mapping, compared field by field with every value as text, so that
     * {@code celsius: 1} matches a JSON number and a CSV column alike.
     */
    record Expected(String text, Object row) {
        boolean matches(Object item) {
            return row == null ? text.equals(String.valueOf(item)) : row.equals(loose(item));
        }

        @Override
        public String toString() {
            return row == null ? text : Row.json(row);
        }
    }

    /**
     * An item with every leaf value as text, numbers in one form ({@code 12.0} and {@code 12} alike):
     * maps and lists keep their shape.
     */
    static Object loose(Object item) {
        if (item instanceof java.util.Map<?, ?> m) {
            Row row = new Row();
            m.forEach((k, v) -> row.put(String.valueOf(k), loose(v)));
            return row;
        }
        if (item instanceof java.util.Collection<?> c) {
            return c.stream().map(TestCase::loose).toList();
        }
        return item == null ? null : canonical(String.valueOf(item));
    }

    /** A number's text in one form, so that a YAML {@code 12} matches a JSON {@code 12.0}; other text as it is. */
    static String canonical(String text) {
        try {
            return new java.math.BigDecimal(text.trim()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
