package dev.sluice.rocksdb;

import dev.sluice.Codec;
import dev.sluice.Pair;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A persistent key-value cache on RocksDB (snapstream's {@code Cache}). Keys and values go through
 * codecs; keys are ordered by their encoded bytes, so use {@link Codec#longKey()} for numeric
 * ranges. Thread-safe.
 *
 * <p>Nothing is ever removed behind your back: no TTL and no compaction filter is configured, so
 * an entry disappears only when you delete it.
 *
 * <pre>{@code
 * try (Cache<String, String> cache = Cache.open(Path.of("db/demo"))) {
 *     cache.put("127820", "🍌");
 *     cache.update("visits", n -> n == null ? "1" : String.valueOf(Integer.parseInt(n) + 1));
 *     try (var fruit = cache.prefix("1278")) { fruit.forEach(System.out::println); }
 * }
 * }</pre>
 */
public interface Cache<K, V> extends AutoCloseable {

    /** Opens (creating if needed) a cache of UTF-8 strings in {@code dir}. */
    static Cache<String, String> open(Path dir) {
        return open(dir, Codec.utf8(), Codec.utf8());
    }

    /** Opens (creating if needed) a cache in {@code dir} with the given codecs. */
    static <K, V> Cache<K, V> open(Path dir, Codec<K> keys, Codec<V> values) {
        return new RocksCache<>(dir, keys, values, false);
    }

    /** Like {@link #open(Path, Codec, Codec)}, fsyncing every write (slower, survives power loss). */
    static <K, V> Cache<K, V> openSynced(Path dir, Codec<K> keys, Codec<V> values) {
        return new RocksCache<>(dir, keys, values, true);
    }

    /** The value of {@code key}, if any. */
    Optional<V> get(K key);

    /** Stores {@code value} under {@code key}. */
    void put(K key, V value);

    /** Removes {@code key}; nothing happens if it is absent. */
    void delete(K key);

    /**
     * Read-modify-write under a lock of that key: {@code fn} gets the current value (null when
     * absent) and returns the new one (null deletes). Concurrent updates of one key never lose a
     * write. Returns the new value.
     */
    V update(K key, UnaryOperator<V> fn);

    /**
     * Entries with {@code from <= key < to} in key order ({@code null} bounds are open), or in
     * reverse order when {@code descending}. Close the stream (try-with-resources) to release it.
     */
    Stream<Map.Entry<K, V>> range(K from, K to, boolean descending);

    /** Entries whose encoded key starts with the encoded {@code prefix}, in key order. Close it. */
    Stream<Map.Entry<K, V>> prefix(K prefix);

    /** A consistent read-only view as of now; close it to release it. */
    Snapshot<K, V> snapshot();

    /**
     * Several changes that take effect together: after a crash, either all of a committed batch
     * is there or none of it. A batch may also store a <em>checkpoint</em>: a named position
     * (bytes) kept apart from the keys, which is how state and the position of the input it was
     * computed from are committed in step (see {@code sluice-state}). Close an uncommitted batch
     * to discard it.
     */
    Batch<K, V> batch();

    /** The position last committed under {@code name} by a {@link Batch#checkpoint}, if any. */
    Optional<byte[]> checkpoint(String name);

    /** A pipeline sink storing (key, value) pairs: {@code pipe.sink(cache.sink())}. */
    Consumer<Pair<K, V>> sink();

    /** Flushes memtables to disk. */
    void flush();

    /** Closes the database. */
    @Override
    void close();

    /** Changes committed together; see {@link Cache#batch()}. Not thread-safe. */
    interface Batch<K, V> extends AutoCloseable {
        /** Stores {@code value} under {@code key} when the batch commits. */
        Batch<K, V> put(K key, V value);

        /** Removes {@code key} when the batch commits. */
        Batch<K, V> delete(K key);

        /** Stores {@code position} under the checkpoint {@code name} when the batch commits. */
        Batch<K, V> checkpoint(String name, byte[] position);

        /** Applies every change at once. */
        void commit();

        /** Discards the batch unless it was committed. */
        @Override
        void close();
    }

    /** A point-in-time view of a cache. */
    interface Snapshot<K, V> extends AutoCloseable {
        /** The value of {@code key} at the snapshot. */
        Optional<V> get(K key);

        /** Entries in a key range at the snapshot; see {@link Cache#range}. */
        Stream<Map.Entry<K, V>> range(K from, K to, boolean descending);

        /** Releases the snapshot. */
        @Override
        void close();
    }
}
