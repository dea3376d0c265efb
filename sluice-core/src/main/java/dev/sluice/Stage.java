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
 * A node of the graph: receives items of type {@code I} (as an {@link Inlet}) and pushes items of
 * type {@code O} to its subscribers. Every operator is a small final subclass; this class holds
 * what they share: wiring, counters, the error policy, completion, and the {@link Pipe} facade
 * whose methods each create one subclass.
 *
 * <p>Threading: a stage runs in its {@link Domain}; its plain fields and counters are written
 * only by the thread currently inside that domain. {@code done} is volatile because monitoring
 * and cancellation read it from other threads.
 */
abstract class Stage<I, O> extends Inlet<I> implements Pipe<O> {
    /** Returned by {@link #recover} when the failed item is not to be emitted. */
    static final Object DROP = new Object();

    @SuppressWarnings("rawtypes")
    private static final Inlet[] NONE = new Inlet[0];

    final PipelineImpl pipeline;
    final String kind;
    final Domain domain;
    String name;
    ErrorPolicy policy = ErrorPolicy.fail();
    final List<Stage<?, ?>> inputs = new ArrayList<>(1);

    @SuppressWarnings("rawtypes")
    private Inlet[] outs = NONE;

    /**
     * The subscriber when there is exactly one, else null. The hot operators call it from their
     * own {@code onNext} rather than through {@link #push}: the JIT profiles a call site per
     * method, so a call in the shared {@code push} sees every operator type, goes megamorphic and
     * is never inlined, while a call in {@code MapStage.onNext} sees only what follows a map, and
     * a chain of such calls inlines into one loop (what Reactor gets from operator fusion).
     */
    Inlet<? super O> only;

    int openInputs;
    volatile boolean done;

    long in;
    long out;
    long errors;
    long skipped;
    long retried;
    long deadLettered;
    long dropped;
    long busyNanos;
    /** Items this stage failed the pipeline on (0 or 1); part of {@link #passedOn}. */
    long failedItems;
    /**
     * At a source or generator: items the stages below refused because the pipeline was ending
     * (a {@link Signal} instead of taking them). Such an item counts as never emitted, by the
     * source and by every stage that derives its counts from it, so that the counts of a stopped
     * pipeline still show every item out of a node going into the next.
     */
    long refused;

    Stage(PipelineImpl pipeline, String kind, Domain domain) {
        this.pipeline = pipeline;
        this.kind = kind;
        this.domain = domain;
    }

    // ------------------------------------------------------------------ counts, for monitoring

    /**
     * Items received. The hot operators (map, filter, scan, sink) are fed directly by the one
     * stage they were attached to, so they return its {@link #emitted} instead of counting: an
     * item counted out of one stage and again into the next cost stores into five objects per
     * item of a sync chain (measured in docs/architecture.md, Monitoring).
     */
    long received() {
        return in;
    }

    /** For the hot operators: what the one stage they were attached to has emitted. */
    final long emittedAbove() {
        return inputs.get(0).emitted();
    }

    /** Time this stage's thread spent working; monitoring reads it from any thread. */
    long busyNanos() {
        return busyNanos;
    }

    /** Items emitted; one-to-one operators derive it with {@link #passedOn} instead of counting. */
    long emitted() {
        return out;
    }

    /** For a stage that emits one item per item received: what it received and did not drop. */
    final long passedOn() {
        return received() - skipped - deadLettered - failedItems;
    }

    // ------------------------------------------------------------------ output side

    /** Sends {@code item} to every subscriber, in subscription order, on the current thread. */
    final void push(O item) {
        pushAll(item);
        out++; // counted once handed over: an item refused below (a stop, a failure) is not "out"
    }

    /** {@link #push} without counting: the hot operators count and try {@link #only} themselves. */
    @SuppressWarnings("unchecked")
    final void pushAll(O item) {
        Inlet<? super O>[] o = outs;
        for (int i = 0; i < o.length; i++) {
            o[i].onNext(item);
        }
    }

    // ------------------------------------------------------------------ markers

    /** Markers waiting behind items this stage still holds, oldest first; domain thread only. */
    private java.util.ArrayDeque<Held> held;

    private record Held(Marker marker, long tag) {}

    /**
     * A marker arrived. A stage holding nothing passes it on at once; one holding items back
     * keeps it until those items are gone (see {@link #stillHolds}).
     */
    @Override
    void onMarker(Marker marker) {
        long tag = holdTag();
        if ((held == null || held.isEmpty()) && !stillHolds(tag)) {
            passMarker(marker);
            return;
        }
        if (held == null) {
            held = new java.util.ArrayDeque<>();
        }
        held.add(new Held(marker, tag));
    }

