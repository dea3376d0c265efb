package dev.sluice.files.nodes;

import dev.sluice.files.Csv;
import dev.sluice.nodetype.InvalidOptionException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code csv.parse}'s {@code types}: a column's type written {@code int}, {@code double},
 * {@code bool}, {@code text} or {@code time}, then {@code ?} when it may be empty (null), or
 * {@code = VALUE} for the value an empty field takes. A column not named stays text.
 */
final class ColumnTypes {
    private static final Pattern SPEC = Pattern.compile("\\s*(int|double|bool|text|time)\\s*(\\?|=\\s*(.*))?\\s*");

    private ColumnTypes() {}

    /** Each typed column's converter on {@code parser}. */
    static void apply(Map<String, String> types, Csv.Builder parser) {
        types.forEach((column, spec) -> parser.column(column, converter(column, spec)));
    }

    /**
     * The converter a spec stands for.
     *
     * @throws InvalidOptionException naming the column whose type is not one
     */
    static Function<String, Object> converter(String column, String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new InvalidOptionException("types", column, -1, "'" + spec + "' is not a column type: int, double,"
                    + " bool, text or time, then '?' if it may be empty, or '= VALUE' for an empty field's value");
        }
        Function<String, Object> convert = switch (m.group(1)) {
            case "int" -> text -> Long.parseLong(text.trim());
            case "double" -> text -> Double.parseDouble(text.trim());
            case "bool" -> ColumnTypes::bool;
            case "time" -> ColumnTypes::time;
            default -> text -> text;
        };
        boolean optional = m.group(2) != null;
        Object fallback;
        if (m.group(3) != null) {
            try {
                fallback = convert.apply(m.group(3));
            } catch (RuntimeException e) {
                throw new InvalidOptionException("types", column, m.start(3), "the default '" + m.group(3) + "' is not "
                        + m.group(1) + ": " + (e instanceof NumberFormatException ? "not a number" : e.getMessage()));
            }
        } else {
            fallback = null;
        }
        String type = m.group(1);
        return text -> {
            if (text.isEmpty()) {
                if (optional) {
                    return fallback;
                }
                throw new IllegalArgumentException("empty, and the column is not optional (write '" + type + "?' for"
                        + " null, or '" + type + " = VALUE')");
            }
            return convert.apply(text);
        };
    }

    private static Boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not true or false (nor yes, no, 1, 0)");
        };
    }

    private static Instant time(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 time like 2026-01-01T10:00:00Z");
        }
    }
}
