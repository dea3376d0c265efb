package dev.sluice.yaml.types;

import dev.sluice.Aggregator;
import dev.sluice.Row;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionLanguage;
import dev.sluice.nodetype.InvalidOptionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several aggregates of one window at once, each named, written {@code count()},
 * {@code sum(EXPR)}, {@code avg(EXPR)}, {@code min(EXPR)}, {@code max(EXPR)}, {@code first(EXPR)},
 * {@code last(EXPR)} or {@code list(EXPR)}, with an expression on the item. The accumulator is a
 * list of one plain value per aggregate (longs, doubles, a {@code double[]}, lists), which
 * checkpoints store as they are.
 */
final class RowAggregates implements Aggregator<Object, List<Object>, Row> {
    private static final Pattern CALL = Pattern.compile("(?s)\\s*(count|sum|avg|min|max|first|last|list)\\s*\\((.*)\\)\\s*");

    /** What one aggregate does with its values. */
    private enum Kind { COUNT, SUM, AVG, MIN, MAX, FIRST, LAST, LIST }

    private record Part(String name, Kind kind, Function<Object, Object> value) {}

    private final List<Part> parts;

    private RowAggregates(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * The aggregates of the {@code aggregates} option, compiled.
     *
     * @throws InvalidOptionException naming the entry that is not an aggregate or whose expression is invalid
     */
    static RowAggregates compile(Map<String, String> written) {
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : written.entrySet()) {
            Matcher m = CALL.matcher(e.getValue());
            if (!m.matches()) {
                throw new InvalidOptionException("aggregates", e.getKey(), -1, "'" + e.getValue()
                        + "' is not an aggregate: write count(), sum(x), avg(x), min(x), max(x), first(x), last(x)"
                        + " or list(x), with x an expression such as row.temp");
            }
            Kind kind = Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
            String inner = m.group(2);
            if (kind == Kind.COUNT) {
                if (!inner.isBlank()) {
                    throw new InvalidOptionException("aggregates", e.getKey(), m.start(2), "count() takes nothing");
                }
                parts.add(new Part(e.getKey(), kind, item -> null));
                continue;
            }
            if (inner.isBlank()) {
                throw new InvalidOptionException("aggregates", e.getKey(), m.start(2),
                        m.group(1) + "() needs an expression: " + m.group(1) + "(row.temp)");
            }
            Expression x;
            try {
                x = Expressions.compile("aggregates", e.getKey(), inner, ExpressionLanguage.ResultType.VALUE);
            } catch (InvalidOptionException bad) { // the offset is inside the parentheses
                throw new InvalidOptionException("aggregates", e.getKey(), bad.offset() < 0 ? -1 : bad.offset() + m.start(2),
                        bad.getMessage());
            }
            parts.add(new Part(e.getKey(), kind, x::evaluate));
        }
        return new RowAggregates(List.copyOf(parts));
    }

    /** One aggregate, as the older {@code function} and {@code value} options give it. */
    static RowAggregates single(String name, String function, Function<Object, Object> value) {
        Kind kind = switch (function) {
            case "count" -> Kind.COUNT;
            case "sum" -> Kind.SUM;
            case "min" -> Kind.MIN;
            case "max" -> Kind.MAX;
            default -> Kind.AVG;
        };
        return new RowAggregates(List.of(new Part(name, kind, value)));
    }

    @Override
    public List<Object> create() {
        List<Object> acc = new ArrayList<>(parts.size());
        for (Part p : parts) {
            acc.add(switch (p.kind) {
                case COUNT -> 0L;
                case AVG -> new double[2];
                case FIRST, LAST, LIST -> new ArrayList<>();
                default -> null; // sum, min, max: none yet
            });
        }
        return acc;
    }

