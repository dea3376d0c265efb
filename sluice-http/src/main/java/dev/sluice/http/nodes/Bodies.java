package dev.sluice.http.nodes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request and response bodies: JSON in the three shapes clients send (an object, an array of
 * objects, objects one per line), lines of text, or a whole text; and rows written as JSON.
 */
final class Bodies {
    private Bodies() {}

    /** Whole numbers as longs, as the rest of the engine reads them. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** A body that cannot be read: the client hears it with 400, and the line it is on. */
    static final class BadBody extends Exception {
        BadBody(String message) {
            super(message, null, false, false);
        }
    }

    /** The items of a request body, in order: rows for {@code json}, texts for {@code lines} and {@code text}. */
    static List<Object> items(byte[] body, String format) throws BadBody {
        return switch (format) {
            case "json" -> rows(body);
            case "lines" -> lines(body);
            default -> List.of(new String(body, StandardCharsets.UTF_8));
        };
    }

    /** An object, an array of objects, or objects one after another (JSON lines). */
    static List<Object> rows(byte[] body) throws BadBody {
        List<Object> rows = new ArrayList<>();
        try (MappingIterator<Object> values = JSON.readerFor(Object.class).readValues(body)) {
            while (values.hasNextValue()) {
                var at = values.getParser().currentTokenLocation();
                Object value = values.nextValue();
                if (value instanceof List<?> list) {
                    for (Object element : list) {
                        rows.add(row(element, at.getLineNr()));
                    }
                } else {
                    rows.add(row(value, at.getLineNr()));
                }
            }
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadBody("invalid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadBody("cannot read the body: " + e.getMessage());
        }
        return rows;
    }

    private static Row row(Object value, int line) throws BadBody {
        if (value instanceof Map<?, ?> map) {
            Row row = new Row();
            map.forEach((k, v) -> row.put(String.valueOf(k), v));
            return row;
        }
        throw new BadBody("line " + line + ": a JSON object was expected, not " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value instanceof String ? "text" : value instanceof Number ? "a number"
                : value instanceof Boolean ? "true or false" : value instanceof List ? "an array" : "a value";
    }

    /** Lines of UTF-8 text, without their line ends; a last empty line is not one. */
    static List<Object> lines(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<Object> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(text.substring(start, end));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** An item as a request body: a row (or any map, list, number) as JSON, text as it is. */
    static byte[] json(Object item) {
        if (item instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (item instanceof byte[] b) {
            return b;
        }
        try {
            return JSON.writeValueAsBytes(item);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the item as JSON: " + e.getOriginalMessage());
        }
    }

    /** A response's body: parsed JSON when the server says it is JSON, else its text. */
    static Object response(byte[] body, String contentType) {
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json") && body.length > 0) {
            try {
                Object value = JSON.readValue(body, Object.class);
                return value instanceof Map<?, ?> map ? asRow(map) : value;
            } catch (IOException e) {
                throw new IllegalStateException("the response is not the JSON it says it is: "
                        + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static Row asRow(Map<?, ?> map) {
        Row row = new Row();
        map.forEach((k, v) -> row.put(String.valueOf(k), v));
        return row;
    }
}
