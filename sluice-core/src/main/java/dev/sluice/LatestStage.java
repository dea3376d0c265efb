package dev.sluice;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Pipe#latest}: a one-slot boundary. The producer swaps its item into the slot and never
 * waits; an item replaced before the worker took it is counted as dropped. Completion is seen
 * after the last item.
 */
final class LatestStage<T> extends Stage<T, T> {
    private final AtomicReference<Object> slot = new AtomicReference<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<Marker> markers = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean inputDone;
    private volatile boolean cancelled;
    private volatile Thread worker;
    private volatile boolean workerWaiting;

    LatestStage(PipelineImpl pipeline) {
        super(pipeline, "latest", new Domain());
    }

    @Override
    boolean acceptsConcurrentInput() {
        return true;
    }

    @Override
    void onNext(T item) {
        if (slot.getAndSet(item) != null) {
            dropped++;
        }
        wake();
    }

    @Override
    void onMarker(Marker marker) {
        markers.add(marker);
        wake();
    }

    @Override
    synchronized void onComplete() {
        if (--openInputs > 0) {
            return;
        }
        inputDone = true;
        wake();
    }

    @Override
    void onError(Throwable error) {
        // the failure cancels the pipeline; the worker ends through onCancel
    }

    private void wake() {
        if (workerWaiting) {
            Thread w = worker;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    @Override
    void onStart() {
        worker = pipeline.startThread(this, this::run);
    }

    @Override
    void onCancel() {
        cancelled = true;
        Thread w = worker;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    @Override
    int depth() {
        return slot.get() == null ? 0 : 1;
    }

    @SuppressWarnings("unchecked")
    private void run() {
        try {
            while (!cancelled) {
                // a marker was added after the item in front of it was put in the slot: seen
                // first, then an empty slot means that item was taken (pushed or replaced)
                Marker marker = markers.peek();
                if (marker != null && slot.get() == null) {
                    markers.poll();
                    boolean locked = domain.enter();
                    try {
                        passMarker(marker);
                    } finally {
                        domain.exit(locked);
                    }
                    continue;
                }
                Object item = slot.getAndSet(null);
                if (item != null) {
                    long started = System.nanoTime();
                    boolean locked = domain.enter();
                    try {
                        in++;
                        push((T) item);
                    } finally {
                        domain.exit(locked);
                        busyNanos += System.nanoTime() - started;
                    }
                    continue;
                }
                if (inputDone) {
                    if (slot.get() != null || !markers.isEmpty()) {
                        continue; // an item raced in before completion was seen
                    }
                    boolean locked = domain.enter();
                    try {
                        finish();
                    } finally {
                        domain.exit(locked);
                    }
                    return;
                }
                workerWaiting = true;
                if (slot.get() == null && markers.isEmpty() && !inputDone && !cancelled) {
                    LockSupport.park(this);
                }
                workerWaiting = false;
            }
            Throwable failure = pipeline.failure();
            if (failure != null) {
                boolean locked = domain.enter();
                try {
                    failDown(failure);
                } finally {
                    domain.exit(locked);
                }
            }
        } catch (Signal | PipelineException ignored) {
            // the pipeline is ending
        } catch (Throwable t) {
            pipeline.fail(name, PipelineException.NO_ITEM, t);
        }
    }

    @Override
    String notCheckpointable() {
        return "a latest keeps the newest item waiting, which a checkpoint does not keep yet";
    }
}
