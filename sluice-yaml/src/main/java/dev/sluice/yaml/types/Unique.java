package dev.sluice.yaml.types;

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
 * {@code unique}: drops repeats of an item, or of its key (a field or an expression), among the
 * last {@code max-size} distinct ones, or within a time to live ({@code ttl}): a dedupe whose
 * memory is bounded by both.
 */
public final class Unique extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public Unique() {
        super("unique", "passes an item only if its key was not among the last max-size distinct ones (or within ttl)",
                OptionSpec.optional("key", OptionType.STRING, "", "the field that identifies an item; empty: the whole item"),
                OptionSpec.optional("key-expression", OptionType.STRING, null, "an expression identifying an item, instead of 'key'"),
                OptionSpec.optional("ttl", OptionType.DURATION, null,
                        "a key is forgotten this long after it passed, and then passes again"),
                OptionSpec.optional("max-size", OptionType.INT, "100000", "how many distinct keys are remembered")
                        .between(1, Integer.MAX_VALUE));
    }

    @Override
    public void check(NodeOptions o) {
        if (o.has("key-expression") && !o.string("key").isEmpty()) {
            throw new IllegalArgumentException("give 'key' (a field) or 'key-expression', not both");
        }
        if (o.has("ttl") && (o.duration("ttl").isZero() || o.duration("ttl").isNegative())) {
            throw new IllegalArgumentException("'ttl' must be longer than zero");
        }
        key(o);
    }

    private static Function<Object, Object> key(NodeOptions o) {
        if (o.has("key-expression")) {
            Expression x = Expressions.compile("key-expression", null, o.string("key-expression"),
                    ExpressionLanguage.ResultType.VALUE);
            return x::evaluate;
        }
        String key = o.string("key");
        return item -> key.isEmpty() ? item : Row.field(item, key);
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        check(o);
        int max = Math.toIntExact(o.integer("max-size"));
        Function<Object, Object> key = key(o);
        return o.has("ttl") ? input.unique(max, o.duration("ttl"), key) : input.unique(max, key);
    }

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return !o.string("key").isEmpty() ? Set.of(ItemType.ROW) : Set.of(ItemType.ANY);
    }
}
