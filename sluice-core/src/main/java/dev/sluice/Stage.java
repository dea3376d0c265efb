package dev.sluice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A node seen from the outside: the {@link Pipe} facade over {@link StageCore}. Every operator is a
 * small final subclass, and each method here makes one and wires it below this stage, as Reactor's
 * {@code Flux} does with its operators.
 */
abstract class Stage<I, O> extends StageCore<I, O> implements Pipe<O> {
    Stage(PipelineImpl pipeline, String kind, Domain domain) {
        super(pipeline, kind, domain);
    }

    // ------------------------------------------------------------------ Pipe facade

    @Override
    public final Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public Pipe<O> named(String newName) {
        pipeline.rename(this, newName);
        return this;
    }

    @Override
    public Pipe<O> errorPolicy(ErrorPolicy newPolicy) {
        this.policy = Objects.requireNonNull(newPolicy, "policy");
        return this;
    }

    @Override
    public <R> Pipe<R> map(Function<? super O, ? extends R> fn) {
        return attach(new MapStage<>(this, "map", fn));
    }

    @Override
    public Pipe<O> filter(Predicate<? super O> predicate) {
        return attach(new FilterStage<>(this, predicate, false));
    }

    @Override
    public Pipe<O> filterNot(Predicate<? super O> predicate) {
        return attach(new FilterStage<>(this, predicate, true));
    }

    @Override
    public <R> Pipe<R> flatMap(Function<? super O, ? extends Iterable<? extends R>> fn) {
        return attach(new FlatMapStage<>(this, "flatMap", fn));
    }

    @Override
    public <R> Pipe<R> flatten() {
        return attach(new FlatMapStage<O, R>(this, "flatten", FlatMapStage::elements));
    }

    @Override
    public <R> Pipe<R> pluck(String field) {
        Objects.requireNonNull(field, "field");
        return attach(new MapStage<O, R>(this, "pluck", item -> Fields.get(item, field)));
    }

    @Override
    public <R> Pipe<R> pluck(int index) {
        return attach(new MapStage<O, R>(this, "pluck", item -> Fields.get(item, index)));
    }

    @Override
    public Pipe<O> scan(BinaryOperator<O> fn) {
        return attach(ScanStage.scan(this, null, true, fn));
    }

    @Override
    public <S> Pipe<S> scan(S start, BiFunction<? super S, ? super O, ? extends S> fn) {
        return attach(ScanStage.scan(this, start, false, fn));
    }

    @Override
    public <S, R> Pipe<R> accumulate(S start, BiFunction<? super S, ? super O, Pair<S, R>> fn) {
        return attach(ScanStage.accumulate(this, start, fn));
    }

    @Override
    public Pipe<Map<O, Long>> frequencies() {
        return attach(new FrequenciesStage<>(this));
    }

    @Override
    public Pipe<O> unique() {
        return attach(new UniqueStage<O, O>(this, 0, Function.identity()));
    }

    @Override
    public Pipe<O> unique(int maxSize) {
        return unique(maxSize, Function.identity());
    }

