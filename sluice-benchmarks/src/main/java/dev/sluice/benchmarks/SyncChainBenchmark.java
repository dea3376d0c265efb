package dev.sluice.benchmarks;

import dev.sluice.Sluice;
import dev.sluice.Source;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The synchronous chain, one thread, boxed longs:
 *
 * <pre>
 *   emit -> map(x * 3) -> filter(even) -> scan(sum) -> sink(blackhole)
 * </pre>
 *
 * Against a hand-written loop calling the same lambdas on the same objects, which is the limit
 * for this work. Score: items per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SyncChainBenchmark {
    static final int N = 1_000_000;

    final Function<Long, Long> times3 = x -> x * 3;
    final Predicate<Long> even = x -> (x & 1) == 0;
    final BinaryOperator<Long> sum = Long::sum;
    Long[] items;

    @Setup
    public void setUp() {
        items = Items.boxed(N);
    }

    /** The source iterates, as {@code Flux.fromArray} and the others do. */
    @Benchmark
    @OperationsPerInvocation(N)
    public void sluice(Blackhole bh) {
        Source<Long> source = Sluice.source();
        source.map(times3).filter(even).scan(sum).sink(bh::consume);
        source.emitAll(java.util.Arrays.asList(items));
        source.complete();
    }

    /** The caller's loop calls {@code emit} for each item (streamz's way). */
    @Benchmark
    @OperationsPerInvocation(N)
    public void sluiceEmitEach(Blackhole bh) {
        Source<Long> source = Sluice.source();
        source.map(times3).filter(even).scan(sum).sink(bh::consume);
        for (Long item : items) {
            source.emit(item);
        }
        source.complete();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void rxjava(Blackhole bh) {
        io.reactivex.rxjava3.core.Flowable.fromArray(items).map(times3::apply).filter(even::test).scan(sum::apply)
                .blockingSubscribe(bh::consume);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void reactor(Blackhole bh) {
        reactor.core.publisher.Flux.fromArray(items).map(times3).filter(even).scan(sum).subscribe(bh::consume);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void javaStream(Blackhole bh) {
        Long[] state = {null};
        java.util.Arrays.stream(items).map(times3).filter(even).forEachOrdered(m -> {
            state[0] = state[0] == null ? m : sum.apply(state[0], m);
            bh.consume(state[0]);
        });
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void primitiveLoop(Blackhole bh) {
        long state = 0;
        for (int i = 0; i < N; i++) {
            long m = i * 3L;
            if ((m & 1) == 0) {
                state += m;
                bh.consume(state);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void handWrittenLoop(Blackhole bh) {
        Long state = null;
        for (Long item : items) {
            Long m = times3.apply(item);
            if (even.test(m)) {
                state = state == null ? m : sum.apply(state, m);
                bh.consume(state);
            }
        }
    }
}
