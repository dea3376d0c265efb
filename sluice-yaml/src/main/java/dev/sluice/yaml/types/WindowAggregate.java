package dev.sluice.yaml.types;

import dev.sluice.Pipe;
import dev.sluice.Row;
import dev.sluice.WindowSpec;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionLanguage;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code window.aggregate}: per key and window (tumbling, hopping or session), several aggregates
 * at once, emitted as a row {@code {key, start, end, <aggregate>...}}.
 */
public final class WindowAggregate extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public WindowAggregate() {
        super("window.aggregate",
                "per key and window (tumbling, hopping or session), named aggregates, emitted as a row",
                OptionSpec.optional("aggregates", OptionType.MAPPING, null,
                        "each 'name: count()', or sum, avg, min, max, first, last or list of an expression: avg(row.temp)"),
                OptionSpec.optional("size", OptionType.DURATION, null, "window length (tumbling, or hopping with 'advance')"),
                OptionSpec.optional("advance", OptionType.DURATION, null, "hopping windows: how far each starts after the last"),
                OptionSpec.optional("gap", OptionType.DURATION, null, "session windows: the quiet time that closes one"),
                OptionSpec.optional("key", OptionType.STRING, "", "the field grouping the items; empty: one group"),
                OptionSpec.optional("key-expression", OptionType.STRING, null, "an expression grouping the items, instead of 'key'"),
                OptionSpec.optional("time", OptionType.STRING, "",
                        "the field with the event time (ISO-8601 text, epoch milliseconds or a time); empty: processing time"),
                OptionSpec.optional("time-expression", OptionType.STRING, null, "an expression giving the event time, instead of 'time'"),
                OptionSpec.optional("out-of-order", OptionType.DURATION, "0s", "how late an item may be (event time)"),
                OptionSpec.optional("function", OptionType.STRING, null,
                        "instead of 'aggregates', one of count, sum, average (the default), min or max of 'value'")
                        .matching("count|sum|average|min|max", "count, sum, average, min or max"),
                OptionSpec.optional("value", OptionType.STRING, null, "the numeric field of 'function'"));
    }

    @Override
    public void check(NodeOptions o) {
        boolean legacy = o.has("function") || o.has("value");
        if (o.has("aggregates") == legacy) {
            throw new IllegalArgumentException(legacy ? "give either 'aggregates' or 'function' and 'value', not both"
                    : "needs 'aggregates': {count: count(), avg_temp: avg(row.temp)}");
        }
        if (legacy && !o.has("value") && !"count".equals(o.has("function") ? o.string("function") : "average")) {
            throw new IllegalArgumentException("function '" + (o.has("function") ? o.string("function") : "average")
                    + "' needs the option 'value'");
        }
        if (o.has("gap") == o.has("size")) {
            throw new IllegalArgumentException(o.has("gap") ? "'gap' (session windows) and 'size' do not go together"
                    : "needs 'size' (tumbling or hopping windows) or 'gap' (session windows)");
        }
        for (String d : new String[] {"size", "advance", "gap"}) {
            if (o.has(d) && (o.duration(d).isZero() || o.duration(d).isNegative())) {
                throw new IllegalArgumentException("'" + d + "' must be longer than zero");
            }
        }
        if (o.has("advance") && !o.has("size")) {
            throw new IllegalArgumentException("'advance' makes hopping windows of 'size'");
        }
        if (o.has("key-expression") && !o.string("key").isEmpty() || o.has("time-expression") && !o.string("time").isEmpty()) {
            throw new IllegalArgumentException("give a field ('key', 'time') or an expression ('key-expression', 'time-expression'), not both");
        }
        compile(o);
    }

    private record Compiled(RowAggregates aggregates, Function<Object, Object> key, Function<Object, Long> time) {}

    private static Compiled compile(NodeOptions o) {
        RowAggregates aggregates;
        if (o.has("aggregates")) {
            aggregates = RowAggregates.compile(o.mapping("aggregates"));
        } else {
            String function = o.has("function") ? o.string("function") : "average";
            String value = o.has("value") ? o.string("value") : null;
            aggregates = RowAggregates.single(function, function, item -> value == null ? null : Row.field(item, value));
        }
        Function<Object, Object> key = null;
        if (o.has("key-expression")) {
            Expression x = Expressions.compile("key-expression", null, o.string("key-expression"),
                    ExpressionLanguage.ResultType.VALUE);
            key = x::evaluate;
        } else if (!o.string("key").isEmpty()) {
            String field = o.string("key");
            key = item -> Row.field(item, field);
        }
        Function<Object, Long> time = null;
        if (o.has("time-expression")) {
            Expression x = Expressions.compile("time-expression", null, o.string("time-expression"),
                    ExpressionLanguage.ResultType.VALUE);
            time = item -> millis(x.evaluate(item), "'" + x.source() + "'");
        } else if (!o.string("time").isEmpty()) {
            String field = o.string("time");
            time = item -> millis(Row.field(item, field), "field '" + field + "'");
        }
        return new Compiled(aggregates, key, time);
    }

    /** Items too late for their window: {@code agg.late -> archive}; without an edge they are counted as dropped. */
    @Override
    public java.util.List<String> ports(NodeOptions o) {
        return java.util.List.of("late");
    }

    @Override
    public boolean hasUnnamedOutput(NodeOptions o) {
        return true;
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        return createPorts(input, o).get("");
    }

    @Override
    public java.util.Map<String, Pipe<?>> createPorts(Pipe<Object> input, NodeOptions o) {
        check(o);
        Compiled c = compile(o);
        WindowSpec spec = o.has("gap") ? WindowSpec.session(o.duration("gap"))
                : o.has("advance") ? WindowSpec.hopping(o.duration("size"), o.duration("advance"))
                : WindowSpec.tumbling(o.duration("size"));
        Function<Object, Object> key = c.key;
        var windows = input.keyBy(item -> key == null ? "" : String.valueOf(key.apply(item))).window(spec);
        if (c.time != null) {
            windows = windows.eventTime(c.time::apply, o.duration("out-of-order"));
        }
        // the window computes the key, the time and the aggregates: a bad item fails there, for on_error
        var aggregated = windows.aggregate(c.aggregates);
        Pipe<Object> late = aggregated.late().named(o.nodeName() + ".late"); // without an edge: counted as dropped
        Pipe<?> rows = aggregated.named(o.nodeName() + ".window").errorPolicy(o.onError()).map(r -> {
            Row row = new Row();
            if (key != null) {
                row.put("key", r.key());
            }
            row.put("start", r.start());
            row.put("end", r.end());
            row.putAll(r.value());
            return row;
        });
        java.util.Map<String, Pipe<?>> outputs = new java.util.LinkedHashMap<>();
        outputs.put("", rows);
        outputs.put("late", late);
        return outputs;
    }

    /** An event time as epoch milliseconds: a time, a whole number of milliseconds, or ISO-8601 text. */
    private static long millis(Object v, String from) {
        if (v instanceof Instant t) {
            return t.toEpochMilli();
        }
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        try {
            return Instant.parse(String.valueOf(v)).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(from + " is no time: '" + v + "' (ISO-8601, like 2026-01-01T10:00:00Z,"
                    + " or epoch milliseconds)");
        }
    }

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return Set.of(ItemType.ROW);
    }

    @Override
    public ItemType produces(NodeOptions o) {
        return ItemType.ROW;
    }
}
