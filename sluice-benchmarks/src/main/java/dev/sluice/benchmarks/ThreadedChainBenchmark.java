package dev.sluice.benchmarks;

import dev.sluice.Pipe;
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
 * Three stages, each on a thread of its own, joined by bounded queues, the same shape on every
 * side:
 *
 * <pre>
 *   thread 1: items -> map  ==[queue]==>  thread 2: filter  ==[queue]==>  thread 3: count
 * </pre>
 *
 * Reactor's {@code publishOn} and RxJava's {@code observeOn} pull an array source on the first
 * stage's thread (operator fusion: no queue there); Sluice's {@code fromIterable} runs its source
 * and the map on the source's thread too. {@link #callerEmits} is the other common shape, a
 * caller's thread emitting into three queued stages (four threads, three queues), reported for
 * scale, and so are {@link #twoStages} and {@link #reactorTwoStages}, the same work on two threads.
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
        items = Items.boxed(N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long rxjavaObserveOn() {
        java.util.concurrent.ExecutorService a = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService b = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService c = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            long[] count = {0};
            io.reactivex.rxjava3.core.Flowable.fromArray(items)
                    .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.from(a), false, capacity).map(x -> x * 3)
                    .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.from(b), false, capacity).filter(x -> x >= 0)
                    .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.from(c), false, capacity)
                    .blockingSubscribe(x -> count[0]++);
            return check(count[0]);
        } finally {
            a.shutdownNow();
            b.shutdownNow();
            c.shutdownNow();
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long reactorPublishOn() {
        reactor.core.scheduler.Scheduler a = reactor.core.scheduler.Schedulers.newSingle("a");
        reactor.core.scheduler.Scheduler b = reactor.core.scheduler.Schedulers.newSingle("b");
        reactor.core.scheduler.Scheduler c = reactor.core.scheduler.Schedulers.newSingle("c");
        try {
            Long count = reactor.core.publisher.Flux.fromArray(items)
                    .publishOn(a, capacity).map(x -> x * 3)
                    .publishOn(b, capacity).filter(x -> x >= 0)
                    .publishOn(c, capacity).count().block();
            return check(count);
        } finally {
            a.dispose();
            b.dispose();
            c.dispose();
        }
    }

    /**
     * The limit for this shape: JCTools SPSC queues between three threads that yield when they
     * find nothing to do (pure spinning starves the other threads on a 2-core machine), without
     * any operator bookkeeping.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long jctoolsSpscHandoff() throws InterruptedException {
        org.jctools.queues.SpscArrayQueue<Long> q1 = new org.jctools.queues.SpscArrayQueue<>(capacity);
        org.jctools.queues.SpscArrayQueue<Long> q2 = new org.jctools.queues.SpscArrayQueue<>(capacity);
        long[] count = {0};
        Thread filter = Thread.ofPlatform().start(() -> relay(q1, q2, x -> x));
        Thread sink = Thread.ofPlatform().start(() -> {
            for (long seen = 0; seen < N; ) {
                Long x = q2.relaxedPoll();
                if (x == null) {
                    Thread.yield();
                } else {
                    seen++;
                    count[0]++;
                }
            }
        });
        Thread source = Thread.ofPlatform().start(() -> {
            for (Long item : items) {
                Long y = item * 3;
                while (!q1.relaxedOffer(y)) {
                    Thread.yield();
                }
            }
        });
        source.join();
        filter.join();
        sink.join();
        return check(count[0]);
    }

    private static void relay(org.jctools.queues.SpscArrayQueue<Long> in, org.jctools.queues.SpscArrayQueue<Long> out,
            java.util.function.UnaryOperator<Long> fn) {
        for (long seen = 0; seen < N; ) {
            Long x = in.relaxedPoll();
            if (x == null) {
                Thread.yield();
                continue;
            }
            seen++;
            Long y = fn.apply(x);
            while (!out.relaxedOffer(y)) {
                Thread.yield();
            }
        }
    }

    private static long check(long count) {
        if (count != N) {
            throw new IllegalStateException("lost items: " + count);
        }
        return count;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long threeStages() throws InterruptedException {
        return onThreads(3);
    }

    /**
     * For scale: the same work on two threads, so that on 2 cores no stage waits for a core.
     * {@code thread 1: items -> map -> filter ==[queue]==> thread 2: count}.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long twoStages() throws InterruptedException {
        return onThreads(2);
    }

    /** map, filter and a counting sink on {@code threads} threads (2: map and filter share the first). */
    private long onThreads(int threads) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        Pipeline p = Sluice.pipeline().name("bench").build();
        Pipe<Long> mapped = p.fromIterable("in", java.util.Arrays.asList(items)).map(x -> x * 3);
        (threads == 3 ? mapped.buffer(capacity) : mapped).filter(x -> x >= 0)
                .buffer(capacity).sink(x -> count.lazySet(count.get() + 1));
        p.start();
        p.await();
        return check(count.get());
    }

    /** {@link #twoStages} on Reactor: {@code publishOn} twice, the array pulled on the first thread. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long reactorTwoStages() {
        reactor.core.scheduler.Scheduler a = reactor.core.scheduler.Schedulers.newSingle("a");
        reactor.core.scheduler.Scheduler b = reactor.core.scheduler.Schedulers.newSingle("b");
        try {
            Long count = reactor.core.publisher.Flux.fromArray(items)
                    .publishOn(a, capacity).map(x -> x * 3).filter(x -> x >= 0)
                    .publishOn(b, capacity).count().block();
            return check(count);
        } finally {
            a.dispose();
            b.dispose();
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long callerEmits() throws InterruptedException {
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
        return check(count.get());
    }
}
