package dev.sluice.log.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Aggregators;
import dev.sluice.Generator;
import dev.sluice.Pipeline;
import dev.sluice.PipelineException;
import dev.sluice.Processor;
import dev.sluice.Sluice;
import dev.sluice.WindowSpec;
import dev.sluice.log.LogCheckpointStore;
import dev.sluice.log.LogRecord;
import dev.sluice.log.StreamLog;
import dev.sluice.nodetype.NodeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * log.read, keyed windows and log.append with checkpoints in the embedded log: cancelled (a crash:
 * uncommitted work lost) at points a fixed seed picks and restarted each time, the output stream
 * holds every window once, with its exact sum, and the input is read once.
 */
class CheckpointedLogPipelineTest {
    @TempDir
    Path dir;

    private static final int N = 20_000;

    @SuppressWarnings("unchecked")
    private Pipeline pipeline() throws Exception {
        Path log = dir.resolve("log");
        Pipeline p = Sluice.pipeline().name("sums").checkpoints(LogCheckpointStore.open(log, "sums"), Duration.ofMillis(5))
                .build();
        Generator<Object> read = (Generator<Object>) (Generator<?>) new LogTypes.Read().create(NodeOptions.of("read",
                Map.of("stream", "in", "group", "sums", "directory", log, "as", "text")));
        Processor<Object, Void> write = new LogTypes.Append().create(NodeOptions.of("write",
                Map.of("stream", "out", "directory", log)));
        p.generate("read", read).map(text -> ((String) text).split(","))
                .keyBy(f -> f[0]).window(WindowSpec.tumbling(Duration.ofMillis(100)))
                .eventTime(f -> Long.parseLong(f[1]), Duration.ZERO)
                .aggregate(Aggregators.summingLong(f -> Long.parseLong(f[2]))).named("sums")
                .map(r -> r.key() + "@" + r.start().toEpochMilli() + "=" + r.value())
                .to(p.node("write", write, 64));
        return p;
    }

    /** The last checkpoint's number, or Long.MAX_VALUE once every input record is acknowledged. */
    private long lastCheckpoint() throws Exception {
        try (LogCheckpointStore store = LogCheckpointStore.open(dir.resolve("log"), "sums");
                StreamLog log = StreamLog.open(dir.resolve("log"))) {
            return log.info("in").orElseThrow().lag("sums") == 0 ? Long.MAX_VALUE
                    : store.latest().map(c -> c.id()).orElse(0L);
        }
    }

    private static void until(java.util.function.BooleanSupplier done, Pipeline p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "no progress: " + p.snapshot());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    @Test
    void cancelledAtSeededPoints_everyWindowIsWrittenOnce_withItsExactSum() throws Exception {
        try (StreamLog log = StreamLog.open(dir.resolve("log"))) {
            var in = log.stream("in");
            for (int i = 0; i < N; i += 1000) {
                List<String> batch = new java.util.ArrayList<>();
                for (int j = i; j < i + 1000; j++) {
                    batch.add("k" + (j % 3) + "," + j + "," + (j % 11));
                }
                in.appendAll(batch.stream().map(dev.sluice.log.LogEntry::of).toList());
            }
            // a last record far ahead in event time closes every window of the data
            in.append("k0," + (N + 1_000_000) + ",0");
            log.stream("out");
        }
        Random seeded = new Random(21);
        for (int crash = 0; crash < 6; crash++) {
            long before = lastCheckpoint();
            long target = before == Long.MAX_VALUE ? before : before + 1 + seeded.nextInt(4);
            Pipeline p = pipeline();
            p.start();
            until(() -> {
                try {
                    return lastCheckpoint() >= target || p.await(Duration.ZERO);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, p);
            p.cancel();
            try {
                p.await();
            } catch (PipelineException cancelled) {
                // what was not committed is lost, as in a crash
            }
        }
        Map<String, Long> expected = new TreeMap<>();
        for (int j = 0; j < N; j++) {
            expected.merge("k" + (j % 3) + "@" + (j / 100 * 100), (long) (j % 11), Long::sum);
        }
        try (Pipeline p = pipeline(); StreamLog log = StreamLog.open(dir.resolve("log"))) {
            p.start();
            until(() -> log.info("out").orElseThrow().records() >= expected.size(), p);
            p.stop();
            p.await();
            Map<String, Long> got = new HashMap<>();
            for (LogRecord r : log.stream("out").read(1, Integer.MAX_VALUE)) {
                String[] kv = r.text().split("=");
                assertEquals(null, got.put(kv[0], Long.parseLong(kv[1])), "window " + kv[0] + " written twice");
            }
            assertEquals(expected, new TreeMap<>(got));
            assertEquals(0, log.info("in").orElseThrow().lag("sums"), "every record read, and acknowledged");
        }
    }
}
