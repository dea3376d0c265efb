package dev.sluice.cli;

import dev.sluice.Aggregator;
import dev.sluice.Aggregators;
import dev.sluice.Pipe;
import dev.sluice.WindowSpec;
import dev.sluice.config.NodeOptions;
import dev.sluice.config.NodeRole;
import dev.sluice.config.OptionSpec;
import dev.sluice.config.OptionType;
import dev.sluice.files.CsvRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Built-in operator node types: each makes a function from the input pipe to an output pipe with
 * the operators of {@link Pipe}. Items are CSV rows or maps; fields are named by options.
 */
final class OperatorTypes {
    private OperatorTypes() {}

    static Object field(Object item, String name) {
        if (item instanceof CsvRow row) {
            return row.get(name);
        }
        if (item instanceof Map<?, ?> map) {
            if (map.containsKey(name)) {
                return map.get(name);
            }
            // a.b.c: nested objects, as json.decode makes them
            Object at = map;
            for (String part : name.split("\\.", -1)) {
                if (!(at instanceof Map<?, ?> m) || !m.containsKey(part)) {
                    at = null;
                    break;
                }
                at = m.get(part);
            }
            if (at != null) {
                return at;
            }
        }
        throw new IllegalArgumentException("no field '" + name + "' in " + item);
    }

