package dev.sluice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link Pipe#unique}: drops repeats, remembering all keys, the last {@code maxSize} (LRU), or
 * each key for a time to live from when it passed (then in the order they passed, which is the
 * order they expire in, so expiry looks only at the oldest).
 */
final class UniqueStage<T, K> extends Stage<T, T> {
    private final Function<? super T, ? extends K> key;
    /** Each key's expiry in the clock's milliseconds, or 0 without a time to live. */
    private final Map<K, Long> seen;
    private final long ttlMillis;

    UniqueStage(Stage<?, T> up, int maxSize, Function<? super T, ? extends K> key) {
        this(up, maxSize, 0, key);
    }

    UniqueStage(Stage<?, T> up, int maxSize, long ttlMillis, Function<? super T, ? extends K> key) {
        super(up.pipeline, "unique", up.domain);
        this.key = Objects.requireNonNull(key, "key");
        this.ttlMillis = ttlMillis;
        if (maxSize <= 0) {
            this.seen = new HashMap<>();
        } else {
            // by access (an LRU) without a time to live; by insertion with one, so the oldest expires first
            this.seen = new LinkedHashMap<>(16, 0.75f, ttlMillis == 0) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, Long> eldest) {
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
        if (ttlMillis > 0) {
            long now = pipeline.clock().currentTimeMillis();
            expire(now);
            if (seen.containsKey(k)) {
                return;
            }
            seen.put(k, now + ttlMillis);
            push(item);
            return;
        }
        // get() refreshes the LRU position of a repeat, as a lookup should
        if (seen.get(k) != null) {
            return;
        }
        seen.put(k, 0L);
        push(item);
    }

    private void expire(long now) {
        for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next() > now) {
                return;
            }
            it.remove();
        }
    }

    /** The keys seen (least recently seen first), each with its expiry, so that a restore forgets in the same order. */
    @Override
    byte[] snapshot() {
        List<Object> entries = new ArrayList<>(seen.size());
        seen.forEach((k, expires) -> entries.add(Pair.of(k, expires)));
        return new StateValues.Writer().value(entries).toBytes();
    }

    @Override
    @SuppressWarnings("unchecked")
    void restore(byte[] state) {
        for (Object e : (List<Object>) new StateValues.Reader(state).value()) {
            if (e instanceof Pair<?, ?> p) {
                seen.put((K) p.first(), ((Number) p.second()).longValue());
            } else {
                seen.put((K) e, 0L); // a checkpoint of a version that kept keys only
            }
        }
    }
}
