package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointStore;
import dev.sluice.checkpoint.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints on the engine: a source that checkpoints its position, keyed windows and a running
 * count whose state the barriers snapshot, and a transactional sink; the pipeline is cancelled
 * (its uncommitted work lost, as in a crash) at points chosen by a fixed seed and restarted each
 * time from the store. Every window comes out once, with its exact value.
 */
class CheckpointTest {
    record Reading(String key, long at, long value) {}

    /** A source position, as a source gives it to its checkpoint. */
    record Position(long next) {}

    /** What the sink wrote since the last barrier. */
    record Outputs(List<String> lines) {}

    /**
     * A store whose commits survive the pipeline, as a database's would: the test's stand-in for
     * the log's store (which the log's own tests run against SQLite).
     */
    static final class DurableStore implements CheckpointStore {
        long id;
        Instant at = Instant.EPOCH;
        final Map<String, byte[]> states = new HashMap<>();
        final List<String> committed = new ArrayList<>();
        long position;
        CountDownLatch commits = new CountDownLatch(Integer.MAX_VALUE);

        @Override
        public synchronized Optional<Checkpoint> latest() {
            return id == 0 ? Optional.empty() : Optional.of(new Checkpoint(id, at, states, List.of()));
        }

        @Override
        public synchronized void commit(Checkpoint c) {
            assertEquals(id + 1, c.id(), "commits in order, none skipped");
            for (Object part : c.parts()) {
                if (part instanceof Position p) {
                    position = Math.max(position, p.next());
                } else if (part instanceof Outputs o) {
                    committed.addAll(o.lines());
                }
            }
            states.putAll(c.states());
            id = c.id();
            at = c.at();
            commits.countDown();
        }

        @Override
        public boolean takes(Object part) {
            return part instanceof Position || part instanceof Outputs;
        }
    }

    /** Buffers its lines until a barrier takes them. */
    static final class TransactionalSink implements Processor<String, Void>, Transactional {
        private final List<String> pending = new ArrayList<>();

        @Override
        public void checkpointing(boolean on) {
            assertTrue(on);
        }

        @Override
        public void process(String line, Emitter<Void> out) {
            pending.add(line);
        }

        @Override
        public Object prepareCommit() {
            if (pending.isEmpty()) {
                return null;
            }
            Outputs o = new Outputs(List.copyOf(pending));
            pending.clear();
            return o;
        }
    }

    private static final int N = 3_000;

    private static Reading reading(long i) {
        return new Reading("k" + (i % 5), i, i % 7);
    }

    /** Builds the pipeline on {@code store}: from the store's position on, batches of 37, a barrier per batch. */
    private static Pipeline pipeline(DurableStore store) {
        Pipeline p = Sluice.pipeline().name("checkpointed").checkpoints(store, Duration.ZERO).build();
        long from = store.position;
        Pipe<Reading> readings = p.generate("source", (ctx, out) -> {
            for (long i = from; i < N && ctx.active(); ) {
                long end = Math.min(N, i + 37);
                for (; i < end; i++) {
                    out.emit(reading(i));
                }
                ctx.checkpoint(new Position(end));
            }
        });
        readings.keyBy(Reading::key).window(WindowSpec.tumbling(Duration.ofMillis(100)))
                .eventTime(Reading::at, Duration.ZERO)
                .aggregate(Aggregators.summingLong(Reading::value)).named("sums")
                .map(r -> r.key() + "@" + r.start().toEpochMilli() + "=" + r.value())
                .to(p.node("out", new TransactionalSink(), 64));
        readings.map(r -> 1L).scan(Long::sum).named("count")
                .map(n -> "count=" + n).filter(line -> line.endsWith("000"))
                .to(p.node("counts", new TransactionalSink(), 64));
        return p;
    }

    @Test
    void killedAtSeededPoints_andRestarted_everyWindowComesOutOnce_withItsExactValue() throws Exception {
        DurableStore store = new DurableStore();
        Random seeded = new Random(21);
        for (int crash = 0; crash < 8; crash++) {
            store.commits = new CountDownLatch(1 + seeded.nextInt(6));
            Pipeline p = pipeline(store);
            p.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // the commits this crash waits for, or the end, when the input ran out before them
            while (!store.commits.await(5, TimeUnit.MILLISECONDS) && !p.await(Duration.ZERO)) {
                assertTrue(System.nanoTime() < deadline, "no progress");
            }
            p.cancel(); // a crash: what is not committed is lost
            try {
                p.await();
            } catch (PipelineException ignored) {
                // cancelled
            }
        }
        store.commits = new CountDownLatch(Integer.MAX_VALUE);
        try (Pipeline p = pipeline(store)) {
            p.start();
            p.await();
        }
        assertEquals(N, store.position);
        Map<String, Long> expected = new TreeMap<>();
        for (long i = 0; i < N; i++) {
            Reading r = reading(i);
            expected.merge(r.key() + "@" + (r.at() / 100 * 100), r.value(), Long::sum);
        }
        Map<String, Long> got = new TreeMap<>();
        List<String> counts = new ArrayList<>();
        for (String line : store.committed) {
            if (line.startsWith("count=")) {
                counts.add(line);
                continue;
            }
            String[] kv = line.split("=");
            Long before = got.put(kv[0], Long.parseLong(kv[1]));
            assertEquals(null, before, "window " + kv[0] + " came out twice");
        }
        assertEquals(expected, got);
        assertEquals(List.of("count=1000", "count=2000", "count=3000"), counts, "the running count carried over");
    }

    @Test
    void aChangedWindow_isRefusedAtStart_withWhatTheCheckpointHolds() throws Exception {
        DurableStore store = new DurableStore();
        store.commits = new CountDownLatch(1);
        try (Pipeline p = pipeline(store)) {
            p.start();
            assertTrue(store.commits.await(30, TimeUnit.SECONDS));
            p.cancel();
        }
        Pipeline changed = Sluice.pipeline().checkpoints(store, Duration.ZERO).build();
        changed.<Reading>source("source").keyBy(Reading::key).window(WindowSpec.tumbling(Duration.ofMillis(500)))
                .eventTime(Reading::at, Duration.ZERO).aggregate(Aggregators.count()).named("sums");
        changed.<Reading>source("s2").map(r -> 1L).scan(Long::sum).named("count");
        IllegalStateException e = assertThrows(IllegalStateException.class, changed::start);
        assertEquals("node 'sums' has tumbling windows of 500 ms on event time, 0 ms out of order, 0 ms allowed"
                + " lateness, but the checkpoint holds tumbling windows of 100 ms on event time, 0 ms out of order,"
                + " 0 ms allowed lateness: the windows cannot be carried over; start from no checkpoint"
                + " (sluice checkpoints drop), or go back to the windows it was taken with", e.getMessage());
        changed.cancel();
    }

    @Test
    void aPipelineACheckpointCannotCover_refusesToStart_sayingWhy() {
        Pipeline p = Sluice.pipeline().checkpoints(new DurableStore(), Duration.ZERO).build();
        Source<Integer> a = p.source("a");
        Source<Integer> b = p.source("b");
        a.batch(3).named("batches").sink(x -> {});
        a.union(b).named("both").sink(x -> {});
        IllegalStateException e = assertThrows(IllegalStateException.class, p::start);
        assertEquals("this pipeline cannot be checkpointed: node 'batches': a batch holds items until it is full,"
                + " which a checkpoint does not keep yet; node 'both' has 2 inputs (a, b): checkpoints do not align"
                + " barriers at a fan-in yet", e.getMessage());
        p.cancel();
    }
}
