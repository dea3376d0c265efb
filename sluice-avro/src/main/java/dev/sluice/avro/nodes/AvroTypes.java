package dev.sluice.avro.nodes;

import dev.sluice.Pair;
import dev.sluice.Processor;
import dev.sluice.Row;
import dev.sluice.avro.AvroCodec;
import dev.sluice.json.JsonCodec;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.ProcessorType;
import java.util.Set;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/**
 * {@code avro.decode} and {@code avro.encode}: Avro binary messages to rows and back, with the
 * schema of an {@code .avsc} file (see {@link AvroCodec}). Binary items come from a source's
 * {@code as: bytes} and go to {@code kafka.write}, {@code mqtt.publish} or {@code log.append} as
 * they are. A keyed message keeps its key.
 */
public final class AvroTypes {
    private AvroTypes() {}

    private static final OptionSpec SCHEMA = OptionSpec.required("schema", OptionType.PATH,
            "the Avro schema (.avsc) of the messages");
    private static final OptionSpec SINGLE_OBJECT = OptionSpec.optional("single-object", OptionType.BOOLEAN, "false",
            "Avro's single-object encoding (C3 01, the schema's fingerprint, then the datum), as generated classes'"
                    + " toByteBuffer() writes it; false: the datum alone");

    /** {@code avro.decode}: each item, Avro binary, to a row of the record's fields. */
    public static final class Decode extends AbstractNodeType implements ProcessorType {
        /** For the service loader. */
        public Decode() {
            super("avro.decode",
                    "decodes each item, an Avro binary message (a source's as: bytes), into a row of its fields",
                    SCHEMA, SINGLE_OBJECT,
                    OptionSpec.optional("written-with", OptionType.PATH, null,
                            "an older version of the schema the messages were written with: added fields get their"
                                    + " defaults (plain messages; single-object ones name their own schema)"));
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            Schema schema = AvroCodec.parse(o.path("schema"));
            AvroCodec<GenericRecord> codec = AvroCodec.generic(schema);
            if (o.bool("single-object")) {
                codec = o.has("written-with") ? codec.singleObject(AvroCodec.parse(o.path("written-with")))
                        : codec.singleObject();
            } else if (o.has("written-with")) {
                codec = codec.writtenWith(AvroCodec.parse(o.path("written-with")));
            }
            AvroCodec<GenericRecord> c = codec;
            // a CodecException names what is wrong; the node's error policy decides (dead letters keep the item)
            return (item, out) -> out.emit(item instanceof Pair<?, ?> keyed
                    ? Pair.of(keyed.first(), toRow(c.decode(bytes(keyed.second()))))
                    : toRow(c.decode(bytes(item))));
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.BYTES, ItemType.MESSAGE);
        }