    private static double number(Object item, String name) {
        Object v = field(item, name);
        try {
            return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + name + "' is not a number: '" + v + "'");
        }
    }

    /** {@code window.aggregate}: per key, count/sum/average/min/max of a field in tumbling windows. */
    public static final class WindowAggregate extends BuiltinTypes.Base {
        public WindowAggregate() {
            super("window.aggregate", NodeRole.OPERATOR,
                    "per key and tumbling window, an aggregate of a numeric field; emits 'start key value' as text",
                    OptionSpec.optional("key", OptionType.STRING, "", "the field grouping the items; empty: one group"),
                    OptionSpec.optional("function", OptionType.STRING, "average", "count, sum, average, min or max"),
                    OptionSpec.optional("value", OptionType.STRING, "", "the numeric field (all but count need it)"),
                    OptionSpec.required("size", OptionType.DURATION, "window length"),
                    OptionSpec.optional("time", OptionType.STRING, "",
                            "field with an ISO-8601 event time; empty for processing time"),
                    OptionSpec.optional("out-of-order", OptionType.DURATION, "0s", "how late an item may be (event time)"));
        }

        @Override
        public Object create(NodeOptions o) {
            String key = o.string("key");
            String value = o.string("value");
            String time = o.string("time");
            Duration size = o.duration("size");
            Duration late = o.duration("out-of-order");
            String function = o.string("function");
            if (value.isEmpty() && !function.equals("count")) {
                throw new IllegalArgumentException("node '" + o.nodeName() + "': function '" + function
                        + "' needs the option 'value'");
            }
            Aggregator<Object, ?, ? extends Number> aggregate = switch (function) {
                case "count" -> Aggregators.count();
                case "sum" -> Aggregators.summingDouble(item -> number(item, value));
                case "average" -> Aggregators.averaging(item -> number(item, value));
                case "min" -> extreme(value, Math::min);
                case "max" -> extreme(value, Math::max);
                default -> throw new IllegalArgumentException("node '" + o.nodeName() + "': unknown function '"
                        + function + "': count, sum, average, min or max");
            };
            Function<Pipe<Object>, Pipe<?>> op = in -> {
                var windows = in.keyBy(item -> key.isEmpty() ? "all" : String.valueOf(field(item, key)))
                        .window(WindowSpec.tumbling(size));
                if (!time.isEmpty()) {
                    windows = windows.eventTime(item -> Instant.parse(String.valueOf(field(item, time))).toEpochMilli(),
                            late);
                }
                // the window computes the key, the time and the aggregate: a bad item fails there
                var aggregated = windows.aggregate(aggregate);
                aggregated.late().named(o.nodeName() + ".late"); // unsubscribed: late items are counted as dropped
                return aggregated.named(o.nodeName() + ".window").errorPolicy(o.onError())
                        .map(r -> r.start() + " " + r.key() + " "
                        + (r.value() instanceof Long n ? n.toString() : String.format(Locale.ROOT, "%.2f", r.value())));
            };
            return op;
        }
    }

    private static Aggregator<Object, Double, Double> extreme(String value, java.util.function.DoubleBinaryOperator pick) {
        java.util.function.BinaryOperator<Double> both = (a, b) -> a.isNaN() ? b : b.isNaN() ? a : pick.applyAsDouble(a, b);
        return Aggregators.of(() -> Double.NaN, (a, item) -> both.apply(a, number(item, value)), both, a -> a);
    }

    /**
     * {@code message}: a row to the message the sinks send: one field's text as its value (or the
     * whole item), another field's text as its key. {@code kafka.read as: row} into {@code message}
     * with {@code key: key, value: value} into {@code kafka.write} copies records with their keys,
     * tombstones included (a null value stays null).
     */
    public static final class Message extends BuiltinTypes.Base {
        public Message() {
            super("message", NodeRole.OPERATOR,
                    "makes each row a message for the sinks: a field as its value, another as its key",
                    OptionSpec.optional("value", OptionType.STRING, "",
                            "the field holding the message (value, payload); empty: the item itself, a row as JSON"),
                    OptionSpec.optional("key", OptionType.STRING, "",
                            "the field whose text keys the message: kafka.write's record key, log.append's entry key,"
                                    + " mqtt.publish's {key}, cache.write's key; empty: no key"));
        }

        @Override
        public Object create(NodeOptions o) {
            String value = o.string("value");
            String key = o.string("key");
            Function<Pipe<Object>, Pipe<?>> op = in -> in.map(item -> {
                Object v = value.isEmpty() ? (item instanceof byte[] ? item : String.valueOf(item))
                        : dev.sluice.config.Row.text(field(item, value));
                if (key.isEmpty()) {
                    if (v == null) {
                        throw new IllegalArgumentException("field '" + value + "' is null, and a message without a key"
                                + " cannot be a tombstone: " + item);
                    }
                    return v;
                }
                return dev.sluice.Pair.of(dev.sluice.config.Row.text(field(item, key)), v);
            });
            return op;
        }
    }

    /** {@code unique}: drops items (or items with a key field) seen among the last N distinct ones. */
    public static final class Unique extends BuiltinTypes.Base {
        public Unique() {
            super("unique", NodeRole.OPERATOR, "passes an item only if it was not among the last max-size distinct ones",
                    OptionSpec.optional("key", OptionType.STRING, "", "the field that identifies an item; empty: the whole item"),
                    OptionSpec.optional("max-size", OptionType.INT, "100000", "how many distinct items are remembered"));
        }

        @Override
        public Object create(NodeOptions o) {
            String key = o.string("key");
            int max = Math.toIntExact(o.integer("max-size"));
            Function<Pipe<Object>, Pipe<?>> op = in -> in.unique(max, item -> key.isEmpty() ? item : field(item, key));
            return op;
        }
    }

    /** {@code filter}: keeps the items whose field compares as asked with a value. */
    public static final class Filter extends BuiltinTypes.Base {
        private static final java.util.Set<String> OPS = java.util.Set.of("==", "!=", "<", "<=", ">", ">=", "contains",
                "matches");

        public Filter() {
            super("filter", NodeRole.OPERATOR, "keeps the items whose field compares as asked with a value",
                    OptionSpec.required("field", OptionType.STRING, "the field to compare"),
                    OptionSpec.required("op", OptionType.STRING,
                            "==, !=, <, <=, >, >= (as numbers when both sides are numbers, else as text), contains,"
                                    + " or matches (a regular expression)"),
                    OptionSpec.required("value", OptionType.STRING, "what the field is compared with"));
        }

        @Override
        public Object create(NodeOptions o) {
            String field = o.string("field");
            String op = o.string("op");
            String value = o.string("value");
            if (!OPS.contains(op)) {
                throw new IllegalArgumentException("node '" + o.nodeName() + "': unknown op '" + op + "': one of "
                        + new java.util.TreeSet<>(OPS));
            }
            java.util.regex.Pattern regex = op.equals("matches") ? java.util.regex.Pattern.compile(value) : null;
            Double number = parseNumber(value);
            java.util.function.Predicate<Object> test = item -> {
                String actual = String.valueOf(field(item, field));
                return switch (op) {
                    case "contains" -> actual.contains(value);
                    case "matches" -> regex.matcher(actual).matches();
                    default -> {
                        Double a = parseNumber(actual);
                        int c = a != null && number != null ? Double.compare(a, number) : actual.compareTo(value);
                        yield switch (op) {
                            case "==" -> c == 0;
                            case "!=" -> c != 0;
                            case "<" -> c < 0;
                            case "<=" -> c <= 0;
                            case ">" -> c > 0;
                            default -> c >= 0;
                        };
                    }
                };
            };
            Function<Pipe<Object>, Pipe<?>> op2 = in -> in.filter(test);
            return op2;
        }

        private static Double parseNumber(String s) {
            try {
                return Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** {@code rate.limit}: at most one item per interval, waiting (backpressure), never dropping. */
    public static final class RateLimit extends BuiltinTypes.Base {
        public RateLimit() {
            super("rate.limit", NodeRole.OPERATOR, "lets at most one item through per interval; the others wait",
                    OptionSpec.required("interval", OptionType.DURATION, "the least time between two items"));
        }

        @Override
        public Object create(NodeOptions o) {
            Duration interval = o.duration("interval");
            Function<Pipe<Object>, Pipe<?>> op = in -> in.rateLimit(interval);
            return op;
        }
    }
}
