package dev.sluice.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.Source;
import dev.sluice.time.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consumer groups: retries, dead letters, restarts, exactly-once transfer, blocking mode, pipelines. */
class ConsumerTest {
    @TempDir
    Path dir;

    final VirtualClock clock = new VirtualClock();

    StreamLog open() {
        return StreamLog.open(dir, StreamLog.Options.defaults().withClock(clock));
    }

    /** A loop around runOnce waits in awaitRecords, which an append in this process ends at once. */
    @Test
    void awaitRecords_endsWithAnAppendInThisProcess_beforeThePollInterval() throws Exception {
        try (StreamLog log = StreamLog.open(dir, StreamLog.Options.defaults().withPollInterval(Duration.ofHours(1)))) {
            LogStream stream = log.stream("orders");
            GroupConsumer consumer = stream.consumer("billing", WindowStrategy.count(1));
            List<String> done = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch handled = new CountDownLatch(1);
            Thread loop = Thread.ofPlatform().start(() -> {
                try {
                    while (!consumer.runOnce(w -> done.addAll(w.texts()))) {
                        consumer.awaitRecords();
                    }
                    handled.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            while (loop.getState() != Thread.State.TIMED_WAITING) { // in awaitRecords, not yet woken
                Thread.onSpinWait();
            }
            stream.append("order-1");
            assertTrue(handled.await(1, java.util.concurrent.TimeUnit.MINUTES), "still waiting for the poll interval");
            loop.join();
            assertEquals(List.of("order-1"), done);
        }
    }

    @Test
    void failingWindow_isRetriedWithBackoff_thenDeadLettered_andTheGroupMovesOn() throws Exception {
        try (StreamLog log = open()) {
            LogStream stream = log.stream("orders");
            stream.append("ok-1");
            stream.append("poison");
            stream.append("ok-2");
            AtomicInteger attempts = new AtomicInteger();
            List<String> done = new ArrayList<>();
            GroupConsumer consumer = stream.consumer("billing", WindowStrategy.count(1)).retry(3, Duration.ofSeconds(1));
            long before = clock.nanoTime();
            while (consumer.runOnce(w -> {
                if (w.texts().contains("poison")) {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("cannot bill " + w.texts());
                }
                done.addAll(w.texts());
            })) {
                // drain
            }
            assertEquals(List.of("ok-1", "ok-2"), done);
            assertEquals(3, attempts.get());
            assertEquals(Duration.ofSeconds(1 + 2).toNanos(), clock.nanoTime() - before, "backoff 1 s, then 2 s");
            List<LogRecord> dead = log.stream("orders.dead-letter").read(1, 10);
            assertEquals(1, dead.size());
            assertEquals("poison", dead.get(0).text());
            assertEquals("cannot bill [poison]", dead.get(0).headers().get("sluice.error"));
            assertEquals("2", dead.get(0).headers().get("sluice.position"));
            assertEquals("billing", dead.get(0).headers().get("sluice.group"));
            assertEquals(0, consumer.lag());
        }
    }

    @Test
    void restartedConsumer_continuesWhereTheGroupStopped() throws Exception {
        try (StreamLog log = open()) {
            LogStream stream = log.stream("s");
            for (int i = 0; i < 5; i++) {
                stream.append("r" + i);
            }
            List<String> seen = new ArrayList<>();
            stream.consumer("g", WindowStrategy.count(2)).runOnce(w -> seen.addAll(w.texts()));
            assertEquals(List.of("r0", "r1"), seen);
        }
        try (StreamLog log = open()) {
            List<String> seen = new ArrayList<>();
            GroupConsumer again = log.stream("s").consumer("g", WindowStrategy.count(1));
            while (again.runOnce(w -> seen.addAll(w.texts()))) {
                // drain
            }
            assertEquals(List.of("r2", "r3", "r4"), seen);
        }
    }

    @Test
    void transferOnce_appendsOutputAndCommitsInputTogether() throws Exception {
        try (StreamLog log = open()) {
            LogStream in = log.stream("raw");
            LogStream out = log.stream("clean");
            in.append(" a ");
            in.append(" b ");
            GroupConsumer c = in.consumer("cleaner", WindowStrategy.count(2));
            assertTrue(c.transferOnce(out, w -> w.texts().stream().map(t -> LogEntry.of(t.trim())).toList()));
            assertEquals(List.of("a", "b"), out.read(1, 10).stream().map(LogRecord::text).toList());
            assertEquals(0, c.lag());
            // a transform that fails leaves neither output nor a commit behind, then dead-letters
            in.append("c");
            GroupConsumer failing = in.consumer("cleaner", WindowStrategy.count(1)).retry(1, Duration.ZERO);
            assertTrue(failing.transferOnce(out, w -> {
                throw new IllegalStateException("broken");
            }));
            assertEquals(2, out.info().records());
            assertEquals(1, log.stream("raw.dead-letter").info().records());
        }
    }

    @Test
    void blockingRun_processesUntilStopped() throws Exception {
        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream("live");
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch three = new CountDownLatch(3);
            GroupConsumer consumer = stream.consumer("g", WindowStrategy.count(1));
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    consumer.run(w -> {
                        seen.addAll(w.texts());
                        three.countDown();
                    });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, r -> Thread.ofPlatform().start(r));
            stream.append("x");
            stream.append("y");
            stream.append("z");
            three.await();
            consumer.stop();
            running.get();
            assertEquals(List.of("x", "y", "z"), seen);
        }
    }

    @Test
    void pipelineSource_acknowledgesOnlyWhatEveryNodeFinished_soACrashReplaysWhatWasQueued() throws Exception {
        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream("orders");
            for (int i = 1; i <= 10; i++) {
                stream.append("order-" + i);
            }
            List<String> first = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch threeDone = new CountDownLatch(1);
            Pipeline crashing = Sluice.pipeline().build();
            crashing.generate("orders", stream.source("billing"))
                    .to(crashing.node("bill", (LogRecord r, dev.sluice.Emitter<String> out) -> {
                        if (first.size() == 3) {
                            threeDone.countDown();
                            new CountDownLatch(1).await(); // stuck until the "crash"
                        }
                        out.emit(r.text());
                    }, 16))
                    .sink(first::add);
            crashing.start();
            assertTrue(threeDone.await(30, java.util.concurrent.TimeUnit.SECONDS));
            // the source has read and emitted all ten; seven sit in the node's queue or in its hands
            assertEquals(1L, log.info("orders").orElseThrow().groups().getOrDefault("billing", 1L).longValue(),
                    "nothing is acknowledged while records are still queued");
            crashing.cancel(); // what is queued is dropped, as in a crash
            crashing.await();
            assertEquals(3, first.size());

            List<String> second = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(10);
            Pipeline restarted = Sluice.pipeline().build();
            restarted.generate("orders", stream.source("billing"))
                    .to(restarted.node("bill", (LogRecord r, dev.sluice.Emitter<String> out) -> out.emit(r.text()), 16))
                    .sink(t -> {
                        second.add(t);
                        all.countDown();
                    });
            restarted.start();
            assertTrue(all.await(30, java.util.concurrent.TimeUnit.SECONDS), "replayed: " + second);
            restarted.stop();
            restarted.await();
            assertEquals(java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "order-" + i).toList(), second);
            assertEquals(11, log.info("orders").orElseThrow().groups().get("billing"),
                    "acknowledged once processed, before the graceful stop ended");
        }
    }

    @Test
    void streamAsPipelineSinkAndSource() throws Exception {
        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream("events");
            Source<String> source = Sluice.source();
            source.map(String::toUpperCase).sink(stream::append);
            source.emitAll(List.of("a", "b", "c"));
            source.complete();

            Pipeline p = Sluice.pipeline().build();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(3);
            p.generate("events", stream.source("reader")).map(LogRecord::text).sink(t -> {
                seen.add(t);
                all.countDown();
            });
            p.start();
            all.await();
            p.stop();
            p.await();
            assertEquals(List.of("A", "B", "C"), seen);
            assertEquals(4, log.info("events").orElseThrow().groups().get("reader"));
        }
    }

    @Test
    void concurrentSingleAppends_areGroupCommitted_withUniquePositions() throws Exception {
        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream("busy");
            List<CompletableFuture<List<Long>>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(CompletableFuture.supplyAsync(() -> {
                    List<Long> positions = new ArrayList<>();
                    for (int i = 0; i < 250; i++) {
                        positions.add(stream.append("x"));
                    }
                    return positions;
                }, r -> Thread.ofPlatform().start(r)));
            }
            List<Long> all = new ArrayList<>();
            for (var w : writers) {
                all.addAll(w.get());
            }
            Collections.sort(all);
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, all.get(i));
            }
            assertEquals(1000, stream.info().records());
        }
    }

    @Test
    void invalidNames_areRejectedWithTheRule() {
        try (StreamLog log = StreamLog.inMemory()) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> log.stream("../etc"));
            assertTrue(e.getMessage().contains("invalid stream name '../etc'"), e.getMessage());
        }
    }
}
