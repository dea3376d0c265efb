package dev.sluice.json.nodes;

import dev.sluice.Pair;
import dev.sluice.Processor;
import dev.sluice.Row;
import dev.sluice.json.JsonCodec;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.ProcessorType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * {@code json.decode} and {@code json.encode}: JSON text to rows the other nodes read fields of,
 * and back. Messages from Kafka, MQTT or the log are often JSON; decoded, {@code filter},
 * {@code unique} and {@code window.aggregate} reach their fields (nested ones by dotted names).
 */
public final class JsonTypes {
    private JsonTypes() {}

    /** {@code json.decode}: a JSON object per item to a row; anything else is an error for the node's policy. */
    public static final class Decode extends AbstractNodeType implements ProcessorType {
        /** For the service loader. */
        public Decode() {
            super("json.decode",
                    "parses each item, a JSON object as text, into a row whose fields other nodes read (a.b for nested ones)",
                    OptionSpec.optional("field", OptionType.STRING, "",
                            "empty: the item is the JSON text; else the field of a row holding it (value, payload),"
                                    + " decoded in place"));
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            JsonCodec<Map<String, Object>> codec = JsonCodec.map();
            String field = o.string("field");
            // a CodecException names what is wrong; the node's error policy decides (dead letters keep the item)
            if (field.isEmpty()) {
                return (item, out) -> out.emit(Row.of(codec.decode(bytes(item))));
            }
            return (item, out) -> {
                Object json = Row.field(item, field);
                Row row = Row.of(asRow(item));
                row.put(field, codec.decode(bytes(json)));
                out.emit(row);
            };
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return o.string("field").isEmpty() ? Set.of(ItemType.TEXT, ItemType.BYTES) : Set.of(ItemType.ROW);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.ROW;
        }

        private static byte[] bytes(Object text) {
            return text instanceof byte[] b ? b : String.valueOf(text).getBytes(StandardCharsets.UTF_8);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> asRow(Object item) {
            return (Map<String, Object>) item; // Row.field found a field in it: it is a map
        }
    }

    /**
     * {@code json.encode}: each item as JSON text, a row as an object of its fields. With
     * {@code key}, a keyed message instead: (the field's text, the JSON), which {@code kafka.write}
     * sends as the record's key and value.
     */
    public static final class Encode extends AbstractNodeType implements ProcessorType {
        /** For the service loader. */
        public Encode() {
            super("json.encode",
                    "writes each item as JSON text: rows (from csv.parse or json.decode) as objects of their fields",
                    OptionSpec.optional("key", OptionType.STRING, "",
                            "a field whose text keys the message, for kafka.write (records of one key stay in order)"),
                    OptionSpec.optional("key-expression", OptionType.STRING, null,
                            "an expression whose value's text keys the message, instead of 'key'"));
        }

        @Override
        public void check(NodeOptions o) {
            key(o);
        }

        /** The key of each item, or null for none; refuses a field and an expression together. */
        private static java.util.function.Function<Object, String> key(NodeOptions o) {
            if (o.has("key-expression") && !o.string("key").isEmpty()) {
                throw new IllegalArgumentException("give 'key' (a field) or 'key-expression', not both");
            }
            if (o.has("key-expression")) {
                var x = dev.sluice.expression.ExpressionLanguage.compileOption("key-expression", null,
                        o.string("key-expression"), dev.sluice.expression.ExpressionLanguage.ResultType.VALUE);
                return item -> Row.text(x.evaluate(item));
            }
            String key = o.string("key");
            return key.isEmpty() ? null : item -> String.valueOf(Row.field(item, key));
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            JsonCodec<Object> codec = JsonCodec.of(Object.class);
            var key = key(o);
            return (item, out) -> {
                String json = new String(codec.encode(item), StandardCharsets.UTF_8);
                out.emit(key == null ? json : Pair.of(key.apply(item), json));
            };
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return o.string("key").isEmpty() ? Set.of(ItemType.ANY) : Set.of(ItemType.ROW);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return o.string("key").isEmpty() && !o.has("key-expression") ? ItemType.TEXT : ItemType.MESSAGE;
        }
    }
}
