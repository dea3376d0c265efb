package dev.sluice;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row of named fields: the one record type of pipeline files ({@code csv.parse},
 * {@code json.decode}, {@code avro.decode}, the sources' {@code as: row}): a map in field order
 * whose text is a JSON object. Sinks write items as text, so a row reaching {@code print}, {@code files.write},
 * {@code kafka.write}, {@code mqtt.publish}, {@code log.append} or a dead-letter file is written as
 * JSON, which other tools can read, rather than as Java's {@code {a=1}}.
 *
 * <p>Equal to any map with the same entries. A node type that makes rows makes them with
 * {@link #Row()} or {@link #of(Map)}; one that reads fields reads them with {@link #field}.
 */
public final class Row extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    /** An empty row. */
    public Row() {}

    /** A row of {@code fields}, in their iteration order. */
    public static Row of(Map<String, ?> fields) {
        Row row = new Row();
        row.putAll(fields);
        return row;
    }

    /**
     * The value of field {@code name} of {@code item}, a row or another map; a dotted name
     * ({@code reading.celsius}) reaches into nested rows when no field has the whole name.
     *
     * @throws IllegalArgumentException naming the field and the item when there is no such field,
     *     or the item is not a row
     */
    public static Object field(Object item, String name) {
        if (item instanceof Map<?, ?> map) {
            if (map.containsKey(name)) {
                return map.get(name);
            }
            Object at = map;
            for (String part : name.split("\\.", -1)) {
                if (!(at instanceof Map<?, ?> m) || !m.containsKey(part)) {
                    at = null;
                    break;
                }
                at = m.get(part);
            }
            if (at != null) {
                return at;
            }
            throw new IllegalArgumentException("no field '" + name + "' in " + json(item));
        }
        throw new IllegalArgumentException("not a row, so it has no field '" + name + "': " + text(item));
    }

    /** This row as a JSON object, nested maps and collections included. */
    @Override
    public String toString() {
        return json(this);
    }

    /**
     * {@code value} as JSON text: maps as objects (keys as text), collections and arrays as
     * arrays, numbers and booleans as they are, null as {@code null}, and anything else (text,
     * times, enums) as a string of its {@code toString()}. Numbers JSON cannot hold (NaN,
     * infinities) are written as strings.
     */
    public static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    /**
     * A field's value as the text a sink writes for it: a nested row, map, collection or array as
     * its JSON, anything else as {@code String.valueOf}, null as null.
     */
    public static String text(Object value) {
        return value == null ? null
                : value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]
                        ? json(value) : String.valueOf(value);
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Double d when d.isNaN() || d.isInfinite() -> string(out, d.toString());
            case Float f when f.isNaN() || f.isInfinite() -> string(out, f.toString());
            case Number n -> out.append(n);
            case Map<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(':');
                    write(out, e.getValue());
                }
                out.append('}');
            }
            case Collection<?> c -> {
                out.append('[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(out, o);
                }
                out.append(']');
            }
            case Object[] a -> write(out, java.util.Arrays.asList(a));
            default -> string(out, value.toString());
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
