package dev.sluice.cel;

import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.sluice.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Values between the engine's types and CEL's: CEL has one integer type ({@code Long}) and one
 * floating type ({@code Double}), so an {@code Integer} from a JSON parser becomes a {@code Long}.
 * Rows are read through views that convert a field when the expression reads it, so a filter on
 * one field of a wide row converts one field, not the row.
 */
final class CelValues {
    private CelValues() {}

    /** {@code value} as CEL takes it. */
    static Object in(Object value) {
        return switch (value) {
            case null -> NullValue.NULL_VALUE;
            case Long l -> l;
            case String s -> s;
            case Double d -> d;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Float f -> f.doubleValue();
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b.doubleValue();
            case BigDecimal b -> b.doubleValue();
            case Map<?, ?> m -> view(m);
            case List<?> l -> new ListView(l);
            case byte[] bytes -> CelByteString.of(bytes);
            case Instant t -> t;
            case Duration d -> d;
            case CharSequence s -> s.toString();
            default -> String.valueOf(value); // a file's line, an enum: its text
        };
    }

    /** A map's view with CEL's values, converted as read. */
    static Map<String, Object> view(Map<?, ?> map) {
        return new MapView(map);
    }

    /** CEL's {@code value} in the engine's types: maps become rows, CEL's null becomes null. */
    static Object out(Object value) {
        return switch (value) {
            case null -> null;
            case NullValue n -> null;
            case MapView v -> v.map instanceof Row ? v.map : copy(v);
            case Map<?, ?> m -> copy(m);
            case ListView v -> v.list;
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(x -> out.add(out(x)));
                yield out;
            }
            case CelByteString b -> b.toByteArray();
            case Optional<?> o -> o.map(CelValues::out).orElse(null);
            default -> value;
        };
    }

    private static Row copy(Map<?, ?> m) {
        Row row = new Row();
        m.forEach((k, v) -> row.put(String.valueOf(k), out(v)));
        return row;
    }

    /** A read-only view of a map whose values are converted for CEL when read. */
    static final class MapView extends AbstractMap<String, Object> {
        final Map<?, ?> map;

        MapView(Map<?, ?> map) {
            this.map = map;
        }

        @Override
        public Object get(Object key) {
            Object v = map.get(key);
            return v == null && !map.containsKey(key) ? null : in(v);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<? extends Entry<?, ?>> it = map.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Entry<?, ?> e = it.next();
                            return new SimpleImmutableEntry<>(String.valueOf(e.getKey()), in(e.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return map.size();
                }
            };
        }
    }

    /** A read-only view of a list whose items are converted for CEL when read. */
    private static final class ListView extends AbstractList<Object> {
        final List<?> list;

        ListView(List<?> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return in(list.get(index));
        }

        @Override
        public int size() {
            return list.size();
        }
    }
}
