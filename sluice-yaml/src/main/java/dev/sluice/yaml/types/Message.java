package dev.sluice.yaml.types;

import dev.sluice.Pair;
import dev.sluice.Pipe;
import dev.sluice.Row;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionLanguage;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.util.Set;
import java.util.function.Function;

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
                        "the field whose text keys the message: kafka.write's record key (and so its partition),"
                                + " log.append's entry key, mqtt.publish's {key}, cache.write's key; empty: no key"),
                OptionSpec.optional("key-expression", OptionType.STRING, null,
                        "an expression whose value's text keys the message, instead of 'key': row.site + '/' + row.id"),
                OptionSpec.optional("value-expression", OptionType.STRING, null,
                        "an expression giving the message, instead of 'value': a row or list as JSON, text as it is"));
    }

    @Override
    public void check(NodeOptions o) {
        oneOfEach(o);
        key(o);
        value(o);
    }

    private static void oneOfEach(NodeOptions o) {
        if (o.has("key-expression") && !o.string("key").isEmpty()) {
            throw new IllegalArgumentException("give 'key' (a field) or 'key-expression', not both");
        }
        if (o.has("value-expression") && !o.string("value").isEmpty()) {
            throw new IllegalArgumentException("give 'value' (a field) or 'value-expression', not both");
        }
    }

    /** The key of an item, or null when the messages have none. */
    private static Function<Object, String> key(NodeOptions o) {
        if (o.has("key-expression")) {
            Expression x = Expressions.compile("key-expression", null, o.string("key-expression"),
                    ExpressionLanguage.ResultType.VALUE);
            return item -> Row.text(x.evaluate(item));
        }
        String key = o.string("key");
        return key.isEmpty() ? null : item -> Row.text(Row.field(item, key));
    }

    private static Function<Object, Object> value(NodeOptions o) {
        if (o.has("value-expression")) {
            Expression x = Expressions.compile("value-expression", null, o.string("value-expression"),
                    ExpressionLanguage.ResultType.VALUE);
            return item -> {
                Object v = x.evaluate(item);
                return v == null || v instanceof byte[] ? v : Row.text(v);
            };
        }
        String value = o.string("value");
        return value.isEmpty() ? item -> item instanceof byte[] ? item : String.valueOf(item)
                : item -> Row.text(Row.field(item, value));
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        oneOfEach(o);
        Function<Object, String> key = key(o); // compiled once here; check compiles them only to validate
        Function<Object, Object> value = value(o);
        return input.map(item -> {
            Object v = value.apply(item);
            if (key == null) {
                if (v == null) {
                    throw new IllegalArgumentException("the value is null, and a message without a key"
                            + " cannot be a tombstone: " + item);
                }
                return v;
            }
            return Pair.of(key.apply(item), v);
        });
    }

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return o.string("value").isEmpty() && o.string("key").isEmpty() ? Set.of(ItemType.ANY) : Set.of(ItemType.ROW);
    }

    @Override
    public ItemType produces(NodeOptions o) {
        boolean keyed = !o.string("key").isEmpty() || o.has("key-expression");
        boolean valued = !o.string("value").isEmpty() || o.has("value-expression");
        return keyed ? ItemType.MESSAGE : valued ? ItemType.TEXT : ItemType.ANY;
    }
}
