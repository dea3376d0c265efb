package dev.sluice.benchmarks;

import dev.sluice.log.Durability;
import dev.sluice.log.LogEntry;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends of 100-byte records to the embedded log (SQLite, WAL) in a temporary
 * directory: batches of 1,000; single appends from four threads, each waiting for its commit;
 * and single appends from four threads that keep up to 1,000 in flight each ({@code appendAsync},
 * like a Kafka producer's {@code send}), committed in groups. Score: records per second. The
 * peers are {@link KafkaAppendBenchmark} and {@link FileAppendBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LogAppendBenchmark {
    static final int BATCH = 1000;

    @Param({"EVERY_COMMIT", "PERIODIC"})
    Durability durability;

    Path dir;
    StreamLog log;
    LogStream stream;
    byte[] payload = new byte[100];
    List<LogEntry> batch;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("sluice-bench-log");
        log = StreamLog.open(dir, StreamLog.Options.defaults().withDurability(durability));
        stream = log.stream("bench");
        batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(new LogEntry(null, payload, Map.of(), Instant.now()));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        TempDirs.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batchesOf1000() {
        return stream.appendAll(batch);
    }

    @Benchmark
    @Threads(4)
    public long singleAppendsFrom4Threads() {
        return stream.append(payload);
    }

    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(BATCH)
    public long singleAppendsInFlightFrom4Threads() throws Exception {
        CompletableFuture<?>[] sent = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            sent[i] = stream.appendAsync(new LogEntry(null, payload, Map.of(), Instant.now()));
        }
        CompletableFuture.allOf(sent).get();
        return sent.length;
    }
}
