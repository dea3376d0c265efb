package dev.sluice;

import dev.sluice.time.Clock;
import java.time.Duration;
import java.util.concurrent.Flow;

/**
 * A graph of nodes with one life: created, started, then completed, failed or cancelled. It owns
 * every thread its nodes use; when it ends, {@link #await()} returns only after those threads
 * have exited. Build one with {@link Sluice#pipeline()}.
 *
 * <p>Sources: {@link #source(String)}, {@link #source(String, int)}, {@link #fromIterable},
 * {@link #generate}, {@link #fromPublisher}. Custom nodes: {@link #node}. Operators: see
 * {@link Pipe}.
 *
 * <p>Lifecycle: {@link #start()} starts the node threads (emitting into a source does it too).
 * Finite sources complete by themselves and the pipeline completes when every node has.
 * {@link #stop()} closes the sources and lets in-flight items drain; {@link #cancel()} discards
 * them. {@link #close()} is stop, then wait, then cancel what is left after the grace period.
 */
public interface Pipeline extends AutoCloseable {

    /** A synchronous source: the emitting thread runs the graph downstream of it. */
    <T> Source<T> source(String name);

    /**
     * A queued source: emits go into a bounded queue of {@code capacity} drained by the
     * source's own thread; safe for many emitting threads; {@link Source#tryEmit} never blocks.
     */
    <T> Source<T> source(String name, int capacity);

    /**
     * A source that emits every element of {@code items} on its own thread, then completes. A
     * {@link java.util.Collection} is walked in chunks of 1,024 items, which are handed to the
     * queues below in batches: a {@link #stop()} or {@link #cancel()} takes effect at the end of
     * the chunk. Another iterable is walked item by item, as its iterator may block. A null
     * element fails the source, with its error policy.
     */
    <T> Pipe<T> fromIterable(String name, Iterable<? extends T> items);

    /** A custom source node running {@code generator} on its own thread. */
    <T> Pipe<T> generate(String name, Generator<T> generator);

    /**
     * A source fed by a {@link Flow.Publisher}, requesting {@code prefetch} items at a time and
     * more as they are processed, so the publisher never outruns the pipeline.
     */
    <T> Pipe<T> fromPublisher(String name, Flow.Publisher<? extends T> publisher, int prefetch);

    /**
     * A custom node on its own thread behind an input queue of the pipeline's default capacity.
     * Connect inputs with {@link Pipe#to(Node)}.
     */
    <I, O> Node<I, O> node(String name, Processor<I, O> processor);

    /**
     * A custom node with an input queue of {@code capacity}; {@code 0} runs it without a thread
     * of its own, on the thread of whatever feeds it.
     */
    <I, O> Node<I, O> node(String name, Processor<I, O> processor, int capacity);

    /** Starts the node threads and timers. Idempotent. */
    Pipeline start();

    /**
     * Graceful stop: completes every source (emits are refused from now on), stops generators,
     * and lets queued items drain through the graph. Returns at once; use {@link #await()}.
     */
    void stop();

    /** Hard stop: discards queued items, interrupts node threads, refuses emits. Returns at once. */
    void cancel();

    /**
     * Waits for the pipeline to end and its threads to exit.
     *
     * @throws PipelineException if it failed
     */
    void await() throws InterruptedException;

    /**
     * Waits at most {@code timeout}; true if the pipeline ended.
     *
     * @throws PipelineException if it failed
     */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * Stop, wait up to the pipeline's grace period, then cancel what is left, and wait for the
     * threads. Does not throw the pipeline's failure (so it composes with try-with-resources
     * around {@link #await()}, which does); see {@link #failure()}.
     */
    @Override
    void close();

    /** The current state. */
    PipelineState state();

    /** The first failure, or null. */
    Throwable failure();

    /**
     * The number of the last checkpoint committed (or restored from, before the first of this
     * run), or empty for a pipeline without checkpoints or before its first.
     */
    default java.util.OptionalLong lastCheckpoint() {
        return java.util.OptionalLong.empty();
    }

    /** The pipeline's clock. */
    Clock clock();

    /**
     * Counters and health flags of every node, with each node's inputs: the graph and its state as
     * data. The {@code sluice} command renders it (a status table, DOT, Mermaid, SVG; see
     * {@code dev.sluice.cli.Render}); a program can read it or serve it.
     */
    PipelineSnapshot snapshot();
}
