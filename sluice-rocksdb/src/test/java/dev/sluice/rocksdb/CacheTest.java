package dev.sluice.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Codec;
import dev.sluice.Pair;
import dev.sluice.Sluice;
import dev.sluice.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB cache on a real database in a temporary directory. */
class CacheTest {
    @TempDir
    Path dir;

    static <K, V> List<String> show(Stream<Map.Entry<K, V>> entries) {
        try (entries) {
            return entries.map(e -> e.getKey() + "=" + e.getValue()).toList();
        }
    }

    @Test
    void putGetDelete_survivesReopening() {
        try (Cache<String, String> cache = Cache.open(dir)) {
            cache.put("a", "1");
            cache.put("b", "2");
            cache.delete("b");
            assertEquals(Optional.of("1"), cache.get("a"));
            assertEquals(Optional.empty(), cache.get("b"));
        }
        try (Cache<String, String> cache = Cache.open(dir)) {
            assertEquals(Optional.of("1"), cache.get("a"));
        }
    }

    @Test
    void ranges_forwardAndBackward_withNumericKeys() {
        try (Cache<Long, String> cache = Cache.open(dir, Codec.longKey(), Codec.utf8())) {
            for (long k : new long[] {-5, 3, 10, 2, 7}) {
                cache.put(k, "v" + k);
            }
            assertEquals(List.of("-5=v-5", "2=v2", "3=v3", "7=v7", "10=v10"), show(cache.range(null, null, false)));
            assertEquals(List.of("2=v2", "3=v3", "7=v7"), show(cache.range(2L, 10L, false)));
            assertEquals(List.of("7=v7", "3=v3", "2=v2"), show(cache.range(2L, 10L, true)));
            assertEquals(List.of("10=v10", "7=v7", "3=v3", "2=v2", "-5=v-5"), show(cache.range(null, null, true)));
        }
    }

    @Test
    void prefixScan() {
        try (Cache<String, String> cache = Cache.open(dir)) {
            cache.put("user:1", "ada");
            cache.put("user:2", "grace");
            cache.put("order:1", "x");
            cache.put("users", "not a user key");
            assertEquals(List.of("user:1=ada", "user:2=grace"), show(cache.prefix("user:")));
        }
    }

    @Test
    void snapshot_seesThePast() {
        try (Cache<String, String> cache = Cache.open(dir)) {
            cache.put("k", "before");
            try (Cache.Snapshot<String, String> snap = cache.snapshot()) {
                cache.put("k", "after");
                cache.put("new", "x");
                assertEquals(Optional.of("before"), snap.get("k"));
                assertEquals(List.of("k=before"), show(snap.range(null, null, false)));
            }
            assertEquals(Optional.of("after"), cache.get("k"));
        }
    }

    @Test
    void update_isAtomicPerKey_underContention() throws Exception {
        try (Cache<String, String> cache = Cache.open(dir)) {
            CyclicBarrier go = new CyclicBarrier(4);
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    try {
                        go.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < 500; i++) {
                        cache.update("counter", v -> v == null ? "1" : Long.toString(Long.parseLong(v) + 1));
                    }
                }, r -> Thread.ofPlatform().start(r)));
            }
            workers.forEach(CompletableFuture::join);
            assertEquals(Optional.of("2000"), cache.get("counter"));
            cache.update("counter", v -> null);
            assertEquals(Optional.empty(), cache.get("counter"));
        }
    }

    @Test
    void asAPipelineSink() throws Exception {
        try (Cache<String, String> cache = Cache.open(dir)) {
            Source<String> source = Sluice.source();
            source.map(s -> Pair.of(s.toLowerCase(), s)).sink(cache.sink());
            source.emitAll(List.of("A", "B"));
            source.complete();
            source.pipeline().await();
            cache.flush();
            assertEquals(List.of("a=A", "b=B"), show(cache.range(null, null, false)));
            assertTrue(cache.toString().contains(dir.toString()));
        }
    }

    @Test
    void batch_commitsTogether_closedUncommittedIsDiscarded_checkpointsApartFromKeys() {
        try (Cache<String, String> cache = Cache.open(dir)) {
            cache.put("gone", "x");
            try (Cache.Batch<String, String> b = cache.batch()) {
                b.put("a", "1").put("b", "2").delete("gone").checkpoint("job", new byte[] {7});
                assertEquals(Optional.empty(), cache.get("a"), "nothing before commit");
                b.commit();
            }
            try (Cache.Batch<String, String> b = cache.batch()) {
                b.put("c", "3").checkpoint("job", new byte[] {8}); // closed without commit: discarded
            }
            try (var all = cache.range(null, null, false)) {
                assertEquals(List.of("a=1", "b=2"),
                        all.map(e -> e.getKey() + "=" + e.getValue()).toList(), "checkpoints are not keys");
            }
        }
        try (Cache<String, String> reopened = Cache.open(dir)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {7}, reopened.checkpoint("job").orElseThrow());
            assertEquals(Optional.empty(), reopened.checkpoint("other"));
        }
    }
}
