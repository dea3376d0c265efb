package dev.sluice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** {@link Pipe#unique}: drops repeats, remembering all keys or the last {@code maxSize} (LRU). */
final class UniqueStage<T, K> extends Stage<T, T> {
    private final Function<? super T, ? extends K> key;
    private final Map<K, Boolean> seen;

    UniqueStage(Stage<?, T> up, int maxSize, Function<? super T, ? extends K> key) {
        super(up.pipeline, "unique", up.domain);
        this.key = Objects.requireNonNull(key, "key");
        if (maxSize <= 0) {
            this.seen = new HashMap<>();
        } else {
            this.seen = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
                    return size() > maxSize;
                }
            };
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    void onNext(T item) {
        in++;
        K k;
        try {
            k = key.apply(item);
        } catch (Throwable e) {
            Object r = recover(item, e, () -> key.apply(item));
            if (r == DROP) {
                return;
            }
            k = (K) r;
        }
        // get() refreshes the LRU position of a repeat, as a lookup should
        if (seen.get(k) != null) {
            return;
        }
        seen.put(k, Boolean.TRUE);
        push(item);
    }

    /** The keys seen, least recently seen first, so that a restored LRU forgets in the same order. */
    @Override
    byte[] snapshot() {
        return new StateValues.Writer().value(new ArrayList<>(seen.keySet())).toBytes();
    }

    @Override
    @SuppressWarnings("unchecked")
    void restore(byte[] state) {
        for (Object k : (List<Object>) new StateValues.Reader(state).value()) {
            seen.put((K) k, Boolean.TRUE);
        }
    }
}
