package dev.sluice.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Codec;
import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import dev.sluice.log.StreamLog;
import dev.sluice.rocksdb.Cache;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Keyed state checkpointed with the log position: in process, and across kill -9. */
class CheckpointedConsumerTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    static void appendEvents(StreamLog log, int n, int keys) {
        List<LogEntry> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(LogEntry.of("k" + (i % keys)));
            if (batch.size() == 1000 || i == n - 1) {
                log.stream("events").appendAll(batch);
                batch.clear();
            }
        }
    }

    static Map<String, Long> counts(Cache<String, Long> cache) {
        Map<String, Long> out = new TreeMap<>();
        try (var all = cache.range(null, null, false)) {
            all.forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Test
    void countsEachRecordOnce_andSkipsWhatTheCheckpointAlreadyHolds() throws Exception {
        try (StreamLog log = StreamLog.open(dir.resolve("log"));
                Cache<String, Long> cache = Cache.open(dir.resolve("state"), Codec.utf8(), Codec.longKey())) {
            appendEvents(log, 10, 2); // k0 k1 k0 k1 ...
            // as if a crash came after the state of records 1..4 was committed but before the log heard of it
            try (Cache.Batch<String, Long> b = cache.batch()) {
                b.put("k0", 2L).put("k1", 2L).checkpoint("log:events:counter", ByteBuffer.allocate(8).putLong(5).array());
                b.commit();
            }
            CheckpointedConsumer<String, Long> counter = CheckpointedConsumer.of(log.stream("events"), cache, "counter", 3);
            List<Long> seen = new ArrayList<>();
            while (counter.runOnce((LogRecord r, State<String, Long> state) -> {
                seen.add(r.position());
                state.update(r.text(), n -> n == null ? 1L : n + 1);
            })) {
                // batches of 3: 1-3 (skipped), 4-6 (4 skipped), 7-9, 10
            }
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), seen);
            assertEquals(Map.of("k0", 5L, "k1", 5L), counts(cache));
            assertEquals(11, counter.position());
            assertEquals(0, log.stream("events").consumer("counter", dev.sluice.log.WindowStrategy.count(1)).lag());
        }
    }

    @Test
    void asAPipelineSource_emitsTheCommittedChanges() throws Exception {
        try (StreamLog log = StreamLog.open(dir.resolve("log"));
                Cache<String, Long> cache = Cache.open(dir.resolve("state"), Codec.utf8(), Codec.longKey())) {
            appendEvents(log, 9, 3);
            CheckpointedConsumer<String, Long> counter = CheckpointedConsumer.of(log.stream("events"), cache, "counter", 100);
            List<String> changes = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CountDownLatch three = new java.util.concurrent.CountDownLatch(3);
            try (dev.sluice.Pipeline p = dev.sluice.Sluice.pipeline().build()) {
                p.generate("counts", counter.changes((r, state) -> state.update(r.text(), n -> n == null ? 1L : n + 1)))
                        .sink(pair -> {
                            changes.add(pair.first() + "=" + pair.second());
                            three.countDown();
                        });
                p.start();
                three.await();
                p.stop();
                p.await();
            }
            assertEquals(List.of("k0=3", "k1=3", "k2=3"), changes.stream().sorted().toList());
            assertEquals(Map.of("k0", 3L, "k1", 3L, "k2", 3L), counts(cache));
        }
    }

    @Test
    void aFailingBatch_changesNothing_andGoesToTheDeadLetters() throws Exception {
        try (StreamLog log = StreamLog.open(dir.resolve("log"));
                Cache<String, Long> cache = Cache.open(dir.resolve("state"), Codec.utf8(), Codec.longKey())) {
            appendEvents(log, 6, 1);
            CheckpointedConsumer<String, Long> counter = CheckpointedConsumer.of(log.stream("events"), cache, "counter", 3)
                    .retry(2, Duration.ZERO);
            int[] calls = {0};
            StateFunction<LogRecord, String, Long> failsOnFive = (r, state) -> {
                calls[0]++;
                state.update(r.text(), n -> n == null ? 1L : n + 1);
                if (r.position() == 5) {
                    throw new IllegalArgumentException("bad record");
                }
            };
            assertTrue(counter.runOnce(failsOnFive)); // 1..3
            assertTrue(counter.runOnce(failsOnFive)); // 4..6 fails twice: dead letters, no state change
            assertFalse(counter.runOnce(failsOnFive));
            assertEquals(Map.of("k0", 3L), counts(cache));
            assertEquals(3 + 2 * 2, calls[0]);
            List<LogRecord> dead = log.stream("events.dead-letter").read(0, 10);
            assertEquals(3, dead.size());
            assertTrue(dead.get(0).headers().values().stream().anyMatch(v -> v.contains("events@5: bad record")),
                    dead.get(0).headers().toString());
        }
    }

    /** The test: a counting process killed with SIGKILL again and again ends with exact counts. */
    @Test
    @org.junit.jupiter.api.Timeout(300)
    void killedAgainAndAgain_countsComeOutExact() throws Exception {
        int n = 20_000;
        int keys = 7;
        try (StreamLog log = StreamLog.open(dir.resolve("log"))) {
            appendEvents(log, n, keys);
        }
        killAgainAndAgain(this::startWorker, 25, 20);
        Map<String, Long> expected = new TreeMap<>();
        IntStream.range(0, n).forEach(i -> expected.merge("k" + (i % keys), 1L, Long::sum));
        try (Cache<String, Long> cache = Cache.open(dir.resolve("state"), Codec.utf8(), Codec.longKey())) {
            assertEquals(expected, counts(cache));
        }
    }

    /**
     * Starts a worker, kills it with SIGKILL after a seeded random number of records handled or
     * (a third of the time) right after a commit, while it waits before acknowledging; {@code rounds}
     * times or until a worker finishes first; then lets one run to the end.
     */
    static void killAgainAndAgain(java.util.concurrent.Callable<Process> start, int rounds, int atLeast) throws Exception {
        Random random = new Random(42);
        int kills = 0;
        for (int round = 0; round < rounds; round++) {
            Process worker = start.call();
            // a third of the kills between a batch's commit and its acknowledgement (to the log, or
            // the offset commit to Kafka), the others anywhere: while records are handled,
            // committed, acknowledged or read
            boolean afterCommit = random.nextInt(3) == 0;
            int lines = afterCommit ? 1 + random.nextInt(12) : 1 + random.nextInt(600);
            String counted = afterCommit ? "committed" : "r";
            BufferedReader said = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
            java.io.Writer answer = worker.outputWriter(StandardCharsets.UTF_8);
            boolean finished = true; // unless the kill comes first
            int seen = 0;
            for (String line = said.readLine(); line != null; line = said.readLine()) {
                if (line.equals(counted) && ++seen == lines) {
                    finished = false;
                    break; // kill now: after a record was handled, or between a commit and its acknowledgement
                }
                if (line.equals("committed")) {
                    answer.write("go\n");
                    answer.flush();
                }
            }
            worker.destroyForcibly(); // SIGKILL, in the middle of whatever the next batch is doing
            worker.waitFor();
            if (finished) {
                break;
            }
            kills++;
        }
        Process last = start.call();
        try (BufferedReader said = new BufferedReader(new InputStreamReader(last.getInputStream(), StandardCharsets.UTF_8));
                java.io.Writer answer = last.outputWriter(StandardCharsets.UTF_8)) {
            for (String line = said.readLine(); line != null; line = said.readLine()) {
                if (line.equals("committed")) {
                    answer.write("go\n");
                    answer.flush();
                }
            }
        }
        assertTrue(last.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, last.exitValue());
        assertTrue(kills >= atLeast, "killed only " + kills + " times");
    }

    Process startWorker() throws Exception {
        return children.start(CountingWorker.class, dir.resolve("log").toString(), dir.resolve("state").toString(), "50");
    }
}
