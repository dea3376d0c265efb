package dev.sluice.rocksdb.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Pair;
import dev.sluice.rocksdb.Cache;
import dev.sluice.test.NodeTypeKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cache.write keeps the contract every node type keeps, on a real RocksDB cache. */
class CacheTypesKitTest {
    @TempDir
    Path dir;

    @Test
    void write_keepsTheLastValueOfAKey_andATombstoneDeletes() throws Exception {
        Path db = dir.resolve("db");
        NodeTypeKit.of(new CacheTypes.Write()).option("directory", db)
                .input(Pair.of("a", "1"), Pair.of("b", "2"), Pair.of("a", "3"), Pair.of("b", null)).check();
        try (Cache<String, String> cache = Cache.open(db)) {
            assertEquals(Optional.of("3"), cache.get("a"));
            assertEquals(Optional.empty(), cache.get("b"));
        }
    }
}
