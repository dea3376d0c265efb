package dev.sluice;

import java.util.concurrent.CompletableFuture;

/**
 * A pipe you push items into. Made by {@link Pipeline#source(String)} (synchronous: the caller's
 * thread runs the graph; one emitting thread at a time) or {@link Pipeline#source(String, int)}
 * (queued: any number of threads may emit; a node thread runs the graph).
 *
 * <p>The first emit starts the pipeline if it was not started.
 */
public interface Source<T> extends Pipe<T> {

    /**
     * Sends {@code item} into the pipeline, blocking while the source's queue (or, for a
     * synchronous source, a downstream queue) is full.
     *
     * @throws PipelineException if the pipeline has failed (a synchronous source throws the
     *     failure its own item caused)
     * @throws IllegalStateException if the source is completed or the pipeline was stopped or
     *     cancelled
     */
    void emit(T item);

    /**
     * Offers {@code item} without blocking on the source's own queue. A queued source answers
     * {@link EmitResult#FULL} when its queue is full; a synchronous source has no queue and runs
     * the graph on the caller's thread, so it answers {@link EmitResult#ACCEPTED} or
     * {@link EmitResult#CLOSED}.
     */
    EmitResult tryEmit(T item);

    /**
     * Sends {@code item} and returns a future that completes when the item is accepted into
     * the source's queue, or fails if the source closes first. Items are accepted in call order.
     */
    CompletableFuture<Void> emitAsync(T item);

    /**
     * Emits every element of {@code items} in order, as {@link #emit} would one by one, and stops
     * at the first that fails or is refused. A synchronous source runs the loop itself, with the
     * graph compiled into it: faster than {@code emit} in the caller's loop.
     */
    default void emitAll(Iterable<? extends T> items) {
        for (T item : items) {
            emit(item);
        }
    }

    /** Ends this source: no more items; completion flows downstream after what was emitted. */
    void complete();
}
