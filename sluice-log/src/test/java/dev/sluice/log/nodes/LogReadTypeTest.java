package dev.sluice.log.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Sluice;
import dev.sluice.yaml.PipelineFile;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.log.StreamLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code log.read} behind a threaded node: a graceful stop acknowledges what drained, then closes the log. */
class LogReadTypeTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void stopAcknowledgesWhatTheThreadedNodeFinished_andTheLogClosesAfterwards() throws Exception {
        Path logDir = dir.resolve("log");
        try (StreamLog log = StreamLog.open(logDir)) {
            for (int i = 1; i <= 5; i++) {
                log.stream("orders").append("order-" + i);
            }
        }
        Generator<String> read = (Generator<String>) (Generator<?>) new LogTypes.Read()
                .create(NodeOptions.of("read", Map.of("stream", "orders", "group", "billing", "directory", logDir, "as", "text")));
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Pipeline p = Sluice.pipeline().build();
        p.generate("read", read).to(p.node("bill", (String s, Emitter<String> out) -> {
            first.countDown();
            assertTrue(go.await(30, TimeUnit.SECONDS)); // the records and their marker wait in the queue
            out.emit(s);
        }, 16)).sink(seen::add);
        p.start();
        assertTrue(first.await(30, TimeUnit.SECONDS));
        p.stop(); // the source ends while its records are still in flight
        go.countDown();
        p.await();
        // the stop may come before the source emitted all five: what it emitted drains, in order
        assertTrue(!seen.isEmpty() && seen.size() <= 5, "seen " + seen);
        assertEquals(List.of("order-1", "order-2", "order-3", "order-4", "order-5").subList(0, seen.size()), seen);
        assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        try (StreamLog log = StreamLog.open(logDir)) {
            assertEquals(seen.size() + 1L, log.info("orders").orElseThrow().groups().get("billing"),
                    "exactly what drained is acknowledged, after the log was still open for it");
        }
    }

    /**
     * {@code log.read} into {@code files.write}: by the time the log holds a record as
     * acknowledged, its line has left the writer's buffer for the file, so a crash of the process
     * then cannot lose it (the CLI's {@code files.write} once kept lines buffered past the
     * acknowledgement, until the pipeline ended).
     */
    @Test
    void linesReachTheFile_beforeTheirRecordsAreAcknowledged() throws Exception {
        Path logDir = dir.resolve("log");
        try (StreamLog log = StreamLog.open(logDir)) {
            for (int i = 1; i <= 3; i++) {
                log.stream("orders").append("order-" + i);
            }
        }
        Path f = dir.resolve("p.yaml");
        java.nio.file.Files.writeString(f, """
                nodes:
                  - {name: read, type: log.read, options: {stream: orders, group: billing, directory: log}}
                  - {name: write, type: files.write, options: {file: out.txt}}
                """);
        try (Pipeline p = PipelineFile.load(f).build(Sluice.pipeline()); StreamLog log = StreamLog.open(logDir)) {
            p.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (log.info("orders").orElseThrow().groups().getOrDefault("billing", 1L) < 4) {
                assertTrue(System.nanoTime() < deadline, "not acknowledged:\n" + p.snapshot());
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertEquals(List.of("order-1", "order-2", "order-3"), java.nio.file.Files.readAllLines(dir.resolve("out.txt")),
                    "acknowledged, so already in the file");
            p.stop();
            p.await();
        }
    }
}
