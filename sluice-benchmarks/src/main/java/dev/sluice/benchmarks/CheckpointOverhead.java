package dev.sluice.benchmarks;

import dev.sluice.Aggregators;
import dev.sluice.Pipeline;
import dev.sluice.PipelineBuilder;
import dev.sluice.Sluice;
import dev.sluice.WindowSpec;
import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import dev.sluice.log.StreamLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What checkpoints cost a windowed pipeline: the same pipeline over the embedded log, a keyed
 * window of one second of event time over 1,000 keys, summing a field, from {@code log.read}'s
 * source to a log sink, with checkpoints every second (each one committing the window state, the
 * output and the positions in one transaction) and without (acknowledging batches as they are
 * processed, at least once). 300,000 records on each side, a new group and output stream each run;
 * after one untimed run of each, three runs each, in turn, and the median.
 */
final class CheckpointOverhead {
    private CheckpointOverhead() {}

    static final int RECORDS = 300_000;
    static final int RUNS = 3;

    static List<Compare.Result> compare() throws Exception {
        Path dir = Files.createTempDirectory("sluice-checkpoints");
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        try (StreamLog log = StreamLog.open(dir)) {
            List<LogEntry> batch = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                batch.add(LogEntry.of("k" + (i % 1000) + "," + i / 10 + "," + i % 13));
                if (batch.size() == 1000) {
                    log.stream("in").appendAll(batch);
                    batch.clear();
                }
            }
            run(log, "warm-up-with", true);
            run(log, "warm-up-without", false);
            for (int r = 0; r < RUNS; r++) {
                with.add(run(log, "with-" + r, true));
                without.add(run(log, "without-" + r, false));
                System.out.printf(Locale.ROOT, "checkpoints run %d, records/s: with %.0f, without %.0f%n", r + 1,
                        with.getLast(), without.getLast());
            }
        } finally {
            TempDirs.delete(dir);
        }
        return List.of(new Compare.Result("keyed windows, embedded log to log, checkpoints every second vs none",
                ConsumeThroughput.median(with), ConsumeThroughput.median(without), "records/s", true, ">= 0.9",
                ConsumeThroughput.median(with) / ConsumeThroughput.median(without) >= 0.9));
    }

    /** Records per second through the pipeline, timed from start until every record is read. */
    private static double run(StreamLog log, String name, boolean checkpoints) throws Exception {
        PipelineBuilder b = Sluice.pipeline().name(name);
        if (checkpoints) {
            b.checkpoints(log.checkpoints(name), Duration.ofSeconds(1));
        }
        long started = System.nanoTime();
        try (Pipeline p = b.build()) {
            p.generate("read", log.stream("in").source(name))
                    .map(r -> new String(((LogRecord) r).payload(), StandardCharsets.UTF_8).split(","))
                    .keyBy(f -> f[0]).window(WindowSpec.tumbling(Duration.ofSeconds(1)))
                    .eventTime(f -> Long.parseLong(f[1]), Duration.ZERO)
                    .aggregate(Aggregators.summingLong(f -> Long.parseLong(f[2]))).named("sums")
                    .map(w -> w.key() + " " + w.start() + " " + w.value())
                    .process(log.stream("out-" + name).sink());
            p.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (p.snapshot().node("read").out() < RECORDS) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": not every record read in five minutes: " + p.snapshot());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            double rate = RECORDS * 1e9 / (System.nanoTime() - started);
            p.stop();
            p.await();
            return rate;
        }
    }
}
