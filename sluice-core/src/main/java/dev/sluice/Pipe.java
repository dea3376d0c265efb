package dev.sluice;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stream of items in a {@link Pipeline}: the output of one node. Every operator creates a new
 * node that subscribes to this one and returns its output; any pipe can have any number of
 * subscribers (fan-out), and each receives every item.
 *
 * <p>Items are pushed: the thread that emits into a {@link Source} runs every synchronous node
 * downstream of it, fused into plain method calls, until it reaches a sink or a threaded
 * boundary ({@link #buffer}, {@link #latest}, a {@link Node}). A full boundary queue blocks the
 * pushing thread, so backpressure reaches the source.
 *
 * <p>Operators never emit {@code null}. A function that throws is handled by the node's
 * {@link ErrorPolicy}; the default fails the pipeline.
 *
 * @param <T> the item type
 */
public interface Pipe<T> {

    /** The pipeline this pipe belongs to. */
    Pipeline pipeline();

    /** The unique name of the node producing this pipe. */
    String name();

    /** Renames the node producing this pipe; names must be unique in the pipeline. */
    Pipe<T> named(String name);

    /** Sets how the node producing this pipe handles exceptions from its function. */
    Pipe<T> errorPolicy(ErrorPolicy policy);

    // ---- one in, one out ----

    /** Applies {@code fn} to each item. */
    <R> Pipe<R> map(Function<? super T, ? extends R> fn);

    /** Keeps the items for which {@code predicate} is true. */
    Pipe<T> filter(Predicate<? super T> predicate);

    /** Keeps the items for which {@code predicate} is false (streamz {@code filter} negated). */
    Pipe<T> filterNot(Predicate<? super T> predicate);

    /** Emits every element of the iterable {@code fn} returns for each item. */
    <R> Pipe<R> flatMap(Function<? super T, ? extends Iterable<? extends R>> fn);

    /**
     * Emits the elements of each item, which must be an {@link Iterable} or an array; anything
     * else is an error handled by the node's policy.
     */
    <R> Pipe<R> flatten();

    /**
     * Extracts a field: a {@link Map} entry, or a record component, by name. A missing field is
     * an error handled by the node's policy.
     */
    <R> Pipe<R> pluck(String field);

    /** Extracts the element at {@code index} of a {@link List} or array. */
    <R> Pipe<R> pluck(int index);

    /**
     * Running reduction without a start value: the first item becomes the state and is emitted
     * as is, then each item is combined with the state and the new state emitted.
     */
    Pipe<T> scan(BinaryOperator<T> fn);

    /** Running reduction from {@code start}: emits each new state. */
    <S> Pipe<S> scan(S start, BiFunction<? super S, ? super T, ? extends S> fn);

    /**
     * Running reduction that keeps its state apart from what it emits (streamz
     * {@code accumulate(returns_state=True)}): {@code fn} returns the new state and the output.
     * A {@code null} output emits nothing.
     */
    <S, R> Pipe<R> accumulate(S start, BiFunction<? super S, ? super T, Pair<S, R>> fn);

    /** Running count of each distinct item; emits an immutable copy of the counts per item. */
    Pipe<Map<T, Long>> frequencies();

    /** Drops items seen before; remembers every item (memory grows with distinct items). */
    Pipe<T> unique();

    /** Drops items seen among the last {@code maxSize} distinct items (an LRU of items). */
    Pipe<T> unique(int maxSize);

    /** Drops items whose key was seen among the last {@code maxSize} distinct keys. */
    <K> Pipe<T> unique(int maxSize, Function<? super T, ? extends K> key);

    /**
     * Drops items whose key was first seen less than {@code ttl} ago, by the pipeline's clock: a
     * key is forgotten {@code ttl} after it passed (and then passes again), or sooner when more
     * than {@code maxSize} keys are remembered, the oldest first. Memory is bounded by both.
     */
    <K> Pipe<T> unique(int maxSize, java.time.Duration ttl, Function<? super T, ? extends K> key);

    // ---- batches and windows ----

    /**
     * Groups items into batches, lists of {@code n}, to be handed on together (to a sink that
     * writes many at once); a partial batch is emitted on completion. (A batch groups items for
     * throughput; a window groups them to compute over them; partitions are a stream's shards.)
     */
    Pipe<List<T>> batch(int n);

    /**
     * Groups items into batches of {@code n}, emitting a partial batch when {@code timeout} passes
     * after its first item.
     */
    Pipe<List<T>> batch(int n, Duration timeout);

    /**
     * Groups items with equal keys into batches of {@code n}; {@code timeout} (nullable) emits a
     * key's partial batch that long after its first item.
     */
    <K> Pipe<List<T>> batch(int n, Duration timeout, Function<? super T, ? extends K> key);

    /**
     * Groups items with equal keys ({@code key} nullable: one batch at a time) into batches that
     * end at {@code n} items or once their items' {@code weight} (bytes, say) reaches
     * {@code maxWeight}, whichever comes first: an item heavier than {@code maxWeight} is a batch
     * of its own. {@code timeout} (nullable) emits a partial batch that long after its first item.
     */
    <K> Pipe<List<T>> batch(int n, long maxWeight, java.util.function.ToLongFunction<? super T> weight, Duration timeout,
            Function<? super T, ? extends K> key);

    /**
     * streamz's name for {@link #batch(int)}.
     *
     * @deprecated "partition" names a stream's shards elsewhere in Sluice; use {@link #batch(int)}
     */
    @Deprecated(since = "0.2")
    default Pipe<List<T>> partition(int n) {
        return batch(n);
    }

    /**
     * streamz's name for {@link #batch(int, Duration)}.
     *
     * @deprecated use {@link #batch(int, Duration)}
     */
    @Deprecated(since = "0.2")
    default Pipe<List<T>> partition(int n, Duration timeout) {
        return batch(n, timeout);
    }

    /**
     * streamz's name for {@link #batch(int, Duration, Function)}.
     *
     * @deprecated use {@link #batch(int, Duration, Function)}
     */
    @Deprecated(since = "0.2")
    default <K> Pipe<List<T>> partition(int n, Duration timeout, Function<? super T, ? extends K> key) {
        return batch(n, timeout, key);
    }

    /** Emits the last {@code n} items on each item, including the shorter windows at the start. */
    Pipe<List<T>> slidingWindow(int n);

    /** Emits the last {@code n} items on each item; {@code partial=false} waits for a full window. */
    Pipe<List<T>> slidingWindow(int n, boolean partial);

    /**
     * Every {@code interval} of processing time, emits the items received since the last
     * emission, as a list that may be empty (streamz {@code timed_window}).
     */
    Pipe<List<T>> timedWindow(Duration interval);

    /** Partitions the stream by key for windowed aggregation. */
    <K> KeyedPipe<K, T> keyBy(Function<? super T, ? extends K> key);

    /** Accumulates items until {@link CollectPipe#flush()} emits them as one list. */
    CollectPipe<T> collect();

    // ---- time ----

    /** Lets at most one item through per {@code interval}, blocking the emitter (backpressure). */
    Pipe<T> rateLimit(Duration interval);

    /** Emits each item {@code interval} after it arrives, on the pipeline's timer thread. */
    Pipe<T> delay(Duration interval);

    // ---- threads ----

    /**
     * An asynchronous boundary: items enter a bounded queue and the nodes downstream run on a
     * thread of their own. A full queue blocks the upstream thread.
     */
    Pipe<T> buffer(int capacity);

    /**
     * Conflation: a boundary holding only the newest item; when downstream is slow, older
     * items are replaced (and counted as dropped). Never blocks the upstream.
     */
    Pipe<T> latest();

    // ---- several inputs ----

    /** Merges this pipe with others into one pipe. Completes when all inputs complete. */
    @SuppressWarnings("unchecked")
    Pipe<T> union(Pipe<? extends T>... others);

    /** Pairs the n-th item of this pipe with the n-th of {@code other}; buffers up to 64 per side. */
    <U> Pipe<Pair<T, U>> zip(Pipe<U> other);

    /**
     * Pairs items by position, buffering up to {@code maxBuffer} unmatched items per side.
     * When one side's buffer is full its producer waits for the other side if they run on
     * different threads; on one thread that would deadlock, so it is an error instead.
     */
    <U> Pipe<Pair<T, U>> zip(Pipe<U> other, int maxBuffer);

    /** Emits the latest of both pipes whenever either emits, once both have emitted. */
    <U> Pipe<Pair<T, U>> combineLatest(Pipe<U> other);

    /** Emits each item of this pipe with the latest item of {@code other}, once it has one. */
    <U> Pipe<Pair<T, U>> withLatestFrom(Pipe<U> other);

    // ---- custom nodes and outputs ----

    /** Runs {@code processor} on each item, on this pipe's thread. */
    <R> Pipe<R> process(Processor<? super T, R> processor);

    /** Connects this pipe to the input of {@code node} (nanostream's {@code a > b}); returns the node. */
    <R> Node<T, R> to(Node<? super T, R> node);

    /** Calls {@code action} for each item. */
    Sink<T> sink(Consumer<? super T> action);

    /**
     * A {@link Flow.Publisher} of this pipe's items that honours demand: up to {@code capacity}
     * items wait for a subscriber's request, then the upstream blocks. One subscriber.
     */
    Flow.Publisher<T> toPublisher(int capacity);
}