        /** Rows, or keyed messages of rows when the input was keyed. */
        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.ANY;
        }

        private static byte[] bytes(Object item) {
            if (item instanceof byte[] b) {
                return b;
            }
            throw new IllegalArgumentException("avro.decode takes binary messages (as: bytes on the source), not "
                    + (item instanceof Map<?, ?> ? "a row" : "text") + ": " + item);
        }
    }

    /** {@code avro.encode}: each row (or JSON object as text) to an Avro binary message of the schema. */
    public static final class Encode extends AbstractNodeType implements ProcessorType {
        /** For the service loader. */
        public Encode() {
            super("avro.encode",
                    "encodes each row (csv.parse, json.decode, avro.decode) or JSON object as an Avro binary message;"
                            + " text values are converted to the schema's types",
                    SCHEMA, SINGLE_OBJECT);
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            Schema schema = AvroCodec.parse(o.path("schema"));
            if (schema.getType() != Schema.Type.RECORD) {
                throw new IllegalArgumentException("node '" + o.nodeName() + "': the schema " + o.path("schema")
                        + " is a " + schema.getType().getName() + ", not a record: rows are records");
            }
            AvroCodec<GenericRecord> codec = o.bool("single-object") ? AvroCodec.generic(schema).singleObject()
                    : AvroCodec.generic(schema);
            JsonCodec<Map<String, Object>> json = JsonCodec.map();
            return (item, out) -> {
                Object value = item instanceof Pair<?, ?> keyed ? keyed.second() : item;
                Map<?, ?> fields = switch (value) {
                    case Map<?, ?> m -> m;
                    case String text -> json.decode(text.getBytes(StandardCharsets.UTF_8));
                    case null, default -> throw new IllegalArgumentException(
                            "avro.encode takes rows or JSON objects, not " + value);
                };
                byte[] encoded = codec.encode(record(fields, schema, ""));
                out.emit(item instanceof Pair<?, ?> keyed ? Pair.of(keyed.first(), encoded) : encoded);
            };
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.ROW, ItemType.TEXT, ItemType.MESSAGE);
        }

        /** Binary messages, or keyed messages of them when the input was keyed. */
        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.ANY;
        }
    }

    /** A decoded value as rows know values: records and maps as rows, text as String, bytes as base64. */
    static Object toRow(Object v) {
        return switch (v) {
            case null -> null;
            case GenericRecord r -> {
                Row row = new Row();
                for (Schema.Field f : r.getSchema().getFields()) {
                    row.put(f.name(), toRow(r.get(f.pos())));
                }
                yield row;
            }
            case Map<?, ?> m -> {
                Row row = new Row();
                m.forEach((k, x) -> row.put(String.valueOf(k), toRow(x)));
                yield row;
            }
            case Collection<?> c -> c.stream().map(AvroTypes::toRow).toList();
            case ByteBuffer b -> Base64.getEncoder().encodeToString(bytesOf(b));
            case GenericFixed f -> Base64.getEncoder().encodeToString(f.bytes());
            case Number n -> n;
            case Boolean b -> b;
            default -> v.toString(); // Utf8, enum symbols
        };
    }

    private static byte[] bytesOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** A row's fields as a record of {@code schema}; fields it lacks take their defaults. */
    private static GenericRecord record(Map<?, ?> fields, Schema schema, String path) {
        GenericRecordBuilder builder = new GenericRecordBuilder(schema);
        for (Schema.Field f : schema.getFields()) {
            if (fields.containsKey(f.name())) {
                builder.set(f, convert(fields.get(f.name()), f.schema(), path + f.name()));
            } else if (!f.hasDefaultValue()) {
                throw new IllegalArgumentException("no field '" + path + f.name() + "', which the schema "
                        + schema.getFullName() + " requires (it has no default)");
            }
        }
        return builder.build();
    }

    /** {@code v} as a value of {@code s}: text is parsed, as CSV columns are text. */
    private static Object convert(Object v, Schema s, String field) {
        try {
            return switch (s.getType()) {
                case UNION -> union(v, s, field);
                case NULL -> {
                    if (v != null) {
                        throw new IllegalArgumentException("not null");
                    }
                    yield null;
                }
                case STRING -> text(v);
                case INT -> v instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(text(v).trim());
                case LONG -> v instanceof Number n ? n.longValue() : Long.parseLong(text(v).trim());
                case DOUBLE -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(text(v).trim());
                case FLOAT -> v instanceof Number n ? n.floatValue() : Float.parseFloat(text(v).trim());
                case BOOLEAN -> v instanceof Boolean b ? b : switch (text(v).trim()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("not true or false");
                };
                case ENUM -> {
                    String symbol = text(v);
                    if (!s.hasEnumSymbol(symbol)) {
                        throw new IllegalArgumentException("not one of " + s.getEnumSymbols());
                    }
                    yield new GenericData.EnumSymbol(s, symbol);
                }
                case BYTES -> ByteBuffer.wrap(Base64.getDecoder().decode(text(v)));
                case FIXED -> new GenericData.Fixed(s, Base64.getDecoder().decode(text(v)));
                case RECORD -> record(asMap(v), s, field + ".");
                case ARRAY -> {
                    if (!(v instanceof Collection<?> c)) {
                        throw new IllegalArgumentException("not a list");
                    }
                    List<Object> items = new ArrayList<>();
                    int i = 0;
                    for (Object x : c) {
                        items.add(convert(x, s.getElementType(), field + "[" + i++ + "]"));
                    }
                    yield items;
                }
                case MAP -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    asMap(v).forEach((k, x) -> m.put(String.valueOf(k), convert(x, s.getValueType(), field + "." + k)));
                    yield m;
                }
            };
        } catch (FieldException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FieldException("field '" + field + "': " + describe(v) + " is not a valid "
                    + s.getType().getName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    /** The first branch of the union that takes the value; null only where the union allows it. */
    private static Object union(Object v, Schema s, String field) {
        for (Schema branch : s.getTypes()) {
            if ((v == null) != (branch.getType() == Schema.Type.NULL)) {
                continue;
            }
            try {
                return convert(v, branch, field);
            } catch (FieldException e) {
                // the next branch may take it
            }
        }
        throw new FieldException("field '" + field + "': " + describe(v) + " fits none of " + s.getTypes().stream()
                .map(t -> t.getType().getName()).toList(), null);
    }

    private static String text(Object v) {
        if (v == null) {
            throw new IllegalArgumentException("null");
        }
        return Row.text(v);
    }

    private static Map<?, ?> asMap(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException("not an object");
    }

    private static String describe(Object v) {
        return v == null ? "null" : v instanceof String t ? "'" + t + "'" : Row.json(v);
    }

    /** A value that does not fit its field, with the field's path; the first one found is reported. */
    private static final class FieldException extends IllegalArgumentException {
        FieldException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
