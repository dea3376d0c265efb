package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The limit for {@link LogAppendBenchmark}'s batches: 1,000 records of 100 bytes copied into one
 * buffer, written to a plain file with one call, then one fsync. No framing, no index, no
 * positions, no readers: what the disk allows. (Until stop 14 each record was a write call of its
 * own, which the log's batched appends outran: not a limit.) Score: records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class FileAppendBenchmark {
    static final int BATCH = LogAppendBenchmark.BATCH;

    Path file;
    FileChannel channel;
    final byte[] record = new byte[100];
    final ByteBuffer batch = ByteBuffer.allocateDirect(100 * BATCH);

    @Setup(Level.Trial)
    public void open() throws IOException {
        file = Files.createTempFile("sluice-bench", ".dat");
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        channel.close();
        Files.delete(file);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batchesOf1000() throws IOException {
        batch.clear();
        for (int i = 0; i < BATCH; i++) {
            batch.put(record);
        }
        batch.flip();
        while (batch.hasRemaining()) {
            channel.write(batch);
        }
        channel.force(false);
        return channel.position();
    }
}
