package dev.sluice.benchmarks;

import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.Source;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Three threaded stages joined by bounded queues, the emitting thread feeding the first:
 *
 * <pre>
 *   emit -> [queue] map -> [queue] filter -> [queue] sink(count)
 * </pre>
 *
 * Score: items per second through the whole pipeline, start-up and drain included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThreadedChainBenchmark {
    static final int N = 1_000_000;

    @Param({"1024"})
    int capacity;

    Long[] items;

    @Setup
    public void setUp() {
        items = new Long[N];
        for (int i = 0; i < N; i++) {
            items[i] = (long) i;
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long threeStages() throws InterruptedException {
        AtomicLong count = new AtomicLong();
        Pipeline p = Sluice.pipeline().name("bench").build();
        Source<Long> source = p.source("in");
        source.buffer(capacity).map(x -> x * 3)
                .buffer(capacity).filter(x -> x >= 0)
                .buffer(capacity).sink(x -> count.lazySet(count.get() + 1));
        for (Long item : items) {
            source.emit(item);
        }
        source.complete();
        p.await();
        if (count.get() != N) {
            throw new IllegalStateException("lost items: " + count.get());
        }
        return count.get();
    }
}
