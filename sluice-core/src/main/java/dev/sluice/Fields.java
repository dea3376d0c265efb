package dev.sluice;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/** Field access for {@link Pipe#pluck}: map keys, record components, list and array indexes. */
final class Fields {
    private static final Map<Class<?>, Map<String, Method>> ACCESSORS = new ConcurrentHashMap<>();

    private Fields() {}

    @SuppressWarnings("unchecked")
    static <R> R get(Object item, String field) {
        if (item instanceof Map<?, ?> map) {
            if (!map.containsKey(field)) {
                throw new NoSuchElementException("no key '" + field + "' in " + PipelineException.preview(item));
            }
            return (R) map.get(field);
        }
        if (item instanceof Record) {
            Method accessor = ACCESSORS.computeIfAbsent(item.getClass(), Fields::accessors).get(field);
            if (accessor == null) {
                throw new NoSuchElementException("record " + item.getClass().getSimpleName() + " has no component '"
                        + field + "'");
            }
            try {
                return (R) accessor.invoke(item);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + field + " of " + item.getClass().getName(), e);
            }
        }
        throw new IllegalArgumentException("cannot pluck '" + field + "' from a "
                + (item == null ? "null" : item.getClass().getName()) + ": need a Map or a record");
    }

    @SuppressWarnings("unchecked")
    static <R> R get(Object item, int index) {
        if (item instanceof List<?> list) {
            return (R) list.get(index);
        }
        if (item instanceof Object[] array) {
            return (R) array[index];
        }
        if (item != null && item.getClass().isArray()) {
            return (R) java.lang.reflect.Array.get(item, index);
        }
        throw new IllegalArgumentException("cannot pluck [" + index + "] from a "
                + (item == null ? "null" : item.getClass().getName()) + ": need a List or an array");
    }

    private static Map<String, Method> accessors(Class<?> type) {
        Map<String, Method> byName = new ConcurrentHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Method m = c.getAccessor();
            m.setAccessible(true);
            byName.put(c.getName(), m);
        }
        return byName;
    }
}
