package dev.sluice.yaml.types;

import dev.sluice.Aggregator;
import dev.sluice.Aggregators;
import dev.sluice.Pipe;
import dev.sluice.Row;
import dev.sluice.WindowSpec;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;

/** {@code window.aggregate}: per key, the count, sum, average, minimum or maximum of a field in tumbling windows. */
public final class WindowAggregate extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public WindowAggregate() {
        super("window.aggregate",
                "per key and tumbling window, an aggregate of a numeric field; emits 'start key value' as text",
                OptionSpec.optional("key", OptionType.STRING, "", "the field grouping the items; empty: one group"),
                OptionSpec.optional("function", OptionType.STRING, "average", "count, sum, average, min or max")
                        .matching("count|sum|average|min|max", "count, sum, average, min or max"),
                OptionSpec.optional("value", OptionType.STRING, "", "the numeric field (all but count need it)"),
                OptionSpec.required("size", OptionType.DURATION, "window length"),
                OptionSpec.optional("time", OptionType.STRING, "",
                        "field with an ISO-8601 event time; empty for processing time"),
                OptionSpec.optional("out-of-order", OptionType.DURATION, "0s", "how late an item may be (event time)"));
    }

    @Override
    public void check(NodeOptions o) {
        if (o.string("value").isEmpty() && !o.string("function").equals("count")) {
            throw new IllegalArgumentException("function '" + o.string("function") + "' needs the option 'value'");
        }
        if (o.duration("size").isZero() || o.duration("size").isNegative()) {
            throw new IllegalArgumentException("'size' must be longer than zero");
        }
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        check(o);
        String key = o.string("key");
        String value = o.string("value");
        String time = o.string("time");
        Duration size = o.duration("size");
        Duration late = o.duration("out-of-order");
        Aggregator<Object, ?, ? extends Number> aggregate = switch (o.string("function")) {
            case "count" -> Aggregators.count();
            case "sum" -> Aggregators.summingDouble(item -> number(item, value));
            case "min" -> extreme(value, Math::min);
            case "max" -> extreme(value, Math::max);
            default -> Aggregators.averaging(item -> number(item, value));
        };
        var windows = input.keyBy(item -> key.isEmpty() ? "all" : String.valueOf(Row.field(item, key)))
                .window(WindowSpec.tumbling(size));
        if (!time.isEmpty()) {
            windows = windows.eventTime(item -> Instant.parse(String.valueOf(Row.field(item, time))).toEpochMilli(), late);
        }
        // the window computes the key, the time and the aggregate: a bad item fails there
        var aggregated = windows.aggregate(aggregate);
        aggregated.late().named(o.nodeName() + ".late"); // unsubscribed: late items are counted as dropped
        return aggregated.named(o.nodeName() + ".window").errorPolicy(o.onError())
                .map(r -> r.start() + " " + r.key() + " "
                        + (r.value() instanceof Long n ? n.toString() : String.format(Locale.ROOT, "%.2f", r.value())));
    }

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return Set.of(ItemType.ROW);
    }

    @Override
    public ItemType produces(NodeOptions o) {
        return ItemType.TEXT;
    }

    private static double number(Object item, String name) {
        Object v = Row.field(item, name);
        try {
            return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + name + "' is not a number: '" + v + "'");
        }
    }

    private static Aggregator<Object, Double, Double> extreme(String value, DoubleBinaryOperator pick) {
        BinaryOperator<Double> both = (a, b) -> a.isNaN() ? b : b.isNaN() ? a : pick.applyAsDouble(a, b);
        return Aggregators.of(() -> Double.NaN, (a, item) -> both.apply(a, number(item, value)), both, a -> a);
    }
}