    @Override
    public List<Object> add(List<Object> acc, Object item) {
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            Object v = p.kind == Kind.COUNT ? null : p.value.apply(item);
            acc.set(i, switch (p.kind) {
                case COUNT -> (Long) acc.get(i) + 1;
                case SUM -> v == null ? acc.get(i) : plus(acc.get(i), number(p, v));
                case AVG -> {
                    double[] a = (double[]) acc.get(i);
                    if (v != null) {
                        a[0] += number(p, v).doubleValue();
                        a[1]++;
                    }
                    yield a;
                }
                case MIN -> v == null ? acc.get(i) : pick(acc.get(i), comparable(p, v), true);
                case MAX -> v == null ? acc.get(i) : pick(acc.get(i), comparable(p, v), false);
                case FIRST -> {
                    List<Object> first = list(acc.get(i));
                    if (first.isEmpty()) {
                        first.add(v);
                    }
                    yield first;
                }
                case LAST -> {
                    List<Object> last = list(acc.get(i));
                    last.clear();
                    last.add(v);
                    yield last;
                }
                case LIST -> {
                    List<Object> all = list(acc.get(i));
                    all.add(v);
                    yield all;
                }
            });
        }
        return acc;
    }

    @Override
    public List<Object> merge(List<Object> left, List<Object> right) {
        List<Object> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Object l = left.get(i);
            Object r = right.get(i);
            out.add(switch (parts.get(i).kind) {
                case COUNT -> (Long) l + (Long) r;
                case SUM -> l == null ? r : r == null ? l : plus(l, (Number) r);
                case AVG -> new double[] {((double[]) l)[0] + ((double[]) r)[0], ((double[]) l)[1] + ((double[]) r)[1]};
                case MIN -> l == null ? r : r == null ? l : pick(l, r, true);
                case MAX -> l == null ? r : r == null ? l : pick(l, r, false);
                case FIRST -> list(l).isEmpty() ? r : l;
                case LAST -> list(r).isEmpty() ? l : r;
                case LIST -> {
                    List<Object> all = new ArrayList<>(list(l));
                    all.addAll(list(r));
                    yield all;
                }
            });
        }
        return out;
    }

    @Override
    public Row result(List<Object> acc) {
        Row row = new Row();
        for (int i = 0; i < parts.size(); i++) {
            Object a = acc.get(i);
            row.put(parts.get(i).name, switch (parts.get(i).kind) {
                case AVG -> ((double[]) a)[1] == 0 ? null : ((double[]) a)[0] / ((double[]) a)[1];
                case FIRST, LAST -> list(a).isEmpty() ? null : list(a).get(0);
                case LIST -> new ArrayList<>(list(a));
                default -> a;
            });
        }
        return row;
    }

    /** The names of the aggregates, in order: the fields they add to a window's row. */
    List<String> names() {
        return parts.stream().map(Part::name).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object acc) {
        return (List<Object>) acc;
    }

    /** A number, or text that reads as one (CSV columns are text). */
    private static Number number(Part p, Object v) {
        if (v instanceof Number n) {
            return n instanceof Integer || n instanceof Short || n instanceof Byte ? (Number) n.longValue() : n;
        }
        try {
            return Double.valueOf(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(p.name + ": not a number: '" + v + "'");
        }
    }

    /** Integers stay whole while every value is whole. */
    private static Number plus(Object acc, Number n) {
        if (acc == null) {
            return n;
        }
        if (acc instanceof Long a && n instanceof Long b) {
            return Math.addExact(a, b);
        }
        return ((Number) acc).doubleValue() + n.doubleValue();
    }

    /** A number (text that reads as one too: CSV columns are text), other text, or a time. */
    private static Object comparable(Part p, Object v) {
        if (v instanceof String s) {
            try {
                return Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return s;
            }
        }
        if (v instanceof Number || v instanceof java.time.Instant) {
            return v instanceof Number n ? number(p, n) : v;
        }
        throw new IllegalArgumentException(p.name + ": " + p.kind.name().toLowerCase(java.util.Locale.ROOT)
                + " takes numbers, text or times, not " + Row.json(v));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object pick(Object acc, Object v, boolean least) {
        if (acc == null) {
            return v;
        }
        int c;
        if (acc instanceof Number a && v instanceof Number b) {
            c = a instanceof Long x && b instanceof Long y ? Long.compare(x, y) : Double.compare(a.doubleValue(), b.doubleValue());
        } else if (acc.getClass() == v.getClass()) {
            c = ((Comparable) acc).compareTo(v);
        } else {
            throw new IllegalArgumentException("cannot compare " + Row.json(acc) + " with " + Row.json(v));
        }
        return least == (c <= 0) ? acc : v;
    }

    /** For messages and tests. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        parts.forEach(p -> shown.put(p.name, p.kind.name().toLowerCase(java.util.Locale.ROOT)));
        return shown.toString();
    }
}
