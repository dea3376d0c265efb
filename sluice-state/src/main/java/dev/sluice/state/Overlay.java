package dev.sluice.state;

import dev.sluice.Pair;
import dev.sluice.rocksdb.Cache;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state as one batch sees it: the cache under the batch's own uncommitted writes. Committing
 * writes them and the batch's input positions in one RocksDB write batch.
 */
final class Overlay<K, V> implements State<K, V> {
    private final Cache<K, V> cache;
    /** What reads fall through to: another overlay, or null for the cache itself. */
    private final Overlay<K, V> under;
    private final Map<K, Optional<V>> writes = new HashMap<>();

    Overlay(Cache<K, V> cache) {
        this.cache = cache;
        this.under = null;
    }

    /** One item's writes over a batch's ({@link StateNode}): {@link #applyTo} hands them down. */
    Overlay(Overlay<K, V> batch) {
        this.cache = batch.cache;
        this.under = batch;
    }

    @Override
    public Optional<V> get(K key) {
        Optional<V> written = writes.get(key);
        if (written != null) {
            return written;
        }
        return under != null ? under.get(key) : cache.get(key);
    }

    /** Writes these changes into {@code target}. */
    void applyTo(State<K, V> target) {
        writes.forEach((k, v) -> {
            if (v.isPresent()) {
                target.put(k, v.get());
            } else {
                target.delete(k);
            }
        });
    }

    @Override
    public void put(K key, V value) {
        writes.put(key, Optional.of(Objects.requireNonNull(value, "value")));
    }

    @Override
    public void delete(K key) {
        writes.put(key, Optional.empty());
    }

    /** Keys written and not committed. */
    int size() {
        return writes.size();
    }

    /**
     * Writes the changes and the positions (checkpoint name to the next position to read) at once;
     * adds the changes to {@code committed} as (key, value or null) unless it is null.
     */
    void commit(Map<String, Long> positions, List<Pair<K, V>> committed) {
        try (Cache.Batch<K, V> batch = cache.batch()) {
            writes.forEach((k, v) -> {
                if (v.isPresent()) {
                    batch.put(k, v.get());
                } else {
                    batch.delete(k);
                }
            }); // Cache.Batch is not a State: it cannot see reads, only take writes
            positions.forEach((name, next) -> batch.checkpoint(name, encode(next)));
            batch.commit();
        }
        if (committed != null) {
            writes.forEach((k, v) -> committed.add(Pair.of(k, v.orElse(null))));
        }
    }

    static byte[] encode(long position) {
        return ByteBuffer.allocate(8).putLong(position).array();
    }

    static long decode(byte[] position) {
        return ByteBuffer.wrap(position).getLong();
    }
}
