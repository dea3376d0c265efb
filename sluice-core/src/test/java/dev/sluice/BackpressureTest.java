package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Ten million items through three threaded stages with queues of 1,024 behind a slow sink, in a
 * child JVM with a 32 MB heap: if any stage buffered without bound, the child would run out of
 * memory. The child reports the count, the sum and the peak heap after GC.
 */
class BackpressureTest {
    static final long ITEMS = 10_000_000L;

    @Test
    void tenMillionItems_threeThreadedStages_slowSink_boundedHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx32m", "-Xms16m", "-cp", System.getProperty("java.class.path"),
                BackpressureTest.class.getName())
                .redirectErrorStream(true)
                .start();
        String output;
        try {
            assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child finished");
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), output);
        List<String> lines = output.lines().filter(l -> l.startsWith("count=")).toList();
        assertEquals(1, lines.size(), output);
        String[] fields = lines.get(0).split(" ");
        assertEquals("count=" + ITEMS, fields[0]);
        assertEquals("sum=" + (ITEMS - 1) * ITEMS / 2 * 3, fields[1]);
        int maxQueue = Integer.parseInt(fields[2].substring("maxQueue=".length()));
        assertTrue(maxQueue > 0 && maxQueue <= 1024, "queues are used and never exceed their capacity: " + maxQueue);
    }

    /** The child: builds the pipeline, runs it, prints its figures. */
    public static void main(String[] args) throws Exception {
        Pipeline p = Sluice.pipeline().name("bp").build();
        Iterable<Long> numbers = () -> new Iterator<>() {
            long next;

            @Override
            public boolean hasNext() {
                return next < ITEMS;
            }

            @Override
            public Long next() {
                return next++;
            }
        };
        AtomicLong count = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        long[] sink = new long[1];
        p.fromIterable("numbers", numbers)
                .buffer(1024).named("stage1").map(x -> x * 3)
                .buffer(1024).named("stage2").filter(x -> x >= 0)
                .buffer(1024).named("stage3")
                .sink(x -> {
                    long h = x;
                    for (int i = 0; i < 256; i++) {
                        h = h * 6364136223846793005L + 1442695040888963407L; // slow on purpose
                    }
                    sink[0] ^= h;
                    count.incrementAndGet();
                    sum.addAndGet(x);
                });
        p.start();
        int maxQueue = 0;
        while (!p.await(java.time.Duration.ofMillis(20))) {
            for (NodeSnapshot n : p.snapshot().nodes()) {
                maxQueue = Math.max(maxQueue, n.queueDepth());
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                peak += pool.getCollectionUsage().getUsed();
            }
        }
        System.out.println("count=" + count.get() + " sum=" + sum.get() + " maxQueue=" + maxQueue
                + " heapAfterGcMB=" + peak / (1 << 20) + " (" + sink[0] + ")");
    }
}
