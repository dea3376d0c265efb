package dev.sluice.yaml.types;

import dev.sluice.Pair;
import dev.sluice.Pipe;
import dev.sluice.Row;
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
 * {@code batch}: groups items into lists for sinks and lookups that want many at once, ending a
 * batch at a number of items, a number of bytes or a time after its first item, whichever comes
 * first; per key when a key is given. A source upstream hears its items were processed only once
 * the batch holding them has gone on.
 */
public final class Batch extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public Batch() {
        super("batch", "groups items into batches (lists) of a number of items, of bytes, or of a time",
                OptionSpec.optional("size", OptionType.INT, "100", "the most items in a batch").between(1, 10_000_000),
                OptionSpec.optional("bytes", OptionType.INT, null,
                        "the most bytes in a batch, counting each item as its text (a row as its JSON) in UTF-8;"
                                + " a larger item is a batch of its own").between(1, Integer.MAX_VALUE),
                OptionSpec.optional("timeout", OptionType.DURATION, "1s",
                        "a batch that is not full goes on this long after its first item; 0s: only when full or at the end"),
                OptionSpec.optional("key", OptionType.STRING, "", "a field: items with equal values are batched together"),
                OptionSpec.optional("key-expression", OptionType.STRING, null, "an expression instead of 'key'"));
    }

    @Override
    public void check(NodeOptions o) {
        consistent(o);
        key(o);
    }

    private static void consistent(NodeOptions o) {
        if (o.has("key-expression") && !o.string("key").isEmpty()) {
            throw new IllegalArgumentException("give 'key' (a field) or 'key-expression', not both");
        }
        if (o.duration("timeout").isNegative()) {
            throw new IllegalArgumentException("'timeout' cannot be negative");
        }
    }

    private static Function<Object, Object> key(NodeOptions o) {
        if (o.has("key-expression")) {
            return Expressions.compile("key-expression", null, o.string("key-expression"),
                    ExpressionLanguage.ResultType.VALUE)::evaluate;
        }
        String key = o.string("key");
        return key.isEmpty() ? null : item -> Row.field(item, key);
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        consistent(o); // the key expression is compiled once, below
        int size = Math.toIntExact(o.integer("size"));
        java.time.Duration timeout = o.duration("timeout").isZero() ? null : o.duration("timeout");
        long bytes = o.has("bytes") ? o.integer("bytes") : Long.MAX_VALUE;
        return input.batch(size, bytes, Batch::bytes, timeout, key(o));
    }

    /** An item's size as its sinks write it: UTF-8 text, a binary message's bytes, a row's JSON. */
    static long bytes(Object item) {
        if (item instanceof byte[] b) {
            return b.length;
        }
        if (item instanceof Pair<?, ?> p) {
            return (p.first() == null ? 0 : bytes(p.first())) + (p.second() == null ? 0 : bytes(p.second()));
        }
        String text = item instanceof CharSequence s ? s.toString() : Row.text(item);
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return !o.string("key").isEmpty() ? Set.of(ItemType.ROW) : Set.of(ItemType.ANY);
    }

    @Override
    public ItemType produces(NodeOptions o) {
        return ItemType.BATCH;
    }
}
