package dev.sluice;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@link Pipeline#source(String, int)}: emits go into a multi-producer bounded queue; the
 * source's thread runs the graph. Async emits that find the queue full wait in a list and are
 * moved into the queue, in order, as the worker makes room.
 */
final class QueuedSourceStage<T> extends BufferStage<T> implements Source<T> {
    @Override
    boolean feedsTheGraph() {
        return true;
    }

    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private volatile boolean completed;

    QueuedSourceStage(PipelineImpl pipeline, int capacity) {
        super(pipeline, "source", capacity, true);
    }

    @Override
    public void emit(T item) {
        Objects.requireNonNull(item, "item");
        pipeline.checkAccepting(this, completed);
        try {
            enqueue(item);
        } catch (Signal s) {
            throw pipeline.closedException(this);
        }
    }

    @Override
    public EmitResult tryEmit(T item) {
        Objects.requireNonNull(item, "item");
        if (completed || pipeline.isEnding()) {
            return EmitResult.CLOSED;
        }
        pipeline.ensureStarted();
        if (!waiting.isEmpty()) {
            return EmitResult.FULL; // queued async emits go first
        }
        try {
            return queue().offer(item) ? EmitResult.ACCEPTED : EmitResult.FULL;
        } catch (Signal s) {
            return EmitResult.CLOSED;
        }
    }

    @Override
    public CompletableFuture<Void> emitAsync(T item) {
        Objects.requireNonNull(item, "item");
        if (completed || pipeline.isEnding()) {
            return CompletableFuture.failedFuture(pipeline.closedException(this));
        }
        pipeline.ensureStarted();
        Pending p = new Pending(item, new CompletableFuture<>());
        waiting.add(p);
        moveWaiting();
        return p.accepted;
    }

    @Override
    public void complete() {
        if (completed) {
            return;
        }
        completed = true;
        waiting.add(new Pending(END, null));
        moveWaiting();
    }

    @Override
    void afterBatch() {
        if (!waiting.isEmpty()) {
            moveWaiting();
        }
    }

    private void moveWaiting() {
        synchronized (waiting) {
            Pending p;
            while ((p = waiting.peek()) != null) {
                boolean moved;
                try {
                    moved = queue().offer(p.item);
                } catch (Signal closed) {
                    failWaiting();
                    return;
                }
                if (!moved) {
                    return;
                }
                waiting.poll();
                if (p.accepted != null) {
                    p.accepted.complete(null);
                }
            }
        }
    }

    private void failWaiting() {
        Pending p;
        while ((p = waiting.poll()) != null) {
            if (p.accepted != null) {
                p.accepted.completeExceptionally(pipeline.closedException(this));
            }
        }
    }

    @Override
    void onCancel() {
        super.onCancel();
        synchronized (waiting) {
            failWaiting();
        }
    }

    @Override
    int depth() {
        return super.depth() + waiting.size();
    }

    private record Pending(Object item, CompletableFuture<Void> accepted) {}
}