    @Override
    public <K> Pipe<O> unique(int maxSize, Function<? super O, ? extends K> key) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive: " + maxSize);
        }
        return attach(new UniqueStage<>(this, maxSize, key));
    }

    @Override
    public <K> Pipe<O> unique(int maxSize, java.time.Duration ttl, Function<? super O, ? extends K> key) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive: " + maxSize);
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        return attach(new UniqueStage<>(this, maxSize, ttl.toMillis(), key));
    }

    @Override
    public Pipe<List<O>> batch(int n) {
        return batch(n, null, null);
    }

    @Override
    public Pipe<List<O>> batch(int n, Duration timeout) {
        return batch(n, timeout, null);
    }

    @Override
    public <K> Pipe<List<O>> batch(int n, Duration timeout, Function<? super O, ? extends K> key) {
        return attach(new BatchStage<>(this, n, timeout, key, Long.MAX_VALUE, null));
    }

    @Override
    public <K> Pipe<List<O>> batch(int n, long maxWeight, java.util.function.ToLongFunction<? super O> weight,
            Duration timeout, Function<? super O, ? extends K> key) {
        if (maxWeight < 1) {
            throw new IllegalArgumentException("a batch's weight limit must be positive: " + maxWeight);
        }
        return attach(new BatchStage<>(this, n, timeout, key, maxWeight, java.util.Objects.requireNonNull(weight, "weight")));
    }

    @Override
    public Pipe<List<O>> slidingWindow(int n) {
        return slidingWindow(n, true);
    }

    @Override
    public Pipe<List<O>> slidingWindow(int n, boolean partial) {
        return attach(new SlidingWindowStage<>(this, n, partial));
    }

    @Override
    public Pipe<List<O>> timedWindow(Duration interval) {
        return attach(new TimedWindowStage<>(this, interval));
    }

    @Override
    public <K> KeyedPipe<K, O> keyBy(Function<? super O, ? extends K> key) {
        Objects.requireNonNull(key, "key");
        return spec -> new WindowConfig<>(this, key, spec);
    }

    @Override
    public CollectPipe<O> collect() {
        return attach(new CollectStage<>(this));
    }

    @Override
    public Pipe<O> rateLimit(Duration interval) {
        return attach(new RateLimitStage<>(this, interval));
    }

    @Override
    public Pipe<O> delay(Duration interval) {
        return attach(new DelayStage<>(this, interval));
    }

    @Override
    public Pipe<O> buffer(int capacity) {
        return attach(new BufferStage<O>(pipeline, "buffer", capacity, false));
    }

    @Override
    public Pipe<O> latest() {
        return attach(new LatestStage<>(pipeline));
    }

    @Override
    @SafeVarargs
    public final Pipe<O> union(Pipe<? extends O>... others) {
        UnionStage<O> union = new UnionStage<>(this);
        connect(union);
        for (Pipe<? extends O> other : others) {
            asStage(other).connect(union);
        }
        pipeline.install(union);
        return union;
    }

    @Override
    public <U> Pipe<Pair<O, U>> zip(Pipe<U> other) {
        return zip(other, 64);
    }

    @Override
    public <U> Pipe<Pair<O, U>> zip(Pipe<U> other, int maxBuffer) {
        ZipStage<O, U> zip = new ZipStage<>(this, maxBuffer);
        connect(zip.left);
        asStage(other).connect(zip.right);
        zip.adoptInputs();
        pipeline.install(zip);
        return zip;
    }

    @Override
    public <U> Pipe<Pair<O, U>> combineLatest(Pipe<U> other) {
        return combine(other, true);
    }

    @Override
    public <U> Pipe<Pair<O, U>> withLatestFrom(Pipe<U> other) {
        return combine(other, false);
    }

    private <U> Pipe<Pair<O, U>> combine(Pipe<U> other, boolean emitOnRight) {
        CombineLatestStage<O, U> combine = new CombineLatestStage<>(this, emitOnRight);
        connect(combine.left);
        asStage(other).connect(combine.right);
        combine.adoptInputs();
        pipeline.install(combine);
        return combine;
    }

    @Override
    public <R> Pipe<R> process(Processor<? super O, R> processor) {
        return attach(new NodeStage<O, R>(pipeline, domain, processor, 0));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Node<O, R> to(Node<? super O, R> node) {
        NodeStage<? super O, R> target = (NodeStage<? super O, R>) node;
        target.connectFrom(this);
        return (Node<O, R>) node;
    }

    @Override
    public Sink<O> sink(Consumer<? super O> action) {
        return attach(new SinkStage<>(this, action)).handle();
    }

    @Override
    public Flow.Publisher<O> toPublisher(int capacity) {
        return attach(new PublisherStage<>(this, capacity));
    }

    @SuppressWarnings("unchecked")
    final <T> Stage<?, T> asStage(Pipe<T> pipe) {
        if (!(pipe instanceof Stage<?, ?> stage) || stage.pipeline != pipeline) {
            throw new IllegalArgumentException("pipe '" + pipe.name() + "' belongs to another pipeline");
        }
        return (Stage<?, T>) stage;
    }

    @Override
    public String toString() {
        return kind + " '" + name + "'";
    }
}
