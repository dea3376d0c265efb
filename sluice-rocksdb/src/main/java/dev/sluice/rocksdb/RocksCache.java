package dev.sluice.rocksdb;

import dev.sluice.Codec;
import dev.sluice.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * {@link Cache} on one RocksDB database. Read-modify-write takes one of 256 striped locks chosen
 * by the key's hash, so updates of different keys rarely wait on each other.
 */
final class RocksCache<K, V> implements Cache<K, V> {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final Codec<K> keys;
    private final Codec<V> values;
    /** Column family of checkpoint entries: apart from the user's keys, so no key codec can collide. */
    static final byte[] CHECKPOINTS = "sluice.checkpoints".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final org.rocksdb.DBOptions options;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final java.util.List<org.rocksdb.ColumnFamilyHandle> families = new java.util.ArrayList<>();
    private final org.rocksdb.ColumnFamilyHandle checkpoints;
    private final ReentrantLock[] stripes = new ReentrantLock[256];

    RocksCache(Path dir, Codec<K> keys, Codec<V> values, boolean sync) {
        this.dir = dir;
        this.keys = keys;
        this.values = values;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.options = new org.rocksdb.DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        this.writeOptions = new WriteOptions().setSync(sync);
        try {
            Files.createDirectories(dir);
            this.db = RocksDB.open(options, dir.toAbsolutePath().toString(), java.util.List.of(
                    new org.rocksdb.ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                    new org.rocksdb.ColumnFamilyDescriptor(CHECKPOINTS)), families);
            this.checkpoints = families.get(1);
        } catch (RocksDBException | java.io.IOException e) {
            options.close();
            writeOptions.close();
            throw new CacheException("cannot open the cache in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<V> get(K key) {
        try {
            byte[] v = db.get(keys.encode(key));
            return v == null ? Optional.empty() : Optional.of(values.decode(v));
        } catch (RocksDBException e) {
            throw new CacheException("get failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(K key, V value) {
        try {
            db.put(writeOptions, keys.encode(key), values.encode(value));
        } catch (RocksDBException e) {
            throw new CacheException("put failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(K key) {
        try {
            db.delete(writeOptions, keys.encode(key));
        } catch (RocksDBException e) {
            throw new CacheException("delete failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public V update(K key, UnaryOperator<V> fn) {
        byte[] k = keys.encode(key);
        ReentrantLock lock = stripes[(Arrays.hashCode(k) & 0x7fffffff) % stripes.length];
        lock.lock();
        try {
            byte[] old = db.get(k);
            V next = fn.apply(old == null ? null : values.decode(old));
            if (next == null) {
                db.delete(writeOptions, k);
            } else {
                db.put(writeOptions, k, values.encode(next));
            }
            return next;
        } catch (RocksDBException e) {
            throw new CacheException("update failed in " + dir + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Stream<Map.Entry<K, V>> range(K from, K to, boolean descending) {
        return scan(new ReadOptions(), from == null ? null : keys.encode(from), to == null ? null : keys.encode(to),
                null, descending, null);
    }

    @Override
    public Stream<Map.Entry<K, V>> prefix(K prefix) {
        byte[] p = keys.encode(prefix);
        return scan(new ReadOptions(), p, null, p, false, null);
    }

    /** Iterates [from, to) (or only keys starting with prefix), closing the options and iterator with the stream. */
    Stream<Map.Entry<K, V>> scan(ReadOptions read, byte[] from, byte[] to, byte[] prefix, boolean descending,
            Runnable onClose) {
        RocksIterator it = db.newIterator(read);
        if (descending) {
            if (to == null) {
                it.seekToLast();
            } else {
                it.seekForPrev(to);
                if (it.isValid() && Arrays.compareUnsigned(it.key(), to) >= 0) {
                    it.prev(); // seekForPrev lands on 'to' itself when present: exclusive bound
                }
            }
        } else if (from == null) {
            it.seekToFirst();
        } else {
            it.seek(from);
        }
        Iterator<Map.Entry<K, V>> entries = new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!it.isValid()) {
                    return false;
                }
                byte[] k = it.key();
                if (prefix != null && !startsWith(k, prefix)) {
                    return false;
                }
                if (!descending && to != null && Arrays.compareUnsigned(k, to) >= 0) {
                    return false;
                }
                return !descending || from == null || Arrays.compareUnsigned(k, from) >= 0;
            }

            @Override
            public Map.Entry<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<K, V> e = new AbstractMap.SimpleImmutableEntry<>(keys.decode(it.key()), values.decode(it.value()));
                if (descending) {
                    it.prev();
                } else {
                    it.next();
                }
                return e;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED), false)
                .onClose(() -> {
                    it.close();
                    read.close();
                    if (onClose != null) {
                        onClose.run();
                    }
                });
    }

    private static boolean startsWith(byte[] k, byte[] prefix) {
        return k.length >= prefix.length && Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public Snapshot<K, V> snapshot() {
        org.rocksdb.Snapshot snap = db.getSnapshot();
        return new Snapshot<>() {
            @Override
            public Optional<V> get(K key) {
                try (ReadOptions read = new ReadOptions().setSnapshot(snap)) {
                    byte[] v = db.get(read, keys.encode(key));
                    return v == null ? Optional.empty() : Optional.of(values.decode(v));
                } catch (RocksDBException e) {
                    throw new CacheException("get failed in " + dir + ": " + e.getMessage(), e);
                }
            }

            @Override
            public Stream<Map.Entry<K, V>> range(K from, K to, boolean descending) {
                return scan(new ReadOptions().setSnapshot(snap), from == null ? null : keys.encode(from),
                        to == null ? null : keys.encode(to), null, descending, null);
            }

            @Override
            public void close() {
                db.releaseSnapshot(snap);
            }
        };
    }

    @Override
    public Consumer<Pair<K, V>> sink() {
        return pair -> put(pair.first(), pair.second());
    }

    @Override
    public void flush() {
        try (org.rocksdb.FlushOptions f = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(f);
        } catch (RocksDBException e) {
            throw new CacheException("flush failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Batch<K, V> batch() {
        org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch();
        return new Batch<>() {
            private boolean ended;

            @Override
            public Batch<K, V> put(K key, V value) {
                return apply(() -> batch.put(keys.encode(key), values.encode(value)));
            }

            @Override
            public Batch<K, V> delete(K key) {
                return apply(() -> batch.delete(keys.encode(key)));
            }

            @Override
            public Batch<K, V> checkpoint(String name, byte[] position) {
                return apply(() -> batch.put(checkpoints, name.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        position.clone()));
            }

            private interface Op {
                void run() throws RocksDBException;
            }

            private Batch<K, V> apply(Op op) {
                if (ended) {
                    throw new IllegalStateException("this batch was committed or closed");
                }
                try {
                    op.run();
                } catch (RocksDBException e) {
                    throw new CacheException("batch failed in " + dir + ": " + e.getMessage(), e);
                }
                return this;
            }

            @Override
            public void commit() {
                if (ended) {
                    throw new IllegalStateException("this batch was committed or closed");
                }
                ended = true;
                try {
                    db.write(writeOptions, batch); // RocksDB applies a write batch atomically, also across a crash
                } catch (RocksDBException e) {
                    throw new CacheException("commit failed in " + dir + ": " + e.getMessage(), e);
                } finally {
                    batch.close();
                }
            }

            @Override
            public void close() {
                if (!ended) {
                    ended = true;
                    batch.close();
                }
            }
        };
    }

    @Override
    public Optional<byte[]> checkpoint(String name) {
        try {
            return Optional.ofNullable(db.get(checkpoints, name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (RocksDBException e) {
            throw new CacheException("get failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        families.forEach(org.rocksdb.ColumnFamilyHandle::close);
        db.close();
        writeOptions.close();
        options.close();
    }

    @Override
    public String toString() {
        return "Cache[" + dir + "]";
    }
}
