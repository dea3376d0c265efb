package dev.sluice.cli;

import dev.sluice.Pair;
import dev.sluice.Processor;
import dev.sluice.config.NodeOptions;
import dev.sluice.config.NodeRole;
import dev.sluice.config.OptionSpec;
import dev.sluice.config.OptionType;
import dev.sluice.config.Row;
import dev.sluice.files.CsvRow;
import dev.sluice.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code json.decode} and {@code json.encode}: JSON text to rows the other nodes read fields of,
 * and back. Messages from Kafka, MQTT or the log are often JSON; decoded, {@code filter},
 * {@code unique} and {@code window.aggregate} reach their fields (nested ones by dotted names).
 */
final class JsonTypes {
    private JsonTypes() {}

    /** {@code json.decode}: a JSON object per item to a row; anything else is an error for the node's policy. */
    public static final class Decode extends BuiltinTypes.Base {
        public Decode() {
            super("json.decode", NodeRole.PROCESSOR,
                    "parses each item, a JSON object as text, into a row whose fields other nodes read (a.b for nested ones)",
                    OptionSpec.optional("field", OptionType.STRING, "",
                            "empty: the item is the JSON text; else the field of a row holding it (value, payload), decoded in place"));
        }

        @Override
        public Object create(NodeOptions o) {
            JsonCodec<Map<String, Object>> codec = JsonCodec.map();
            String field = o.string("field");
            return (Processor<Object, Map<String, Object>>) (item, out) -> {
                // a CodecException names what is wrong; the node's error policy decides (dead letters keep the item)
                if (field.isEmpty()) {
                    out.emit(Row.of(codec.decode(bytes(item))));
                    return;
                }
                Row row = Row.of(item instanceof CsvRow r ? r.values() : asRow(item));
                row.put(field, codec.decode(bytes(OperatorTypes.field(item, field))));
                out.emit(row);
            };
        }

        private static byte[] bytes(Object text) {
            return text instanceof byte[] b ? b : String.valueOf(text).getBytes(StandardCharsets.UTF_8);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> asRow(Object item) {
            if (item instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException("not a row, so it has no fields: " + item);
        }
    }

    /**
     * {@code json.encode}: each item as JSON text; a CSV row as an object of its columns. With
     * {@code key}, a keyed message instead: (the field's text, the JSON), which {@code kafka.write}
     * sends as the record's key and value.
     */
    public static final class Encode extends BuiltinTypes.Base {
        public Encode() {
            super("json.encode", NodeRole.PROCESSOR,
                    "writes each item as JSON text: rows (from csv.parse or json.decode) as objects of their fields",
                    OptionSpec.optional("key", OptionType.STRING, "",
                            "a field whose text keys the message, for kafka.write (records of one key stay in order)"));
        }

        @Override
        public Object create(NodeOptions o) {
            JsonCodec<Object> codec = JsonCodec.of(Object.class);
            String key = o.string("key");
            return (Processor<Object, Object>) (item, out) -> {
                Object value = item instanceof CsvRow row ? row.values() : item;
                String json = new String(codec.encode(value), StandardCharsets.UTF_8);
                out.emit(key.isEmpty() ? json : Pair.of(String.valueOf(OperatorTypes.field(item, key)), json));
            };
        }
    }
}
