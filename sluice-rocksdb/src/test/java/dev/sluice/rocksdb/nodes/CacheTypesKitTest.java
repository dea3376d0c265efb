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

/** cache.write and cache.read keep the contract every node type keeps, on a real RocksDB cache. */
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

    private static dev.sluice.Row row(String... fieldsAndValues) {
        dev.sluice.Row row = new dev.sluice.Row();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            row.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void read_enrichesRowsByKey_withADefaultOrNullOnAMiss() throws Exception {
        Path db = dir.resolve("users");
        try (Cache<String, String> cache = Cache.open(db)) {
            cache.put("u1", "{\"name\":\"Ada\"}");
        }
        assertEquals(List.of(row("user", "u1", "profile", "{\"name\":\"Ada\"}"), row("user", "u2", "profile", "{}")),
                NodeTypeKit.of(new CacheTypes.Read()).option("directory", db).option("key", "user").option("into", "profile")
                        .option("default", "{}").input(row("user", "u1"), row("user", "u2")).check());
        assertEquals(List.of(row("user", "u1", "cached", "{\"name\":\"Ada\"}"), row("user", "u2", "cached", null)),
                NodeTypeKit.of(new CacheTypes.Read()).option("directory", db).option("key-expression", "'u' + row.n")
                        .input(row("user", "u1", "n", "1"), row("user", "u2", "n", "2")).run().stream()
                        .map(r -> { ((java.util.Map<?, ?>) r).remove("n"); return r; }).toList());
        assertEquals(List.of(row("user", "u1", "cached", "{\"name\":\"Ada\"}")), NodeTypeKit.of(new CacheTypes.Read())
                .option("directory", db).option("key", "user").option("miss", "drop")
                .input(row("user", "u1"), row("user", "u2")).check());
        Throwable failed = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () -> NodeTypeKit.of(
                new CacheTypes.Read()).option("directory", db).option("key", "user").option("miss", "fail")
                .input(row("user", "u2")).run());
        org.junit.jupiter.api.Assertions.assertTrue(failed.getMessage().contains("no value in the cache under 'u2'"),
                failed.getMessage());
    }

    @Test
    void readAndWrite_ofOneProcess_shareTheOpenCache() throws Exception {
        Path db = dir.resolve("shared");
        Cache<String, String> writer = SharedCaches.acquire(db, false); // as a running cache.write holds it
        try {
            writer.put("k", "v");
            assertEquals(List.of(row("id", "k", "cached", "v")), NodeTypeKit.of(new CacheTypes.Read())
                    .option("directory", db).option("key", "id").input(row("id", "k")).check(),
                    "a second node on the directory opens no second RocksDB, which its lock would refuse");
            writer.put("k", "w");
            assertEquals(Optional.of("w"), writer.get("k"), "the reader's stop left the writer's cache open");
        } finally {
            SharedCaches.release(db);
        }
        try (Cache<String, String> reopened = Cache.open(db)) {
            assertEquals(Optional.of("w"), reopened.get("k"), "the last user closed it");
        }
    }
}
