package dev.sluice.rocksdb.nodes;

import dev.sluice.Codec;
import dev.sluice.rocksdb.Cache;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The caches the nodes of this process have open, shared: RocksDB lets one process open a
 * directory once, and a pipeline that writes a cache and looks it up elsewhere has two nodes on
 * it. The first node to start opens it, the last to stop closes it.
 */
final class SharedCaches {
    private record Open(Cache<String, String> cache, boolean synced, int users) {}

    private static final Map<Path, Open> OPEN = new HashMap<>();

    private SharedCaches() {}

    /**
     * The cache in {@code dir}, opened if no node has it open.
     *
     * @param synced for a writer, whether writes are fsynced; null for a reader, which takes either
     * @throws IllegalStateException when a writer asks for another sync setting than the cache was opened with
     */
    static synchronized Cache<String, String> acquire(Path dir, Boolean synced) {
        Path key = dir.toAbsolutePath().normalize();
        Open open = OPEN.get(key);
        if (open == null) {
            boolean s = Boolean.TRUE.equals(synced);
            Cache<String, String> cache = s ? Cache.openSynced(key, Codec.utf8(), Codec.utf8()) : Cache.open(key);
            open = new Open(cache, s, 0);
        } else if (synced != null && synced != open.synced) {
            throw new IllegalStateException("the cache in " + dir + " is open with synced: " + open.synced
                    + " by another node; give every cache.write on it the same 'synced'");
        }
        OPEN.put(key, new Open(open.cache, open.synced, open.users + 1));
        return open.cache;
    }

    /** One node is done with the cache in {@code dir}; the last one closes it. */
    static synchronized void release(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        Open open = OPEN.get(key);
        if (open == null) {
            return;
        }
        if (open.users <= 1) {
            OPEN.remove(key);
            open.cache.close();
        } else {
            OPEN.put(key, new Open(open.cache, open.synced, open.users - 1));
        }
    }
}
