package dev.sluice.yaml.types;

import dev.sluice.Pair;
import dev.sluice.Pipe;
import dev.sluice.Row;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.util.Set;

/**
 * {@code message}: a row to the message the sinks send: one field's text as its value (or the
 * whole item), another field's text as its key. {@code kafka.read as: row} into {@code message}
 * with {@code key: key, value: value} into {@code kafka.write} copies records with their keys,
 * tombstones included (a null value stays null).
 */
public final class Message extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public Message() {
        super("message", "makes each row a message for the sinks: a field as its value, another as its key",
                OptionSpec.optional("value", OptionType.STRING, "",
                        "the field holding the message (value, payload); empty: the item itself, a row as JSON"),
                OptionSpec.optional("key", OptionType.STRING, "",
                        "the field whose text keys the message: kafka.write's record key, log.append's entry key,"
                                + " mqtt.publish's {key}, cache.write's key; empty: no key"));
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        String value = o.string("value");
        String key = o.string("key");
        return input.map(item -> {
            Object v = value.isEmpty() ? (item instanceof byte[] ? item : String.valueOf(item))
                    : Row.text(Row.field(item, value));
            if (key.isEmpty()) {
                if (v == null) {
                    throw new IllegalArgumentException("field '" + value + "' is null, and a message without a key"
                            + " cannot be a tombstone: " + item);
                }
                return v;
            }
            return Pair.of(Row.text(Row.field(item, key)), v);
        });
    }

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return o.string("value").isEmpty() && o.string("key").isEmpty() ? Set.of(ItemType.ANY) : Set.of(ItemType.ROW);
    }

    @Override
    public ItemType produces(NodeOptions o) {
        return !o.string("key").isEmpty() ? ItemType.MESSAGE : o.string("value").isEmpty() ? ItemType.ANY : ItemType.TEXT;
    }
}
