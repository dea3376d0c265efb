package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.rocksdb.Cache;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice cache} on a real RocksDB cache. */
class CacheCommandTest {
    @TempDir
    Path dir;

    @Test
    void lsAndGet() {
        try (Cache<String, String> cache = Cache.open(dir)) {
            cache.put("127820", "banana");
            cache.put("128081", "crown");
            cache.put("other", "x");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"cache", "ls", dir.toString(), "12"}, o, System.err));
        assertEquals("127820\tbanana\n128081\tcrown\n", out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, Main.run(new String[] {"cache", "get", dir.toString(), "other"}, o, System.err));
        assertEquals("x\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(1, Main.run(new String[] {"cache", "get", dir.toString(), "missing"}, o,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