    /** What a stage notes when it holds a marker, for {@link #stillHolds}; default 0. */
    long holdTag() {
        return 0;
    }

    /**
     * True while items that were here when a marker with {@code tag} arrived are still held.
     * Default: anything is held at all, which is exact for stages that empty completely (batches,
     * delays) and safe, if slower to release, for the others.
     */
    boolean stillHolds(long tag) {
        return depth() > 0;
    }

    /** Passes on the held markers whose items have gone; buffering stages call it after emitting. */
    final void releaseMarkers() {
        java.util.ArrayDeque<Held> h = held;
        while (h != null && !h.isEmpty() && !stillHolds(h.peek().tag())) {
            passMarker(h.poll().marker());
        }
    }

    /**
     * A {@link NodeContext#whenProcessed} action that fails the pipeline, in this node's name,
     * if it throws: it runs on another node's thread, whose own error policy must not see it.
     */
    final Runnable failingThePipeline(Runnable action) {
        Objects.requireNonNull(action, "action");
        return () -> {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                pipeline.fail(name, PipelineException.NO_ITEM, e);
            }
        };
    }

    /** Hands {@code marker} to every subscriber, or ends this copy at a stage without any. */
    @SuppressWarnings("unchecked")
    final void passMarker(Marker marker) {
        Inlet<? super O>[] o = outs;
        if (o.length == 0) {
            marker.arrived();
            return;
        }
        marker.fork(o.length - 1);
        for (Inlet<? super O> i : o) {
            i.onMarker(marker);
        }
    }

    @SuppressWarnings("unchecked")
    final void completeDown() {
        for (Inlet<? super O> o : (Inlet<? super O>[]) outs) {
            o.onComplete();
        }
    }

    @SuppressWarnings("unchecked")
    final void errorDown(Throwable error) {
        for (Inlet<? super O> o : (Inlet<? super O>[]) outs) {
            o.onError(error);
        }
    }

    final boolean hasSubscribers() {
        return outs.length > 0;
    }

    /** Subscribes {@code child} to this stage, through a locking gate if it lives in another domain. */
    @SuppressWarnings("unchecked")
    final void connect(Stage<? super O, ?> child) {
        pipeline.checkWiring(this, child);
        Inlet<? super O> target = child;
        if (!child.acceptsConcurrentInput() && child.domain != domain) {
            child.domain.markShared();
            target = new Gate<>(child);
        }
        child.openInputs++;
        child.inputs.add(this);
        Inlet<? super O>[] next = Arrays.copyOf(outs, outs.length + 1);
        next[outs.length] = target;
        outs = next;
        only = next.length == 1 ? next[0] : null;
    }

    /** Wires a new child below this stage and registers it with the pipeline. */
    final <S extends Stage<? super O, ?>> S attach(S child) {
        connect(child);
        pipeline.install(child);
        return child;
    }

    /** Runs once when the pipeline starts, before any stage's {@link #onStart} and any thread. */
    void prepare() {}

    /**
     * True for stages that put items into the graph by themselves once started (generators,
     * publishers, queued sources): they start after every other stage, so that no item reaches a
     * node whose start hook (opening a file, connecting to a broker) has not run yet.
     */
    boolean feedsTheGraph() {
        return false;
    }

    /** True for stages whose input is thread-safe by itself (queues), so no gate is needed. */
    boolean acceptsConcurrentInput() {
        return false;
    }

    // ------------------------------------------------------------------ input side, lifecycle

    @Override
    void onComplete() {
        if (--openInputs > 0) {
            return;
        }
        finish();
    }

    /** Flushes buffered state, then completes downstream. Runs inside the domain. */
    final void finish() {
        if (done) {
            return;
        }
        beforeComplete();
        java.util.ArrayDeque<Held> h = held;
        while (h != null && !h.isEmpty()) {
            passMarker(h.poll().marker()); // everything was flushed above
        }
        done = true;
        releaseOnce();
        completeDown();
        pipeline.stageDone(this);
    }

    @Override
    void onError(Throwable error) {
        failDown(error);
    }

    /** Ends the stage because the pipeline failed, and tells the stages below. */
    final void failDown(Throwable error) {
        if (done) {
            return;
        }
        done = true;
        releaseOnce();
        errorDown(error);
        failed(error);
        pipeline.stageDone(this);
    }

    /** Hook: the stage ended because the pipeline failed (sinks tell their owner here). */
    void failed(Throwable error) {}

    /** Marks the stage ended without any signal (cancellation). */
    final void endSilently() {
        if (!done) {
            done = true;
            releaseOnce();
        }
    }

    private boolean released;

    final void releaseOnce() {
        if (!released) {
            released = true;
            release();
        }
    }

    /** Emits what the stage still holds when its input completes. */
    void beforeComplete() {}

    /** Frees timers and resources when the stage ends, however it ends. */
    void release() {}

    /** Called once when the pipeline starts (or at creation, if it already runs). */
    void onStart() {}

    /** Called on cancellation or failure from any thread: wake up and stop waiting. */
    void onCancel() {}

    /** Called once the pipeline has ended, however it ended, when no node thread runs any more. */
    void afterEnd() {}

    /** Input queue for monitoring, if the stage has one. */
    BoundedQueue queue() {
        return null;
    }

    /** Items held by the stage waiting to go on (queued, delayed, batched), for monitoring. */
    int depth() {
        BoundedQueue q = queue();
        return q == null ? 0 : q.size();
    }

    /** Runs a timer task inside this stage's domain; the pipeline's failure ends the stage. */
    final void runTimed(Runnable task) {
        boolean locked = domain.enter();
        try {
            if (!done && !pipeline.state().isTerminal()) {
                task.run();
                releaseMarkers();
            }
        } catch (Signal | PipelineException ignored) {
            // the pipeline is ending; cancellation cleans up
        } catch (RuntimeException | Error e) {
            pipeline.fail(name, PipelineException.NO_ITEM, e);
        } finally {
            domain.exit(locked);
        }
    }

    // ------------------------------------------------------------------ errors

    /**
     * Applies the error policy to {@code error}, thrown by this stage's function on {@code item}.
     * Returns the value of a successful retry, or {@link #DROP}; throws under the fail policy.
     * Control-flow exceptions from further downstream pass through untouched.
     */
    final Object recover(Object item, Throwable error, Callable<?> retry) {
        if (error instanceof Signal s) {
            throw s;
        }
        if (error instanceof PipelineException p) {
            throw p;
        }
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            if (pipeline.isEnding()) {
                throw Signal.CLOSED;
            }
        }
        errors++;
        ErrorPolicy p = policy;
        int attempts = 1;
        if (p instanceof ErrorPolicy.Retry r) {
            long backoff = r.initialBackoff().toNanos();
            while (attempts < r.maxAttempts() && retry != null) {
                try {
                    pipeline.clock().sleep(Duration.ofNanos(backoff));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Signal.CLOSED;
                }
                attempts++;
                retried++;
                try {
                    return retry.call();
                } catch (Signal | PipelineException e) {
                    throw e;
                } catch (Exception e) {
                    errors++;
                    error = e;
                }
                backoff = Math.min(backoff * 2, r.maxBackoff().toNanos());
            }
            p = r.exhausted();
        }
        if (p instanceof ErrorPolicy.Skip) {
            skipped++;
            return DROP;
        }
        if (p instanceof ErrorPolicy.ToDeadLetter d) {
            deadLettered++;
            d.sink().accept(new DeadLetter(name, item, error, attempts,
                    Instant.ofEpochMilli(pipeline.clock().currentTimeMillis())));
            return DROP;
        }
        failedItems++;
        throw pipeline.fail(name, item, error);
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
    public Pipe<List<O>> partition(int n) {
        return partition(n, null, null);
    }

    @Override
    public Pipe<List<O>> partition(int n, Duration timeout) {
        return partition(n, timeout, null);
    }

    @Override
    public <K> Pipe<List<O>> partition(int n, Duration timeout, Function<? super O, ? extends K> key) {
        return attach(new PartitionStage<>(this, n, timeout, key));
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

    /** Serializes entry into a stage that lives in another domain. */
    private static final class Gate<T> extends Inlet<T> {
        private final Stage<T, ?> target;

        Gate(Stage<T, ?> target) {
            this.target = target;
        }

        @Override
        void onNext(T item) {
            boolean locked = target.domain.enter();
            try {
                target.onNext(item);
            } finally {
                target.domain.exit(locked);
            }
        }

        @Override
        void onComplete() {
            boolean locked = target.domain.enter();
            try {
                target.onComplete();
            } finally {
                target.domain.exit(locked);
            }
        }

        @Override
        void onError(Throwable error) {
            boolean locked = target.domain.enter();
            try {
                target.onError(error);
            } finally {
                target.domain.exit(locked);
            }
        }

        @Override
        void onMarker(Marker marker) {
            boolean locked = target.domain.enter();
            try {
                target.onMarker(marker);
            } finally {
                target.domain.exit(locked);
            }
        }
    }
}
